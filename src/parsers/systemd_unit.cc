#include "parsers/systemd_unit.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace docklint::parsers {
namespace {

using base::Diagnostic;
using base::Diagnostics;
using base::MappedText;
using base::SourceFile;
using base::SourceSpan;

constexpr std::string_view kWhitespace = " \t\n\r";  // systemd's WHITESPACE
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsWhitespace(char c) { return kWhitespace.find(c) != std::string_view::npos; }

// systemd's read_line() ends a line at \n, \r or NUL. One terminator holds each of \n and \r at most once
// ("\r\n" and "\n\r" are one line end, "\n\n" two), and a NUL ends the terminator at once.
enum EolKind : unsigned { kNotEol = 0, kEolLf = 1, kEolCr = 2, kEolNul = 4 };

unsigned EolKindOf(char c) {
  switch (c) {
    case '\n':
      return kEolLf;
    case '\r':
      return kEolCr;
    case '\0':
      return kEolNul;
    default:
      return kNotEol;
  }
}

struct PhysicalLine {
  size_t begin = 0;  // content, terminator excluded
  size_t end = 0;
};

bool NextPhysicalLine(std::string_view s, size_t* pos, PhysicalLine* line) {
  size_t i = *pos;
  if (i >= s.size()) return false;
  line->begin = i;
  while (i < s.size() && EolKindOf(s[i]) == kNotEol) ++i;
  line->end = i;
  unsigned seen = kNotEol;
  while (i < s.size()) {
    unsigned kind = EolKindOf(s[i]);
    if (kind == kNotEol || (seen & kEolNul) != 0 || (seen & kind) != 0) break;
    seen |= kind;
    ++i;
  }
  *pos = i;
  return true;
}

// Length of the valid UTF-8 character at s[i], or 0 when invalid, with systemd's rules (utf8_is_valid):
// no overlong forms, no surrogates, nothing above U+10FFFF, and no noncharacters U+FDD0..U+FDEF, U+xFFFE/F.
size_t ValidUtf8CharLength(std::string_view s, size_t i) {
  auto byte = static_cast<unsigned char>(s[i]);
  size_t len;
  uint32_t cp;
  if (byte < 0x80) return 1;
  if ((byte & 0xE0) == 0xC0) {
    len = 2, cp = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    len = 3, cp = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    len = 4, cp = byte & 0x07;
  } else {
    return 0;  // 5- and 6-byte forms can only encode values above U+10FFFF, which systemd rejects anyway
  }
  if (len > s.size() - i) return 0;
  for (size_t k = 1; k < len; ++k) {
    auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (next & 0x3F);
  }
  size_t shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  if (shortest != len) return 0;
  if (cp >= 0x110000 || (cp & 0xFFFFF800) == 0xD800 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
      (cp & 0xFFFE) == 0xFFFE) {
    return 0;
  }
  return len;
}

size_t FirstInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = ValidUtf8CharLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// systemd's string_is_safe(): no control characters, quotes, backslashes or DEL.
bool StringIsSafe(std::string_view s) {
  for (char c : s) {
    if ((c > 0 && c < ' ') || c == '"' || c == '\'' || c == '\\' || c == '\x7f') return false;
  }
  return true;
}

// One logical line: the physical lines of a continuation joined, each piece remembering where it came from.
class LogicalLine {
 public:
  void Clear() {
    text_.clear();
    pieces_.clear();
  }
  const std::string& Text() const { return text_; }

  void Add(size_t file_begin, std::string_view bytes) {
    pieces_.push_back(Piece{text_.size(), file_begin});
    text_.append(bytes);
  }
  // A continued line's trailing backslash turns into a space (it keeps the backslash's place in the file).
  void ReplaceLastByteWithSpace() { text_.back() = ' '; }

  // File offset of Text()[i]; i == Text().size() maps just past the last piece.
  size_t FileOffset(size_t i) const {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                               [](size_t value, const Piece& piece) { return value < piece.logical_begin; });
    const Piece& piece = *(it - 1);
    return piece.file_begin + (i - piece.logical_begin);
  }

  SourceSpan SpanOf(const SourceFile& file, size_t begin, size_t end) const {
    size_t file_begin = FileOffset(begin);
    size_t file_end = end > begin ? FileOffset(end - 1) + 1 : file_begin;
    return SourceSpan{&file, static_cast<uint32_t>(file_begin), static_cast<uint32_t>(file_end)};
  }

  MappedText Mapped(const SourceFile& file, size_t begin, size_t end) const {
    MappedText out;
    for (size_t i = begin; i < end; ++i) {
      uint32_t at = static_cast<uint32_t>(FileOffset(i));
      out.Append(text_[i], SourceSpan{&file, at, at + 1});
    }
    return out;
  }

 private:
  struct Piece {
    size_t logical_begin;
    size_t file_begin;
  };
  std::string text_;
  std::vector<Piece> pieces_;
};

class UnitParser {
 public:
  UnitParser(const SourceFile& file, Diagnostics* diagnostics) : file_(file), diagnostics_(diagnostics) {
    result_.file = &file;
  }

