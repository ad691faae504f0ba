// The built-in rulesets are checked and turned into C++ at build time (docklint_rulesetc), so a run starts
// with its rules in memory instead of parsing TOML: for a pre-commit hook on one small file, parsing the
// rulesets cost more than linting the file.
#ifndef DOCKLINT_RULES_RULESET_CODEGEN_H_
#define DOCKLINT_RULES_RULESET_CODEGEN_H_

#include <string>
#include <vector>

#include "rules/rule.h"

namespace docklint::rules {

// A C++ source file that defines Ruleset::LoadBuiltin() to add `rules`, field for field, in this order.
std::string RulesToCpp(const std::vector<Rule>& rules);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_RULESET_CODEGEN_H_
