// The per-control view of a run (--summary), like docker-bench's: PASS / FAIL / WARN / INFO / N/A with
// totals, the view a reviewer of a golden image wants.
#ifndef DOCKLINT_REPORT_SUMMARY_H_
#define DOCKLINT_REPORT_SUMMARY_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.h"

namespace docklint::report {

struct ControlRow {
  std::string control;  // the benchmark's id, or the rule id when no benchmark was chosen
  const rules::Rule* rule = nullptr;
  std::string_view status;  // PASS FAIL WARN INFO N/A
};

// One row per outcome, ordered by control id (2.2 before 2.10).
std::vector<ControlRow> BuildControlRows(const std::vector<rules::RuleOutcome>& outcomes,
                                         std::string_view benchmark);

void WriteSummary(const std::vector<ControlRow>& rows, std::string_view benchmark, bool remediations,
                  std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_SUMMARY_H_
