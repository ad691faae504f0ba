#include "base/toml_parse.h"

namespace docklint::base {

std::pair<uint32_t, uint32_t> FindNonAsciiOutsideStrings(std::string_view text) {
  uint32_t line = 1, column = 1;
  size_t i = 0;
  auto advance = [&](size_t n) {
    for (size_t end = std::min(text.size(), i + n); i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
  };
  auto at = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  while (i < text.size()) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) return {line, column};
    if (c == '#') {  // a comment runs to the end of the line
      while (i < text.size() && text[i] != '\n') advance(1);
    } else if (at("\"\"\"") || at("'''")) {  // multi-line strings end at the same three quotes
      std::string_view quotes = text.substr(i, 3);
      bool basic = quotes[0] == '"';
      advance(3);
      while (i < text.size() && !at(quotes)) advance(basic && text[i] == '\\' ? 2 : 1);
      advance(3);
    } else if (c == '"' || c == '\'') {  // one-line strings end at their quote or at the line's end
      advance(1);
      while (i < text.size() && text[i] != c && text[i] != '\n') advance(c == '"' && text[i] == '\\' ? 2 : 1);
      if (i < text.size() && text[i] == c) advance(1);
    } else {
      advance(1);
    }
  }
  return {0, 0};
}

TomlParse ParseToml(std::string_view text, std::string_view path) {
  TomlParse result;
  if (auto [line, column] = FindNonAsciiOutsideStrings(text); line != 0) {
    result.error = "a character outside ASCII outside a string or comment (TOML allows them only there)";
    result.line = line;
    result.column = column;
    return result;
  }
  try {
    result.table = toml::parse(text, path);
    result.ok = true;
  } catch (const toml::parse_error& e) {
    result.error = std::string(e.description());
    result.line = e.source().begin.line;
    result.column = e.source().begin.column;
  }
  return result;
}

}  // namespace docklint::base
