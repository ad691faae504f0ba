#include "model/compose_invocation.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "model/compose_project.h"
#include "parsers/env_file.h"
#include "parsers/exec_command.h"

namespace docklint::model {
namespace {

namespace fs = std::filesystem;

bool IsAbsolute(std::string_view path) { return path.starts_with('/'); }

// An absolute path made normal as Go's filepath.Clean makes it: no ".", "..", doubled or trailing '/'.
std::string Clean(const std::string& path) {
  std::string out = fs::path(path).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// `path` taken from `dir`, as filepath.Abs does for an absolute `dir`. A relative `dir` (a folder a walk
// found, on disk) is joined without cleaning, so files are named as the user's path names them.
std::string Join(const std::string& dir, const std::string& path) {
  if (IsAbsolute(path)) return Clean(path);
  if (IsAbsolute(dir)) return Clean((fs::path(dir) / path).string());
  return (fs::path(dir) / path).string();
}

std::string Parent(const std::string& path) { return fs::path(path).parent_path().string(); }

std::string_view Basename(std::string_view path) { return path.substr(path.rfind('/') + 1); }

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Options of the docker CLI that take a value, before its subcommand (docker --context x compose ...).
bool DockerOptionTakesValue(std::string_view name) {
  return IsOneOf(name, {"--config", "-c", "--context", "-H", "--host", "-l", "--log-level", "--tlscacert",
                        "--tlscert", "--tlskey"});
}

// Options of docker compose (v2) and docker-compose (v1) that take a value, before the command.
bool ComposeOptionTakesValue(std::string_view name) {
  return IsOneOf(name, {"-f", "--file", "-p", "--project-name", "--project-directory", "--workdir",
                        "--env-file", "--profile", "--parallel", "--ansi", "--progress", "-H", "--host", "-c",
                        "--context", "--log-level", "--tlscacert", "--tlscert", "--tlskey"});
}

// One option of a command line as pflag and docopt read them: --name=value, --name value, -xvalue, -x=value,
// -x value; or a word that is no option.
struct Option {
  std::string name;        // "--file", "-f"; empty: argv[at] is not an option
  bool has_value = false;  // the option took a value
  ComposePathArg value;    // its value, with where it is written
  size_t next = 0;         // the index after the option and its value
};

Option ReadOption(const std::vector<base::MappedText>& argv, const std::vector<base::SourceSpan>& spans,
                  size_t at, bool (*takes_value)(std::string_view)) {
  Option option;
  option.next = at + 1;
  const std::string& word = argv[at].text();
  if (word.size() < 2 || word[0] != '-') return option;
  size_t inline_value = std::string::npos;  // where a value written in the same word starts
  if (word.starts_with("--")) {
    size_t eq = word.find('=');
    option.name = word.substr(0, eq);
    if (eq != std::string::npos) inline_value = eq + 1;
  } else {
    option.name = word.substr(0, 2);
    if (word.size() > 2 && takes_value(option.name)) inline_value = word[2] == '=' ? 3 : 2;
  }
  if (inline_value != std::string::npos) {
    option.has_value = true;
    option.value = {word.substr(inline_value), argv[at].SpanOf(inline_value, word.size())};
  } else if (takes_value(option.name) && at + 1 < argv.size()) {
    option.has_value = true;
    option.value = {argv[at + 1].text(), spans[at + 1]};
    option.next = at + 2;
  }
  return option;
}

// `env [OPTION]... [NAME=VALUE]... COMMAND`: the index of COMMAND, with the assignments and -C's folder;
// nullopt for what cannot be followed (-S splits a string into more words).
std::optional<size_t> SkipEnv(const std::vector<base::MappedText>& argv,
                              const std::vector<base::SourceSpan>& spans, ComposeCommandLine* out) {
  auto takes_value = [](std::string_view name) { return IsOneOf(name, {"-u", "--unset", "-C", "--chdir"}); };
  size_t at = 1;
  while (at < argv.size()) {
    const std::string& word = argv[at].text();
    if (word == "--") {
      ++at;
      break;
    }
    if (word == "-") {  // as -i
      ++at;
      continue;
    }
    if (!word.starts_with('-')) break;
    Option option = ReadOption(argv, spans, at, takes_value);
    if (option.name == "-S" || option.name == "--split-string") return std::nullopt;
    if (option.name == "-C" || option.name == "--chdir") out->chdir = option.value;
    at = option.next;
  }
  for (; at < argv.size(); ++at) {
    const std::string& word = argv[at].text();
    size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0) break;
    out->environment[word.substr(0, eq)] = word.substr(eq + 1);
  }
  if (at >= argv.size()) return std::nullopt;
  return at;
}

void AddVariables(const std::map<std::string, std::string>& environment, ComposeVariables* variables) {
  for (const auto& [name, value] : environment) (*variables)[name] = ComposeVariable{value, {}};
}

// The first default file in `dir` or its nearest parent that has one, with the first override beside it.
std::vector<std::string> DefaultFiles(const std::string& start, const ComposeFileAccess& access) {
  for (std::string dir = start;;) {
    for (std::string_view name : DefaultComposeFileNames()) {
      std::string path = Join(dir, std::string(name));
      if (!access.exists(path)) continue;
      std::vector<std::string> files{path};
      for (std::string_view override_name : ComposeOverrideFileNames()) {
        std::string override_path = Join(dir, std::string(override_name));
        if (access.exists(override_path)) {
          files.push_back(override_path);
          break;
        }
      }
      return files;
    }
    std::string parent = Parent(dir);
    if (parent.empty() || parent == dir) return {};
    dir = parent;
  }
}

// The service's environment from its Environment= assignments (an empty one resets it).
void AddEnvironment(const parsers::UnitEntry& entry, std::map<std::string, std::string>* environment) {
  if (entry.value.empty()) {
    environment->clear();
    return;
  }
  std::vector<base::MappedText> words;
  base::Diagnostics ignored;  // reported for docker.service by the host model; other units are not linted
  if (!parsers::SplitWords(entry.value, &words, &ignored)) return;
  for (const base::MappedText& word : words) {
    size_t eq = word.text().find('=');
    if (eq == std::string::npos || !parsers::IsValidEnvName(std::string_view(word.text()).substr(0, eq)))
      continue;
    (*environment)[word.text().substr(0, eq)] = word.text().substr(eq + 1);
  }
}

// Whether systemd fills in part of a word only when it starts the service.
bool ExpandedAtStart(std::string_view word, bool expands_variables) {
  return word.find('%') != std::string_view::npos ||
         (expands_variables && word.find('$') != std::string_view::npos);
}

bool HasWordExpandedAtStart(const ComposeCommandLine& command, bool expands_variables) {
  auto expanded = [&](const ComposePathArg& arg) { return ExpandedAtStart(arg.value, expands_variables); };
  return std::any_of(command.files.begin(), command.files.end(), expanded) ||
         std::any_of(command.env_files.begin(), command.env_files.end(), expanded) ||
         (command.project_directory && expanded(*command.project_directory)) ||
         (command.chdir && expanded(*command.chdir));
}

}  // namespace

bool ComposeCommandLine::NeedsProject() const {
  return !subcommand.empty() && !IsOneOf(subcommand, {"version", "ls", "help"});
}

std::optional<ComposeCommandLine> ParseComposeCommandLine(const std::vector<base::MappedText>& argv,
                                                          const std::vector<base::SourceSpan>& word_spans) {
  if (argv.empty() || word_spans.size() != argv.size()) return std::nullopt;
  ComposeCommandLine out;
  size_t at = 0;
  if (Basename(argv[0].text()) == "env") {
    std::optional<size_t> command = SkipEnv(argv, word_spans, &out);
    if (!command) return std::nullopt;
    at = *command;
  }
  std::string_view program = Basename(argv[at].text());
  ++at;
  if (program == "docker") {
    while (at < argv.size()) {
      Option option = ReadOption(argv, word_spans, at, DockerOptionTakesValue);
      if (option.name.empty()) break;
      at = option.next;
    }
    if (at >= argv.size() || argv[at].text() != "compose") return std::nullopt;
    ++at;
  } else if (program != "docker-compose") {
    return std::nullopt;
  }
  while (at < argv.size()) {
    if (argv[at].text() == "--") {
      ++at;
      break;
    }
    Option option = ReadOption(argv, word_spans, at, ComposeOptionTakesValue);
    if (option.name.empty()) break;
    at = option.next;
    if (!option.has_value) continue;
    if (option.name == "-f" || option.name == "--file") out.files.push_back(option.value);
    if (option.name == "--project-directory" || option.name == "--workdir")
      out.project_directory = option.value;
    if (option.name == "--env-file") out.env_files.push_back(option.value);
    if (option.name == "-p" || option.name == "--project-name") out.project_name = true;
  }
  if (at < argv.size()) out.subcommand = argv[at].text();
  const base::SourceSpan& first = word_spans.front();
  const base::SourceSpan& last = word_spans.back();
  out.span = first.file == last.file && first.begin <= last.end
                 ? base::SourceSpan{first.file, first.begin, last.end}
                 : first;
  return out;
}

ComposeProjectFiles ComposeFilesOfCommand(const ComposeCommandLine& command, const std::string& cwd,
                                          const std::map<std::string, std::string>& environment,
                                          const ComposeFileAccess& access) {
  ComposeProjectFiles out;
  std::string dir = command.chdir ? Join(cwd, command.chdir->value) : cwd;
  std::optional<std::string> project_directory;
  if (command.project_directory) project_directory = Join(dir, command.project_directory->value);
  for (const ComposePathArg& file : command.files) {
    if (file.value == "-") {
      out.from_stdin = true;
      return out;
    }
    out.files.push_back(Join(dir, file.value));
    if (!access.exists(out.files.back())) out.missing.push_back({out.files.back(), "-f", file.span});
  }
  // The .env is read before COMPOSE_FILE is looked at: from the project directory, else the first -f
  // file's folder, else the working directory (compose-go's GetWorkingDir at that point).
  std::string dotenv_dir = project_directory    ? *project_directory
                           : !out.files.empty() ? Parent(out.files[0])
                                                : dir;
  for (const ComposePathArg& env_file : command.env_files) {
    std::string path = Join(dir, env_file.value);
    if (!access.exists(path)) {
      out.missing.push_back({path, "--env-file", env_file.span});
    } else {
      out.dotenv = path;  // compose reads them all, the later ones winning; the job reads the last
    }
  }
  if (command.env_files.empty()) {
    std::string path = Join(dotenv_dir, ".env");
    if (access.exists(path)) out.dotenv = path;
  }
  if (out.files.empty()) {
    ComposeVariables variables;
    std::string text;
    if (!out.dotenv.empty() && access.read(out.dotenv, &text)) {
      base::SourceFile dotenv(out.dotenv, std::move(text));
      base::Diagnostics ignored;  // reported when the project is linted
      variables = ReadComposeDotenv(dotenv, &ignored);
    }
    AddVariables(environment, &variables);  // the process's environment wins over the .env
    AddVariables(command.environment, &variables);
    for (const std::string& name : ComposeFileVariable(variables)) {
      out.files.push_back(Join(dir, name));
      if (!access.exists(out.files.back()))
        out.missing.push_back({out.files.back(), "COMPOSE_FILE", command.span});
    }
  }
  if (out.files.empty()) out.files = DefaultFiles(project_directory ? *project_directory : dir, access);
  out.directory = project_directory ? *project_directory : !out.files.empty() ? Parent(out.files[0]) : dir;
  return out;
}

ComposeProjectFiles ComposeFilesInFolder(const std::string& folder, const ComposeFileAccess& access) {
  ComposeProjectFiles out = ComposeFilesOfCommand(ComposeCommandLine{}, folder, {}, access);
  out.directory = folder;
  return out;
}

std::vector<ServiceComposeCommand> ComposeCommandsOfService(const std::vector<parsers::UnitFile>& units) {
  static constexpr std::array<std::string_view, 4> kExecKeys = {"ExecStartPre", "ExecStart", "ExecStartPost",
                                                                "ExecReload"};
  std::array<std::vector<const parsers::UnitEntry*>, kExecKeys.size()> exec;
  const parsers::UnitEntry* working_directory = nullptr;
  std::string user;
  std::map<std::string, std::string> environment;
  for (const parsers::UnitFile& unit : units) {
    for (const parsers::UnitEntry& entry : unit.entries) {
      if (entry.section != "Service") continue;
      for (size_t i = 0; i < kExecKeys.size(); ++i) {
        if (entry.key != kExecKeys[i]) continue;
        if (entry.value.empty()) {
          exec[i].clear();  // an empty assignment resets the list
        } else {
          exec[i].push_back(&entry);
        }
      }
      if (entry.key == "WorkingDirectory") working_directory = entry.value.empty() ? nullptr : &entry;
      if (entry.key == "User") user = base::Trim(entry.value.text());
      if (entry.key == "Environment") AddEnvironment(entry, &environment);
    }
  }
  // WorkingDirectory=[-]PATH or ~ (the user's home); systemd refuses a relative one. Without it a system
  // service runs in /.
  std::string cwd = "/";
  if (working_directory != nullptr) {
    std::string_view value = base::Trim(working_directory->value.text());
    if (value.starts_with('-')) value.remove_prefix(1);
    if (value == "~" && (user.empty() || user == "root" || user == "0")) {
      cwd = "/root";
    } else if (!IsAbsolute(value) || ExpandedAtStart(value, false)) {
      return {};
    } else {
      cwd = Clean(std::string(value));
    }
  }
  std::vector<ServiceComposeCommand> out;
  for (size_t i = 0; i < kExecKeys.size(); ++i) {
    for (const parsers::UnitEntry* entry : exec[i]) {
      base::Diagnostics ignored;  // as for Environment=
      for (parsers::ExecCommand& command : parsers::SplitExecCommands(entry->value, &ignored)) {
        if (command.argv0_from_next && command.argv.size() > 1) {  // '@': argv[1] is only argv[0]'s name
          command.argv.erase(command.argv.begin() + 1);
          command.word_spans.erase(command.word_spans.begin() + 1);
        }
        std::optional<ComposeCommandLine> compose = ParseComposeCommandLine(command.argv, command.word_spans);
        if (!compose || HasWordExpandedAtStart(*compose, !command.no_env_expansion)) continue;
        ServiceComposeCommand found{std::move(*compose), cwd, environment, std::string(kExecKeys[i])};
        for (const auto& [name, value] : found.command.environment) found.environment[name] = value;
        out.push_back(std::move(found));
      }
    }
  }
  return out;
}

}  // namespace docklint::model
