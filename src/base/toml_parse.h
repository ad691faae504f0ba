// Parsing TOML (rulesets, .docklint.toml, containerd's config.toml) through one door, with errors placed at
// line and column. A character outside ASCII outside a string or comment is refused here with a message that
// says so (toml++ would say "expected '=', saw 'É'"); base/toml.h is what keeps toml++ itself well defined
// on them.
#ifndef DOCKLINT_BASE_TOML_PARSE_H_
#define DOCKLINT_BASE_TOML_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/toml.h"

namespace docklint::base {

struct TomlParse {
  bool ok = false;
  toml::table table;
  std::string error;              // the problem, without the place
  uint32_t line = 0, column = 0;  // 1-based, where the problem is
};

TomlParse ParseToml(std::string_view text, std::string_view path);

// The 1-based line and column of the first byte outside ASCII that is not inside a string or a comment,
// or {0, 0} when there is none.
std::pair<uint32_t, uint32_t> FindNonAsciiOutsideStrings(std::string_view text);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_TOML_PARSE_H_
