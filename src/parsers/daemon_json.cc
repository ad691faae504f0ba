#include "parsers/daemon_json.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <limits>
#include <utility>

namespace docklint::parsers {
namespace {

constexpr base::DiagnosticCode kSyntaxCode = base::DiagnosticCode::kInvalidJson;
constexpr size_t kMaxDepth = 512;
constexpr char kReplacementChar[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The text handed to nlohmann: the file after what dockerd does before json.Unmarshal (BOM dropped, UTF-16
// transcoded, invalid UTF-8 replaced by U+FFFD), with a map from every decoded byte back to the file bytes
// it came from, so that spans stay exact.
class DecodedText {
 public:
  explicit DecodedText(size_t original_size) : original_size_(original_size) {}

  const std::string& text() const { return text_; }
  std::string& mutable_text() { return text_; }
  size_t size() const { return text_.size(); }

  // File bytes [begin, end) that are copied unchanged.
  void AppendSame(std::string_view content, size_t begin, size_t end) {
    if (begin >= end) return;
    if (!pieces_.empty()) {
      Piece& last = pieces_.back();
      if (last.same && last.original_end == begin &&
          last.decoded + (last.original_end - last.original) == text_.size()) {
        last.original_end = end;
        text_.append(content.substr(begin, end - begin));
        return;
      }
    }
    pieces_.push_back(Piece{text_.size(), begin, end, true});
    text_.append(content.substr(begin, end - begin));
  }

  // `bytes` stand for the file bytes [begin, end) as a whole (a transcoded or replaced character).
  void AppendReplacement(std::string_view bytes, size_t begin, size_t end) {
    pieces_.push_back(Piece{text_.size(), begin, end, false});
    text_.append(bytes);
  }

  // The file bytes that the decoded bytes [begin, end) came from. An empty range maps to an empty range.
  std::pair<size_t, size_t> OriginalRange(size_t begin, size_t end) const {
    size_t first = OriginalBegin(begin);
    if (end <= begin) return {first, first};
    return {first, OriginalEnd(end - 1)};
  }

  // Whether decoded byte `at` belongs to a character that was substituted (transcoded or replaced).
  bool IsSubstituted(size_t at) const { return at < text_.size() && !PieceAt(at).same; }

 private:
  struct Piece {
    size_t decoded;  // first decoded byte of the piece
    size_t original;
    size_t original_end;
    bool same;  // byte-for-byte copy; otherwise all decoded bytes map to [original, original_end)
  };

  const Piece& PieceAt(size_t at) const {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), at,
                               [](size_t value, const Piece& piece) { return value < piece.decoded; });
    return *(it - 1);
  }
  size_t OriginalBegin(size_t at) const {
    if (at >= text_.size()) return original_size_;
    const Piece& piece = PieceAt(at);
    return piece.same ? piece.original + (at - piece.decoded) : piece.original;
  }
  size_t OriginalEnd(size_t at) const {  // end of the file bytes of decoded byte `at`
    if (at >= text_.size()) return original_size_;
    const Piece& piece = PieceAt(at);
    return piece.same ? piece.original + (at - piece.decoded) + 1 : piece.original_end;
  }

  std::string text_;
  std::vector<Piece> pieces_;
  size_t original_size_;
};

// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is invalid (the rules of Go's
// utf8.DecodeRune: no overlong forms, no surrogates, nothing above U+10FFFF).
size_t ValidUtf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  unsigned char c0 = byte(0);
  size_t left = s.size() - i;
  if (c0 < 0x80) return 1;
  if (c0 < 0xC2) return 0;
  if (c0 < 0xE0) return left >= 2 && in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (c0 < 0xF0) {
    unsigned lo = c0 == 0xE0 ? 0xA0 : 0x80;
    unsigned hi = c0 == 0xED ? 0x9F : 0xBF;
    return left >= 3 && in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (c0 < 0xF5) {
    unsigned lo = c0 == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c0 == 0xF4 ? 0x8F : 0xBF;
    return left >= 4 && in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

std::string EncodeUtf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// The code point of the valid UTF-8 sequence at `s[i]` (the decoded text is always valid UTF-8).
uint32_t DecodeUtf8At(std::string_view s, size_t i, size_t* length) {
  size_t len = ValidUtf8Length(s, i);
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  *length = std::max<size_t>(len, 1);
  switch (len) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3:
      return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    case 4:
      return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    default:
      return 0xFFFD;
  }
}

// What dockerd (>= 23) does before json.Unmarshal: transform.Bytes(unicode.BOMOverride(UTF8 decoder)).
// A UTF-8 BOM is dropped and a UTF-16 BOM switches to UTF-16 (with `byte_order_marks`; 20.10 reads the
// raw bytes). Every byte that is not part of a valid UTF-8 sequence becomes U+FFFD (the replacement
// encoding/json makes inside strings, as 20.10 reads them); the first one's offset goes to `first_invalid`.
DecodedText Decode(std::string_view content, bool byte_order_marks, size_t* first_invalid) {
  DecodedText out(content.size());
  *first_invalid = std::string_view::npos;
  bool utf16_le = byte_order_marks && content.size() >= 2 && content[0] == '\xFF' && content[1] == '\xFE';
  bool utf16_be = byte_order_marks && content.size() >= 2 && content[0] == '\xFE' && content[1] == '\xFF';
  if (utf16_le || utf16_be) {
    auto unit = [&](size_t at) -> uint32_t {
      auto lo = static_cast<unsigned char>(content[utf16_le ? at : at + 1]);
      auto hi = static_cast<unsigned char>(content[utf16_le ? at + 1 : at]);
      return (static_cast<uint32_t>(hi) << 8) | lo;
    };
    for (size_t i = 2; i < content.size();) {
      if (content.size() - i < 2) {  // a dangling odd byte
        out.AppendReplacement(kReplacementChar, i, content.size());
        break;
      }
      uint32_t cp = unit(i);
      size_t length = 2;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low = content.size() - i >= 4 ? unit(i + 2) : 0;
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          length = 4;
        } else {
          cp = 0xFFFD;
        }
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        cp = 0xFFFD;
      }
      out.AppendReplacement(EncodeUtf8(cp), i, i + length);
      i += length;
    }
    return out;
  }
  size_t start = byte_order_marks && content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  size_t run = start;
  for (size_t i = start; i < content.size();) {
    if (static_cast<unsigned char>(content[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t length = ValidUtf8Length(content, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (*first_invalid == std::string_view::npos) *first_invalid = i;
    out.AppendSame(content, run, i);
    out.AppendReplacement(kReplacementChar, i, i + 1);
    run = ++i;
  }
  out.AppendSame(content, run, content.size());
  return out;
}

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool ReadHex4(std::string_view s, size_t at, uint32_t* value) {
  if (at + 4 > s.size()) return false;
  uint32_t v = 0;
  for (size_t k = 0; k < 4; ++k) {
    char c = s[at + k];
    if (!IsHexDigit(c)) return false;
    v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  *value = v;
  return true;
}

// Go decodes an unpaired UTF-16 surrogate escape (\ud800 alone) to U+FFFD; nlohmann rejects it. Rewriting
// such an escape to \ufffd keeps its length, so no offset moves.
void ReplaceLoneSurrogateEscapes(std::string* text) {
  std::string& t = *text;
  bool in_string = false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!in_string) {
      in_string = t[i] == '"';
      continue;
    }
    if (t[i] == '"') {
      in_string = false;
      continue;
    }
    if (t[i] != '\\' || i + 1 >= t.size()) continue;
    uint32_t unit = 0;
    if (t[i + 1] != 'u' || !ReadHex4(t, i + 2, &unit)) {
      ++i;  // a simple escape, or a broken \u that nlohmann will report
      continue;
    }
    bool high = unit >= 0xD800 && unit <= 0xDBFF;
    bool low = unit >= 0xDC00 && unit <= 0xDFFF;
    uint32_t next = 0;
    if (high && i + 7 < t.size() && t[i + 6] == '\\' && t[i + 7] == 'u' && ReadHex4(t, i + 8, &next) &&
        next >= 0xDC00 && next <= 0xDFFF) {
      i += 11;  // a valid pair
      continue;
    }
    if (high || low) t.replace(i + 2, 4, "fffd");
    i += 5;
  }
}

// bytes.TrimSpace(b) == "" in Go: ASCII white space plus Unicode White_Space.
bool IsGoSpaceOnly(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t length = 1;
    uint32_t cp = DecodeUtf8At(s, i, &length);
    bool space = cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
                 (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x3000;
    if (!space) return false;
    i += length;
  }
  return true;
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$' || c == '-' ||
         c == '.';
}

// End of the string token whose opening quote is at `at`, as far as the closing quote (or the end).
size_t StringEnd(std::string_view t, size_t at) {
  for (size_t i = at + 1; i < t.size(); ++i) {
    if (t[i] == '\\') {
      ++i;
    } else if (t[i] == '"') {
      return i + 1;
    }
  }
  return t.size();
}

// Scans a JSON number at `at` by the grammar (as nlohmann's lexer does: "01" is the number 0, then 1).
// Returns false if the text there is not a complete number.
bool ScanNumber(std::string_view t, size_t at, size_t* end) {
  size_t i = at;
  auto digits = [&] {
    size_t from = i;
    while (i < t.size() && IsDigit(t[i])) ++i;
    return i > from;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    *end = i;
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) {
      *end = i;
      return false;
    }
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) {
      *end = i;
      return false;
    }
  }
  *end = i;
  return true;
}

// What the parser wanted when it stopped, for messages.
enum class Expect {
  kTop,
  kKeyOrClose,     // after '{'
  kKeyAfterComma,  // after ',' in an object
  kColon,          // after a key
  kValueAfterColon,
  kValueOrClose,     // after '['
  kValueAfterComma,  // after ',' in an array
  kCommaOrCloseObject,
  kCommaOrCloseArray,
  kEnd,
};

std::string_view ExpectText(Expect expect) {
  switch (expect) {
    case Expect::kTop:
      return "'{'";
    case Expect::kKeyOrClose:
      return "a quoted key or '}'";
    case Expect::kKeyAfterComma:
      return "a quoted key";
    case Expect::kColon:
      return "':'";
    case Expect::kValueAfterColon:
    case Expect::kValueAfterComma:
      return "a value";
    case Expect::kValueOrClose:
      return "a value or ']'";
    case Expect::kCommaOrCloseObject:
      return "',' or '}'";
    case Expect::kCommaOrCloseArray:
      return "',' or ']'";
    case Expect::kEnd:
      return "end of file";
  }
  return "";
}

std::string Excerpt(std::string_view text) {
  constexpr size_t kMax = 32;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return std::string(text.substr(0, cut)) + "...";
}

std::string CodePointName(uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// The SAX handler: builds the JsonNode tree and finds each token's span in the decoded text. Events come in
// document order and nlohmann has validated everything before each event, so the token of an event starts
// at the first byte after the cursor that is not white space, ',' or ':'.
class TreeBuilder {
 public:
  TreeBuilder(const base::SourceFile& file, const DecodedText& decoded)
      : file_(file), decoded_(decoded), text_(decoded.text()) {}

  // nlohmann::json_sax interface.
  bool null() { return Leaf(JsonNode::Kind::kNull, nullptr, TokenStart() + 4); }
  bool boolean(bool value) { return Leaf(JsonNode::Kind::kBool, value, TokenStart() + (value ? 4 : 5)); }
  bool number_integer(nlohmann::json::number_integer_t value) { return Number(value); }
  bool number_unsigned(nlohmann::json::number_unsigned_t value) { return Number(value); }
  bool number_float(nlohmann::json::number_float_t value, const std::string& /*raw*/) {
    return Number(value);
  }
  bool string(std::string& value) {
    size_t start = TokenStart();
    return Leaf(JsonNode::Kind::kString, std::move(value), StringEnd(text_, start));
  }
  bool binary(nlohmann::json::binary_t& /*value*/) { return true; }  // not produced by the JSON format
  bool start_object(size_t /*elements*/) { return Open(JsonNode::Kind::kObject, Expect::kKeyOrClose); }
  bool start_array(size_t /*elements*/) { return Open(JsonNode::Kind::kArray, Expect::kValueOrClose); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& value) {
    size_t start = TokenStart();
    cursor_ = StringEnd(text_, start);
    stack_.back().key = std::move(value);
    stack_.back().key_span = Span(start, cursor_);
    expect_ = Expect::kColon;
    return true;
  }
  bool parse_error(size_t position, const std::string& /*last_token*/,
                   const nlohmann::json::exception& error) {
    syntax_error_ = true;
    // `position` counts the bytes read, the offending one included (the end of the input counts as one).
    error_at_ = std::min(position > 0 ? position - 1 : 0, text_.size());
    error_id_ = error.id;
    return false;
  }

  // For input nlohmann must not see (it would skip a second BOM that Go rejects): fail at the first byte.
  void FailAtStart() {
    syntax_error_ = true;
    error_at_ = 0;
  }

  // After sax_parse returned: the tree, or the diagnostic.
  std::optional<JsonNode> Finish(bool ok, base::Diagnostics* diagnostics, bool first_value_only) {
    if (ok && first_value_only && SkipSpace(cursor_) < text_.size()) {
      diagnostics->push_back({base::DiagnosticCode::kDaemonJsonTrailingContent,
                              "dockerd 20.10 reads only the first JSON value and ignores what follows; 23.0 "
                              "and later refuse the file",
                              Span(SkipSpace(cursor_), text_.size())});
    } else if (ok && SkipSpace(cursor_) < text_.size()) {
      // nlohmann's lexer takes a NUL byte for the end of the input; Go rejects anything after the value.
      ok = false;
      syntax_error_ = true;
      error_at_ = SkipSpace(cursor_);
    }
    if (ok && root_) return std::move(root_);
    if (depth_error_at_) {
      diagnostics->push_back({kSyntaxCode,
                              "invalid JSON: nesting deeper than " + std::to_string(kMaxDepth) + " levels",
                              Span(*depth_error_at_, *depth_error_at_ + 1)});
    } else if (syntax_error_) {
      ReportSyntaxError(diagnostics);
    } else {
      diagnostics->push_back({kSyntaxCode, "invalid JSON", Span(text_.size(), text_.size())});
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    JsonNode node;
    size_t begin = 0;  // decoded offset of the opening bracket
    std::string key;   // objects: the key whose value comes next
    base::SourceSpan key_span;
  };

  base::SourceSpan Span(size_t begin, size_t end) const {
    auto [first, last] = decoded_.OriginalRange(begin, end);
    return base::SourceSpan{&file_, static_cast<uint32_t>(first), static_cast<uint32_t>(last)};
  }

  size_t SkipSpace(size_t at) const {
    while (at < text_.size() && IsJsonSpace(text_[at])) ++at;
    return at;
  }

  size_t TokenStart() {
    while (cursor_ < text_.size() &&
           (IsJsonSpace(text_[cursor_]) || text_[cursor_] == ',' || text_[cursor_] == ':')) {
      ++cursor_;
    }
    return cursor_;
  }

  bool Number(nlohmann::json value) {
    size_t start = TokenStart();
    size_t end = start;
    ScanNumber(text_, start, &end);
    return Leaf(JsonNode::Kind::kNumber, std::move(value), end);
  }

  bool Leaf(JsonNode::Kind kind, nlohmann::json value, size_t end) {
    JsonNode node;
    node.kind = kind;
    node.scalar = std::move(value);
    node.span = Span(cursor_, end);
    cursor_ = end;
    AddValue(std::move(node));
    return true;
  }

  bool Open(JsonNode::Kind kind, Expect next) {
    size_t start = TokenStart();
    if (stack_.size() >= kMaxDepth) {
      depth_error_at_ = start;
      return false;  // stops nlohmann before the nesting can grow further
    }
    Frame frame;
    frame.node.kind = kind;
    frame.begin = start;
    stack_.push_back(std::move(frame));
    cursor_ = start + 1;
    expect_ = next;
    return true;
  }

  bool Close() {
    size_t start = TokenStart();
    cursor_ = start + 1;
    JsonNode node = std::move(stack_.back().node);
    node.span = Span(stack_.back().begin, cursor_);
    stack_.pop_back();
    AddValue(std::move(node));
    return true;
  }

  void AddValue(JsonNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      expect_ = Expect::kEnd;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == JsonNode::Kind::kArray) {
      parent.node.elements.push_back(std::move(node));
      expect_ = Expect::kCommaOrCloseArray;
    } else {
      parent.node.members.push_back(JsonMember{std::move(parent.key), parent.key_span, std::move(node)});
      expect_ = Expect::kCommaOrCloseObject;
    }
  }

  void Report(base::Diagnostics* diagnostics, std::string message, size_t begin, size_t end) const {
    diagnostics->push_back({kSyntaxCode, "invalid JSON: " + std::move(message), Span(begin, end)});
  }

  // Turns nlohmann's failure into a message in plain words. The failing token starts after the cursor
  // (the end of the last token that produced an event), past at most one separator that was accepted.
  void ReportSyntaxError(base::Diagnostics* diagnostics) const {
    const std::string_view t = text_;
    Expect expect = expect_;
    size_t at = SkipSpace(cursor_);
    std::optional<size_t> separator;
    if (at < error_at_ && at < t.size() && (t[at] == ',' || t[at] == ':')) {
      separator = at;
      if (t[at] == ':') {
        expect = Expect::kValueAfterColon;
      } else {
        expect = expect == Expect::kCommaOrCloseObject ? Expect::kKeyAfterComma : Expect::kValueAfterComma;
      }
      at = SkipSpace(at + 1);
    }

    if (error_id_ == 406) {  // out_of_range: a number too large for a double (Go's float64 fails too)
      size_t end = at;
      ScanNumber(t, at, &end);
      Report(diagnostics, "number " + std::string(t.substr(at, end - at)) + " is out of range", at, end);
      return;
    }
    if (at >= t.size()) {
      Report(diagnostics, "unexpected end of file, expected " + std::string(ExpectText(expect)), t.size(),
             t.size());
      return;
    }
    if (separator && t[*separator] == ',' &&
        ((expect == Expect::kKeyAfterComma && t[at] == '}') ||
         (expect == Expect::kValueAfterComma && t[at] == ']'))) {
      Report(diagnostics, std::string("trailing comma before '") + t[at] + "'", *separator, *separator + 1);
      return;
    }

    // Describe the token at `at`, or report the problem inside it.
    std::string what;
    size_t end = at + 1;
    char c = t[at];
    if (c == '"') {
      if (ReportBadString(diagnostics, at)) return;
      end = StringEnd(t, at);
      what = "string " + Excerpt(t.substr(at, end - at));
    } else if (c == '-' || IsDigit(c)) {
      if (!ScanNumber(t, at, &end)) {
        end = at;
        while (end < t.size() && (IsDigit(t[end]) || t[end] == '-' || t[end] == '+' || t[end] == '.' ||
                                  t[end] == 'e' || t[end] == 'E')) {
          ++end;
        }
        Report(diagnostics, "invalid number '" + Excerpt(t.substr(at, end - at)) + "'", at, end);
        return;
      }
      what = "number " + Excerpt(t.substr(at, end - at));
    } else if (c == '/' && at + 1 < t.size() && (t[at + 1] == '/' || t[at + 1] == '*')) {
      Report(diagnostics, "comments are not allowed", at, at + 2);
      return;
    } else if (c == '\'') {
      Report(diagnostics, "unexpected single quote (JSON strings use double quotes)", at, at + 1);
      return;
    } else if (t.substr(at, 4) == "true" || t.substr(at, 4) == "null" || t.substr(at, 5) == "false") {
      end = at + (c == 'f' ? 5 : 4);  // nlohmann takes the literal even when letters follow
      what = "'" + std::string(t.substr(at, end - at)) + "'";
    } else if (IsWordChar(c)) {
      while (end < t.size() && IsWordChar(t[end])) ++end;
      what = "'" + Excerpt(t.substr(at, end - at)) + "'";
    } else if (c > ' ' && c < 0x7F) {
      what = std::string("'") + c + "'";
    } else {
      size_t length = 1;
      uint32_t cp = DecodeUtf8At(t, at, &length);
      end = at + length;
      auto [first, last] = decoded_.OriginalRange(at, end);
      std::string_view original = std::string_view(file_.content()).substr(first, last - first);
      if (cp == 0xFFFD && decoded_.IsSubstituted(at) && original.size() == 1) {
        char buffer[8];
        std::snprintf(buffer, sizeof(buffer), "0x%02X",
                      static_cast<unsigned>(static_cast<unsigned char>(original[0])));
        what = std::string("invalid UTF-8 byte ") + buffer;
      } else {
        what = "character " + CodePointName(cp);
        if (cp == 0xFEFF) what += " (a byte order mark)";
      }
    }
    if (expect == Expect::kEnd) {
      bool object = root_ && root_->kind == JsonNode::Kind::kObject;
      Report(diagnostics, "unexpected " + what + " after the top-level " + (object ? "object" : "value"), at,
             end);
    } else {
      Report(diagnostics, "unexpected " + what + " (expected " + std::string(ExpectText(expect)) + ")", at,
             end);
    }
  }

  // Reports the first problem inside the string token at `at`, if it has one.
  bool ReportBadString(base::Diagnostics* diagnostics, size_t at) const {
    const std::string_view t = text_;
    for (size_t i = at + 1; i < t.size(); ++i) {
      auto c = static_cast<unsigned char>(t[i]);
      if (c == '"') return false;
      if (c == '\n' || c == '\r') break;  // a line break: the closing quote is missing
      if (c < 0x20) {
        Report(diagnostics, "unescaped control character " + CodePointName(c) + " in string", i, i + 1);
        return true;
      }
      if (c != '\\') continue;
      if (i + 1 >= t.size()) break;
      char e = t[i + 1];
      if (e == 'u') {
        size_t k = 0;
        while (k < 4 && i + 2 + k < t.size() && IsHexDigit(t[i + 2 + k])) ++k;
        if (k < 4) {
          Report(diagnostics, "invalid \\u escape in string (expected 4 hex digits)", i, i + 2 + k);
          return true;
        }
        i += 5;
      } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
                 e == 't') {
        ++i;
      } else {
        size_t length = 1;
        DecodeUtf8At(t, i + 1, &length);
        bool printable = e > ' ' && e < 0x7F;
        Report(diagnostics,
               printable ? std::string("invalid escape '\\") + e + "' in string" : "invalid escape in string",
               i, i + 1 + length);
        return true;
      }
    }
    Report(diagnostics, "unterminated string", at, at + 1);
    return true;
  }

  const base::SourceFile& file_;
  const DecodedText& decoded_;
  const std::string& text_;
  size_t cursor_ = 0;
  Expect expect_ = Expect::kTop;
  std::vector<Frame> stack_;
  std::optional<JsonNode> root_;
  std::optional<size_t> depth_error_at_;
  bool syntax_error_ = false;
  size_t error_at_ = 0;
  int error_id_ = 0;
};

}  // namespace

nlohmann::json JsonNode::ToJson() const {
  switch (kind) {
    case Kind::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for (const JsonNode& element : elements) out.push_back(element.ToJson());
      return out;
    }
    case Kind::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (const JsonMember& member : members) out[member.key] = member.value.ToJson();
      return out;
    }
    default:
      return scalar;
  }
}

