#include "rules/suppressions.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "base/strings.h"
#include "parsers/dockerfile.h"

namespace docklint::rules {
using base::TrimLeft;

Suppressions::Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset,
                           base::Diagnostics* diagnostics, bool peer_pragmas)
    : file_(dockerfile.file ? dockerfile.file->path() : "") {
  std::vector<SuppressionComment> comments;
  for (const parsers::DockerfileComment& comment : dockerfile.comments)
    comments.push_back({comment.text, comment.span});
  // The instruction below the comment (other comments and blank lines may come between).
  auto below = [&dockerfile](uint32_t line) -> std::optional<std::pair<uint32_t, uint32_t>> {
    auto it = std::upper_bound(dockerfile.instructions.begin(), dockerfile.instructions.end(), line,
                               [](uint32_t l, const parsers::DockerfileInstruction& instruction) {
                                 return l < instruction.start_line;
                               });
    if (it == dockerfile.instructions.end()) return std::nullopt;
    return std::pair{it->start_line, it->end_line};
  };
  Read(comments, below, ruleset, diagnostics);
  for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions)
    instruction_starts_.emplace(instruction.start_line, instruction.end_line);
  if (peer_pragmas) ReadPeerPragmas(dockerfile);
}

Suppressions::Suppressions(std::string file, const std::vector<SuppressionComment>& comments,
                           const ElementBelow& below, const Ruleset& ruleset, base::Diagnostics* diagnostics)
    : file_(std::move(file)) {
  Read(comments, below, ruleset, diagnostics);
}

void Suppressions::Read(const std::vector<SuppressionComment>& comments, const ElementBelow& below,
                        const Ruleset& ruleset, base::Diagnostics* diagnostics) {
  for (const SuppressionComment& comment : comments) {
    std::string_view text = TrimLeft(comment.text);
    if (!text.starts_with("docklint")) continue;
    text = TrimLeft(text.substr(8));
    bool global = text.starts_with("global");
    if (global) text = TrimLeft(text.substr(6));
    if (!text.starts_with("ignore=")) continue;
    size_t list_offset = static_cast<size_t>(text.data() - comment.text.data()) + 7;
    text = text.substr(7);
    std::string_view list = text.substr(0, text.find_first_of(" \t"));  // the reason follows a blank
    std::vector<std::string> ids;
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view item = list.substr(start, comma - start);
      if (!item.empty()) {
        const Rule* rule = ruleset.FindById(std::string(item));
        if (rule == nullptr) rule = ruleset.FindByName(std::string(item));
        if (rule != nullptr) {
          ids.push_back(rule->id);
        } else {
          // The comment's span starts at '#'; its text starts one byte later.
          uint32_t begin = comment.span.begin + 1 + static_cast<uint32_t>(list_offset + start);
          diagnostics->push_back(
              {base::DiagnosticCode::kUnknownRuleInSuppression,
               "no rule is named '" + std::string(item) + "': nothing is suppressed by it",
               base::SourceSpan{comment.span.file, begin, begin + static_cast<uint32_t>(item.size())}});
        }
      }
      start = comma + 1;
    }
    if (ids.empty()) continue;
    size_t entry = AddEntry(std::move(ids), comment.span);
    if (global) {
      global_.push_back(entry);
    } else if (std::optional<std::pair<uint32_t, uint32_t>> element =
                   below(comment.span.range().begin.line)) {
      AddScoped(&local_, element->first, element->second, entry);
    }
  }
}

size_t Suppressions::AddEntry(std::vector<std::string> keys, const base::SourceSpan& span) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  size_t count = keys.size();
  entries_.push_back(Entry{std::move(keys), span, std::vector<bool>(count, false)});
  return entries_.size() - 1;
}

void Suppressions::AddScoped(std::map<uint32_t, Scoped>* scopes, uint32_t first, uint32_t last,
                             size_t entry) {
  Scoped& scoped = (*scopes)[first];
  scoped.last_line = std::max(scoped.last_line, last);
  scoped.entries.push_back(entry);
}

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view SkipBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  return text;
}

// `text` starts with `word` followed by at least one blank (`blank_after`) or anything.
bool Eat(std::string_view* text, std::string_view word, bool blank_after) {
  if (!text->starts_with(word)) return false;
  std::string_view rest = text->substr(word.size());
  if (blank_after && (rest.empty() || !IsBlank(rest.front()))) return false;
  *text = SkipBlanks(rest);
  return true;
}

// Whether a finding's rule is one of BuildKit's checks: what `skip=all` and `error=true` act on.
bool CitesBuildkit(const base::Finding& finding) {
  return std::any_of(finding.references.begin(), finding.references.end(),
                     [](const std::string& reference) { return reference.starts_with("buildkit:"); });
}

