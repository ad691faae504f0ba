// A Compose `.env` file, line by line, as compose-go's dotenv parser reads it: `KEY=value` or `KEY: value`,
// `export KEY=value`, '#' comments, single-quoted values taken as written, double-quoted values with escapes
// (and variables), unquoted values cut at " #" and trimmed, a bare `KEY` inherited from the environment. The
// variables in unquoted and double-quoted values are expanded by the model (model/compose_env), which knows
// the values defined before them.
#ifndef DOCKLINT_PARSERS_DOTENV_H_
#define DOCKLINT_PARSERS_DOTENV_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

struct DotenvEntry {
  std::string name;
  base::SourceSpan name_span;
  std::string value;  // quotes removed and, in double quotes, escapes decoded (a literal $ left as $$)
  base::SourceSpan value_span;
  bool expand = false;     // unquoted or double-quoted: its variables are to be expanded
  bool inherited = false;  // a bare KEY: the value comes from the environment of `docker compose`
};

struct Dotenv {
  std::vector<DotenvEntry> entries;  // in file order; a later entry of a name replaces an earlier one
};

// Problems (a key with a space or a character compose-go refuses, an unterminated quote) become one
// diagnostic of `code` at its place, and the entries before it are kept: compose-go stops there.
Dotenv ParseDotenv(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_DOTENV_H_
