// Runs the selected rules over a host and turns parser diagnostics into findings of their meta rules.
#ifndef DOCKLINT_RULES_ENGINE_H_
#define DOCKLINT_RULES_ENGINE_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/dockerfile_check.h"
#include "rules/dockerfile_walker.h"
#include "rules/ruleset.h"

namespace docklint::rules {

enum class RuleStatus {
  kPass,
  kFail,
  kNotApplicable,  // applies_when failed, the rule's input was rejected, or there is no host to judge
  kManual,         // a control the files cannot decide; reported with its evidence
};

// A rule's verdict on what it judges: a host, or one service of a compose project (one outcome per
// service), or a compose project as a whole when no service of it could be judged.
struct RuleOutcome {
  const Rule* rule = nullptr;
  RuleStatus status = RuleStatus::kNotApplicable;
  std::string host{};  // a host rule's: the daemon judged when it is not the system's ("rootless dockerd of
                       // /home/alice"); "" for the system's
  std::string project{};                // a compose rule's: the project's first file, as findings name it
  std::string service{};                // a compose rule's: the service judged; "" for the whole project
  std::vector<std::string> profiles{};  // the service's profiles (empty: it always starts)
};

// Copies id, name, severity and references of `rule` into `finding`.
void Stamp(const Rule& rule, base::Finding* finding);

// Evaluates the host rules among `rules` (declarative tests, C++ checks, manual controls) and returns
// one outcome per host rule, in the order given. Every one is N/A on a host that is not judgeable (a lone
// env file, a unit of some other program, a daemon.json dockerd cannot read).
std::vector<RuleOutcome> EvaluateHostRules(const std::vector<const Rule*>& rules, const HostContext& host,
                                           std::vector<base::Finding>* findings);

// Runs the selected compose rules over one compose project and returns their outcomes: for each rule, one
// per service in the project's order, FAIL when one of the rule's findings names the service (see
// ServiceFinding), else PASS, or INFO (kManual) when the check cannot judge the service from the files; a
// project without services gets ComposeRulesNotJudged.
std::vector<RuleOutcome> EvaluateComposeRules(const std::vector<const Rule*>& rules,
                                              const ComposeContext& compose,
                                              std::vector<base::Finding>* findings);

// One N/A outcome for the project `project` (its first file) per compose rule among `rules`: for a project
// with no service, or one docker compose refuses before it is built, where no rule runs.
std::vector<RuleOutcome> ComposeRulesNotJudged(const std::vector<const Rule*>& rules,
                                               const std::string& project);

// Runs the selected Dockerfile rules over one Dockerfile.
void EvaluateDockerfileRules(const std::vector<const Rule*>& rules, const DockerfileContext& dockerfile,
                             std::vector<base::Finding>* findings);

// The Dockerfile rules of a run, matched with their checks once: linting each file then only walks it (the
// lookup and the walker's tables cost more than a small Dockerfile's walk).
class DockerfileRules {
 public:
  explicit DockerfileRules(const std::vector<const Rule*>& rules);
  // As EvaluateDockerfileRules. Safe to call from several threads at once.
  void Evaluate(const DockerfileContext& dockerfile, std::vector<base::Finding>* findings) const;

 private:
  std::vector<DockerfileWalker::Selected> selected_;
  DockerfileWalker walker_;
};

// The finding of the meta rule that reports `diagnostic` (rules/diagnostic_rules.h). A code whose rule is
// missing from the ruleset is a bug in docklint: it still becomes a finding (never lost), as an error of
// the internal-error rule.
base::Finding FindingFromDiagnostic(const Ruleset& ruleset, const base::Diagnostic& diagnostic);

// The findings of `diagnostics` whose rules are among `selected` (internal errors always), appended.
void AddSelectedFindings(const Ruleset& ruleset, const std::vector<const Rule*>& selected,
                         const base::Diagnostics& diagnostics, std::vector<base::Finding>* findings);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_ENGINE_H_