enum class HadolintScope { kLine, kStage, kGlobal };

// A `hadolint [global |stage ]ignore=DL3008, SC2086 [# reason]` comment, as hadolint's Pragma.hs reads it:
// the codes are made of the letters D, L, S, C and digits, and nothing but a `#` comment may follow, else
// hadolint ignores the whole comment (so do we).
std::optional<std::pair<HadolintScope, std::vector<std::string>>> ParseHadolintPragma(std::string_view text) {
  text = SkipBlanks(text);
  if (!Eat(&text, "hadolint", true)) return std::nullopt;
  HadolintScope scope = HadolintScope::kLine;
  if (Eat(&text, "global", true)) {
    scope = HadolintScope::kGlobal;
  } else if (Eat(&text, "stage", true)) {
    scope = HadolintScope::kStage;
  }
  if (!Eat(&text, "ignore", false) || !Eat(&text, "=", false)) return std::nullopt;
  std::vector<std::string> codes;
  while (true) {
    size_t length = 0;
    while (length < text.size() &&
           std::string_view("DLSC0123456789").find(text[length]) != std::string_view::npos)
      ++length;
    if (length == 0) return std::nullopt;
    codes.emplace_back(text.substr(0, length));
    text = SkipBlanks(text.substr(length));
    if (text.starts_with('#')) break;  // an inline comment ends the list
    if (text.empty()) break;
    if (!Eat(&text, ",", false)) return std::nullopt;
  }
  return std::pair{scope, std::move(codes)};
}

// BuildKit's lint options (`skip=A,B;error=true;experimental=C`), as linter.ParseLintOptions reads them;
// nullopt when BuildKit would reject them (it then ignores the comment).
struct BuildkitCheck {
  std::vector<std::string> skip;  // "buildkit:Name", or "buildkit:*" for skip=all
  bool error = false;
};
std::optional<BuildkitCheck> ParseBuildkitCheck(std::string_view value) {
  value = base::Trim(value);
  BuildkitCheck check;
  if (value.empty()) return check;
  for (int part = 0; part < 3 && !value.empty(); ++part) {
    size_t semicolon = part < 2 ? value.find(';') : std::string_view::npos;
    std::string_view option = value.substr(0, semicolon);
    value = semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
    size_t equals = option.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view key = base::Trim(option.substr(0, equals));
    std::string_view setting = base::Trim(option.substr(equals + 1));
    if (key == "skip") {
      if (setting == "all") {
        check.skip.push_back("buildkit:*");
        continue;
      }
      while (true) {
        size_t comma = setting.find(',');
        check.skip.push_back("buildkit:" + std::string(base::Trim(setting.substr(0, comma))));
        if (comma == std::string_view::npos) break;
        setting.remove_prefix(comma + 1);
      }
    } else if (key == "error") {
      // Go's strconv.ParseBool.
      static const std::set<std::string_view> kTrue = {"1", "t", "T", "TRUE", "true", "True"};
      static const std::set<std::string_view> kFalse = {"0", "f", "F", "FALSE", "false", "False"};
      if (kTrue.contains(setting)) {
        check.error = true;
      } else if (!kFalse.contains(setting)) {
        return std::nullopt;
      }
    } else if (key != "experimental") {
      return std::nullopt;
    }
  }
  return check;
}

// A comment BuildKit's DirectiveParser reads as `check=<value>` (`#check=...`, `# check = ...`): the value up
// to its first blank, as WithMergedConfigFromComments cuts it.
std::optional<std::string_view> CheckComment(std::string_view text) {
  text = SkipBlanks(text);
  if (text.size() < 5 || base::Lower(text.substr(0, 5)) != "check") return std::nullopt;
  text = SkipBlanks(text.substr(5));
  if (!text.starts_with('=')) return std::nullopt;
  text = base::Trim(text.substr(1));
  return text.substr(0, text.find(' '));
}

// A `trivy:ignore:<id>` comment: the id as our rules cite it (DS002 for DS002, DS-0002 and AVD-DS-0002).
std::optional<std::string> TrivyReference(std::string_view text) {
  text = SkipBlanks(text);
  if (!Eat(&text, "trivy:ignore:", false)) return std::nullopt;
  std::string_view id = text.substr(0, text.find_first_of(" \t"));
  if (id.starts_with("AVD-")) id.remove_prefix(4);
  if (id.size() < 3) return std::nullopt;
  std::string prefix(id.substr(0, 2));
  std::string_view digits = id.substr(2);
  if (digits.starts_with('-')) digits.remove_prefix(1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  while (digits.size() > 3 && digits.front() == '0') digits.remove_prefix(1);
  std::string number(digits);
  while (number.size() < 3) number.insert(number.begin(), '0');
  return "trivy:" + prefix + number;
}

}  // namespace

