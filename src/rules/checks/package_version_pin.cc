// hadolint's version pinning rules, one manager per rule (param manager): DL3008 apt-get, DL3013 pip,
// DL3016 npm, DL3018 apk, DL3028 gem, DL3033 yum, DL3037 zypper, DL3041 dnf, DL3062 go. A RUN fires once, at
// its first package named without a version, as hadolint fails the instruction once. Commands run through
// sudo, env and the other wrappers, or named by path, count (hadolint reads only the first word). A package
// given by a variable is not judged: its value may hold the version.
#include <algorithm>
#include <cctype>
#include <string>

#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}
bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return Contains(text, p); });
}
bool EndsWithAny(std::string_view text, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return text.ends_with(p); });
}
bool StartsWithAny(std::string_view text, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return text.starts_with(p); });
}

// The operands after the first `word` in `operands` (hadolint's stripInstallPrefix), that word excluded.
std::vector<size_t> After(const parsers::ShellCommand& command, const std::vector<size_t>& operands,
                          std::initializer_list<std::string_view> words) {
  auto first = std::find_if(operands.begin(), operands.end(),
                            [&](size_t i) { return IsOneOf(command.argv[i].value, words); });
  if (first == operands.end()) return {};
  return {first + 1, operands.end()};
}

// apt-get install NAME=VERSION; a release (NAME/bookworm-backports) or a .deb file is pinned too.
std::vector<size_t> AptPackages(const parsers::ShellCommand& command, size_t name) {
  if (parsers::CommandBaseName(command.argv[name]) != "apt-get") return {};
  size_t sub = SubcommandIndex(command, name);
  if (sub >= command.argv.size() || command.argv[sub].value != "install") return {};
  return After(command,
               PackageOperands(command, name,
                               {"o", "c", "t", "option", "config-file", "target-release", "default-release"}),
               {"install"});
}
bool AptPinned(std::string_view package) {
  return Contains(package, "=") || Contains(package, "/") || package.ends_with(".deb");
}

// pip install (pip, pip3, pip3.12, python -m pip install): NAME==VERSION and the other specifiers; a
// requirements or constraints file, the current folder, paths, URLs and VCS URLs with @ref are pinned.
bool IsVcs(std::string_view package) { return StartsWithAny(package, {"git+", "git", "hg+", "svn", "bzr+"}); }
std::vector<size_t> PipPackages(const parsers::ShellCommand& command, size_t name) {
  std::string_view program = parsers::CommandBaseName(command.argv[name]);
  size_t from = name;
  if (program.starts_with("python")) {
    // python -m pip install: the words after `pip`.
    bool found = false;
    for (size_t i = name + 1; i + 2 < command.argv.size() && !found; ++i) {
      if (command.argv[i].value == "-m" && command.argv[i + 1].value == "pip" &&
          command.argv[i + 2].value == "install") {
        from = i + 1;
        found = true;
      }
    }
    if (!found) return {};
  } else if (!program.starts_with("pip") || program.starts_with("pipenv") ||
             !HasArgument(command, name, {"install"})) {
    return {};
  }
  // A requirements file, a constraints file or the project in the current folder.
  if (HasArgument(command, from, {"."}) ||
      parsers::HasOption(command, from, "rc", {"requirement", "constraint"}, "rceiftb"))
    return {};
  return After(command,
               PackageOperands(command, from,
                               {"abi",
                                "b",
                                "build",
                                "e",
                                "editable",
                                "extra-index-url",
                                "f",
                                "find-links",
                                "i",
                                "index-url",
                                "implementation",
                                "no-binary",
                                "only-binary",
                                "platform",
                                "prefix",
                                "progress-bar",
                                "proxy",
                                "python",
                                "python-version",
                                "root",
                                "root-user-action",
                                "src",
                                "t",
                                "target",
                                "trusted-host",
                                "upgrade-strategy",
                                "c",
                                "constraint",
                                "r",
                                "requirement"}),
               {"install"});
}
bool PipPinned(std::string_view package) {
  if (ContainsAny(package, {"==", ">=", "<=", ">", "<", "!=", "~=", "==="})) return true;
  if (IsVcs(package)) return Contains(package, "@");
  return EndsWithAny(package, {".whl", ".tar.gz"}) || Contains(package, "/");
}

