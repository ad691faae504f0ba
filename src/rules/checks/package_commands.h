// What a package manager command does, for the image rules: its subcommand (skipping options and the
// values of options that take one) and whether it refreshes the index or installs.
#ifndef DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_
#define DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_

#include <initializer_list>
#include <string_view>
#include <vector>

#include "model/dockerfile_model.h"
#include "parsers/shell_commands.h"

namespace docklint::rules::checks {

// Index in argv of the subcommand of the package manager at argv[name_index] ("install" in
// `apt-get -o X=1 -y install curl`), or argv.size() when there is none.
size_t SubcommandIndex(const parsers::ShellCommand& command, size_t name_index);

enum class PackageAction { kNone, kRefreshIndex, kInstall };
PackageAction ClassifyPackageCommand(const parsers::ShellCommand& command, size_t name_index);

// The operands after argv[from] as hadolint's getArgsNoFlags and dropFlagArg read them: words that are not
// options ("-x", "--name", "--name=value"), where the value of an option of `value_options` (a long name
// without dashes, or a short letter) given as the next word is skipped too; "--" ends the options. A short
// option letter of `value_options` inside a cluster takes the rest of the cluster (`-tjessie`) or the next
// word. Indices into argv.
std::vector<size_t> PackageOperands(const parsers::ShellCommand& command, size_t from,
                                    std::initializer_list<std::string_view> value_options);

// Whether any word after argv[name_index] is one of `words` (hadolint's cmdHasArgs).
bool HasArgument(const parsers::ShellCommand& command, size_t name_index,
                 std::initializer_list<std::string_view> words);

// An `rm` removing a path that starts with one of `prefixes`: with -r/-R/--recursive any such path (`rm -rf
// /var/lib/apt/lists/*`, `rm -r -f /var/lib/apt/lists`), without it a glob (`rm /var/lib/apt/lists/*_*`). A
// prefix starting with '.' matches anywhere in the path (".cache/pip" in "/root/.cache/pip").
bool RemovesCache(const parsers::ShellCommand& command, size_t name_index,
                  std::initializer_list<std::string_view> prefixes);

// A RUN --mount of type cache or tmpfs whose target holds `fragment` (hadolint's hasCacheOrTmpfsMountWith),
// or is a folder above it (a mount on /var/lib/apt/ holds /var/lib/apt/lists, one on /root/.cache holds
// .cache/pip).
bool HasCacheOrTmpfsMount(const model::Instruction& run, std::string_view fragment);

// The names pip and python go by (pip, pip3, pip3.12, python3.12, pipx), for RunWords: the run filter
// matches whole words only.
inline constexpr std::string_view kPipWords[] = {
    "pip",        "pipx",       "pip2",       "pip2.7",     "pip3",      "pip3.5",
    "pip3.6",     "pip3.7",     "pip3.8",     "pip3.9",     "pip3.10",   "pip3.11",
    "pip3.12",    "pip3.13",    "pip3.14",    "python",     "python2",   "python2.7",
    "python3",    "python3.5",  "python3.6",  "python3.7",  "python3.8", "python3.9",
    "python3.10", "python3.11", "python3.12", "python3.13", "python3.14"};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_PACKAGE_COMMANDS_H_
