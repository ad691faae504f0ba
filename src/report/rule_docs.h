// Formats the rules themselves: --list-rules (text, json, markdown) and --explain.
#ifndef DOCKLINT_REPORT_RULE_DOCS_H_
#define DOCKLINT_REPORT_RULE_DOCS_H_

#include <ostream>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace docklint::report {

// `benchmark` (may be empty) adds a column with each rule's control id in that benchmark.
void WriteRuleList(const std::vector<const rules::Rule*>& rules, std::string_view format,
                   std::string_view benchmark, std::ostream& out);

// The rule's docs under fixed headings: What it checks / Why it matters / Example / Fix / References.
void WriteExplanation(const rules::Rule& rule, std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_RULE_DOCS_H_
