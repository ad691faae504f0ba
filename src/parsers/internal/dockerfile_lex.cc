#include "parsers/internal/dockerfile_lex.h"

#include <climits>
#include <utility>

namespace docklint::parsers::internal {
namespace {

bool IsContinuationByte(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

GoRune DecodeGoRune(std::string_view s, size_t i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  size_t len;
  int32_t cp;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {kRuneError, 1};
  }
  if (s.size() - i < len) return {kRuneError, 1};
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    unsigned char min = k == 1 ? lo : 0x80;
    unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return {kRuneError, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, len};
}

bool GoIsSpace(int32_t cp) {
  if (cp <= 0xFF) {
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
  }
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool GoIsSpaceByte(unsigned char b) { return GoIsSpace(b); }

size_t GoSpaceAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return GoIsSpace(b) ? 1 : 0;
  GoRune r = DecodeGoRune(s, i);
  return r.cp != kRuneError && GoIsSpace(r.cp) ? r.size : 0;
}

size_t GoSpaceBefore(std::string_view s, size_t end) {
  if (end == 0) return 0;
  auto last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) return GoIsSpace(last) ? 1 : 0;
  // utf8.DecodeLastRune: back up to the nearest rune start within 4 bytes, and accept the rune only when it
  // ends exactly at `end`.
  size_t lim = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > lim && IsContinuationByte(static_cast<unsigned char>(s[start]))) --start;
  GoRune r = DecodeGoRune(s.substr(0, end), start);
  if (start + r.size != end || r.cp == kRuneError) return 0;
  return GoIsSpace(r.cp) ? r.size : 0;
}

