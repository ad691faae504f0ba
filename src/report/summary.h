// The per-control view of a run (--summary), like docker-bench's: PASS / FAIL / WARN / INFO / N/A with
// totals, the view a reviewer of a golden image wants. A host control is one row; a compose control (CIS
// section 5) is one row per service of each project, which names the service and its profiles (and the
// project, when the run judged several):
//
//   [FAIL]  5.4    DKL6001  compose-privileged-container  service web (profile debug)
//   [PASS]  5.4    DKL6001  compose-privileged-container  service db
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
  // A compose control's row: what it judged, as the outcome says, and how the text table names it
  // ("service web (profile debug)", "deploy/compose.yaml: service web", "project deploy/compose.yaml").
  std::string project;
  std::string service;
  std::vector<std::string> profiles;
  std::string subject;  // "" for a host control
};

// One row per outcome, ordered by control id (2.2 before 2.10), then in the order given (a compose
// control's services in project order). Subjects name the project only when the outcomes come from more
// than one.
std::vector<ControlRow> BuildControlRows(const std::vector<rules::RuleOutcome>& outcomes,
                                         std::string_view benchmark);

// The text table and its totals. With `remediations`, a control that failed (or wants a manual check) is
// followed by its fix, once after its last row.
void WriteSummary(const std::vector<ControlRow>& rows, std::string_view benchmark, bool remediations,
                  std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_SUMMARY_H_
