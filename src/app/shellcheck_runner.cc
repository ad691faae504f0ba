#include "app/shellcheck_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/read_log.h"
#include "model/dockerfile_keyword.h"
#include "model/dockerfile_model.h"

extern char** environ;

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// What a RUN of the stage is checked with at a point of the walk.
struct ShellState {
  std::string shell = "/bin/sh";  // the SHELL program (its first word)
  bool shell_set = false;         // a SHELL instruction said so
  bool windows = false;           // a Windows base image: cmd unless SHELL says otherwise
  std::set<std::string> args;     // ARG names of the stage
  std::set<std::string> env;      // ENV names, the base stage's included
  std::set<std::string> onbuild;  // ONBUILD ARG and ENV names of the stage
};

// Images whose default shell is cmd: Windows Server Core, Nano Server and what is built on them.
bool IsWindowsImage(std::string_view image) {
  std::string lower = Lower(image);
  for (std::string_view marker : {"windows", "nanoserver", "servercore", "dotnet/framework"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

// The shell of a shebang line ("#!/usr/bin/env bash -e"): its program as SHELL would name it.
std::string ShebangProgram(std::string_view line) {
  line.remove_prefix(2);
  size_t end = line.find('\n');
  return std::string(line.substr(0, end));
}

class ScriptWriter {
 public:
  explicit ScriptWriter(ShellcheckScript* script) : script_(script) {}
  void Text(std::string_view text) { script_->text += text; }
  void File(const std::string& content, uint32_t begin, uint32_t end) {
    if (end <= begin) return;
    script_->pieces.push_back({script_->text.size(), begin, end - begin});
    script_->text.append(content, begin, end - begin);
  }
  void Bytes(std::string_view bytes, uint32_t file_offset) {
    script_->pieces.push_back({script_->text.size(), file_offset, bytes.size()});
    script_->text += bytes;
  }

 private:
  ShellcheckScript* script_;
};

std::string ExportLine(const std::set<std::string>& names) {
  // hadolint's defaults: the proxy variables BuildKit passes to every RUN without an ARG.
  std::set<std::string> all = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
                               "FTP_PROXY",  "ftp_proxy",  "NO_PROXY",    "no_proxy"};
  for (const std::string& name : names) {
    if (IsIdentifier(name)) all.insert(name);
  }
  std::string line = "export";
  for (const std::string& name : all) line += " " + name + "=1";
  return line + "\n";
}

// `RUN <<EOF` alone: BuildKit runs the heredoc's content as the script (reHeredoc in its parser matches the
// whole command).
bool IsHeredocOnly(std::string_view command) {
  while (!command.empty() && std::isspace(static_cast<unsigned char>(command.back())))
    command.remove_suffix(1);
  while (!command.empty() && std::isspace(static_cast<unsigned char>(command.front())))
    command.remove_prefix(1);
  size_t i = 0;
  while (i < command.size() && std::isdigit(static_cast<unsigned char>(command[i]))) ++i;
  if (command.substr(i, 2) != "<<") return false;
  std::string_view rest = command.substr(i + 2);
  if (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  return !rest.empty() && rest.find_first_of("< \t") == std::string_view::npos;
}

// The script of one shell-form RUN, or none when shellcheck cannot read it.
void AddRunScript(const parsers::Dockerfile& dockerfile, const parsers::DockerfileInstruction& run,
                  const std::string& shell, bool windows, const std::set<std::string>& names,
                  std::vector<ShellcheckScript>* out) {
  if (run.json_form || run.shell_source.empty()) return;
  if (windows) return;  // cmd /S /C, unless a SHELL said otherwise (the caller passes windows false then)
  std::string dialect = ShellcheckDialect(shell);
  const std::string& content = dockerfile.file->content();
  ShellcheckScript script;
  script.run = &run;
  ScriptWriter writer(&script);
  if (!run.heredocs.empty() && IsHeredocOnly(run.shell_source)) {
    // The heredoc is the script: run by its shebang when it has one (BuildKit makes it a file and runs it),
    // else by the SHELL.
    const parsers::DockerfileHeredoc& heredoc = run.heredocs.front();
    uint32_t begin = heredoc.content_span.begin;
    uint32_t end = heredoc.content_span.end;
    std::string_view body = std::string_view(content).substr(begin, end - begin);
    size_t first = 0;
    if (heredoc.strip_tabs) {
      while (first < body.size() && body[first] == '\t') ++first;
    }
    if (body.substr(first).starts_with("#!")) {
      std::string program = ShebangProgram(body.substr(first));
      dialect = ShellcheckDialect(program);
      if (dialect.empty()) return;  // python, node, ...
      size_t newline = body.find('\n', first);
      size_t shebang_end = newline == std::string_view::npos ? body.size() : newline + 1;
      writer.File(content, static_cast<uint32_t>(begin + first), static_cast<uint32_t>(begin + shebang_end));
      if (newline == std::string_view::npos) writer.Text("\n");
      writer.Text(ExportLine(names));
      writer.File(content, static_cast<uint32_t>(begin + shebang_end), end);
    } else {
      if (dialect.empty()) return;
      writer.Text("#!/bin/" + dialect + "\n" + ExportLine(names));
      writer.File(content, begin, end);
    }
  } else {
    if (dialect.empty()) return;
    writer.Text("#!/bin/" + dialect + "\n" + ExportLine(names));
    writer.Bytes(run.shell_source, run.shell_offset);
    if (!run.heredocs.empty()) {
      // BuildKit passes the command, then each heredoc's body and delimiter, to the shell: the file's bytes
      // from the end of the command to the last delimiter.
      const parsers::DockerfileHeredoc& last = run.heredocs.back();
      uint32_t end = last.terminator_span.valid() ? last.terminator_span.end : last.content_span.end;
      writer.File(content, static_cast<uint32_t>(run.shell_offset + run.shell_source.size()), end);
    }
  }
  if (script.text.empty() || script.text.back() != '\n') script.text += '\n';
  script.dialect = dialect;
  out->push_back(std::move(script));
}

// The stage alias a FROM gives, lower-cased, or "".
std::string AliasOf(const parsers::DockerfileInstruction& from) {
  if (from.args.size() >= 3 && Lower(from.args[1].value) == "as") return Lower(from.args[2].value);
  return "";
}

std::vector<std::string> DeclaredNames(const parsers::Dockerfile& dockerfile,
                                       const parsers::DockerfileInstruction& instruction,
                                       model::Keyword keyword) {
  std::vector<std::string> names;
  if (keyword == model::Keyword::kArg) {
    for (const parsers::DockerfileWord& word : instruction.args) {
      std::string unquoted = model::UnquoteWord(word.value, dockerfile.escape);
      names.push_back(unquoted.substr(0, unquoted.find('=')));
    }
  } else if (keyword == model::Keyword::kEnv) {
    for (size_t i = 0; i < instruction.args.size(); i += 2) {
      names.push_back(model::UnquoteWord(instruction.args[i].value, dockerfile.escape));
    }
  }
  return names;
}

// Byte offset in `text` of a 1-based line and a 1-based column counted in characters (UTF-8).
size_t ScriptOffset(const std::string& text, uint32_t line, uint32_t column) {
  size_t offset = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t next = text.find('\n', offset);
    if (next == std::string::npos) return text.size();
    offset = next + 1;
  }
  for (uint32_t c = 1; c < column && offset < text.size() && text[offset] != '\n'; ++c) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

}  // namespace

std::string ShellcheckDialect(std::string_view program) {
  // The first word, then its last path segment ("C:\...\powershell.exe" too), without ".exe".
  auto word = [](std::string_view text, size_t* pos) {
    while (*pos < text.size() && std::isspace(static_cast<unsigned char>(text[*pos]))) ++*pos;
    size_t begin = *pos;
    while (*pos < text.size() && !std::isspace(static_cast<unsigned char>(text[*pos]))) ++*pos;
    return text.substr(begin, *pos - begin);
  };
  auto base = [](std::string_view path) {
    size_t slash = path.find_last_of("/\\");
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
    std::string name = Lower(path);
    if (name.ends_with(".exe")) name.resize(name.size() - 4);
    return name;
  };
  size_t pos = 0;
  std::string name = base(word(program, &pos));
  if (name == "env") {
    std::string_view next = word(program, &pos);
    while (next.starts_with("-")) next = word(program, &pos);
    name = base(next);
  }
  if (name == "sh" || name == "bash" || name == "dash" || name == "ksh") return name;
  if (name == "mksh") return "ksh";
  if (name == "ash" || name == "busybox")
    return "dash";  // hadolint: ash is checked as dash (SC2187 excluded)
  return "";
}

std::vector<ShellcheckScript> BuildShellcheckScripts(const parsers::Dockerfile& dockerfile) {
  std::vector<ShellcheckScript> scripts;
  if (dockerfile.file == nullptr) return scripts;
  std::vector<ShellState> stages;
  std::map<std::string, size_t> aliases;  // first stage of each name
  ShellState before_from;                 // what comes before the first FROM is no stage's
  size_t current = 0;
  bool windows_file = dockerfile.escape == '`';
  for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions) {
    model::Keyword keyword = model::KeywordOf(instruction.keyword);
    if (keyword == model::Keyword::kFrom) {
      std::string base = instruction.args.empty()
                             ? ""
                             : Lower(model::UnquoteWord(instruction.args[0].value, dockerfile.escape));
      ShellState next;
      if (auto it = aliases.find(base); it != aliases.end()) {
        // Built FROM an earlier stage: its SHELL and ENV carry over (the image config); ARGs do not.
        const ShellState& parent = stages[it->second];
        next.shell = parent.shell;
        next.shell_set = parent.shell_set;
        next.windows = parent.windows;
        next.env = parent.env;
      } else {
        next.windows = windows_file || IsWindowsImage(base);
      }
      current = stages.size();
      stages.push_back(std::move(next));
      if (std::string alias = AliasOf(instruction); !alias.empty()) aliases.emplace(alias, current);
      continue;
    }
    ShellState& state = stages.empty() ? before_from : stages[current];
    switch (keyword) {
      case model::Keyword::kArg:
        for (std::string& name : DeclaredNames(dockerfile, instruction, keyword)) state.args.insert(name);
        break;
      case model::Keyword::kEnv:
        for (std::string& name : DeclaredNames(dockerfile, instruction, keyword)) state.env.insert(name);
        break;
      case model::Keyword::kShell:
        if (instruction.json_form && !instruction.args.empty()) {
          state.shell = instruction.args[0].value;
          state.shell_set = true;
        }
        break;
      case model::Keyword::kRun: {
        std::set<std::string> names = state.args;
        names.insert(state.env.begin(), state.env.end());
        AddRunScript(dockerfile, instruction, state.shell, state.windows && !state.shell_set, names,
                     &scripts);
        break;
      }
      case model::Keyword::kOnbuild: {
        const parsers::DockerfileInstruction* trigger = instruction.trigger.get();
        if (trigger == nullptr) break;
        model::Keyword trigger_keyword = model::KeywordOf(trigger->keyword);
        if (trigger_keyword == model::Keyword::kArg || trigger_keyword == model::Keyword::kEnv) {
          for (std::string& name : DeclaredNames(dockerfile, *trigger, trigger_keyword))
            state.onbuild.insert(name);
        } else if (trigger_keyword == model::Keyword::kRun) {
          // It runs in an image built FROM this one: this stage's ENV and SHELL are in its config, its ARGs
          // are not; the ONBUILD ARG and ENV before it run first.
          std::set<std::string> names = state.env;
          names.insert(state.onbuild.begin(), state.onbuild.end());
          AddRunScript(dockerfile, *trigger, state.shell, state.windows && !state.shell_set, names, &scripts);
        }
        break;
      }
      default:
        break;
    }
  }
  return scripts;
}

bool ParseShellcheckJson(std::string_view json, const std::vector<std::string>& names,
                         std::vector<ShellcheckComment>* comments, std::string* error) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("comments") ||
      !parsed["comments"].is_array()) {
    *error = "shellcheck's output is not its json1 format";
    return false;
  }
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  for (const nlohmann::json& item : parsed["comments"]) {
    if (!item.is_object()) continue;
    auto it = index.find(item.value("file", std::string()));
    if (it == index.end()) continue;
    ShellcheckComment comment;
    comment.script = it->second;
    comment.line = item.value("line", 1u);
    comment.column = item.value("column", 1u);
    comment.end_line = item.value("endLine", comment.line);
    comment.end_column = item.value("endColumn", comment.column);
    comment.level = item.value("level", std::string("warning"));
    comment.code = item.value("code", 0);
    comment.message = item.value("message", std::string());
    comments->push_back(std::move(comment));
  }
  return true;
}

