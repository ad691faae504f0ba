// The rule id a diagnostic's code maps to, so tests can name the rule a user sees.
#ifndef DOCKLINT_TESTS_TESTING_RULE_OF_H_
#define DOCKLINT_TESTS_TESTING_RULE_OF_H_

#include <string>

#include "base/diagnostic.h"
#include "rules/diagnostic_rules.h"

namespace docklint::test_support {

inline std::string RuleOf(base::DiagnosticCode code) { return std::string(rules::RuleIdFor(code)); }
inline std::string RuleOf(const base::Diagnostic& diagnostic) { return RuleOf(diagnostic.code); }

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_RULE_OF_H_
