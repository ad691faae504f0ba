// Runs the selected rules over a host and turns parser diagnostics into findings of their meta rules.
#ifndef DOCKLINT_RULES_ENGINE_H_
#define DOCKLINT_RULES_ENGINE_H_

#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/dockerfile_check.h"
#include "rules/ruleset.h"

namespace docklint::rules {

enum class RuleStatus {
  kPass,
  kFail,
  kNotApplicable,  // applies_when failed, the rule's input was rejected, or there is no host to judge
  kManual,         // a control the files cannot decide; reported with its evidence
};

struct RuleOutcome {
  const Rule* rule = nullptr;
  RuleStatus status = RuleStatus::kNotApplicable;
};

// Copies id, name, severity and references of `rule` into `finding`.
void Stamp(const Rule& rule, base::Finding* finding);

// Evaluates the host rules among `rules` (declarative tests, C++ checks, manual controls) and returns
// one outcome per host rule, in the order given. Every one is N/A on a host that is not judgeable (a lone
// env file, a unit of some other program, a daemon.json dockerd cannot read).
std::vector<RuleOutcome> EvaluateHostRules(const std::vector<const Rule*>& rules, const HostContext& host,
                                           std::vector<base::Finding>* findings);

// Runs the selected compose rules over one compose project.
void EvaluateComposeRules(const std::vector<const Rule*>& rules, const ComposeContext& compose,
                          std::vector<base::Finding>* findings);

// Runs the selected Dockerfile rules over one Dockerfile.
void EvaluateDockerfileRules(const std::vector<const Rule*>& rules, const DockerfileContext& dockerfile,
                             std::vector<base::Finding>* findings);

// The finding of the meta rule that reports `diagnostic` (rules/diagnostic_rules.h). A code whose rule is
// missing from the ruleset is a bug in docklint: it still becomes a finding (never lost), as an error of
// the internal-error rule.
base::Finding FindingFromDiagnostic(const Ruleset& ruleset, const base::Diagnostic& diagnostic);

// The findings of `diagnostics` whose rules are among `selected` (internal errors always), appended.
void AddSelectedFindings(const Ruleset& ruleset, const std::vector<const Rule*>& selected,
                         const base::Diagnostics& diagnostics, std::vector<base::Finding>* findings);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_ENGINE_H_