// npm install NAME@VERSION (scoped: @scope/name@version); git URLs need #ref; tarballs and folders are
// pinned. `npm install` alone installs package.json's dependencies.
std::vector<size_t> NpmPackages(const parsers::ShellCommand& command, size_t name) {
  if (parsers::CommandBaseName(command.argv[name]) != "npm") return {};
  std::vector<size_t> operands = PackageOperands(command, name, {"loglevel", "registry"});
  if (operands.empty() || command.argv[operands[0]].value != "install") return {};
  return After(command, operands, {"install"});
}
bool NpmPinned(std::string_view package) {
  if (StartsWithAny(package, {"git://", "git+ssh://", "git+http://", "git+https://"}))
    return Contains(package, "#");
  if (EndsWithAny(package, {".tar", ".tar.gz", ".tgz"}) || StartsWithAny(package, {"/", "./", "../", "~/"}))
    return true;
  std::string_view rest = package;
  if (rest.starts_with('@')) rest.remove_prefix(std::min(rest.size(), rest.find('/')));
  return Contains(rest, "@");
}

// gem install NAME:VERSION, or -v/--version. As hadolint reads it, every option takes the next word as its
// value (`gem install --no-document rails` names no gem), and words after "--" are the gem's build options.
std::vector<size_t> GemPackages(const parsers::ShellCommand& command, size_t name) {
  if (parsers::CommandBaseName(command.argv[name]) != "gem" || !HasArgument(command, name, {"install", "i"}))
    return {};
  std::vector<size_t> gems;
  for (size_t i = name + 1; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (word == "--") break;
    if (word == "-v" || word == "--version" || word.starts_with("--version=")) return {};
    if (word.starts_with('-')) {
      ++i;
      continue;
    }
    if (word != "install" && word != "i") gems.push_back(i);
  }
  return gems;
}
bool GemPinned(std::string_view package) { return Contains(package, ":"); }

// apk add NAME=VERSION (or ~ > <), or an .apk file.
std::vector<size_t> ApkPackages(const parsers::ShellCommand& command, size_t name) {
  if (parsers::CommandBaseName(command.argv[name]) != "apk") return {};
  size_t sub = SubcommandIndex(command, name);
  if (sub >= command.argv.size() || command.argv[sub].value != "add") return {};
  return After(command,
               PackageOperands(command, name,
                               {"t", "virtual", "repository", "X", "p", "root", "arch", "cache-dir",
                                "keys-dir", "repositories-file"}),
               {"add"});
}
bool ApkPinned(std::string_view package) {
  return ContainsAny(package, {"=", "~", ">", "<"}) || package.ends_with(".apk");
}

// yum/dnf install NAME-VERSION: after the first '-', every '-'-separated part made of version characters and
// one starting with a digit; an .rpm file is pinned. A module (`dnf module install NAME:STREAM`) needs ':'.
bool RpmPinned(std::string_view package) {
  size_t dash = package.find('-');
  if (dash == std::string_view::npos) return false;
  if (package.ends_with(".rpm")) return true;
  bool digit = false;
  std::string_view rest = package.substr(dash + 1);
  while (true) {
    std::string_view part = rest.substr(0, rest.find('-'));
    if (!part.empty() && std::isdigit(static_cast<unsigned char>(part[0]))) digit = true;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) &&
          std::string_view(".~^_:+").find(c) == std::string_view::npos)
        return false;
    }
    if (part.size() == rest.size()) break;
    rest.remove_prefix(part.size() + 1);
  }
  return digit;
}
bool ModulePinned(std::string_view module) { return Contains(module, ":"); }

