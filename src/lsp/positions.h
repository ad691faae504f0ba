// Positions as LSP counts them: 0-based lines, and characters counted in the negotiated encoding (UTF-16
// code units by default, or UTF-8 bytes), where docklint's findings count 1-based lines and byte columns.
#ifndef DOCKLINT_LSP_POSITIONS_H_
#define DOCKLINT_LSP_POSITIONS_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/source_file.h"

namespace docklint::lsp {

enum class Encoding { kUtf16, kUtf8 };

// The LSP position {line, character} of a finding's position in `file` (null: columns are taken as they
// are). A position past the end of its line is clamped to the line's end.
nlohmann::json ToLsp(const base::SourceFile* file, base::Position position, Encoding encoding);
nlohmann::json ToLsp(const base::SourceFile* file, const base::Range& range, Encoding encoding);

// The byte offset in `text` of the LSP position (line, character); a position past a line's end or past
// the text's end is clamped, as LSP asks.
size_t OffsetOf(std::string_view text, uint32_t line, uint32_t character, Encoding encoding);

// Applies one textDocument/didChange content change to `text`: with a range it replaces that range, else
// the whole text. False when the change is not of that shape.
bool ApplyContentChange(const nlohmann::json& change, Encoding encoding, std::string* text);

}  // namespace docklint::lsp

#endif  // DOCKLINT_LSP_POSITIONS_H_
