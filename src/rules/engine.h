// Runs the selected rules over a host and turns parser diagnostics into findings of their meta rules.
#ifndef DOCKLINT_RULES_ENGINE_H_
#define DOCKLINT_RULES_ENGINE_H_

#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "rules/check.h"
#include "rules/ruleset.h"

namespace docklint::rules {

// Copies id, name, severity and references of `rule` into `finding`.
void Stamp(const Rule& rule, base::Finding* finding);

// Host rules (declarative tests and C++ checks) over one host model.
void EvaluateHostRules(const Ruleset& ruleset, const HostContext& host, std::vector<base::Finding>* findings);

// A diagnostic whose code names no rule in the ruleset is a bug in docklint: it still becomes a finding
// (never lost), as an error of rule DKL0000.
base::Finding FindingFromDiagnostic(const Ruleset& ruleset, const base::Diagnostic& diagnostic);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_ENGINE_H_
