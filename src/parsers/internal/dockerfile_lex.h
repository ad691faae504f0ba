// Low-level pieces of the Dockerfile parser that reproduce Go library behaviour BuildKit relies on: Go's
// UTF-8 decoding and unicode.IsSpace, encoding/json's decoding of a JSON array, BuildKit's shell word lexer
// (frontend/dockerfile/shell) as the heredoc detection uses it, and time.ParseDuration / strconv.ParseInt.
#ifndef DOCKLINT_PARSERS_INTERNAL_DOCKERFILE_LEX_H_
#define DOCKLINT_PARSERS_INTERNAL_DOCKERFILE_LEX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"

namespace docklint::parsers::internal {

inline constexpr int32_t kRuneError = 0xFFFD;

// One rune as Go's utf8.DecodeRune reads it: an invalid or truncated sequence is (U+FFFD, 1).
struct GoRune {
  int32_t cp = 0;
  size_t size = 0;
};
GoRune DecodeGoRune(std::string_view s, size_t i);

// Go's unicode.IsSpace.
bool GoIsSpace(int32_t cp);
// unicode.IsSpace(rune(b)) for one byte read as a rune, as BuildKit's byte-wise loops do (0x85 and 0xA0
// count as spaces there).
bool GoIsSpaceByte(unsigned char b);
// Byte length of the Unicode space (per Go) that starts at s[i], or 0.
size_t GoSpaceAt(std::string_view s, size_t i);
// Byte length of the Unicode space (per Go's utf8.DecodeLastRune) that ends at s[end-1], or 0.
size_t GoSpaceBefore(std::string_view s, size_t end);
// strings.TrimSpace / TrimLeftFunc(unicode.IsSpace) on [*begin, *end) of s.
void GoTrimSpace(std::string_view s, size_t* begin, size_t* end);
size_t GoTrimLeftSpace(std::string_view s, size_t begin, size_t end);

// Appends the UTF-8 encoding of cp (U+FFFD for values Go's utf8.EncodeRune refuses).
inline void AppendUtf8(int32_t cp, std::string* out) {
  base::AppendUtf8(static_cast<uint32_t>(cp), out, base::BadCodePoint::kReplace);  // Go's utf8.AppendRune
}

// json.Unmarshal(text, &[]interface{}) as BuildKit's parseJSON uses it.
enum class JsonArrayStatus {
  kNotJson,         // not valid JSON (or not an array): BuildKit falls back to the shell form
  kNotStringArray,  // valid JSON array with a non-string element: BuildKit refuses the instruction
  kStrings,         // an array of strings
};
struct JsonString {
  std::string value;  // decoded as Go decodes it (invalid UTF-8 and lone surrogates become U+FFFD)
  size_t begin = 0;   // the string literal, quotes included, as offsets into the text
  size_t end = 0;
};
struct JsonArrayResult {
  JsonArrayStatus status = JsonArrayStatus::kNotJson;
  std::vector<JsonString> strings;  // kStrings only
  size_t bad_element_begin = 0;     // kNotStringArray: the first element that is not a string
  size_t bad_element_end = 0;
};
JsonArrayResult ParseJsonArray(std::string_view text);

// BuildKit's shell.Lex ProcessWords with SkipUnsetEnv and no variables set (so every $x, ${x...} is kept as
// written), escape token '\': words split at unquoted Unicode spaces, except the blanks right after `<<`.
// Each word records the offsets of the text it was built from. Returns false (and sets *error, which may be
// null) where BuildKit's lexer fails.
struct ShellWord {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};
bool LexShellWords(std::string_view text, bool raw_quotes, bool raw_escapes, std::vector<ShellWord>* words,
                   std::string* error);

// A heredoc marker word (BuildKit's ParseHeredoc: `^(\d*)<<(-?)\s*([^<]*)$` and heredocFromMatch).
enum class HeredocWordStatus { kNotHeredoc, kHeredoc, kError };
struct HeredocWord {
  HeredocWordStatus status = HeredocWordStatus::kNotHeredoc;
  std::string name;  // the delimiter with quotes and escapes removed
  bool strip_tabs = false;
  bool expand = true;  // no part of the delimiter was quoted
  int fd = -1;         // the digits before <<, or -1
  std::string error;   // kError: the lexer's message
};
HeredocWord ParseHeredocWord(std::string_view word);

// time.ParseDuration. Returns false on a syntax error or overflow.
bool ParseGoDuration(std::string_view s, int64_t* nanos);
// strconv.ParseInt(s, 10, 32).
bool ParseGoInt32(std::string_view s, int32_t* value);

}  // namespace docklint::parsers::internal

#endif  // DOCKLINT_PARSERS_INTERNAL_DOCKERFILE_LEX_H_
