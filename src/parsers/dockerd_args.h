// dockerd's command line as its flag library (spf13/pflag) reads it: --flag=value, --flag value for
// non-bools, bools only as --x or --x=<Go bool>, shorthand groups (-D, -Hfd://, -Dl debug), "--" ending
// the flags. dockerd takes no positional arguments. Each flag keeps the places of its name and value.
#ifndef DOCKLINT_PARSERS_DOCKERD_ARGS_H_
#define DOCKLINT_PARSERS_DOCKERD_ARGS_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/dockerd_flag_catalog.h"

namespace docklint::parsers {

struct FlagUse {
  const parsers::FlagSpec* spec = nullptr;
  std::string written;          // as the user wrote the name: "-H", "--host"
  base::SourceSpan name_span;   // the flag's name in its word
  std::string value;            // "true" for a bare bool flag
  base::SourceSpan value_span;  // the value's bytes (the name's span for a bare bool)
  base::SourceSpan span;        // name and value together when they share a word, else the name's word
};

struct DockerdArgs {
  std::vector<FlagUse> flags;  // in command-line order
};

// `args` are the words after the executable. Diagnostics: kUnknownDockerdFlag, kInvalidDockerdArgument for a
// flag or argument dockerd rejects (missing value, bad bool, positional argument). Either makes dockerd exit.
// `engine_version` ("X.Y", empty = the newest engine) decides which flags exist: a flag added later or
// removed earlier is unknown to that dockerd.
// `rhel_fork` accepts the flags that only Red Hat's projectatomic fork (dockerd-current) has, such as
// --add-registry and --signature-verification; they are not settings of the model.
DockerdArgs ParseDockerdArgs(const std::vector<base::MappedText>& args, base::Diagnostics* diagnostics,
                             std::string_view engine_version = "", bool rhel_fork = false);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_DOCKERD_ARGS_H_
