#include "app/dockerfile_lint.h"

#include <algorithm>

#include "model/dockerfile_model.h"
#include "parsers/dockerfile.h"
#include "rules/engine.h"
#include "rules/suppressions.h"

namespace docklint::app {

void LintDockerfile(const base::SourceFile& file, const rules::Ruleset& ruleset,
                    const std::vector<const rules::Rule*>& selected, std::vector<base::Finding>* findings,
                    const std::vector<std::string>& trusted_registries) {
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  base::Diagnostics diagnostics = std::move(dockerfile.diagnostics);
  rules::Suppressions suppressions(dockerfile, ruleset, &diagnostics);
  std::vector<base::Finding> produced;
  auto is_selected = [&](const std::string& id) {
    return std::any_of(selected.begin(), selected.end(), [&](const rules::Rule* r) { return r->id == id; });
  };
  for (const base::Diagnostic& diagnostic : diagnostics) {
    base::Finding finding = rules::FindingFromDiagnostic(ruleset, diagnostic);
    if (is_selected(finding.rule_id)) produced.push_back(std::move(finding));
  }
  model::DockerfileModel model(dockerfile);
  rules::EvaluateDockerfileRules(selected, rules::DockerfileContext{model, trusted_registries}, &produced);
  for (base::Finding& finding : produced) {
    if (!suppressions.Suppresses(finding)) findings->push_back(std::move(finding));
  }
}

}  // namespace docklint::app
