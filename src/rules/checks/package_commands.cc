#include "rules/checks/package_commands.h"

#include <initializer_list>

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

}  // namespace docklint::rules::checks
