#include "lsp/positions.h"

namespace docklint::lsp {
namespace {

// The length of the UTF-8 sequence a lead byte starts; a stray continuation or invalid byte counts as one
// (an editor shows it as one replacement character).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

// The UTF-16 code units of `bytes` (a 4-byte sequence is a surrogate pair).
uint32_t Utf16Units(std::string_view bytes) {
  uint32_t units = 0;
  for (size_t i = 0; i < bytes.size();) {
    size_t length = SequenceLength(static_cast<unsigned char>(bytes[i]));
    if (i + length > bytes.size()) length = 1;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return units;
}

}  // namespace

nlohmann::json ToLsp(const base::SourceFile* file, base::Position position, Encoding encoding) {
  if (position.line == 0) return {{"line", 0}, {"character", 0}};  // the file as a whole
  uint32_t line = position.line - 1;
  uint32_t column = position.column > 0 ? position.column - 1 : 0;
  if (file == nullptr || position.line > file->line_count()) return {{"line", line}, {"character", column}};
  std::string_view text = file->LineText(position.line);
  if (column > text.size()) column = static_cast<uint32_t>(text.size());
  uint32_t character = encoding == Encoding::kUtf8 ? column : Utf16Units(text.substr(0, column));
  return {{"line", line}, {"character", character}};
}

nlohmann::json ToLsp(const base::SourceFile* file, const base::Range& range, Encoding encoding) {
  return {{"start", ToLsp(file, range.begin, encoding)}, {"end", ToLsp(file, range.end, encoding)}};
}

size_t OffsetOf(std::string_view text, uint32_t line, uint32_t character, Encoding encoding) {
  size_t offset = 0;
  for (uint32_t l = 0; l < line; ++l) {
    size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  size_t line_end = text.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = text.size();
  if (line_end > offset && text[line_end - 1] == '\r') --line_end;
  if (encoding == Encoding::kUtf8) return std::min(offset + character, line_end);
  uint32_t units = 0;
  while (offset < line_end && units < character) {
    size_t length = SequenceLength(static_cast<unsigned char>(text[offset]));
    if (offset + length > line_end) length = 1;
    units += length == 4 ? 2 : 1;
    offset += length;
  }
  return offset;
}

bool ApplyContentChange(const nlohmann::json& change, Encoding encoding, std::string* text) {
  if (!change.is_object()) return false;
  auto new_text = change.find("text");
  if (new_text == change.end() || !new_text->is_string()) return false;
  auto range = change.find("range");
  if (range == change.end() || range->is_null()) {
    *text = new_text->get<std::string>();
    return true;
  }
  auto position = [&](const char* name, size_t* offset) {
    auto p = range->find(name);
    if (!range->is_object() || p == range->end() || !p->is_object()) return false;
    auto line = p->find("line"), character = p->find("character");
    auto natural = [&](nlohmann::json::const_iterator value) {
      return value != p->end() && value->is_number_integer() && value->get<int64_t>() >= 0;
    };
    if (!natural(line) || !natural(character)) return false;
    *offset =
        OffsetOf(*text, static_cast<uint32_t>(std::min<int64_t>(line->get<int64_t>(), UINT32_MAX)),
                 static_cast<uint32_t>(std::min<int64_t>(character->get<int64_t>(), UINT32_MAX)), encoding);
    return true;
  };
  size_t begin = 0, end = 0;
  if (!range->is_object() || !position("start", &begin) || !position("end", &end) || end < begin)
    return false;
  text->replace(begin, end - begin, new_text->get_ref<const std::string&>());
  return true;
}

}  // namespace docklint::lsp
