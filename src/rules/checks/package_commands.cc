#include "rules/checks/package_commands.h"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// Options whose value is the next word, per manager (apt-get(8), apk(8), dnf(8), yum(8), zypper(8)).
bool TakesValue(std::string_view manager, std::string_view option) {
  if (IsOneOf(manager, {"apt-get", "apt", "aptitude"}))
    return IsOneOf(option,
                   {"-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"});
  if (manager == "apk")
    return IsOneOf(option, {"-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir",
                            "--repositories-file", "-t", "--virtual"});
  if (IsOneOf(manager, {"yum", "dnf", "microdnf", "tdnf"}))
    return IsOneOf(option, {"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "-R",
                            "--randomwait", "-x", "--exclude", "--enablerepo", "--disablerepo",
                            "--releasever", "--installroot", "--setopt", "--repo", "--repoid"});
  if (manager == "zypper") return IsOneOf(option, {"-c", "--config", "-R", "--root", "--installroot"});
  return false;
}

}  // namespace

size_t SubcommandIndex(const parsers::ShellCommand& command, size_t name_index) {
  std::string_view manager = parsers::CommandBaseName(command.argv[name_index]);
  for (size_t i = name_index + 1; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (word == "--") return i + 1 < command.argv.size() ? i + 1 : command.argv.size();
    if (!word.starts_with('-')) return i;
    if (word.find('=') == std::string_view::npos && TakesValue(manager, word)) ++i;
  }
  return command.argv.size();
}

PackageAction ClassifyPackageCommand(const parsers::ShellCommand& command, size_t name_index) {
  std::string_view manager = parsers::CommandBaseName(command.argv[name_index]);
  size_t sub = SubcommandIndex(command, name_index);
  if (sub >= command.argv.size()) return PackageAction::kNone;
  std::string_view action = command.argv[sub].value;
  if (IsOneOf(manager, {"apt-get", "apt", "aptitude"})) {
    if (action == "update") return PackageAction::kRefreshIndex;
    if (IsOneOf(action, {"install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall",
                         "safe-upgrade"}))
      return PackageAction::kInstall;
  } else if (manager == "apk") {
    if (action == "update") return PackageAction::kRefreshIndex;
    if (IsOneOf(action, {"add", "upgrade", "fix"})) return PackageAction::kInstall;
  } else if (IsOneOf(manager, {"yum", "dnf", "microdnf", "tdnf"})) {
    if (IsOneOf(action, {"makecache", "check-update"})) return PackageAction::kRefreshIndex;
    if (IsOneOf(action, {"install", "update", "upgrade", "reinstall", "groupinstall", "localinstall",
                         "distro-sync", "builddep"}))
      return PackageAction::kInstall;
  } else if (manager == "zypper") {
    if (IsOneOf(action, {"refresh", "ref"})) return PackageAction::kRefreshIndex;
    if (IsOneOf(action, {"install", "in", "update", "up", "dist-upgrade", "dup", "patch"}))
      return PackageAction::kInstall;
  }
  return PackageAction::kNone;
}

std::vector<size_t> PackageOperands(const parsers::ShellCommand& command, size_t from,
                                    std::initializer_list<std::string_view> value_options) {
  std::vector<size_t> operands;
  bool options_done = false;
  for (size_t i = from + 1; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (options_done || !command.argv[i].is_static || word.size() < 2 || word[0] != '-') {
      operands.push_back(i);
      continue;
    }
    if (word == "--") {
      options_done = true;
    } else if (word.starts_with("--")) {
      if (word.find('=') == std::string_view::npos && IsOneOf(word.substr(2), value_options)) ++i;
    } else {
      for (size_t k = 1; k < word.size(); ++k) {
        if (!IsOneOf(word.substr(k, 1), value_options)) continue;
        if (k + 1 == word.size()) ++i;  // the value is the next word
        break;
      }
    }
  }
  return operands;
}

bool HasArgument(const parsers::ShellCommand& command, size_t name_index,
                 std::initializer_list<std::string_view> words) {
  for (size_t i = name_index + 1; i < command.argv.size(); ++i) {
    if (command.argv[i].is_static && IsOneOf(command.argv[i].value, words)) return true;
  }
  return false;
}

bool RemovesCache(const parsers::ShellCommand& command, size_t name_index,
                  std::initializer_list<std::string_view> prefixes) {
  if (parsers::CommandBaseName(command.argv[name_index]) != "rm") return false;
  bool recursive = parsers::HasOption(command, name_index, "rR", {"recursive"});
  for (size_t i : PackageOperands(command, name_index, {})) {
    std::string_view path = command.argv[i].value;
    // Without -r only a glob of the files in the folder removes what is in it (`rm -f /var/cache/apk/*`).
    if (!recursive && path.find('*') == std::string_view::npos) continue;
    for (std::string_view prefix : prefixes) {
      if (prefix.starts_with('.') ? path.find(prefix) != std::string_view::npos : path.starts_with(prefix))
        return true;
    }
  }
  return false;
}

bool HasCacheOrTmpfsMount(const model::Instruction& run, std::string_view fragment) {
  for (const parsers::DockerfileFlag& flag : run.flags) {
    if (flag.name != "mount" || !flag.value) continue;
    std::string type = "bind", target;
    std::string_view fields = *flag.value;
    while (!fields.empty()) {
      std::string_view field = fields.substr(0, fields.find(','));
      fields.remove_prefix(std::min(fields.size(), field.size() + 1));
      size_t eq = field.find('=');
      std::string_view key = field.substr(0, eq),
                       value = eq == std::string_view::npos ? "" : field.substr(eq + 1);
      if (key == "type") type = value;
      if (IsOneOf(key, {"target", "dst", "destination"})) target = value;
    }
    if (type != "cache" && type != "tmpfs") continue;
    if (target.find(fragment) != std::string::npos) return true;
    // A mount on a folder above the path hides it too: /var/lib/apt/ holds the lists, /root/.cache holds
    // .cache/pip.
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    if (!fragment.starts_with('/')) {
      for (size_t slash = fragment.find('/'); slash != std::string_view::npos;
           slash = fragment.find('/', slash + 1)) {
        if (std::string_view(target).ends_with("/" + std::string(fragment.substr(0, slash)))) return true;
      }
    }
    if (fragment.starts_with('/') && fragment.starts_with(target) &&
        (fragment.size() == target.size() || fragment[target.size()] == '/' || target == "/"))
      return true;
  }
  return false;
}

}  // namespace docklint::rules::checks