base::SourceSpan MapShellcheckComment(const ShellcheckScript& script, const ShellcheckComment& comment,
                                      const base::SourceFile& file) {
  uint32_t anchor = script.run->keyword_span.begin;
  auto map = [&](size_t offset, bool is_end) -> std::optional<uint32_t> {
    for (const ShellcheckScript::Piece& piece : script.pieces) {
      if (offset >= piece.script_offset && (offset < piece.script_offset + piece.length ||
                                            (is_end && offset == piece.script_offset + piece.length))) {
        return static_cast<uint32_t>(piece.file_offset + (offset - piece.script_offset));
      }
    }
    return std::nullopt;
  };
  size_t begin = ScriptOffset(script.text, comment.line, comment.column);
  size_t end = ScriptOffset(script.text, comment.end_line, comment.end_column);
  std::optional<uint32_t> file_begin = map(begin, false);
  if (!file_begin && !script.pieces.empty() && begin >= script.pieces.back().script_offset) {
    // Past the end (an unterminated quote is reported where the script ends): the last byte of the RUN.
    const ShellcheckScript::Piece& last = script.pieces.back();
    if (last.length > 0) {
      file_begin = static_cast<uint32_t>(last.file_offset + last.length - 1);
      end = begin;
    }
  }
  if (!file_begin) return {&file, anchor, anchor};
  std::optional<uint32_t> file_end = end > begin ? map(end, true) : std::nullopt;
  uint32_t e = file_end && *file_end >= *file_begin ? *file_end : *file_begin;
  return {&file, *file_begin, std::min<uint32_t>(e, static_cast<uint32_t>(file.content().size()))};
}