  UnitFile Parse() {
    std::string_view content = file_.content();
    size_t pos = 0;
    PhysicalLine line;
    bool bom_seen = false;
    bool continued = false;
    size_t last_line_end = 0;
    while (NextPhysicalLine(content, &pos, &line)) {
      if (line.end - line.begin >= kUnitLongLineMax) {
        Refuse(Span(line.begin, line.end), "line is 1 MiB or longer; systemd refuses to load this file");
        logical_.Clear();
        continued = false;
        continue;
      }
      std::string_view text = content.substr(line.begin, line.end - line.begin);
      // Comment lines are recognised before the BOM is stripped and even inside a continuation, where they
      // are dropped and the joining goes on after them.
      size_t first = text.find_first_not_of(kWhitespace);
      if (first != std::string_view::npos && (text[first] == '#' || text[first] == ';')) continue;
      size_t begin = line.begin;
      // Only the first BOM in the file is stripped, wherever it is (systemd's bom_seen).
      if (!bom_seen && text.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
        begin += kUtf8Bom.size();
        text.remove_prefix(kUtf8Bom.size());
        bom_seen = true;
      }
      if (continued && logical_.Text().size() + text.size() > kUnitLongLineMax) {
        Refuse(Span(begin, line.end),
               "continued line is longer than 1 MiB; systemd refuses to load this file");
        logical_.Clear();
        continued = false;
        continue;
      }
      logical_.Add(begin, text);
      last_line_end = line.end;
      bool escaped = false;
      for (char c : text) escaped = !escaped && c == '\\';
      if (escaped) {
        logical_.ReplaceLastByteWithSpace();
        continued = true;
        continue;
      }
      ParseLogicalLine(last_line_end);
      logical_.Clear();
      continued = false;
    }
    // A continuation still open at the end of the file is parsed as it stands.
    if (continued) ParseLogicalLine(last_line_end);
    return std::move(result_);
  }

 private:
  SourceSpan Span(size_t begin, size_t end) const {
    return SourceSpan{&file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }

  void Report(SourceSpan span, std::string message, base::DiagnosticCode code = kUnitSyntaxCode) {
    if (diagnostics_ != nullptr) {
      diagnostics_->push_back(Diagnostic{code, std::move(message), span});
    }
  }
  // A problem that makes systemd refuse the whole file.
  void Refuse(SourceSpan span, std::string message) {
    result_.load_error = true;
    Report(span, std::move(message), kUnitRefusedCode);
  }

  void ParseLogicalLine(size_t line_end) {
    const std::string& text = logical_.Text();
    size_t begin = text.find_first_not_of(kWhitespace);
    if (begin == std::string::npos) return;
    size_t end = text.find_last_not_of(kWhitespace) + 1;
    std::string_view line = std::string_view(text).substr(begin, end - begin);

    size_t bad = FirstInvalidUtf8(line);
    if (bad != std::string_view::npos) {
      Refuse(logical_.SpanOf(file_, begin + bad, begin + bad + 1),
             "line is not valid UTF-8; systemd refuses to load this file");
      return;
    }

    if (line.front() == '[') {
      if (line.back() != ']') {
        Refuse(logical_.SpanOf(file_, begin, end),
               "invalid section header (it must end with ']'); systemd refuses to load this file");
        InvalidateSection();
        return;
      }
      std::string_view name = line.substr(1, line.size() - 2);
      if (!StringIsSafe(name)) {
        Refuse(logical_.SpanOf(file_, begin, end),
               "section header contains quotes, backslashes or control characters; systemd refuses to load "
               "this file");
        InvalidateSection();
        return;
      }
      section_.assign(name);
      have_section_ = true;
      section_invalid_ = false;
      return;
    }

    if (!have_section_) {
      // After an invalid header systemd has already given up on the file: stay quiet until the next header.
      if (section_invalid_) return;
      if (line.front() == '#' || line.front() == ';') {
        Report(logical_.SpanOf(file_, begin, end),
               "this comment follows a UTF-8 byte order mark, so systemd does not read it as a comment; it "
               "ignores it as an assignment outside of any section");
      } else {
        Report(logical_.SpanOf(file_, begin, end), "assignment outside of any section; systemd ignores it");
      }
      return;
    }

    size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      Report(logical_.SpanOf(file_, begin, end), "missing '='; systemd ignores this line");
      return;
    }
    if (equals == 0) {
      Report(logical_.SpanOf(file_, begin, begin + 1),
             "missing key name before '='; systemd ignores this line");
      return;
    }
    size_t key_begin = begin;
    size_t key_end = begin + equals;
    while (IsWhitespace(text[key_end - 1])) --key_end;
    size_t value_begin = begin + equals + 1;
    size_t value_end = end;
    while (value_begin < value_end && IsWhitespace(text[value_begin])) ++value_begin;

    UnitEntry entry;
    entry.section = section_;
    entry.key = text.substr(key_begin, key_end - key_begin);
    entry.key_span = logical_.SpanOf(file_, key_begin, key_end);
    entry.value = logical_.Mapped(file_, value_begin, value_end);
    entry.span = Span(logical_.FileOffset(key_begin), line_end);
    result_.entries.push_back(std::move(entry));
  }

  void InvalidateSection() {
    section_.clear();
    have_section_ = false;
    section_invalid_ = true;
  }

  const SourceFile& file_;
  Diagnostics* diagnostics_;
  UnitFile result_;
  LogicalLine logical_;
  std::string section_;
  bool have_section_ = false;
  bool section_invalid_ = false;
};

}  // namespace

std::vector<const UnitEntry*> UnitFile::Find(std::string_view section, std::string_view key) const {
  std::vector<const UnitEntry*> found;
  for (const UnitEntry& entry : entries) {
    if (entry.section == section && entry.key == key) found.push_back(&entry);
  }
  return found;
}

UnitFile ParseSystemdUnit(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  return UnitParser(file, diagnostics).Parse();
}

}  // namespace docklint::parsers
