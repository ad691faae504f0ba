// Small string helpers that several parsers and rules need: ASCII case folding, trimming, comma lists, hex
// digits and UTF-8 encoding. Where callers differ on purpose (which blanks to trim, what to do with a code
// point UTF-8 cannot hold), the difference is a named policy, so each caller says which program it follows.
#ifndef DOCKLINT_BASE_STRINGS_H_
#define DOCKLINT_BASE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::base {

// ASCII only, whatever the locale: the files docklint reads spell their keywords in ASCII.
char AsciiLower(char c);
std::string Lower(std::string_view s);

// Which characters Trim removes from the ends.
enum class Blanks {
  kSpaceTab,    // ' ' and '\t': systemd's and dockerd's word blanks
  kSpaceTabCr,  // also '\r', at the end only: a line read from a CRLF file
};
std::string_view Trim(std::string_view s, Blanks blanks = Blanks::kSpaceTab);
std::string_view TrimLeft(std::string_view s);  // ' ' and '\t'
// The words of a comma-separated list ("a, b,,c"), trimmed, empty ones left out.
std::vector<std::string_view> SplitCommaList(std::string_view list);

// The value of a hexadecimal digit, or -1.
int HexValue(char c);

// What AppendUtf8 does with a code point that is not a Unicode scalar value.
enum class BadCodePoint {
  kEncodeAsGiven,  // the caller has validated it (systemd's unescaping refuses bad ones first)
  kClampToMax,     // bash: values above U+10FFFF become U+10FFFF, surrogates are encoded as they are
  kReplace,        // Go: surrogates and values out of range become U+FFFD (utf8.RuneError)
};
void AppendUtf8(uint32_t code_point, std::string* out, BadCodePoint policy);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_STRINGS_H_