base::Severity ShellcheckSeverity(std::string_view level) {
  if (level == "warning") return base::Severity::kWarning;
  if (level == "info") return base::Severity::kInfo;
  if (level == "style") return base::Severity::kStyle;
  return base::Severity::kError;
}

ShellcheckRun RunShellcheck(const std::vector<ShellcheckScript>& scripts, const std::string& program,
                            int timeout_ms) {
  ShellcheckRun run;
  if (scripts.empty()) return run;
  // A private folder for the scripts, one file each.
  std::error_code ec;
  fs::path tmp = fs::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  std::string pattern = (tmp / "docklint-shellcheck-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    run.failed = true;
    run.error = std::string("cannot make a temporary folder: ") + std::strerror(errno);
    return run;
  }
  fs::path folder = pattern;
  struct Cleanup {
    fs::path folder;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(folder, ignored);
    }
  } cleanup{folder};
  // What shellcheck says depends on which shellcheck is installed: a job that asked it is not cached.
  if (ReadLog* log = CurrentReadLog()) log->MarkUncacheable();
  std::vector<std::string> names;
  for (size_t i = 0; i < scripts.size(); ++i) {
    names.push_back((folder / ("run" + std::to_string(i) + ".sh")).string());
    std::ofstream out(names.back(), std::ios::binary);
    out << scripts[i].text;
    if (!out) {
      run.failed = true;
      run.error = "cannot write " + names.back();
      return run;
    }
  }
  std::string exclude = "--exclude=";
  for (int code : kShellcheckExcluded) exclude += (exclude.back() == '=' ? "" : ",") + std::to_string(code);
  std::vector<std::string> argv_strings = {program, "--format=json1", "--norc", exclude};
  argv_strings.insert(argv_strings.end(), names.begin(), names.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  // The environment, with a UTF-8 locale so that shellcheck reads non-ASCII scripts.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry = *e;
    if (entry.starts_with("LC_ALL=") || entry.starts_with("LANG=")) continue;
    env_strings.emplace_back(entry);
  }
  env_strings.push_back("LC_ALL=C.UTF-8");
  env_strings.push_back("LANG=C.UTF-8");
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    run.failed = true;
    run.error = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    run.failed = true;
    run.error = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    run.missing = true;
    run.error = "cannot run " + program + ": " + std::strerror(spawned);
    return run;
  }
  std::string output, errors;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  bool timed_out = false;
  int open_fds = 2;
  while (open_fds > 0) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (pollfd& fd : fds) {
      if (fd.fd < 0 || fd.revents == 0) continue;
      char buffer[65536];
      ssize_t n = read(fd.fd, buffer, sizeof buffer);
      if (n > 0) {
        (&fd == &fds[0] ? output : errors).append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fd.fd);
        fd.fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    run.failed = true;
    run.error = "shellcheck took longer than " + std::to_string(timeout_ms / 1000) + " s";
    return run;
  }
  // 0: no comments, 1: comments; anything else (or a signal) is a failure.
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    run.failed = true;
    while (!errors.empty() && errors.back() == '\n') errors.pop_back();
    run.error = WIFEXITED(status) ? "shellcheck exited with status " + std::to_string(WEXITSTATUS(status))
                                  : "shellcheck was killed by signal " + std::to_string(WTERMSIG(status));
    if (!errors.empty()) run.error += ": " + errors.substr(0, errors.find('\n'));
    return run;
  }
  std::string error;
  if (!ParseShellcheckJson(output, names, &run.comments, &error)) {
    run.failed = true;
    run.error = error;
  }
  return run;
}

}  // namespace docklint::app