const JsonMember* JsonNode::Find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

std::string_view JsonNode::KindName() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "boolean";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kArray:
      return "array";
    case Kind::kObject:
      return "object";
  }
  return "";
}

DaemonJson ParseDaemonJson(const base::SourceFile& file, base::Diagnostics* diagnostics,
                           DaemonJsonReader reader) {
  DaemonJson result;
  const std::string& content = file.content();
  if (content.size() >= std::numeric_limits<uint32_t>::max()) {  // spans hold 32-bit offsets
    diagnostics->push_back({kSyntaxCode, "daemon.json is too large to check", base::SourceSpan{&file, 0, 0}});
    return result;
  }
  try {
    bool engine_2010 = reader == DaemonJsonReader::kEngine2010;
    size_t first_invalid = std::string_view::npos;
    DecodedText decoded = Decode(content, /*byte_order_marks=*/!engine_2010, &first_invalid);
    ReplaceLoneSurrogateEscapes(&decoded.mutable_text());
    if (IsGoSpaceOnly(decoded.text())) {
      if (engine_2010) {
        diagnostics->push_back({kSyntaxCode,
                                "daemon.json must not be empty for dockerd 20.10 (it fails with EOF); 23.0 "
                                "and later read an empty file as no settings",
                                base::SourceSpan{&file, 0, static_cast<uint32_t>(content.size())}});
      }
      return result;
    }
    if (!engine_2010 && first_invalid != std::string_view::npos) {
      char byte[8];
      std::snprintf(byte, sizeof(byte), "0x%02X",
                    static_cast<unsigned>(static_cast<unsigned char>(content[first_invalid])));
      diagnostics->push_back({kSyntaxCode,
                              std::string("invalid JSON: invalid UTF-8 byte ") + byte +
                                  " (dockerd 23.0 and later refuse a daemon.json that is not UTF-8)",
                              base::SourceSpan{&file, static_cast<uint32_t>(first_invalid),
                                               static_cast<uint32_t>(first_invalid + 1)}});
      return result;
    }

    TreeBuilder builder(file, decoded);
    bool ok = false;
    if (decoded.text()[0] == '\xEF') {
      builder.FailAtStart();  // U+FEFF or U+FFFD: nlohmann would take EF BB BF as a BOM and skip it
    } else {
      // 20.10's json.Decoder stops after the first value.
      ok = nlohmann::json::sax_parse(decoded.text().begin(), decoded.text().end(), &builder,
                                     nlohmann::json::input_format_t::json, /*strict=*/!engine_2010,
                                     /*ignore_comments=*/false);
    }
    std::optional<JsonNode> root = builder.Finish(ok, diagnostics, /*first_value_only=*/engine_2010);
    if (!root) return result;
    // dockerd unmarshals into a map: anything but an object fails, except null, which Go decodes as a no-op.
    if (root->kind != JsonNode::Kind::kObject && root->kind != JsonNode::Kind::kNull) {
      diagnostics->push_back(
          {kSyntaxCode, "daemon.json must contain a JSON object, found " + std::string(root->KindName()),
           root->span});
      return result;
    }
    result.root = std::move(root);
  } catch (const std::exception& error) {  // std::bad_alloc on absurd inputs: a finding, not a crash
    diagnostics->push_back({kSyntaxCode, std::string("daemon.json could not be parsed: ") + error.what(),
                            base::SourceSpan{&file, 0, 0}});
    result.root.reset();
  }
  return result;
}

}  // namespace docklint::parsers
