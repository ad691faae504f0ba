#include "rules/selection.h"

#include <algorithm>

#include "rules/diagnostic_rules.h"

namespace docklint::rules {
namespace {

bool Matches(const Rule& rule, const std::string& pattern) {
  return rule.id == pattern || rule.name == pattern ||
         (pattern.size() < rule.id.size() && pattern.starts_with("DKL") && rule.id.starts_with(pattern));
}

bool AnyMatches(const Rule& rule, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return Matches(rule, p); });
}

// Every pattern must name at least one rule: a typo in --select must not silently select nothing.
bool CheckPatterns(const Ruleset& ruleset, const std::vector<std::string>& patterns, std::string_view option,
                   std::string* error) {
  for (const std::string& pattern : patterns) {
    bool found = std::any_of(ruleset.rules().begin(), ruleset.rules().end(),
                             [&](const Rule& rule) { return Matches(rule, pattern); });
    if (!found) {
      *error = std::string(option) + ": no rule is named or numbered '" + pattern + "' (see --list-rules)";
      return false;
    }
  }
  return true;
}

}  // namespace

const std::vector<std::string_view>& KnownBenchmarks() {
  static const std::vector<std::string_view> kBenchmarks = {
      "cis-docker-1.6.0", "cis-docker-1.7.0", "cis-docker-1.8.0", "cis-docker-1.13.0", "sse-sec-app-docker"};
  return kBenchmarks;
}

namespace {

// Whether a benchmark references the rule: it is one of its controls.
bool IsControl(const Rule& rule) {
  return std::any_of(rule.references.begin(), rule.references.end(), [](const std::string& reference) {
    std::string_view benchmark = std::string_view(reference).substr(0, reference.find(':'));
    const std::vector<std::string_view>& known = KnownBenchmarks();
    return std::find(known.begin(), known.end(), benchmark) != known.end();
  });
}

}  // namespace

bool SelectRules(const Ruleset& ruleset, const Selection& selection, std::vector<const Rule*>* out,
                 std::string* error) {
  const std::vector<std::string_view>& known = KnownBenchmarks();
  if (!selection.benchmark.empty() &&
      std::find(known.begin(), known.end(), selection.benchmark) == known.end()) {
    *error =
        "--benchmark: unknown benchmark '" + selection.benchmark +
        "' (cis-docker-1.6.0, cis-docker-1.7.0, cis-docker-1.8.0, cis-docker-1.13.0, sse-sec-app-docker)";
    return false;
  }
  if (!selection.checks.empty() && selection.benchmark.empty()) {
    *error = "--check takes control ids of a benchmark: give --benchmark too";
    return false;
  }
  for (const std::string& control : selection.checks) {
    bool found = std::any_of(ruleset.rules().begin(), ruleset.rules().end(), [&](const Rule& rule) {
      return rule.ControlId(selection.benchmark) == control;
    });
    if (!found) {
      *error = "--check: " + selection.benchmark + " has no control '" + control + "' that docklint checks";
      return false;
    }
  }
  if (!CheckPatterns(ruleset, selection.select, "--select", error) ||
      !CheckPatterns(ruleset, selection.ignore, "--ignore", error)) {
    return false;
  }
  for (const Rule& rule : ruleset.rules()) {
    if (AnyMatches(rule, selection.ignore)) continue;
    bool selected_by_name = AnyMatches(rule, selection.select);
    if (!selection.select.empty() && !selected_by_name) continue;
    std::string control = selection.benchmark.empty() ? "" : rule.ControlId(selection.benchmark);
    if (!rule.reported_by_parser) {
      if (!selection.benchmark.empty() && control.empty()) continue;
      if (!selection.checks.empty() &&
          std::find(selection.checks.begin(), selection.checks.end(), control) == selection.checks.end()) {
        continue;
      }
    }  // meta rules stay: a daemon.json that does not parse voids every control
    // Manual controls and opt-in rules run only when asked for: by a benchmark that references them, by
    // --select naming them (id, name or prefix), or by include_manual (--summary, --list-rules).
    bool asked_for = selection.include_opt_in || !selection.benchmark.empty() || selected_by_name;
    if (selection.include_manual && (rule.manual || IsControl(rule))) asked_for = true;
    if ((rule.manual || rule.opt_in) && !asked_for) continue;
    out->push_back(&rule);
  }
  std::sort(out->begin(), out->end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
  return true;
}

bool IsSelected(const std::vector<const Rule*>& selected, std::string_view rule_id) {
  return rule_id == kInternalErrorRuleId ||
         std::any_of(selected.begin(), selected.end(), [&](const Rule* rule) { return rule->id == rule_id; });
}

}  // namespace docklint::rules
