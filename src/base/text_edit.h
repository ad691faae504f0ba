// Applying TextEdits (base/finding.h) to a file's text: what --fix writes and what an editor's quick fix
// does are the same edits.
#ifndef DOCKLINT_BASE_TEXT_EDIT_H_
#define DOCKLINT_BASE_TEXT_EDIT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/source_file.h"

namespace docklint::base {

// The byte offset of `position` in `file`: null when the line does not exist or the column lies past the
// line's end (its terminator included: column 1 of the next line is that line's, not this one's end).
std::optional<size_t> OffsetOf(const SourceFile& file, Position position);

// The content of `file` with `edits` made, each range read against the original content. Edits may come in
// any order; insertions at the same place are made in the order given. Null with `error` set when a range is
// not in the file, ends before it begins, or overlaps another edit's range (an insertion at a range's edge
// does not overlap it).
std::optional<std::string> ApplyTextEdits(const SourceFile& file, const std::vector<TextEdit>& edits,
                                          std::string* error);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_TEXT_EDIT_H_
