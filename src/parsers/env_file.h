// Environment files as systemd reads them for EnvironmentFile= (systemd.exec(5)): one VAR=value per
// line, quotes and backslash escapes, no variable expansion. /etc/default/docker and /etc/sysconfig/docker
// are such files on systemd hosts, but they are written as shell: a second pass with tree-sitter-bash
// finds the lines a shell would read differently from systemd and reports them.
#ifndef DOCKLINT_PARSERS_ENV_FILE_H_
#define DOCKLINT_PARSERS_ENV_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

struct EnvAssignment {
  std::string name;
  base::SourceSpan name_span;
  base::MappedText value;  // decoded as systemd decodes it; each byte maps to its source
  base::SourceSpan span;   // from the name to the end of the value
};

struct EnvFile {
  const base::SourceFile* file = nullptr;
  std::vector<EnvAssignment> assignments;  // valid assignments in file order
  // The last assignment of `name` (systemd: later lines win), or nullptr.
  const EnvAssignment* Find(std::string_view name) const;
};

// Diagnostics: kEnvFileLineIgnored for lines systemd ignores, kEnvFileShellExpansion for lines a shell
// would read differently.
EnvFile ParseEnvFile(const base::SourceFile& file, base::Diagnostics* diagnostics);

// systemd's env_name_is_valid(): a C identifier.
bool IsValidEnvName(std::string_view name);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_ENV_FILE_H_
