#include "base/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace docklint::base {

SourceFile::SourceFile(std::string path, std::string content)
    : path_(std::move(path)), content_(std::move(content)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < content_.size(); ++i) {
    if (content_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

Position SourceFile::PositionAt(size_t offset) const {
  offset = std::min(offset, content_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return Position{static_cast<uint32_t>(line_index + 1),
                  static_cast<uint32_t>(offset - line_starts_[line_index] + 1)};
}

Range SourceFile::RangeOf(size_t begin, size_t end) const {
  return Range{PositionAt(begin), PositionAt(end)};
}

std::string_view SourceFile::LineText(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t begin = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : content_.size();
  if (end > begin && content_[end - 1] == '\r') --end;
  return std::string_view(content_).substr(begin, end - begin);
}

MappedText MappedText::FromFile(const SourceFile& file, size_t begin, size_t end) {
  MappedText out;
  out.text_.assign(file.content(), begin, end - begin);
  out.origins_.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    out.origins_.push_back(SourceSpan{&file, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)});
  }
  return out;
}

void MappedText::Append(char c, SourceSpan origin) {
  text_.push_back(c);
  origins_.push_back(origin);
}

void MappedText::Append(std::string_view s, SourceSpan origin) {
  for (char c : s) Append(c, origin);
}

void MappedText::Append(const MappedText& other, size_t pos, size_t count) {
  count = std::min(count, other.size() - std::min(pos, other.size()));
  text_.append(other.text_, pos, count);
  origins_.insert(origins_.end(), other.origins_.begin() + static_cast<ptrdiff_t>(pos),
                  other.origins_.begin() + static_cast<ptrdiff_t>(pos + count));
}

MappedText MappedText::Substr(size_t pos, size_t count) const {
  MappedText out;
  out.Append(*this, pos, count);
  return out;
}

SourceSpan MappedText::SpanOf(size_t begin, size_t end) const {
  if (origins_.empty()) return {};
  if (begin >= end) {
    const SourceSpan& near = begin > 0 ? origins_[std::min(begin, origins_.size()) - 1] : origins_[0];
    uint32_t at = begin > 0 ? near.end : near.begin;
    return SourceSpan{near.file, at, at};
  }
  end = std::min(end, origins_.size());
  const SourceSpan& first = origins_[begin];
  const SourceSpan& last = origins_[end - 1];
  if (first.file == last.file && first.begin <= last.end)
    return SourceSpan{first.file, first.begin, last.end};
  return first;
}

namespace {

std::string TooLarge(size_t size) {
  return "is " + std::to_string(size) + " bytes long; docklint reads files of at most " +
         std::to_string(kMaxFileSize / (1024 * 1024)) + " MiB";
}

}  // namespace

bool ReadFileToString(const std::string& path, std::string* content, std::string* error) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = std::strerror(errno);
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = S_ISDIR(st.st_mode) ? "is a directory"
                                 : "is not a regular file (a FIFO, socket or device); give its content on "
                                   "standard input as '-' instead";
    close(fd);
    return false;
  }
  if (static_cast<size_t>(st.st_size) > kMaxFileSize) {
    *error = TooLarge(static_cast<size_t>(st.st_size));
    close(fd);
    return false;
  }
  // One allocation of the size the file has; a file that grows while it is read (or a /proc file that does
  // not know its size) goes on into the spill buffer, up to the cap.
  content->assign(static_cast<size_t>(st.st_size), '\0');
  size_t filled = 0;
  char spill[4096];  // past the expected end: a file that grew, or one with no size
  for (;;) {
    bool into_content = filled < content->size();
    ssize_t n = into_content ? read(fd, content->data() + filled, content->size() - filled)
                             : read(fd, spill, sizeof spill);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      close(fd);
      return false;
    }
    if (n == 0) break;
    if (!into_content) {
      if (filled + static_cast<size_t>(n) > kMaxFileSize) {
        *error = TooLarge(filled + static_cast<size_t>(n));
        close(fd);
        return false;
      }
      content->resize(filled);
      content->append(spill, static_cast<size_t>(n));
    }
    filled += static_cast<size_t>(n);
  }
  close(fd);
  content->resize(filled);
  return true;
}

}  // namespace docklint::base
