#include "parsers/fstab.h"

namespace docklint::parsers {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }

bool IsNumber(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool FstabEntry::HasOption(std::string_view option) const {
  std::string_view rest = options.value;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    if (rest.substr(0, comma) == option) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

std::string DecodeFstabEscapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && IsOctal(text[i + 1]) && IsOctal(text[i + 2]) &&
        IsOctal(text[i + 3])) {
      out += static_cast<char>(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) | (text[i + 3] - '0'));
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

Fstab ParseFstab(const base::SourceFile& file) {
  Fstab fstab;
  fstab.file = &file;
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    size_t begin = file.LineStart(line);
    std::string_view text = file.LineText(line);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    std::vector<FstabField> fields;
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && IsBlank(text[i])) ++i;
      if (i == text.size()) break;
      if (fields.empty() && text[i] == '#') break;  // a comment line
      size_t start = i;
      while (i < text.size() && !IsBlank(text[i])) ++i;
      std::string_view raw = text.substr(start, i - start);
      fields.push_back({DecodeFstabEscapes(raw), base::SourceSpan{&file, static_cast<uint32_t>(begin + start),
                                                                  static_cast<uint32_t>(begin + i)}});
    }
    if (fields.empty()) continue;
    base::SourceSpan whole{&file, static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + text.size())};
    if (fields.size() < 3 || fields.size() > 6 || (fields.size() >= 5 && !IsNumber(fields[4].value)) ||
        (fields.size() == 6 && !IsNumber(fields[5].value))) {
      fstab.skipped.push_back(whole);
      continue;
    }
    FstabEntry entry;
    entry.spec = std::move(fields[0]);
    entry.file = std::move(fields[1]);
    entry.type = std::move(fields[2]);
    base::SourceSpan end_of_line{&file, whole.end, whole.end};
    entry.options = fields.size() > 3 ? std::move(fields[3]) : FstabField{"defaults", end_of_line};
    entry.freq = fields.size() > 4 ? std::move(fields[4]) : FstabField{"", end_of_line};
    entry.passno = fields.size() > 5 ? std::move(fields[5]) : FstabField{"", end_of_line};
    entry.line = whole;
    fstab.entries.push_back(std::move(entry));
  }
  return fstab;
}

}  // namespace docklint::parsers
