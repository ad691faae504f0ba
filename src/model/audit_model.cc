#include "model/audit_model.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/strings.h"

namespace docklint::model {
namespace {

using base::AsciiLower;
using parsers::AuditField;
using parsers::AuditRule;
using parsers::AuditRules;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

// ---- FindCoveringRule ----

// Collapses repeated slashes and drops trailing ones (and "." components), as path lookup would.
std::string NormalizePath(std::string_view path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    if (part != ".") {
      out += '/';
      out += part;
    }
    i = end;
  }
  return out.empty() ? "/" : out;
}

bool IsAncestorOrSelf(const std::string& dir, const std::string& path) {
  if (dir == "/") return true;
  return path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

// The write-like permissions (w, a) a rule records; no permission filter means all of them.
unsigned WritePerms(const AuditRule& rule) {
  constexpr unsigned kW = 1, kA = 2;
  auto bits = [](std::string_view perms) {
    unsigned b = 0;
    for (char c : perms) {
      if (AsciiLower(c) == 'w') b |= kW;
      if (AsciiLower(c) == 'a') b |= kA;
    }
    return b;
  };
  unsigned perms = kW | kA;
  if (rule.kind == AuditRule::Kind::kWatch && !rule.permissions.empty()) perms = bits(rule.permissions);
  for (const auto& f : rule.fields) {
    if (f.name == "perm") perms &= bits(f.value);  // fields are ANDed
  }
  return perms;
}

bool AllSyscalls(const AuditRule& rule) {
  return rule.syscalls.empty() ||
         std::find(rule.syscalls.begin(), rule.syscalls.end(), "all") != rule.syscalls.end();
}

enum class Criterion { kNone, kMatches, kOther };

// Whether the rule's path, dir or watch names `path`.
Criterion PathCriterion(const AuditRule& rule, const std::string& path) {
  if (rule.kind == AuditRule::Kind::kWatch) {
    return IsAncestorOrSelf(NormalizePath(rule.path), path) ? Criterion::kMatches : Criterion::kOther;
  }
  for (const auto& f : rule.fields) {
    if (f.name == "path") return NormalizePath(f.value) == path ? Criterion::kMatches : Criterion::kOther;
    if (f.name == "dir") {
      return IsAncestorOrSelf(NormalizePath(f.value), path) ? Criterion::kMatches : Criterion::kOther;
    }
  }
  return Criterion::kNone;
}

bool IsExitRule(const AuditRule& rule) {
  return rule.kind == AuditRule::Kind::kWatch ||
         (rule.kind == AuditRule::Kind::kSyscall && rule.list == "exit");
}

bool Covers(const AuditRule& rule, const std::string& path) {
  if (!IsExitRule(rule)) return false;
  if (rule.kind == AuditRule::Kind::kSyscall && rule.action != "always") return false;
  return PathCriterion(rule, path) == Criterion::kMatches && WritePerms(rule) != 0;
}

// Whether a never,exit rule drops every write to `path` that `always` records: each of its conditions holds
// whenever the always rule's do.
bool Suppresses(const AuditRule& never, const AuditRule& always, const std::string& path) {
  if (never.kind != AuditRule::Kind::kSyscall || never.list != "exit" || never.action != "never")
    return false;
  if (PathCriterion(never, path) == Criterion::kOther) return false;
  unsigned needed = WritePerms(always);
  if ((WritePerms(never) & needed) != needed) return false;
  if (!AllSyscalls(never)) {
    if (AllSyscalls(always)) return false;
    for (const auto& s : always.syscalls) {
      if (std::find(never.syscalls.begin(), never.syscalls.end(), s) == never.syscalls.end()) return false;
    }
  }
  for (const auto& f : never.fields) {
    if (f.name == "path" || f.name == "dir" || f.name == "perm") continue;
    bool implied = std::any_of(always.fields.begin(), always.fields.end(), [&](const AuditField& g) {
      return g.name == f.name && g.op == f.op && g.value == f.value;
    });
    if (!implied) return false;
  }
  return true;
}

// The kernel deletes a rule (-W, -d) only when it matches exactly. What it compares, as one string: a
// deleter and a rule match when their identities are equal, so the replay finds a delete's rule in a map.
std::string DeleteIdentity(const AuditRule& rule) {
  std::string id;
  auto add = [&id](std::string_view part) {  // length-prefixed: a part may hold any byte
    id += std::to_string(part.size());
    id += ':';
    id += part;
  };
  auto add_set = [&](std::vector<std::string> items) {  // sorted, each once
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    add(std::to_string(items.size()));
    for (const std::string& item : items) add(item);
  };
  if (rule.kind == AuditRule::Kind::kWatch || rule.kind == AuditRule::Kind::kDeleteWatch) {
    add("watch");
    add(NormalizePath(rule.path));
    std::string perms = base::Lower(rule.permissions.empty() ? "rwxa" : rule.permissions);
    std::sort(perms.begin(), perms.end());
    perms.erase(std::unique(perms.begin(), perms.end()), perms.end());
    add(perms);
  } else {
    add("syscall");
    add(rule.list);
    add(rule.action);
    add_set(AllSyscalls(rule) ? std::vector<std::string>{"all"} : rule.syscalls);
  }
  add(std::to_string(rule.keys.size()));  // in order, as the kernel compares them
  for (const std::string& key : rule.keys) add(key);
  add(std::to_string(rule.fields.size()));
  for (const AuditField& f : rule.fields) {
    add(f.name);
    add(f.op);
    add(f.value);
  }
  return id;
}

// The kernel's exit and task lists while the load is replayed. Entries are ordered by (list, position),
// and -A takes a position before all others, so prepending shifts nothing; deletes find their rules
// through indexes instead of comparing with every rule (20,000 -W after 20,000 -w took 90 s).
class ListReplay {
 public:
  enum List { kExit, kTask };

  // The indexes cost more than the replay itself: build only those the rules will use.
  explicit ListReplay(const std::vector<AuditRule>& rules) {
    for (const AuditRule& rule : rules) {
      index_identities_ = index_identities_ || rule.kind == AuditRule::Kind::kDeleteWatch ||
                          (rule.kind == AuditRule::Kind::kControl && rule.control == "-d");
      index_keys_ = index_keys_ || (rule.kind == AuditRule::Kind::kControl && rule.control == "-D");
    }
  }

  void Add(List list, const AuditRule* rule, bool prepend) {
    Entry at{list, prepend ? --front_ : back_++};
    entries_.emplace(at, rule);
    if (index_identities_) by_identity_[DeleteIdentity(*rule)].insert(at);
    if (index_keys_) {
      for (const std::string& key : rule->keys) by_key_[key].push_back(at);
    }
  }

  // -W, -d: the first exact match, in the exit list before the task list.
  void DeleteSame(const AuditRule& deleter) {
    auto it = by_identity_.find(DeleteIdentity(deleter));
    if (it == by_identity_.end()) return;
    // Index entries of rules a -D removed are stale: skip them.
    while (!it->second.empty()) {
      Entry first = *it->second.begin();
      it->second.erase(it->second.begin());
      if (entries_.erase(first) != 0) return;
    }
  }

  // -D: every rule, or those with one of `keys`.
  void DeleteAll(const std::vector<std::string>& keys) {
    if (keys.empty()) {
      entries_.clear();
      return;
    }
    for (const std::string& key : keys) {
      auto it = by_key_.find(key);
      if (it == by_key_.end()) continue;
      for (const Entry& at : it->second) entries_.erase(at);
      it->second.clear();
    }
  }

  std::vector<const AuditRule*> Rules(List list) const {
    std::vector<const AuditRule*> out;
    for (const auto& [at, rule] : entries_) {
      if (at.first == list) out.push_back(rule);
    }
    return out;
  }

 private:
  using Entry = std::pair<List, int64_t>;
  std::map<Entry, const AuditRule*> entries_;
  std::unordered_map<std::string, std::set<Entry>> by_identity_;
  std::unordered_map<std::string, std::vector<Entry>> by_key_;
  int64_t front_ = 0, back_ = 0;  // the next -A goes before front_, the next -a at back_
  bool index_identities_ = false, index_keys_ = false;
};

// ---- NaturalLess: gnulib filevercmp as coreutils 9.1 `ls -v` uses it ----

// The length of `s` without its file suffix, a trailing run of (\.[A-Za-z~][A-Za-z0-9~]*)*.
size_t FilePrefixLength(std::string_view s) {
  size_t prefix = 0;
  size_t i = 0;
  while (i < s.size()) {
    ++i;
    prefix = i;
    while (i + 1 < s.size() && s[i] == '.' && (IsAlpha(s[i + 1]) || s[i + 1] == '~')) {
      for (i += 2; i < s.size() && (IsAlnum(s[i]) || s[i] == '~'); ++i) {
      }
    }
  }
  return prefix;
}

int Order(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  auto c = static_cast<unsigned char>(s[pos]);
  if (IsDigit(static_cast<char>(c))) return 0;
  if (IsAlpha(static_cast<char>(c))) return c;
  if (c == '~') return -1;
  return static_cast<int>(c) + 256;
}

int VerRevCmp(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
      int ac = Order(a, i), bc = Order(b, j);
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && j < b.size() && IsDigit(a[i]) && IsDigit(b[j])) {
      if (!first_diff) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && IsDigit(a[i])) return 1;
    if (j < b.size() && IsDigit(b[j])) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

int FileVerCmp(std::string_view a, std::string_view b) {
  if (a.empty()) return b.empty() ? 0 : -1;
  if (b.empty()) return 1;
  // ".", then "..", then other names starting with '.', then the rest.
  if (a[0] == '.') {
    if (b[0] != '.') return -1;
    if (a == ".") return b == "." ? 0 : -1;
    if (b == ".") return 1;
    if (a == "..") return b == ".." ? 0 : -1;
    if (b == "..") return 1;
  } else if (b[0] == '.') {
    return 1;
  }
  size_t a_prefix = FilePrefixLength(a), b_prefix = FilePrefixLength(b);
  bool one_pass = a_prefix == a.size() && b_prefix == b.size();
  int result = VerRevCmp(a.substr(0, a_prefix), b.substr(0, b_prefix));
  return result || one_pass ? result : VerRevCmp(a, b);
}

// How augenrules classifies a line by its first option.
enum class Placement { kInPlace, kDeleteAll, kBacklog, kFailure, kEnable };

Placement PlacementOf(const AuditRule& first, size_t line_rules) {
  if (first.kind != AuditRule::Kind::kControl) return Placement::kInPlace;
  if (first.control == "-D")
    return first.keys.empty() && line_rules == 1 ? Placement::kDeleteAll : Placement::kInPlace;
  if (first.control == "-b") return Placement::kBacklog;
  if (first.control == "-f") return Placement::kFailure;
  if (first.control == "-e") return Placement::kEnable;
  return Placement::kInPlace;
}

bool SameLine(const AuditRule& a, const AuditRule& b) {
  return a.span.valid() && a.file == b.file && a.span == b.span;
}

}  // namespace

const AuditRule* FindCoveringRule(const AuditRules& loaded, std::string_view path) {
  if (path.empty() || path[0] != '/') return nullptr;
  std::string target = NormalizePath(path);
  // Replay the load: the exit list in kernel order, and the task list.
  ListReplay replay(loaded.rules);
  for (const AuditRule& rule : loaded.rules) {
    // After -e 2 the configuration is locked: the kernel refuses every later change.
    if (rule.kind == AuditRule::Kind::kControl && rule.control == "-e" && rule.control_value == "2") break;
    switch (rule.kind) {
      case AuditRule::Kind::kWatch:
        replay.Add(ListReplay::kExit, &rule, false);
        break;
      case AuditRule::Kind::kSyscall:
        if (rule.list == "exit" || rule.list == "task")
          replay.Add(rule.list == "exit" ? ListReplay::kExit : ListReplay::kTask, &rule, rule.prepend);
        break;
      case AuditRule::Kind::kDeleteWatch:
        replay.DeleteSame(rule);
        break;
      case AuditRule::Kind::kControl:
        if (rule.control == "-D") replay.DeleteAll(rule.keys);
        if (rule.control == "-d") replay.DeleteSame(rule);
        break;
    }
  }
  std::vector<const AuditRule*> exit_list = replay.Rules(ListReplay::kExit);
  std::vector<const AuditRule*> task_list = replay.Rules(ListReplay::kTask);
  // A task the task list marks "never" gets no audit context: none of its syscalls is audited.
  for (const AuditRule* rule : task_list) {
    if (rule->action == "never" && rule->fields.empty()) return nullptr;
  }
  for (size_t i = 0; i < exit_list.size(); ++i) {
    const AuditRule* rule = exit_list[i];
    if (!Covers(*rule, target)) continue;
    bool suppressed =
        std::any_of(exit_list.begin(), exit_list.begin() + static_cast<ptrdiff_t>(i),
                    [&](const AuditRule* earlier) { return Suppresses(*earlier, *rule, target); });
    if (!suppressed) return rule;
  }
  return nullptr;
}

AuditRules MergeRulesD(const std::vector<std::pair<std::string, AuditRules>>& files) {
  std::vector<const std::pair<std::string, AuditRules>*> order;
  for (const auto& file : files) {
    // `ls` hides dot files, and augenrules' unquoted $(ls) splits names with whitespace into names that do
    // not exist.
    const std::string& name = file.first;
    if (name.ends_with(".rules") && !name.starts_with(".") &&
        name.find_first_of(" \t\n") == std::string::npos) {
      order.push_back(&file);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return NaturalLess(a->first, b->first); });
  // Work line by line: augenrules moves whole lines, and one line can hold several entries (-b 8192 -f 1).
  using Line = std::vector<const AuditRule*>;
  std::vector<Line> lines;
  for (const auto* file : order) {
    for (const AuditRule& rule : file->second.rules) {
      if (lines.empty() || !SameLine(*lines.back().back(), rule)) lines.emplace_back();
      lines.back().push_back(&rule);
    }
  }
  std::optional<size_t> delete_all, backlog, failure, enable;
  std::vector<size_t> rest;
  for (size_t i = 0; i < lines.size(); ++i) {
    switch (PlacementOf(*lines[i].front(), lines[i].size())) {
      case Placement::kDeleteAll:
        delete_all = i;
        break;
      case Placement::kBacklog:
        backlog = i;
        break;
      case Placement::kFailure:
        failure = i;
        break;
      case Placement::kEnable:
        enable = i;
        break;
      case Placement::kInPlace:
        rest.push_back(i);
        break;
    }
  }
  AuditRules out;
  auto emit = [&](std::optional<size_t> line) {
    if (!line) return;
    for (const AuditRule* rule : lines[*line]) out.rules.push_back(*rule);
  };
  emit(delete_all);
  emit(backlog);
  emit(failure);
  for (size_t i : rest) emit(i);
  emit(enable);
  return out;
}

bool NaturalLess(std::string_view a, std::string_view b) {
  int diff = FileVerCmp(a, b);
  return diff != 0 ? diff < 0 : a < b;  // ls falls back to strcmp
}

const AuditRule* AuditModel::FindCoveringRule(std::string_view path) const {
  return model::FindCoveringRule(rules, path);
}

std::optional<AuditModel> LoadAuditModel(std::vector<AuditRulesFile> files) {
  std::vector<std::pair<std::string, AuditRules>> rules_d;
  AuditRulesFile* main_file = nullptr;
  const AuditRulesFile* anchor = nullptr;
  for (AuditRulesFile& file : files) {
    const std::string& path = file.host_path;
    if (path.find("/rules.d/") != std::string::npos) {
      if (rules_d.empty()) anchor = &file;
      rules_d.emplace_back(path.substr(path.rfind('/') + 1), std::move(file.rules));
    } else {
      main_file = &file;
      if (anchor == nullptr) anchor = &file;
    }
  }
  if (anchor == nullptr) return std::nullopt;
  AuditModel model;
  model.rules = rules_d.empty() ? std::move(main_file->rules) : MergeRulesD(rules_d);
  const base::SourceFile* first = anchor->source;
  model.anchor = base::SourceSpan{first, 0, first->content().empty() ? 0u : 1u};
  return model;
}

}  // namespace docklint::model
