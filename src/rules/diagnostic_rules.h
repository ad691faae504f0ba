// The one table from the diagnostic codes of parsers and model builders to the meta rules that report
// them: the only place where a diagnostic meets a rule id.
#ifndef DOCKLINT_RULES_DIAGNOSTIC_RULES_H_
#define DOCKLINT_RULES_DIAGNOSTIC_RULES_H_

#include <string_view>

#include "base/diagnostic.h"

namespace docklint::rules {

// The id of the rule that reports diagnostics of `code` ("DKL0001").
std::string_view RuleIdFor(base::DiagnosticCode code);

// A finding no rule owns: a bug in docklint. Never filtered out by a selection, so it is never lost.
inline constexpr std::string_view kInternalErrorRuleId = "DKL0000";
// The meta rule for a file docklint cannot read; it has no diagnostic because there is no file to point into.
inline constexpr std::string_view kUnreadableFileRuleId = "DKL0002";

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DIAGNOSTIC_RULES_H_
