// Parsing TOML (rulesets, .docklint.toml) through one door. toml++ 3.3, as Debian 12 ships it, reaches
// __builtin_unreachable() -- undefined behaviour -- when it meets a character outside ASCII where it
// expects whitespace or a key (the table behind is_non_ascii_horizontal_whitespace has holes: U+00C9 in
// `tÉ = 1` is enough). TOML allows such characters only inside strings and comments, so they are refused
// here, with their place, before toml++ sees the text.
#ifndef DOCKLINT_RULES_TOML_PARSE_H_
#define DOCKLINT_RULES_TOML_PARSE_H_

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace docklint::rules {

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

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_TOML_PARSE_H_