size_t GoTrimLeftSpace(std::string_view s, size_t begin, size_t end) {
  while (begin < end && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
  if (begin == end) return begin;
  auto first = static_cast<unsigned char>(s[begin]);
  if (first > ' ' && first < 0x80) return begin;  // the usual case: no other space can follow
  std::string_view v = s.substr(0, end);
  while (begin < end) {
    size_t n = GoSpaceAt(v, begin);
    if (n == 0) break;
    begin += n;
  }
  return begin;
}

void GoTrimSpace(std::string_view s, size_t* begin, size_t* end) {
  *begin = GoTrimLeftSpace(s, *begin, *end);
  while (*end > *begin) {
    size_t n = GoSpaceBefore(s.substr(0, *end), *end);
    if (n == 0 || *end - n < *begin) break;
    *end -= n;
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON: a validator with an explicit stack (Go's scanner, maximum nesting 10000) and Go's string unquoting.

namespace {

constexpr size_t kJsonMaxDepth = 10000;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

using base::HexValue;

// getu4: the value of a `\uXXXX` at s[i], or -1.
int32_t GetU4(std::string_view s, size_t i) {
  if (s.size() - i < 6 || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int32_t v = 0;
  for (size_t k = 2; k < 6; ++k) {
    int h = HexValue(s[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Decodes the body of a validated string literal (without its quotes) as encoding/json does.
std::string UnquoteJson(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t r = 0; r < body.size();) {
    auto c = static_cast<unsigned char>(body[r]);
    if (c == '\\') {
      char e = body[r + 1];
      switch (e) {
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          int32_t rr = GetU4(body, r);
          r += 6;
          if (rr >= 0xD800 && rr < 0xE000) {
            int32_t rr1 = GetU4(body, r);
            if (rr < 0xDC00 && rr1 >= 0xDC00 && rr1 < 0xE000) {
              AppendUtf8(0x10000 + ((rr - 0xD800) << 10) + (rr1 - 0xDC00), &out);
              r += 6;
              continue;
            }
            rr = kRuneError;
          }
          AppendUtf8(rr, &out);
          continue;
        }
        default:  // '"', '\\', '/'
          out.push_back(e);
          break;
      }
      r += 2;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++r;
    } else {
      GoRune rune = DecodeGoRune(body, r);
      AppendUtf8(rune.cp, &out);
      r += rune.size;
    }
  }
  return out;
}

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view s) : s_(s) {}

  JsonArrayResult Run() {
    JsonArrayResult result;
    bool bad_open = false;  // a non-string element of the top array whose end is not known yet
    bool have_bad = false;
    enum Expect {
      kValue,
      kArrayValueOrEnd,
      kArrayCommaOrEnd,
      kKeyOrEnd,
      kKey,
      kColon,
      kObjectCommaOrEnd,
      kDone
    };
    Expect expect = kValue;
    auto after_value = [&](size_t end) {
      if (bad_open && stack_.size() == 1) {
        result.bad_element_end = end;
        bad_open = false;
      }
      if (stack_.empty()) {
        expect = kDone;
      } else {
        expect = stack_.back() == '[' ? kArrayCommaOrEnd : kObjectCommaOrEnd;
      }
    };
    for (;;) {
      while (i_ < s_.size() && IsJsonSpace(s_[i_])) ++i_;
      if (i_ >= s_.size()) {
        if (expect != kDone) return {};
        break;
      }
      char c = s_[i_];
      switch (expect) {
        case kDone:
          return {};
        case kArrayValueOrEnd:
          if (c == ']') {
            stack_.pop_back();
            after_value(++i_);
            break;
          }
          [[fallthrough]];
        case kValue: {
          if (stack_.empty() && c != '[') return {};  // the caller wants an array
          bool top_element = stack_.size() == 1 && stack_[0] == '[';
          size_t begin = i_;
          if (top_element && c != '"' && !have_bad) {
            have_bad = bad_open = true;
            result.bad_element_begin = begin;
          }
          if (c == '[' || c == '{') {
            stack_.push_back(c);
            if (stack_.size() > kJsonMaxDepth) return {};
            ++i_;
            expect = c == '[' ? kArrayValueOrEnd : kKeyOrEnd;
            break;
          }
          if (c == '"') {
            if (!ScanString()) return {};
            if (top_element && !have_bad) {
              result.strings.push_back(
                  JsonString{UnquoteJson(s_.substr(begin + 1, i_ - begin - 2)), begin, i_});
            }
          } else if (c == '-' || IsDigit(c)) {
            if (!ScanNumber()) return {};
          } else if (!ScanLiteral("true") && !ScanLiteral("false") && !ScanLiteral("null")) {
            return {};
          }
          after_value(i_);
          break;
        }
        case kArrayCommaOrEnd:
          if (c == ',') {
            ++i_;
            expect = kValue;
          } else if (c == ']') {
            stack_.pop_back();
            after_value(++i_);
          } else {
            return {};
          }
          break;
        case kKeyOrEnd:
          if (c == '}') {
            stack_.pop_back();
            after_value(++i_);
            break;
          }
          [[fallthrough]];
        case kKey:
          if (c != '"' || !ScanString()) return {};
          expect = kColon;
          break;
        case kColon:
          if (c != ':') return {};
          ++i_;
          expect = kValue;
          break;
        case kObjectCommaOrEnd:
          if (c == ',') {
            ++i_;
            expect = kKey;
          } else if (c == '}') {
            stack_.pop_back();
            after_value(++i_);
          } else {
            return {};
          }
          break;
      }
    }
    result.status = have_bad ? JsonArrayStatus::kNotStringArray : JsonArrayStatus::kStrings;
    if (have_bad) result.strings.clear();
    return result;
  }

 private:
  bool ScanString() {
    ++i_;  // opening quote
    while (i_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) return false;
        char e = s_[i_ + 1];
        if (e == 'u') {
          if (GetU4(s_, i_) < 0) return false;
          i_ += 6;
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          return false;
        }
        i_ += 2;
        continue;
      }
      ++i_;
    }
    return false;
  }

  bool ScanDigits() {
    size_t start = i_;
    while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    return i_ > start;
  }

  bool ScanNumber() {
    if (s_[i_] == '-') ++i_;
    if (i_ >= s_.size()) return false;
    if (s_[i_] == '0') {
      ++i_;
    } else if (!ScanDigits()) {
      return false;
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!ScanDigits()) return false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!ScanDigits()) return false;
    }
    return true;
  }

  bool ScanLiteral(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string stack_;
};

}  // namespace

JsonArrayResult ParseJsonArray(std::string_view text) { return JsonScanner(text).Run(); }

// ---------------------------------------------------------------------------------------------------------
// BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) over text/scanner, with no variables set.

namespace {

bool GoIsDigit(int32_t cp) { return cp >= '0' && cp <= '9'; }

// unicode.IsLetter: exact for Latin-1; above it an approximation (anything that is not a space, a symbol or
// punctuation block, a private-use or replacement character). It only decides where a `$name` ends.
bool GoIsLetter(int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp <= 0xFF) {
    return cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
  }
  if (GoIsSpace(cp) || cp == kRuneError) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;
  if (cp >= 0x1F000) return false;
  return true;
}

bool IsSpecialParam(int32_t cp) {
  switch (cp) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

std::string RuneText(int32_t cp) {
  std::string s;
  AppendUtf8(cp, &s);
  return s;
}

class ShellLexer {
 public:
  ShellLexer(std::string_view s, bool raw_quotes, bool raw_escapes)
      : s_(s), raw_quotes_(raw_quotes), raw_escapes_(raw_escapes) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // text/scanner skips a leading BOM
  }

  bool Run(std::vector<ShellWord>* words, std::string* error) {
    std::string result;
    if (!ProcessStopOn(kEof, raw_escapes_, &result, words, 0)) {
      if (error != nullptr) *error = error_;
      return false;
    }
    return true;
  }

 private:
  static constexpr int32_t kEof = -1;
  // Go's stack grows; ours does not, so absurd nesting of ${a:-${a:-...}} is refused instead.
  static constexpr int kMaxDepth = 200;

  struct WordState {
    bool in_word = false;
    std::vector<ShellWord>* out = nullptr;
  };

  int32_t Peek() const { return pos_ < s_.size() ? DecodeGoRune(s_, pos_).cp : kEof; }

  // Consumes one rune and appends what Go's WriteRune would write for it.
  int32_t Next(std::string* text = nullptr) {
    if (pos_ >= s_.size()) return kEof;
    GoRune r = DecodeGoRune(s_, pos_);
    pos_ += r.size;
    if (text != nullptr) AppendUtf8(r.cp, text);
    return r.cp;
  }

  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // The word buffer is shared by every processStopOn call in BuildKit (a nested ${...} clears it), so it
  // lives here and not in WordState.
  void AddRawText(std::string_view text, size_t begin, size_t end, WordState* w) {
    if (!buf_open_) {
      buf_begin_ = begin;
      buf_open_ = true;
    }
    buf_.append(text);
    buf_end_ = end;
    w->in_word = true;
  }

  void AddChar(int32_t cp, std::string_view text, size_t begin, size_t end, WordState* w) {
    if (GoIsSpace(cp)) {
      if (w->in_word && !buf_.empty()) {
        Flush(w);
        w->in_word = false;
      }
      return;
    }
    AddRawText(text, begin, end, w);
  }

  void AddString(std::string_view text, size_t begin, size_t end, WordState* w) {
    for (size_t i = 0; i < text.size();) {
      GoRune r = DecodeGoRune(text, i);
      AddChar(r.cp, text.substr(i, r.size), begin, end, w);
      i += r.size;
    }
  }

  void Flush(WordState* w) {
    if (!buf_.empty() && w->out != nullptr) w->out->push_back(ShellWord{buf_, buf_begin_, buf_end_});
    ClearBuffer();
  }

  void ClearBuffer() {
    buf_.clear();
    buf_open_ = false;
  }

  bool ProcessStopOn(int32_t stop, bool raw_escapes, std::string* result, std::vector<ShellWord>* out,
                     int depth) {
    if (depth > kMaxDepth) return Fail("substitutions nested too deeply");
    ClearBuffer();
    bool saved_raw_escapes = raw_escapes_now_;
    raw_escapes_now_ = raw_escapes;
    WordState w;
    w.out = out;
    while (Peek() != kEof) {
      int32_t ch = Peek();
      size_t at = pos_;
      if (stop != kEof && ch == stop) {
        Next();
        Flush(&w);
        raw_escapes_now_ = saved_raw_escapes;
        return true;
      }
      if (ch == '<') {
        std::string tmp = ProcessPossibleHeredoc();
        result->append(tmp);
        AddRawText(tmp, at, pos_, &w);
        continue;
      }
      if (ch == '$' || ch == '\'' || ch == '"') {
        std::string tmp;
        bool ok = ch == '$'    ? ProcessDollar(&tmp, depth)
                  : ch == '\'' ? ProcessSingleQuote(&tmp)
                               : ProcessDoubleQuote(&tmp, depth);
        if (!ok) {
          raw_escapes_now_ = saved_raw_escapes;
          return false;
        }
        result->append(tmp);
        if (ch == '$') {
          AddString(tmp, at, pos_, &w);
        } else {
          AddRawText(tmp, at, pos_, &w);
        }
        continue;
      }
      std::string text;
      ch = Next(&text);
      if (ch == '\\') {
        if (raw_escapes_now_) {
          AddRawText(text, at, pos_, &w);
          result->append(text);
        }
        size_t at2 = pos_;
        text.clear();
        ch = Next(&text);
        if (ch == kEof) break;
        AddRawText(text, at2, pos_, &w);
      } else {
        AddChar(ch, text, at, pos_, &w);
      }
      result->append(text);
    }
    raw_escapes_now_ = saved_raw_escapes;
    if (stop != kEof) {
      return Fail("unexpected end of statement while looking for matching " + RuneText(stop));
    }
    Flush(&w);
    return true;
  }

  bool ProcessSingleQuote(std::string* out) {
    std::string text;
    Next(&text);
    if (raw_quotes_) out->append(text);
    for (;;) {
      text.clear();
      int32_t ch = Next(&text);
      if (ch == kEof) return Fail("unexpected end of statement while looking for matching single-quote");
      if (ch == '\'') {
        if (raw_quotes_) out->append(text);
        return true;
      }
      out->append(text);
    }
  }

  bool ProcessDoubleQuote(std::string* out, int depth) {
    std::string text;
    Next(&text);
    if (raw_quotes_) out->append(text);
    for (;;) {
      int32_t p = Peek();
      if (p == kEof) return Fail("unexpected end of statement while looking for matching double-quote");
      if (p == '"') {
        text.clear();
        Next(&text);
        if (raw_quotes_) out->append(text);
        return true;
      }
      if (p == '$') {
        std::string value;
        if (!ProcessDollar(&value, depth)) return false;
        out->append(value);
        continue;
      }
      text.clear();
      int32_t ch = Next(&text);
      if (ch == '\\') {
        if (raw_escapes_now_) out->append(text);
        int32_t q = Peek();
        if (q == kEof) continue;
        if (q == '"' || q == '$' || q == '\\') {
          text.clear();
          Next(&text);
        }
      }
      out->append(text);
    }
  }

  // `<<` keeps the blanks after it, so `<<  EOF` stays one word.
  std::string ProcessPossibleHeredoc() {
    Next();  // '<'
    if (Peek() != '<') return "<";
    Next();
    std::string out = "<<";
    while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r') Next(&out);
    return out;
  }

  std::string ProcessName() {
    std::string name;
    while (Peek() != kEof) {
      int32_t ch = Peek();
      if (name.empty() && GoIsDigit(ch)) {
        while (Peek() != kEof && GoIsDigit(Peek())) Next(&name);
        return name;
      }
      if (name.empty() && IsSpecialParam(ch)) {
        Next(&name);
        return name;
      }
      if (!GoIsLetter(ch) && !GoIsDigit(ch) && ch != '_') break;
      Next(&name);
    }
    return name;
  }

  // With no variable set and SkipUnsetEnv, every expansion comes back as written (modulo BuildKit's own
  // reformatting); only its syntax errors matter.
  bool ProcessDollar(std::string* out, int depth) {
    Next();  // '$'
    if (Peek() != '{') {
      std::string name = ProcessName();
      *out = "$" + name;
      return true;
    }
    Next();  // '{'
    int32_t p = Peek();
    if (p == kEof) return Fail("syntax error: missing '}'");
    if (p == '{' || p == '}' || p == ':') return Fail("syntax error: bad substitution");
    std::string name = ProcessName();
    std::string chs;
    int32_t ch = Next(&chs);
    if (ch == kEof) chs = RuneText(kRuneError);  // Go's string(rune(-1))
    bool null_is_unset = false;
    switch (ch) {
      case '}':
        *out = "${" + name + "}";
        return true;
      case ':': {
        null_is_unset = true;
        std::string more;
        ch = Next(&more);
        if (ch == kEof) more = RuneText(kRuneError);
        chs += more;
      }
        [[fallthrough]];
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        bool raw = ch == '#' || ch == '%';
        if (null_is_unset && raw) return Fail("unsupported modifier (" + chs + ") in substitution");
        std::string word;
        if (!ProcessStopOn('}', raw, &word, nullptr, depth + 1)) {
          if (Peek() == kEof) error_ = "syntax error: missing '}'";
          return false;
        }
        *out = "${" + name + chs + word + "}";
        return true;
      }
      case '/': {
        if (Peek() == '/') Next();
        std::string pattern;
        if (!ProcessStopOn('/', true, &pattern, nullptr, depth + 1)) {
          if (Peek() == kEof) error_ = "syntax error: missing '/' in ${}";
          return false;
        }
        std::string replacement;
        if (!ProcessStopOn('}', true, &replacement, nullptr, depth + 1)) {
          if (Peek() == kEof) error_ = "syntax error: missing '}'";
          return false;
        }
        *out = "${" + name + "/" + pattern + "/" + replacement + "}";
        return true;
      }
      default:
        return Fail("unsupported modifier (" + chs + ") in substitution");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool raw_quotes_;
  bool raw_escapes_;
  bool raw_escapes_now_ = false;
  std::string buf_;
  size_t buf_begin_ = 0;
  size_t buf_end_ = 0;
  bool buf_open_ = false;
  std::string error_;
};

size_t CountQuotes(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (c == '\'' || c == '"') ? 1 : 0;
  return n;
}

}  // namespace

bool LexShellWords(std::string_view text, bool raw_quotes, bool raw_escapes, std::vector<ShellWord>* words,
                   std::string* error) {
  return ShellLexer(text, raw_quotes, raw_escapes).Run(words, error);
}

HeredocWord ParseHeredocWord(std::string_view word) {
  HeredocWord result;
  size_t i = 0;
  while (i < word.size() && IsDigit(word[i])) ++i;
  std::string_view digits = word.substr(0, i);
  if (word.substr(i, 2) != "<<") return result;
  i += 2;
  bool chomp = i < word.size() && word[i] == '-';
  if (chomp) ++i;
  while (i < word.size() &&
         (word[i] == ' ' || word[i] == '\t' || word[i] == '\n' || word[i] == '\f' || word[i] == '\r')) {
    ++i;
  }
  std::string_view rest = word.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return result;

  std::vector<ShellWord> words;
  std::string error;
  if (!LexShellWords(rest, /*raw_quotes=*/false, /*raw_escapes=*/false, &words, &error)) {
    result.status = HeredocWordStatus::kError;
    result.error = "failed to process \"" + std::string(rest) + "\": " + error;
    return result;
  }
  if (words.size() != 1) return result;
  std::vector<ShellWord> raw_words;
  if (!LexShellWords(rest, /*raw_quotes=*/true, /*raw_escapes=*/false, &raw_words, &error)) {
    result.status = HeredocWordStatus::kError;
    result.error = "failed to process \"" + std::string(rest) + "\": " + error;
    return result;
  }
  if (raw_words.size() != words.size()) {
    result.status = HeredocWordStatus::kError;
    result.error = "internal lexing of heredoc produced inconsistent results: " + std::string(rest);
    return result;
  }
  result.status = HeredocWordStatus::kHeredoc;
  result.name = words[0].text;
  result.strip_tabs = chomp;
  result.expand = CountQuotes(words[0].text) == CountQuotes(raw_words[0].text);
  if (!digits.empty()) {
    long long fd = 0;
    for (char c : digits) {
      fd = fd * 10 + (c - '0');
      if (fd > INT_MAX) {
        fd = INT_MAX;
        break;
      }
    }
    result.fd = static_cast<int>(fd);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// time.ParseDuration and strconv.ParseInt(s, 10, 32).

namespace {

constexpr uint64_t kMaxDuration = uint64_t{1} << 63;

bool LeadingInt(std::string_view* s, uint64_t* x) {
  size_t i = 0;
  *x = 0;
  for (; i < s->size() && IsDigit((*s)[i]); ++i) {
    if (*x > kMaxDuration / 10) return false;
    *x = *x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (*x > kMaxDuration) return false;
  }
  s->remove_prefix(i);
  return true;
}

void LeadingFraction(std::string_view* s, uint64_t* x, double* scale) {
  size_t i = 0;
  *x = 0;
  *scale = 1;
  bool overflow = false;
  for (; i < s->size() && IsDigit((*s)[i]); ++i) {
    if (overflow) continue;
    if (*x > (kMaxDuration - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = *x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (y > kMaxDuration) {
      overflow = true;
      continue;
    }
    *x = y;
    *scale *= 10;
  }
  s->remove_prefix(i);
}

uint64_t DurationUnit(std::string_view u) {
  if (u == "ns") return 1;
  if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") return 1000;
  if (u == "ms") return 1000 * 1000;
  if (u == "s") return 1000 * 1000 * 1000;
  if (u == "m") return uint64_t{60} * 1000 * 1000 * 1000;
  if (u == "h") return uint64_t{3600} * 1000 * 1000 * 1000;
  return 0;
}

}  // namespace

bool ParseGoDuration(std::string_view s, int64_t* nanos) {
  uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *nanos = 0;
    return true;
  }
  if (s.empty()) return false;
  while (!s.empty()) {
    if (s[0] != '.' && !IsDigit(s[0])) return false;
    size_t before = s.size();
    uint64_t v;
    if (!LeadingInt(&s, &v)) return false;
    bool pre = before != s.size();
    bool post = false;
    uint64_t f = 0;
    double scale = 1;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t pl = s.size();
      LeadingFraction(&s, &f, &scale);
      post = pl != s.size();
    }
    if (!pre && !post) return false;
    size_t i = 0;
    while (i < s.size() && s[i] != '.' && !IsDigit(s[i])) ++i;
    if (i == 0) return false;
    uint64_t unit = DurationUnit(s.substr(0, i));
    if (unit == 0) return false;
    s.remove_prefix(i);
    if (v > kMaxDuration / unit) return false;
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMaxDuration) return false;
    }
    d += v;
    if (d > kMaxDuration) return false;
  }
  if (neg) {
    *nanos = d == kMaxDuration ? INT64_MIN : -static_cast<int64_t>(d);
    return true;
  }
  if (d > kMaxDuration - 1) return false;
  *nanos = static_cast<int64_t>(d);
  return true;
}

bool ParseGoInt32(std::string_view s, int32_t* value) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
    if (v > int64_t{1} << 31) return false;
  }
  if (neg) v = -v;
  if (v > INT32_MAX || v < INT32_MIN) return false;
  *value = static_cast<int32_t>(v);
  return true;
}

}  // namespace docklint::parsers::internal
