#include "app/daemon_json_fix.h"

#include <algorithm>

namespace docklint::app {
namespace {

struct Edit {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;
};

// The blanks that start the line holding `offset`.
std::string IndentAt(const std::string& text, uint32_t offset) {
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  size_t end = line_start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(line_start, end - line_start);
}

}  // namespace

std::optional<std::string> FixDaemonJson(const base::SourceFile& file, const parsers::JsonNode& root,
                                         const DaemonJsonEdits& edits, std::string* error) {
  if (root.kind != parsers::JsonNode::Kind::kObject) {
    *error = "the top level is not an object";
    return std::nullopt;
  }
  const std::string& text = file.content();
  std::vector<Edit> pending;
  std::vector<std::string> added;  // members to append, as "key": value
  for (const auto& [key, value] : edits.set) {
    bool found = false;
    for (const parsers::JsonMember& member : root.members) {
      if (member.key != key) continue;  // every duplicate gets the value: dockerd reads the last
      pending.push_back({member.value.span.begin, member.value.span.end, value});
      found = true;
    }
    if (!found) added.push_back("\"" + key + "\": " + value);
  }
  const auto& members = root.members;
  std::vector<bool> removed(members.size(), false);
  for (const std::string& key : edits.remove) {
    for (size_t i = 0; i < members.size(); ++i) removed[i] = removed[i] || members[i].key == key;
  }
  // Removing: each removed member takes the separator before it (or after it, when it comes first).
  for (size_t i = 0; i < members.size(); ++i) {
    if (!removed[i]) continue;
    uint32_t begin = members[i].key_span.begin;
    uint32_t end = members[i].value.span.end;
    if (i > 0) {
      begin = members[i - 1].value.span.end;  // from the end of the previous member: its comma goes
    } else if (i + 1 < members.size()) {
      end = members[i + 1].key_span.begin;  // the first member: up to the next key
    }
    pending.push_back({begin, end, ""});
  }
  if (!added.empty()) {
    // After the last member, on a line of its own with the last member's indentation; into an empty
    // object, two spaces in.
    if (members.empty()) {
      std::string body;
      for (size_t i = 0; i < added.size(); ++i) body += (i ? ",\n  " : "\n  ") + added[i];
      pending.push_back({root.span.begin + 1, root.span.end - 1, body + "\n"});
    } else {
      const parsers::JsonMember& last = members.back();
      bool one_line = text.find('\n', root.span.begin) >= last.value.span.end;
      std::string indent = IndentAt(text, last.key_span.begin);
      std::string insertion;
      for (const std::string& member : added) insertion += one_line ? ", " + member : ",\n" + indent + member;
      pending.push_back({last.value.span.end, last.value.span.end, insertion});
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  std::string result = text;
  uint32_t limit = static_cast<uint32_t>(text.size()) + 1;
  for (const Edit& edit : pending) {
    if (edit.end > limit) {
      *error = "overlapping edits";
      return std::nullopt;
    }
    result.replace(edit.begin, edit.end - edit.begin, edit.text);
    limit = edit.begin;
  }
  // Never write what dockerd could not read, or what does not say what was meant.
  base::SourceFile check(file.path(), result);
  base::Diagnostics diagnostics;
  parsers::DaemonJson reparsed = parsers::ParseDaemonJson(check, &diagnostics);
  if (!diagnostics.empty() || !reparsed.root) {
    *error = "the edited file would not parse";
    return std::nullopt;
  }
  nlohmann::json decoded = reparsed.root->ToJson();
  for (const auto& [key, value] : edits.set) {
    if (!decoded.contains(key) || decoded[key] != nlohmann::json::parse(value)) {
      *error = "the edited file would not set " + key;
      return std::nullopt;
    }
  }
  for (const std::string& key : edits.remove) {
    if (decoded.contains(key)) {
      *error = "the edited file would still hold " + key;
      return std::nullopt;
    }
  }
  return result;
}

}  // namespace docklint::app
