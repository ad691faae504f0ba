// What a package manager command does, for the image rules: its subcommand (skipping options and the
// values of options that take one) and whether it refreshes the index or installs.
#ifndef DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_
#define DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_

#include <string_view>

#include "parsers/shell_commands.h"

namespace docklint::rules::checks {

// Index in argv of the subcommand of the package manager at argv[name_index] ("install" in
// `apt-get -o X=1 -y install curl`), or argv.size() when there is none.
size_t SubcommandIndex(const parsers::ShellCommand& command, size_t name_index);

enum class PackageAction { kNone, kRefreshIndex, kInstall };
PackageAction ClassifyPackageCommand(const parsers::ShellCommand& command, size_t name_index);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_