std::string HadolintReference(std::string_view code) {
  return (code.starts_with("SC") ? "shellcheck:" : "hadolint:") + std::string(code);
}

void Suppressions::ReadPeerPragmas(const parsers::Dockerfile& dockerfile) {
  std::map<uint32_t, const parsers::DockerfileInstruction*> by_start;
  for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions)
    by_start.emplace(instruction.start_line, &instruction);
  auto instruction_below = [&](uint32_t line) -> const parsers::DockerfileInstruction* {
    auto it = by_start.upper_bound(line);
    return it == by_start.end() ? nullptr : it->second;
  };
  // BuildKit's file-wide directive.
  for (const parsers::DockerfileDirective& directive : dockerfile.directives) {
    if (directive.name != "check") continue;
    std::string_view value = directive.value;
    if (std::optional<BuildkitCheck> check = ParseBuildkitCheck(value.substr(0, value.find(' ')))) {
      buildkit_error_ = buildkit_error_ || check->error;
      if (!check->skip.empty()) global_.push_back(AddEntry(check->skip, directive.span));
    }
  }
  std::set<const parsers::DockerfileInstruction*> buildkit_checked;  // the first check comment counts
  std::map<uint32_t, std::vector<size_t>> stage_pragmas;             // hadolint's key line -> entries
  for (const parsers::DockerfileComment& comment : dockerfile.comments) {
    uint32_t line = comment.span.range().begin.line;
    const parsers::DockerfileInstruction* below = instruction_below(line);
    if (auto pragma = ParseHadolintPragma(comment.text)) {
      std::vector<std::string> keys;
      for (const std::string& code : pragma->second) keys.push_back(HadolintReference(code));
      size_t entry = AddEntry(std::move(keys), comment.span);
      if (pragma->first == HadolintScope::kGlobal) {
        global_.push_back(entry);
      } else if (pragma->first == HadolintScope::kStage) {
        stage_pragmas[line + 1].push_back(entry);
      } else if (below != nullptr && below->start_line == line + 1) {
        AddScoped(&local_, below->start_line, below->end_line, entry);
      }
      continue;
    }
    if (std::optional<std::string> reference = TrivyReference(comment.text)) {
      if (below != nullptr)
        AddScoped(&local_, below->start_line, below->end_line, AddEntry({*reference}, comment.span));
      continue;
    }
    // BuildKit: the comments since the previous instruction belong to the next one; an empty `#` drops them.
    if (std::optional<std::string_view> value = CheckComment(comment.text)) {
      if (below == nullptr || !buildkit_checked.insert(below).second) continue;
      std::optional<BuildkitCheck> check = ParseBuildkitCheck(*value);
      if (check && !check->skip.empty())
        AddScoped(&local_, below->start_line, below->end_line, AddEntry(check->skip, comment.span));
    } else if (base::Trim(comment.text).empty() && below != nullptr) {
      buildkit_checked.insert(below);  // the comments before this one are forgotten: mark the instruction
    }
  }
  // hadolint's stage ignores: each applies from the line after its key to the next key (a FROM or another
  // stage pragma), that line included, as Process.hs looks up the greatest key below a finding's line.
  if (stage_pragmas.empty()) return;
  std::map<uint32_t, const std::vector<size_t>*> keys;
  static const std::vector<size_t> kNone;
  for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions) {
    if (instruction.keyword == "from") keys.emplace(instruction.start_line, &kNone);
  }
  for (const auto& [line, entries] : stage_pragmas) keys[line] = &entries;
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    auto next = std::next(it);
    uint32_t last = next == keys.end() ? UINT32_MAX : next->first;
    for (size_t entry : *it->second) AddScoped(&stages_, it->first + 1, last, entry);
  }
}

bool Suppressions::EntryMatches(const Entry& entry, const base::Finding& finding) const {
  bool matched = false;
  for (size_t i = 0; i < entry.keys.size(); ++i) {
    const std::string& key = entry.keys[i];
    bool hit = key == finding.rule_id;
    if (!hit && key == "buildkit:*") {
      hit = CitesBuildkit(finding);
    } else if (!hit && key.find(':') != std::string::npos) {
      hit = std::find(finding.references.begin(), finding.references.end(), key) != finding.references.end();
    }
    if (hit) {
      entry.used[i] = true;
      matched = true;
    }
  }
  return matched;
}

