#include "rules/suppressions.h"

#include <algorithm>
#include <map>
#include <memory>

#include "base/strings.h"

namespace docklint::rules {
using base::TrimLeft;

Suppressions::Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset,
                           base::Diagnostics* diagnostics)
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
    if (global) {
      global_.insert(ids.begin(), ids.end());
      continue;
    }
    if (std::optional<std::pair<uint32_t, uint32_t>> element = below(comment.span.range().begin.line)) {
      Local& local = local_[element->first];
      local.last_line = std::max(local.last_line, element->second);
      local.rule_ids.insert(ids.begin(), ids.end());
    }
  }
}

bool Suppressions::Suppresses(const base::Finding& finding) const {
  if (finding.location.file != file_) return false;
  if (global_.contains(finding.rule_id)) return true;
  // The instruction the finding is in, if a comment names rules for it: instructions do not overlap.
  uint32_t line = finding.location.range.begin.line;
  auto at = local_.upper_bound(line);
  if (at == local_.begin()) return false;
  --at;
  return line <= at->second.last_line && at->second.rule_ids.contains(finding.rule_id);
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
