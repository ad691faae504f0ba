// Lints one Dockerfile: parse it, run the selected image rules on its model, drop what its inline
// suppressions silence.
#ifndef DOCKLINT_APP_DOCKERFILE_LINT_H_
#define DOCKLINT_APP_DOCKERFILE_LINT_H_

#include <vector>

#include "base/finding.h"
#include "base/source_file.h"
#include "rules/ruleset.h"

namespace docklint::app {

void LintDockerfile(const base::SourceFile& file, const rules::Ruleset& ruleset,
                    const std::vector<const rules::Rule*>& selected, std::vector<base::Finding>* findings,
                    const std::vector<std::string>& trusted_registries = {});

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DOCKERFILE_LINT_H_
