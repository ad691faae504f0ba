#include "rules/checks/final_image.h"

#include <cctype>
#include <set>
#include <string>

#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// The last path element of a command word, lowercased, without a Windows .exe.
std::string CommandName(std::string_view word) {
  std::string name = base::Lower(
      word.substr(word.find_last_of("/\\") == std::string_view::npos ? 0 : word.find_last_of("/\\") + 1));
  if (name.ends_with(".exe")) name.resize(name.size() - 4);
  return name;
}

// The words of a CMD or ENTRYPOINT: its JSON strings, or the shell text split at blanks.
std::vector<std::string> CommandWords(const model::DockerfileModel& model,
                                      const model::Instruction& command) {
  std::vector<std::string> words;
  if (command.json_form) {
    for (size_t i = 0; i < command.args.size(); ++i) words.push_back(model.Arg(command, i));
    return words;
  }
  std::string_view text = command.rest.text();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Whether the command the image starts with is a bare shell or REPL (an interactive tool image), or only
// prints help or a version.
bool IsInteractiveOrHelp(const std::vector<std::string>& words) {
  if (words.empty()) return true;
  // Shells, REPLs and build tools: started bare, they wait for a user or a build, they serve nothing.
  static const std::set<std::string, std::less<>> kShellsAndRepls = {
      "sh",     "bash",    "ash",     "dash", "zsh",  "fish",   "ksh",  "pwsh", "powershell", "cmd",
      "python", "python2", "python3", "node", "irb",  "jshell", "ghci", "iex",  "erl",        "r",
      "julia",  "lua",     "deno",    "bun",  "mvn",  "gradle", "ant",  "sbt",  "lein",       "go",
      "cargo",  "make",    "npm",     "yarn", "pnpm", "dotnet", "php",  "ruby", "perl"};
  static const std::set<std::string, std::less<>> kHelp = {"--help", "-h", "help",   "--version",
                                                           "-v",     "-V", "version"};
  std::string first = CommandName(words.front());
  bool rest_are_flags = true;
  for (size_t i = 1; i < words.size(); ++i) {
    if (!words[i].starts_with('-') || words[i] == "-c" || words[i] == "-Command" || words[i] == "-command")
      rest_are_flags = false;
  }
  if (kShellsAndRepls.contains(first) && rest_are_flags) return true;
  // `sqlplus -v`, `nginx --version`: a program given only a help or version flag prints and exits.
  if (words.size() == 2 && kHelp.contains(words[1])) return true;
  for (const std::string& word : words) {
    if (!kHelp.contains(word) && !kShellsAndRepls.contains(CommandName(word))) return false;
  }
  return true;
}

// Tools that start a program as another user: an entrypoint that runs one drops root itself.
bool MentionsPrivilegeDrop(std::string_view text) {
  for (std::string_view tool :
       {"gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "setuidgid", "chpst", "--userspec"}) {
    for (size_t at = text.find(tool); at != std::string_view::npos; at = text.find(tool, at + 1)) {
      auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
      bool starts = at == 0 || !word_char(text[at - 1]);
      bool ends = at + tool.size() == text.size() || !word_char(text[at + tool.size()]);
      if (starts && ends) return true;
    }
  }
  return false;
}

// Whether the program the image starts (after an init shim such as tini) starts as root by design and
// gives it up itself: an init system or process supervisor starts each service as the user its
// configuration names, and these servers bind their ports or switch users as root and run their workers or
// sessions unprivileged (apache's www-data, nginx's worker user, sshd's privilege separation).
bool StartsPrivilegeDroppingProgram(const std::vector<std::string>& words) {
  static const std::set<std::string, std::less<>> kInitShims = {"tini", "tini-static", "dumb-init",
                                                                "catatonit", "--"};
  static const std::set<std::string, std::less<>> kDropping = {"supervisord", "runsvdir",
                                                               "runit",       "my_init",
                                                               "systemd",     "init",
                                                               "apache2",     "apachectl",
                                                               "apache2ctl",  "apache2-foreground",
                                                               "httpd",       "httpd-foreground",
                                                               "nginx",       "sshd",
                                                               "postfix",     "dovecot",
                                                               "named",       "dnsmasq",
                                                               "squid"};
  size_t first = 0;
  while (first < words.size() &&
         (kInitShims.contains(CommandName(words[first])) || words[first].starts_with('-'))) {
    ++first;
  }
  if (first == words.size()) return false;
  std::string name = CommandName(words[first]);
  return kDropping.contains(name) || name.starts_with("php-fpm");
}

bool IsWindowsImage(std::string_view image) {
  std::string name = base::Lower(image);
  for (std::string_view marker :
       {"windows", "nanoserver", "servercore", "ltsc20", "mcr.microsoft.com/powershell:nanoserver"}) {
    if (name.find(marker) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool NamedNonRoot(std::string_view image) {
  for (std::string_view marker : {"nonroot", "non-root", "unprivileged", "rootless", "chiseled"}) {
    if (image.find(marker) != std::string_view::npos) return true;
  }
  // Microsoft's .NET distroless images (unlike gcr.io/distroless without :nonroot) set USER app.
  return image.find("mcr.microsoft.com/dotnet/") != std::string_view::npos &&
         image.find("distroless") != std::string_view::npos;
}

FinalImage DescribeFinalImage(const model::DockerfileModel& model) {
  FinalImage image;
  image.stage = model.shipped_stage();
  if (image.stage == nullptr) return image;
  image.files_only = IsFilesOnlyStage(model, *image.stage);
  std::set<size_t> seen;
  for (const model::Stage* stage = image.stage; stage != nullptr && seen.insert(stage->index).second;
       stage = stage->base_stage >= 0 ? &model.stages()[static_cast<size_t>(stage->base_stage)] : nullptr) {
    image.chain.push_back(stage);
  }
  const model::Stage& root = *image.chain.back();
  image.windows = root.base_stage < 0 && (IsWindowsImage(root.base) || IsWindowsImage(root.resolved_base));
  // The command the image starts: the nearest ENTRYPOINT, else the nearest CMD (a CMD after the ENTRYPOINT
  // is only its arguments).
  const model::Instruction* entrypoint = nullptr;
  const model::Instruction* cmd = nullptr;
  for (const model::Stage* stage : image.chain) {
    for (auto it = stage->body.rbegin(); it != stage->body.rend(); ++it) {
      const model::Instruction& instruction = **it;
      switch (it->keyword) {
        case model::Keyword::kExpose:
          image.exposes = true;
          break;
        case model::Keyword::kEntrypoint:
          if (entrypoint == nullptr) entrypoint = &instruction;
          break;
        case model::Keyword::kCmd:
          if (cmd == nullptr) cmd = &instruction;
          break;
        case model::Keyword::kLabel:
          for (size_t i = 0; i < instruction.args.size(); i += 2) {
            std::string key = model.Arg(instruction, i);
            if (key.starts_with("io.k8s.") || key.starts_with("io.openshift.")) image.kubernetes = true;
          }
          break;
        case model::Keyword::kShell:
          if (!instruction.args.empty()) {
            std::string shell = CommandName(model.Arg(instruction, 0));
            if (shell == "cmd" || shell == "powershell") image.windows = true;
          }
          break;
        default:
          break;
      }
    }
  }
  std::vector<std::string> words;
  if (entrypoint != nullptr) words = CommandWords(model, *entrypoint);
  // An entrypoint script (docker-entrypoint.sh, docker-php-entrypoint) prepares and then runs the CMD:
  // the CMD says what the image runs; with no CMD it runs whatever `docker run` is given.
  if (words.size() == 1 && CommandName(words.front()).find("entrypoint") != std::string::npos) words.clear();
  if (cmd != nullptr && (entrypoint == nullptr || entrypoint->json_form)) {
    std::vector<std::string> arguments = CommandWords(model, *cmd);
    words.insert(words.end(), arguments.begin(), arguments.end());
  }
  image.runs_program = (entrypoint != nullptr || cmd != nullptr) && !IsInteractiveOrHelp(words);
  // s6-overlay's /init supervises the services and starts each as the user its service files name.
  if (!words.empty() && (words.front() == "/init" || CommandName(words.front()).starts_with("s6-")))
    image.drops_privileges = true;
  if (StartsPrivilegeDroppingProgram(words)) image.drops_privileges = true;
  return image;
}

std::string ShippedStageTitle(const model::DockerfileModel& model, const FinalImage& image, bool with_base) {
  const model::Stage* last = model.final_stage();
  std::string base = with_base ? "FROM " + image.stage->base : "";
  if (image.stage == last) return "the final stage" + (with_base ? " (" + base + ")" : "");
  std::string name = image.stage->name.empty() ? std::to_string(image.stage->index) : image.stage->name;
  return "stage " + name + " (" + (with_base ? base + "; " : "") + "the last stage, " + last->name +
         ", is for development)";
}

bool UsesPrivilegeDropTool(const model::DockerfileModel& model, const FinalImage& image) {
  std::string_view content = model.file().file ? model.file().file->content() : std::string_view();
  for (const model::Stage* stage : image.chain) {
    for (const model::InstructionRef& ref : stage->body) {
      if (ref.keyword != model::Keyword::kRun && ref.keyword != model::Keyword::kEntrypoint &&
          ref.keyword != model::Keyword::kCmd)
        continue;
      if (MentionsPrivilegeDrop(content.substr(ref->span.begin, ref->span.end - ref->span.begin)))
        return true;
    }
  }
  return false;
}

}  // namespace docklint::rules::checks