class PackageVersionPin : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "package-version-pin"; }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("manager");
    if (params.size() != 1 || it == params.end() ||
        !IsOneOf(it->second, {"apt-get", "pip", "npm", "gem", "apk", "yum", "dnf", "zypper", "go"}))
      return "needs the param manager = apt-get, pip, npm, gem, apk, yum, dnf, zypper or go";
    return "";
  }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    std::vector<std::string_view> words = {"apt-get", "npm",      "gem",    "apk", "yum",
                                           "dnf",     "microdnf", "zypper", "go"};
    words.insert(words.end(), std::begin(kPipWords), std::end(kPipWords));
    return words;
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule& rule,
                     std::vector<base::Finding>* findings) const override {
    const std::string& manager = rule.params.at("manager");
    const parsers::ShellWord* unpinned = nullptr;
    ForEachRunCommand(dockerfile.model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (unpinned) return;
      for (const auto& [index, pinned] : Packages(manager, command, name)) {
        const parsers::ShellWord& word = command.argv[index];
        if (!word.is_static || pinned) continue;
        unpinned = &word;
        return;
      }
    });
    if (!unpinned) return;
    findings->push_back(
        FindingAt(SpanOf(dockerfile.model, unpinned->begin, unpinned->end),
                  "'" + unpinned->value + "' is installed without a version: " + Hint(manager)));
  }

 private:
  // The packages a command installs, each with whether it is pinned.
  static std::vector<std::pair<size_t, bool>> Packages(const std::string& manager,
                                                       const parsers::ShellCommand& command, size_t name) {
    std::vector<std::pair<size_t, bool>> out;
    auto judge = [&](const std::vector<size_t>& words, bool (*pinned)(std::string_view)) {
      for (size_t i : words) out.emplace_back(i, pinned(command.argv[i].value));
    };
    std::string_view program = parsers::CommandBaseName(command.argv[name]);
    if (manager == "apt-get") judge(AptPackages(command, name), AptPinned);
    if (manager == "pip") judge(PipPackages(command, name), PipPinned);
    if (manager == "npm") judge(NpmPackages(command, name), NpmPinned);
    if (manager == "gem") judge(GemPackages(command, name), GemPinned);
    if (manager == "apk") judge(ApkPackages(command, name), ApkPinned);
    if ((manager == "yum" && program == "yum") ||
        (manager == "dnf" && IsOneOf(program, {"dnf", "microdnf"}))) {
      // Groups have no version (hadolint skips them for dnf only); `module install` names modules.
      if (HasArgument(command, name, {"group", "groupinstall"})) return out;
      if (!HasArgument(command, name, {"install"})) return out;
      bool module = HasArgument(command, name, {"module"});
      for (size_t i : PackageOperands(
               command, name,
               {"c", "config", "d", "debuglevel", "e", "errorlevel", "R", "randomwait", "x", "exclude",
                "enablerepo", "disablerepo", "releasever", "installroot", "setopt", "repo", "repoid"})) {
        std::string_view word = command.argv[i].value;
        if (word == "install" || word == "module") continue;
        out.emplace_back(i, module ? ModulePinned(word) : RpmPinned(word));
      }
    }
    if (manager == "zypper" && program == "zypper" && HasArgument(command, name, {"install", "in"})) {
      for (size_t i : PackageOperands(command, name, {"c", "config", "R", "root", "installroot"})) {
        std::string_view word = command.argv[i].value;
        if (word == "install" || word == "in") continue;
        out.emplace_back(i, ContainsAny(word, {"=", ">", "<"}) || word.ends_with(".rpm"));
      }
    }
    if (manager == "go" && program == "go") {
      std::vector<size_t> operands = GoOperands(command, name);
      if (operands.empty()) return out;
      std::string_view sub = command.argv[operands[0]].value;
      // go run PACKAGE [arguments]: only the package; go install/get PACKAGE...
      if (sub == "run" && operands.size() > 1) {
        out.emplace_back(operands[1], GoPinned(command.argv[operands[1]].value));
      } else if (sub == "install" || sub == "get") {
        for (size_t k = 1; k < operands.size(); ++k) {
          std::string_view word = command.argv[operands[k]].value;
          if (word != "tool") out.emplace_back(operands[k], GoPinned(word));
        }
      }
    }
    return out;
  }
  // The operands of go: its flags are single-dash long names, and the build flags that take a value
  // (-tags netgo, -ldflags "-s -w", -o out) take the next word unless written -name=value.
  static std::vector<size_t> GoOperands(const parsers::ShellCommand& command, size_t name) {
    std::vector<size_t> operands;
    for (size_t i = name + 1; i < command.argv.size(); ++i) {
      std::string_view word = command.argv[i].value;
      if (!command.argv[i].is_static || word.size() < 2 || word[0] != '-') {
        operands.push_back(i);
        continue;
      }
      std::string_view flag = word.substr(word.starts_with("--") ? 2 : 1);
      if (flag.find('=') == std::string_view::npos &&
          IsOneOf(flag,
                  {"tags",     "ldflags", "gcflags", "asmflags",  "gccgoflags", "o",        "p",
                   "mod",      "modfile", "overlay", "pkgdir",    "buildmode",  "compiler", "installsuffix",
                   "toolexec", "C",       "pgo",     "covermode", "coverpkg",   "exec",     "reuse"}))
        ++i;
    }
    return operands;
  }
  // A local package (".", "./cmd", "/src", a .go file) or PATH@VERSION other than @latest and @none.
  static bool GoPinned(std::string_view package) {
    if (package.starts_with('.') || package.starts_with('/') || package.ends_with(".go")) return true;
    return Contains(package, "@") && !package.ends_with("@latest") && !package.ends_with("@none");
  }
  static std::string Hint(const std::string& manager) {
    if (manager == "apt-get") return "apt-get install NAME=VERSION";
    if (manager == "pip") return "pip install NAME==VERSION, or a requirements file";
    if (manager == "npm") return "npm install NAME@VERSION";
    if (manager == "gem") return "gem install NAME:VERSION";
    if (manager == "apk") return "apk add NAME=VERSION";
    if (manager == "yum") return "yum install NAME-VERSION";
    if (manager == "dnf") return "dnf install NAME-VERSION";
    if (manager == "zypper") return "zypper install NAME=VERSION";
    return "go install PATH@VERSION";
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePackageVersionPin() { return std::make_unique<PackageVersionPin>(); }

}  // namespace docklint::rules::checks
