#include "base/text_edit.h"

#include <algorithm>

namespace docklint::base {

std::optional<size_t> OffsetOf(const SourceFile& file, Position position) {
  if (position.line == 0 || position.line > file.line_count() || position.column == 0) return std::nullopt;
  size_t line_start = file.LineStart(position.line);
  // The last offset of the line: its '\n' (a position may point at it: the end of the line's text), or the
  // end of the content on the last line.
  size_t line_end =
      position.line < file.line_count() ? file.LineStart(position.line + 1) - 1 : file.content().size();
  size_t offset = line_start + position.column - 1;
  if (offset > line_end) return std::nullopt;
  return offset;
}

std::optional<std::string> ApplyTextEdits(const SourceFile& file, const std::vector<TextEdit>& edits,
                                          std::string* error) {
  struct Resolved {
    size_t begin;
    size_t end;
    const std::string* text;
  };
  std::vector<Resolved> resolved;
  resolved.reserve(edits.size());
  for (const TextEdit& edit : edits) {
    std::optional<size_t> begin = OffsetOf(file, edit.range.begin);
    std::optional<size_t> end = OffsetOf(file, edit.range.end);
    if (!begin || !end) {
      *error = "an edit's range is not in the file";
      return std::nullopt;
    }
    if (*end < *begin) {
      *error = "an edit's range ends before it begins";
      return std::nullopt;
    }
    resolved.push_back({*begin, *end, &edit.new_text});
  }
  // Stable: insertions at one place keep their order, and come before a replacement that starts there.
  std::stable_sort(resolved.begin(), resolved.end(), [](const Resolved& a, const Resolved& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end == a.begin && b.end > b.begin);
  });
  const std::string& content = file.content();
  std::string result;
  size_t copied = 0;  // content before this offset is in `result`, or replaced
  for (const Resolved& edit : resolved) {
    if (edit.begin < copied) {
      *error = "overlapping edits";
      return std::nullopt;
    }
    result.append(content, copied, edit.begin - copied);
    result += *edit.text;
    copied = edit.end;
  }
  result.append(content, copied, std::string::npos);
  return result;
}

}  // namespace docklint::base
