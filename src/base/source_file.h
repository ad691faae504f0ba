// A file's bytes with a line index, and the ways to point into it: byte spans, line:column ranges, and
// text whose every byte remembers where it came from (MappedText).
#ifndef DOCKLINT_BASE_SOURCE_FILE_H_
#define DOCKLINT_BASE_SOURCE_FILE_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::base {

// 1-based line and column; columns count bytes, as GCC, clang and SARIF's default do.
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

inline std::ostream& operator<<(std::ostream& os, const Position& p) {
  return os << p.line << ':' << p.column;
}

// [begin, end): end is the position just after the last byte, as in SARIF's endColumn.
struct Range {
  Position begin;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

class SourceFile {
 public:
  // `path` is how findings name the file (as the user gave it, or relative to --root).
  SourceFile(std::string path, std::string content);

  const std::string& path() const { return path_; }
  const std::string& content() const { return content_; }
  size_t line_count() const { return line_starts_.size(); }

  Position PositionAt(size_t offset) const;
  Range RangeOf(size_t begin, size_t end) const;
  // The text of a 1-based line without its line terminator.
  std::string_view LineText(uint32_t line) const;
  // Offset of the first byte of a 1-based line.
  size_t LineStart(uint32_t line) const { return line_starts_.at(line - 1); }

 private:
  std::string path_;
  std::string content_;
  std::vector<size_t> line_starts_;
};

// A byte span [begin, end) of one source file. A null file means "no place" (a built-in default).
struct SourceSpan {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != nullptr; }
  Range range() const { return file ? file->RangeOf(begin, end) : Range{}; }
  std::string_view text() const {
    return file ? std::string_view(file->content()).substr(begin, end - begin) : std::string_view{};
  }
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// Text assembled from pieces of source files (a continued unit line, an unquoted value, an expanded
// variable) where each byte keeps the span of the source bytes it was decoded from, so any substring can be
// pointed back at its origin.
class MappedText {
 public:
  MappedText() = default;
  // The bytes [begin, end) of `file`, each mapped to itself.
  static MappedText FromFile(const SourceFile& file, size_t begin, size_t end);

  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  char operator[](size_t i) const { return text_[i]; }

  void Append(char c, SourceSpan origin);
  void Append(std::string_view s, SourceSpan origin);  // every byte gets the same origin
  void Append(const MappedText& other, size_t pos = 0, size_t count = std::string::npos);
  MappedText Substr(size_t pos, size_t count = std::string::npos) const;

  SourceSpan OriginOf(size_t i) const { return origins_[i]; }
  // The source span covering bytes [begin, end): from the first byte's origin to the last byte's, when both
  // lie in one file in order; otherwise the first byte's origin. An empty range maps to the origin just
  // before it (or after, at the start).
  SourceSpan SpanOf(size_t begin, size_t end) const;

 private:
  std::string text_;
  std::vector<SourceSpan> origins_;
};

// The largest file docklint reads. Real inputs are kilobytes (BuildKit refuses a Dockerfile line over
// 64 KiB); the cap keeps the memory a hostile or mistaken input can make docklint use bounded.
inline constexpr size_t kMaxFileSize = 16 * 1024 * 1024;
// Reads a regular file of at most kMaxFileSize bytes from disk. Returns false and sets `error` (a message
// without the path) on failure. A FIFO, socket or device is refused rather than read: reading one could
// block forever or never end.
bool ReadFileToString(const std::string& path, std::string* content, std::string* error);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_SOURCE_FILE_H_
