// Which rules a run uses: --benchmark, --check, --select and --ignore.
#ifndef DOCKLINT_RULES_SELECTION_H_
#define DOCKLINT_RULES_SELECTION_H_

#include <string>
#include <string_view>
#include <vector>

#include "rules/ruleset.h"

namespace docklint::rules {

struct Selection {
  std::string benchmark;            // "" = every rule
  std::vector<std::string> checks;  // control ids of `benchmark` ("2.2")
  std::vector<std::string> select;  // rule ids, names or id prefixes ("DKL1")
  std::vector<std::string> ignore;  // same forms
  // --summary wants manual controls, and the opt-in rules that are controls (a benchmark references them):
  // its table has a row for each. Opt-in rules that are no control (ShellCheck, which runs a program per
  // Dockerfile, or the pedantic groups) stay off.
  bool include_manual = false;
  bool include_opt_in = false;  // --list-rules shows every rule, opt-in ones included
};

// The benchmarks rules may reference, as --benchmark accepts them.
const std::vector<std::string_view>& KnownBenchmarks();

// The rules to run, in ruleset order. Meta rules (reported by the parsers) are kept unless ignored or
// left out by --select. Manual controls and opt-in rules are kept only when asked for: a --benchmark,
// --check or --select that names them, or include_manual. Returns false with a message for an unknown
// benchmark, control id or rule.
bool SelectRules(const Ruleset& ruleset, const Selection& selection, std::vector<const Rule*>* out,
                 std::string* error);

// Whether a finding of `rule_id` is reported in a run that selected `selected`. The internal-error rule
// (a finding no rule owns: a docklint bug) is always reported, whatever the selection.
bool IsSelected(const std::vector<const Rule*>& selected, std::string_view rule_id);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_SELECTION_H_
