#include "app/daemon_json_fix.h"

#include <algorithm>
#include <fstream>

#include "base/text_edit.h"
#include "rules/daemon_json_fixes.h"

namespace docklint::app {
namespace {

// The blanks that start the line holding `offset`.
std::string IndentAt(const std::string& text, uint32_t offset) {
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  size_t end = line_start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(line_start, end - line_start);
}

}  // namespace

std::optional<std::vector<base::TextEdit>> DaemonJsonTextEdits(const base::SourceFile& file,
                                                               const parsers::JsonNode& root,
                                                               const DaemonJsonEdits& edits,
                                                               std::string* error) {
  if (root.kind != parsers::JsonNode::Kind::kObject) {
    *error = "the top level is not an object";
    return std::nullopt;
  }
  const std::string& text = file.content();
  std::vector<base::TextEdit> result;
  auto edit = [&](uint32_t begin, uint32_t end, std::string new_text) {
    result.push_back({file.RangeOf(begin, end), std::move(new_text)});
  };
  std::vector<std::string> added;  // members to append, as "key": value
  for (const auto& [key, value] : edits.set) {
    bool found = false;
    for (const parsers::JsonMember& member : root.members) {
      if (member.key != key) continue;  // every duplicate gets the value: dockerd reads the last
      edit(member.value.span.begin, member.value.span.end, value);
      found = true;
    }
    if (!found) added.push_back("\"" + key + "\": " + value);
  }
  const auto& members = root.members;
  std::vector<bool> removed(members.size(), false);
  for (const std::string& key : edits.remove) {
    for (size_t i = 0; i < members.size(); ++i) removed[i] = removed[i] || members[i].key == key;
  }
  // Appended members go after the last one, each on a line of its own with its indentation, or after ", "
  // in a one-line object.
  bool one_line = !members.empty() && text.find('\n', root.span.begin) >= members.back().value.span.end;
  auto join = [&](const std::string& indent) {
    std::string joined;
    for (const std::string& member : added)
      joined += (joined.empty() ? "" : one_line ? ", " : ",\n" + indent) + member;
    return joined;
  };
  // Removing: each run of removed members takes the separator before it (or after it, when it comes
  // first). When every member goes, the appended ones take their place.
  for (size_t i = 0; i < members.size(); ++i) {
    if (!removed[i]) continue;
    size_t last = i;
    while (last + 1 < members.size() && removed[last + 1]) ++last;
    uint32_t begin = members[i].key_span.begin;
    uint32_t end = members[last].value.span.end;
    std::string replacement;
    if (i > 0) {
      begin = members[i - 1].value.span.end;  // from the end of the previous member: its comma goes
    } else if (last + 1 < members.size()) {
      end = members[last + 1].key_span.begin;  // the first members: up to the next key
    } else {
      replacement = join(IndentAt(text, begin));
      added.clear();
    }
    edit(begin, end, std::move(replacement));
    i = last;
  }
  if (!added.empty()) {
    if (members.empty()) {  // into an empty object, two spaces in
      edit(root.span.begin + 1, root.span.end - 1, "\n  " + join("  ") + "\n");
    } else {
      const parsers::JsonMember& last = members.back();
      std::string separator = one_line ? ", " : ",\n" + IndentAt(text, last.key_span.begin);
      edit(last.value.span.end, last.value.span.end, separator + join(IndentAt(text, last.key_span.begin)));
    }
  }
  std::optional<std::string> edited = base::ApplyTextEdits(file, result, error);
  if (!edited) return std::nullopt;
  // Never write what dockerd could not read, or what does not say what was meant.
  base::SourceFile check(file.path(), std::move(*edited));
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

std::optional<std::string> FixDaemonJson(const base::SourceFile& file, const parsers::JsonNode& root,
                                         const DaemonJsonEdits& edits, std::string* error) {
  std::optional<std::vector<base::TextEdit>> text_edits = DaemonJsonTextEdits(file, root, edits, error);
  if (!text_edits) return std::nullopt;
  return base::ApplyTextEdits(file, *text_edits, error);
}

void AttachDaemonJsonFixes(const model::HostModel& model, std::vector<base::Finding>* findings) {
  if (model.daemon_json == nullptr || !model.daemon_json_root) return;
  const std::string& path = model.daemon_json->path();
  for (const rules::DaemonJsonFix& fix : rules::DaemonJsonFixes()) {
    bool fires_here = false, fires_elsewhere = false;
    for (const base::Finding& f : *findings) {
      if (f.rule_id != fix.rule_id) continue;
      (f.location.file == path ? fires_here : fires_elsewhere) = true;
    }
    // A value given on the command line would conflict with the file (dockerd refuses both).
    const model::Setting* setting = model.config.Find(fix.key);
    if (!fires_here || fires_elsewhere || (setting != nullptr && setting->from_flag())) continue;
    DaemonJsonEdits edits;
    std::string key(fix.key);
    if (fix.value.empty()) {
      edits.remove.push_back(key);
    } else {
      edits.set.emplace_back(key, std::string(fix.value));
    }
    std::string error;
    std::optional<std::vector<base::TextEdit>> text_edits =
        DaemonJsonTextEdits(*model.daemon_json, *model.daemon_json_root, edits, &error);
    if (!text_edits) continue;
    base::Fix attached{
        fix.value.empty() ? "Remove \"" + key + "\"" : "Set \"" + key + "\" to " + std::string(fix.value),
        std::move(*text_edits), fix.unsafe};
    for (base::Finding& f : *findings) {
      if (f.rule_id == fix.rule_id && f.location.file == path) f.fixes.push_back(attached);
    }
  }
}

bool FixHostDaemonJson(const model::HostModel& model, const InputFile& input, bool unsafe,
                       std::vector<base::Finding>* findings, std::ostream& err) {
  if (model.daemon_json == nullptr) return true;
  if (!model.daemon_json_root || input.tree != nullptr || input.disk_path == "-") {
    err << "docklint: note: --fix edits a daemon.json given by path, not one in a host tree or on stdin\n";
    return true;
  }
  const std::string& path = model.daemon_json->path();
  // The changes of the fixes the findings carry, in the order of rules::DaemonJsonFixes().
  DaemonJsonEdits edits;
  std::vector<std::string_view> fixed_rules;
  for (const rules::DaemonJsonFix& fix : rules::DaemonJsonFixes()) {
    bool fixable = std::any_of(findings->begin(), findings->end(), [&](const base::Finding& f) {
      return f.rule_id == fix.rule_id && f.location.file == path &&
             std::any_of(f.fixes.begin(), f.fixes.end(),
                         [&](const base::Fix& x) { return unsafe || !x.unsafe; });
    });
    if (!fixable) continue;
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
