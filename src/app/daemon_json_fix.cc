#include "app/daemon_json_fix.h"

#include <algorithm>
#include <fstream>

#include "rules/daemon_json_fixes.h"

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

bool FixHostDaemonJson(const model::HostModel& model, const InputFile& input, bool unsafe,
                       std::vector<base::Finding>* findings, std::ostream& err) {
  if (model.daemon_json == nullptr) return true;
  if (!model.daemon_json_root || input.tree != nullptr || input.disk_path == "-") {
    err << "docklint: note: --fix edits a daemon.json given by path, not one in a host tree or on stdin\n";
    return true;
  }
  const std::string& path = model.daemon_json->path();
  DaemonJsonEdits edits;
  std::vector<std::string_view> fixed_rules;
  for (const rules::DaemonJsonFix& fix : rules::DaemonJsonFixes()) {
    if (fix.unsafe && !unsafe) continue;
    bool fires_here = false, fires_elsewhere = false;
    for (const base::Finding& f : *findings) {
      if (f.rule_id != fix.rule_id) continue;
      (f.location.file == path ? fires_here : fires_elsewhere) = true;
    }
    // A value given on the command line would conflict with the file (dockerd refuses both).
    const model::Setting* setting = model.config.Find(fix.key);
    if (!fires_here || fires_elsewhere || (setting != nullptr && setting->from_flag())) continue;
    if (fix.value.empty()) {
      edits.remove.emplace_back(fix.key);
    } else {
      edits.set.emplace_back(fix.key, fix.value);
    }
    fixed_rules.push_back(fix.rule_id);
  }
  if (fixed_rules.empty()) return true;
  std::string error;
  std::optional<std::string> fixed =
      FixDaemonJson(*model.daemon_json, *model.daemon_json_root, edits, &error);
  if (!fixed) {
    err << "docklint: note: " << path << ": not fixed: " << error << '\n';
    return true;
  }
  std::ofstream out(input.disk_path, std::ios::binary | std::ios::trunc);
  out << *fixed;
  if (!out) {
    err << "docklint: error: " << path << ": cannot write the fix\n";
    return false;
  }
  size_t before = findings->size();
  std::erase_if(*findings, [&](const base::Finding& f) {
    return f.location.file == path &&
           std::find(fixed_rules.begin(), fixed_rules.end(), f.rule_id) != fixed_rules.end();
  });
  err << "docklint: fixed " << before - findings->size() << " finding(s) in " << path << '\n';
  return true;
}

}  // namespace docklint::app
