#include "report/summary.h"

#include <algorithm>
#include <iomanip>
#include <map>

namespace docklint::report {
namespace {

std::string_view StatusName(const rules::RuleOutcome& outcome) {
  switch (outcome.status) {
    case rules::RuleStatus::kPass:
      return "PASS";
    case rules::RuleStatus::kFail:
      return outcome.rule->severity >= base::Severity::kWarning ? "FAIL" : "WARN";
    case rules::RuleStatus::kManual:
      return "INFO";
    case rules::RuleStatus::kNotApplicable:
      return "N/A";
  }
  return "N/A";
}

// "2.10" after "2.9": compare dotted ids number by number.
std::vector<long> ControlKey(const std::string& id) {
  std::vector<long> key;
  long n = 0;
  bool digits = false;
  for (char c : id) {
    if (c >= '0' && c <= '9') {
      n = n * 10 + (c - '0');
      digits = true;
    } else {
      if (digits) key.push_back(n);
      n = 0;
      digits = false;
    }
  }
  if (digits) key.push_back(n);
  return key;
}

}  // namespace

std::vector<ControlRow> BuildControlRows(const std::vector<rules::RuleOutcome>& outcomes,
                                         std::string_view benchmark) {
  std::vector<ControlRow> rows;
  for (const rules::RuleOutcome& outcome : outcomes) {
    std::string control = benchmark.empty() ? outcome.rule->id : outcome.rule->ControlId(benchmark);
    rows.push_back({control, outcome.rule, StatusName(outcome)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ControlRow& a, const ControlRow& b) {
    return ControlKey(a.control) < ControlKey(b.control);
  });
  return rows;
}

void WriteSummary(const std::vector<ControlRow>& rows, std::string_view benchmark, bool remediations,
                  std::ostream& out) {
  out << "\nControls" << (benchmark.empty() ? "" : " of " + std::string(benchmark)) << ":\n";
  std::map<std::string_view, int> totals;
  for (const ControlRow& row : rows) {
    ++totals[row.status];
    std::string tag = "[" + std::string(row.status) + "]";
    out << std::left << std::setw(7) << tag << ' ' << std::setw(6) << row.control << ' ' << row.rule->id
        << "  " << row.rule->name << '\n';
    if (remediations && (row.status == "FAIL" || row.status == "WARN" || row.status == "INFO") &&
        !row.rule->docs.fix.empty()) {
      out << "               * " << row.rule->docs.fix << '\n';
    }
  }
  out << "\n== " << totals["PASS"] << " PASS, " << totals["FAIL"] << " FAIL, " << totals["WARN"] << " WARN, "
      << totals["INFO"] << " INFO, " << totals["N/A"] << " N/A ==\n";
}

}  // namespace docklint::report
