#include "rules/engine.h"

#include "rules/check_registry.h"
#include "rules/declarative_test.h"

namespace docklint::rules {

void Stamp(const Rule& rule, base::Finding* finding) {
  finding->rule_id = rule.id;
  finding->rule_name = rule.name;
  finding->severity = rule.severity;
  finding->references = rule.references;
}

void EvaluateHostRules(const Ruleset& ruleset, const HostContext& host,
                       std::vector<base::Finding>* findings) {
  for (const Rule& rule : ruleset.rules()) {
    std::vector<base::Finding> produced;
    if (rule.test) {
      EvaluateTest(rule, host.config, &produced);
    } else if (!rule.check.empty()) {
      if (const Check* check = FindCheck(rule.check)) check->Run(host, rule, &produced);
    }
    for (base::Finding& finding : produced) {
      Stamp(rule, &finding);
      findings->push_back(std::move(finding));
    }
  }
}

base::Finding FindingFromDiagnostic(const Ruleset& ruleset, const base::Diagnostic& diagnostic) {
  base::Finding finding;
  if (const Rule* rule = ruleset.FindById(diagnostic.code)) {
    Stamp(*rule, &finding);
  } else {
    finding.rule_id = "DKL0000";
    finding.rule_name = "internal-unknown-diagnostic";
    finding.severity = base::Severity::kError;
  }
  finding.message = diagnostic.message;
  finding.location = base::Location::Of(diagnostic.span);
  return finding;
}

}  // namespace docklint::rules