bool Suppressions::ScopeMatches(const std::map<uint32_t, Scoped>& scopes, uint32_t line,
                                const base::Finding& finding) const {
  auto at = scopes.upper_bound(line);
  if (at == scopes.begin()) return false;
  --at;
  if (line > at->second.last_line) return false;
  bool matched = false;
  for (size_t entry : at->second.entries) matched = EntryMatches(entries_[entry], finding) || matched;
  return matched;
}

bool Suppressions::Suppresses(const base::Finding& finding) const {
  if (finding.location.file != file_) return false;
  bool matched = false;
  for (size_t entry : global_) matched = EntryMatches(entries_[entry], finding) || matched;
  uint32_t line = finding.location.range.begin.line;
  matched = ScopeMatches(local_, line, finding) || matched;
  if (!stages_.empty()) {
    // hadolint places a finding at the first line of its instruction.
    auto in = instruction_starts_.upper_bound(line);
    if (in != instruction_starts_.begin() && line <= std::prev(in)->second) line = std::prev(in)->first;
    matched = ScopeMatches(stages_, line, finding) || matched;
  }
  return matched;
}

void Suppressions::Adjust(base::Finding* finding) const {
  if (buildkit_error_ && finding->location.file == file_ && CitesBuildkit(*finding)) {
    finding->severity = base::Severity::kError;
  }
}

base::Diagnostics Suppressions::Unused(const std::vector<const Rule*>& selected) const {
  base::Diagnostics unused;
  auto could_fire = [&selected](const std::string& key) {
    for (const Rule* rule : selected) {
      if (rule->id == key) return true;
      for (const std::string& reference : rule->references) {
        if (reference == key || (key == "buildkit:*" && reference.starts_with("buildkit:"))) return true;
      }
      // ShellCheck's codes are per finding: the rule that runs it may report any of them.
      if (key.starts_with("shellcheck:") && rule->check == "shellcheck") return true;
    }
    return false;
  };
  for (const Entry& entry : entries_) {
    std::string names;
    for (size_t i = 0; i < entry.keys.size(); ++i) {
      if (entry.used[i] || !could_fire(entry.keys[i])) continue;
      const std::string& key = entry.keys[i];
      std::string name = key == "buildkit:*" ? "all" : key.substr(key.find(':') + 1);
      names += (names.empty() ? "" : ", ") + name;
    }
    if (!names.empty())
      unused.push_back({base::DiagnosticCode::kUnusedSuppression,
                        "this suppression silences nothing here: " + names + " reported nothing it covers",
                        entry.span});
  }
  return unused;
}

Suppressions YamlSuppressions(const base::SourceFile& file, const parsers::YamlFile& yaml,
                              const Ruleset& ruleset, base::Diagnostics* diagnostics) {
  // Comments alone on their line: a '#' after a value may be inside a plain scalar's text.
  std::vector<SuppressionComment> comments;
  std::string_view text = file.content();
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    size_t first = text.find_first_not_of(" \t", start);
    if (first < end && text[first] == '#') {
      size_t stop = end > first && text[end - 1] == '\r' ? end - 1 : end;
      comments.push_back(
          {text.substr(first + 1, stop - first - 1),
           base::SourceSpan{&file, static_cast<uint32_t>(first), static_cast<uint32_t>(stop)}});
    }
    start = end + 1;
  }
  if (comments.empty()) return Suppressions(file.path(), {}, {}, ruleset, diagnostics);
  // Each key and list item by its first line, with the last line of its value (the widest of those that
  // start on one line: "- type: bind" is an item and a key).
  auto elements = std::make_shared<std::map<uint32_t, uint32_t>>();
  auto add = [&](const base::SourceSpan& begin, const base::SourceSpan& end) {
    uint32_t first = begin.range().begin.line, last = std::max(first, end.range().end.line);
    auto [it, added] = elements->emplace(first, last);
    if (!added) it->second = std::max(it->second, last);
  };
  for (const parsers::YamlNode& node : yaml.nodes) {
    if (node.span.file != &file) continue;
    for (const parsers::YamlPair& pair : node.pairs) {
      if (!pair.merged && pair.key->span.file == &file) add(pair.key->span, pair.value->span);
    }
    for (const parsers::YamlNode* item : node.items) {
      if (item->span.file == &file) add(item->span, item->span);
    }
  }
  auto below = [elements](uint32_t line) -> std::optional<std::pair<uint32_t, uint32_t>> {
    auto it = elements->upper_bound(line);
    if (it == elements->end()) return std::nullopt;
    return *it;
  };
  return Suppressions(file.path(), comments, below, ruleset, diagnostics);
}

}  // namespace docklint::rules
