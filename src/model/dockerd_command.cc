#include "model/dockerd_command.h"

#include "parsers/env_file.h"

namespace docklint::model {
namespace {

using base::MappedText;

// The kernel runs a program only when its arguments fit in ARG_MAX, 2 MiB with the usual 8 MiB stack
// (execve(2): E2BIG). A longer expansion, such as $DOCKER_OPTS repeated thousands of times, could never
// start dockerd, and building it took gigabytes.
constexpr size_t kMaxArgvBytes = 2 * 1024 * 1024;

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Expands ${VAR} and $$ inside one word (systemd replace_env), and the specifier %% (a literal %) that
// systemd resolves when it loads the unit; other specifiers (%n, %H, ...) are kept as written. An unset
// variable expands to nothing.
MappedText ExpandInWord(const MappedText& word, const ServiceEnvironment& environment,
                        base::Diagnostics* diagnostics) {
  const std::string& text = word.text();
  MappedText out;
  for (size_t i = 0; i < text.size() && out.size() <= kMaxArgvBytes;) {
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == text[i]) {
      out.Append(text[i], word.SpanOf(i, i + 2));
      i += 2;
      continue;
    }
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close != std::string::npos) {
        std::string name = text.substr(i + 2, close - i - 2);
        auto it = environment.find(name);
        if (it != environment.end()) {
          const std::string& value = it->second.text();
          if (i == 0 && close + 1 == text.size() && value.find_first_of(" \t\n") != std::string::npos) {
            diagnostics->push_back({base::DiagnosticCode::kBracedVariableOneArgument,
                                    "\"${" + name + "}\" is passed to dockerd as one argument (\"" + value +
                                        "\"); write $" + name + " as its own word to split it into arguments",
                                    word.SpanOf(0, text.size())});
          }
          out.Append(it->second);
        }
        i = close + 1;
        continue;
      }
    }
    out.Append(text[i], word.OriginOf(i));
    ++i;
  }
  return out;
}

}  // namespace

std::vector<const parsers::UnitEntry*> SurplusExecStarts(
    const std::vector<const parsers::UnitEntry*>& entries) {
  std::vector<const parsers::UnitEntry*> surplus;
  bool have_one = false;
  for (const parsers::UnitEntry* entry : entries) {
    if (entry->value.empty()) {
      have_one = false;
      surplus.clear();  // a reset forgives what came before it
    } else if (have_one) {
      surplus.push_back(entry);
    } else {
      have_one = true;
    }
  }
  return surplus;
}

const parsers::UnitEntry* EffectiveExecStart(const std::vector<const parsers::UnitEntry*>& entries) {
  const parsers::UnitEntry* last = nullptr;
  for (const parsers::UnitEntry* entry : entries) last = entry->value.empty() ? nullptr : entry;
  return last;
}

std::optional<DockerdCommand> ResolveDockerdCommand(const parsers::UnitEntry& exec_start,
                                                    const ServiceEnvironment& environment,
                                                    base::Diagnostics* diagnostics) {
  std::vector<parsers::ExecCommand> commands = parsers::SplitExecCommands(exec_start.value, diagnostics);
  if (commands.empty() || commands.front().argv.empty()) return std::nullopt;
  const parsers::ExecCommand& command = commands.front();
  DockerdCommand out;
  out.exec_start = exec_start.span;
  out.executable = command.argv.front().text();
  std::vector<MappedText> words;
  size_t argv_bytes = out.executable.size() + 1, counted = 0;  // arguments with their NULs, so far
  for (size_t i = 1; i < command.argv.size(); ++i) {
    if (i == 1 && command.argv0_from_next) continue;  // '@': this word is only the process name
    const MappedText& word = command.argv[i];
    const std::string& text = word.text();
    if (command.no_env_expansion) {
      words.push_back(word);
    } else if (text.size() > 1 && text[0] == '$' &&
               parsers::IsValidEnvName(std::string_view(text).substr(1))) {
      // "$VAR" as a whole word: the value is split at whitespace, quotes respected and removed.
      auto it = environment.find(std::string_view(text).substr(1));
      if (it != environment.end()) {
        std::vector<MappedText> split;
        parsers::SplitWords(it->second, &split, diagnostics, parsers::WordSyntax::kEnvironmentValue);
        for (MappedText& piece : split) words.push_back(std::move(piece));
      }
    } else {
      words.push_back(ExpandInWord(word, environment, diagnostics));
    }
    for (; counted < words.size(); ++counted) argv_bytes += words[counted].size() + 1;
    if (argv_bytes > kMaxArgvBytes) {
      diagnostics->push_back(
          {parsers::kExecSyntaxCode,
           "the command line expands to more than 2 MiB of arguments, which the kernel refuses to run "
           "(E2BIG)",
           exec_start.value.SpanOf(0, exec_start.value.size())});
      return std::nullopt;
    }
  }
  std::string name = Basename(out.executable);
  out.is_rhel_fork = name == "dockerd-current" || name == "docker-current";
  // dockerd-rootless.sh starts RootlessKit, which runs dockerd with the script's arguments.
  if (name == "dockerd" || name == "dockerd-current" || name == "dockerd-rootless.sh") {
    out.is_dockerd = true;
  } else if ((name == "docker" || name == "docker-current") && !words.empty() &&
             (words.front().text() == "daemon" || words.front().text() == "-d" ||
              words.front().text() == "--daemon")) {
    // Engines before 1.12 ran the daemon as a docker subcommand; 17.06 removed it (the engines judged
    // here are newer): the client exits, and the service starts no daemon. Its flags are still read, for
    // the findings that do not depend on the daemon starting.
    diagnostics->push_back(
        {base::DiagnosticCode::kInvalidDockerdArgument,
         "\"" + name + " " + words.front().text() +
             "\" was removed in Docker 17.06: the client exits with an error and the service "
             "starts no daemon; run dockerd",
         words.front().SpanOf(0, words.front().size())});
    out.is_dockerd = true;
    words.erase(words.begin());
  } else if (name == "docker" || name == "docker-current") {
    // The client with any other subcommand (a misspelt "deamon") runs and exits: no daemon.
    diagnostics->push_back(
        {base::DiagnosticCode::kInvalidDockerdArgument,
         "ExecStart runs the docker client (" +
             (words.empty() ? std::string("no subcommand") : "\"" + words.front().text() + "\"") +
             "), not the daemon: the service starts no dockerd; run dockerd",
         exec_start.span});
  }
  out.args = std::move(words);
  return out;
}

}  // namespace docklint::model
