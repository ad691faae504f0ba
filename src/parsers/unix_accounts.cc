#include "parsers/unix_accounts.h"

#include <charconv>
#include <string_view>

namespace docklint::parsers {
namespace {

struct Field {
  std::string_view text;
  base::SourceSpan span;
};

// The colon-separated fields of each entry line, or nothing for blank, comment and compat lines.
std::vector<std::vector<Field>> EntryLines(const base::SourceFile& file) {
  std::vector<std::vector<Field>> lines;
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    std::string_view text = file.LineText(line);
    if (text.empty() || text[0] == '#' || text[0] == '+' || text[0] == '-') continue;
    auto begin = static_cast<uint32_t>(file.LineStart(line));
    std::vector<Field> fields;
    size_t start = 0;
    while (true) {
      size_t colon = std::min(text.find(':', start), text.size());
      fields.push_back(
          {text.substr(start, colon - start), base::SourceSpan{&file, static_cast<uint32_t>(begin + start),
                                                               static_cast<uint32_t>(begin + colon)}});
      if (colon == text.size()) break;
      start = colon + 1;
    }
    lines.push_back(std::move(fields));
  }
  return lines;
}

std::optional<unsigned> Number(std::string_view text) {
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<GroupEntry> ParseGroupFile(const base::SourceFile& file) {
  std::vector<GroupEntry> entries;
  for (const std::vector<Field>& fields : EntryLines(file)) {
    if (fields.size() < 3 || fields[0].text.empty()) continue;
    std::optional<unsigned> gid = Number(fields[2].text);
    if (!gid) continue;
    GroupEntry entry{.group = {std::string(fields[0].text), fields[0].span}, .gid = *gid, .members = {}};
    if (fields.size() > 3) {
      std::string_view list = fields[3].text;
      uint32_t at = fields[3].span.begin;
      size_t start = 0;
      while (start <= list.size()) {
        size_t comma = std::min(list.find(',', start), list.size());
        std::string_view name = list.substr(start, comma - start);
        if (!name.empty()) {
          entry.members.push_back(
              {std::string(name), base::SourceSpan{&file, static_cast<uint32_t>(at + start),
                                                   static_cast<uint32_t>(at + comma)}});
        }
        start = comma + 1;
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<PasswdEntry> ParsePasswdFile(const base::SourceFile& file) {
  std::vector<PasswdEntry> entries;
  for (const std::vector<Field>& fields : EntryLines(file)) {
    if (fields.size() < 3 || fields[0].text.empty()) continue;
    std::optional<unsigned> uid = Number(fields[2].text);
    if (!uid) continue;
    PasswdEntry entry{
        .user = {std::string(fields[0].text), fields[0].span}, .uid = *uid, .gid = {}, .gid_span = {}};
    if (fields.size() > 3) {
      entry.gid = Number(fields[3].text);
      entry.gid_span = fields[3].span;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace docklint::parsers
