#include "rules/suppressions.h"

#include <algorithm>

#include "base/strings.h"

namespace docklint::rules {
using base::TrimLeft;

Suppressions::Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset,
                           base::Diagnostics* diagnostics)
    : file_(dockerfile.file ? dockerfile.file->path() : "") {
  for (const parsers::DockerfileComment& comment : dockerfile.comments) {
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
    // The instruction below the comment (other comments and blank lines may come between).
    uint32_t line = comment.span.range().begin.line;
    auto below = std::upper_bound(dockerfile.instructions.begin(), dockerfile.instructions.end(), line,
                                  [](uint32_t l, const parsers::DockerfileInstruction& instruction) {
                                    return l < instruction.start_line;
                                  });
    if (below != dockerfile.instructions.end()) {
      Local& local = local_[below->start_line];
      local.last_line = below->end_line;
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

}  // namespace docklint::rules
