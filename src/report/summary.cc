#include "report/summary.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <set>

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

// "service web (profile debug, test)", after "deploy/compose.yaml: " when the run judged several projects;
// "project deploy/compose.yaml" for a project as a whole; for a host, "" or the daemon when it is not the
// system's ("rootless dockerd of /home/alice").
std::string Subject(const rules::RuleOutcome& outcome, bool name_project) {
  if (!outcome.host.empty()) return outcome.host;
  if (outcome.service.empty()) return outcome.project.empty() ? "" : "project " + outcome.project;
  std::string subject = name_project ? outcome.project + ": " : "";
  subject += "service " + outcome.service;
  for (size_t i = 0; i < outcome.profiles.size(); ++i)
    subject += (i == 0 ? " (profile " : ", ") + outcome.profiles[i];
  if (!outcome.profiles.empty()) subject += ')';
  return subject;
}

bool NeedsFix(std::string_view status) { return status == "FAIL" || status == "WARN" || status == "INFO"; }

}  // namespace

std::vector<ControlRow> BuildControlRows(const std::vector<rules::RuleOutcome>& outcomes,
                                         std::string_view benchmark) {
  std::set<std::string_view> projects;
  for (const rules::RuleOutcome& outcome : outcomes) {
    if (!outcome.project.empty()) projects.insert(outcome.project);
  }
  std::vector<ControlRow> rows;
  for (const rules::RuleOutcome& outcome : outcomes) {
    std::string control = benchmark.empty() ? outcome.rule->id : outcome.rule->ControlId(benchmark);
    rows.push_back({control, outcome.rule, StatusName(outcome), outcome.project, outcome.service,
                    outcome.profiles, Subject(outcome, projects.size() > 1)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ControlRow& a, const ControlRow& b) {
    return ControlKey(a.control) < ControlKey(b.control);
  });
  return rows;
}

void WriteSummary(const std::vector<ControlRow>& rows, std::string_view benchmark, bool remediations,
                  std::ostream& out) {
  out << "\nControls" << (benchmark.empty() ? "" : " of " + std::string(benchmark)) << ":\n";
  // Subjects start in one column: after the longest name among the rows that have one.
  size_t name_width = 0;
  for (const ControlRow& row : rows) {
    if (!row.subject.empty()) name_width = std::max(name_width, row.rule->name.size());
  }
  std::map<std::string_view, int> totals;
  bool fix_due = false;  // a row of the current control wants its fix printed
  for (size_t i = 0; i < rows.size(); ++i) {
    const ControlRow& row = rows[i];
    ++totals[row.status];
    std::string tag = "[" + std::string(row.status) + "]";
    out << std::left << std::setw(7) << tag << ' ';
    // Without a benchmark the control is the rule's id: said once.
    if (!benchmark.empty()) out << std::setw(6) << row.control << ' ';
    out << row.rule->id << "  ";
    if (row.subject.empty()) {
      out << row.rule->name << '\n';
    } else {
      out << std::setw(static_cast<int>(name_width)) << row.rule->name << "  " << row.subject << '\n';
    }
    fix_due = fix_due || NeedsFix(row.status);
    bool last_of_control =
        i + 1 == rows.size() || rows[i + 1].rule != row.rule || rows[i + 1].control != row.control;
    if (!last_of_control) continue;
    if (remediations && fix_due && !row.rule->docs.fix.empty())  // under the first column after the tag
      out << std::string(benchmark.empty() ? 8 : 15, ' ') << "* " << row.rule->docs.fix << '\n';
    fix_due = false;
  }
  out << "\n== " << totals["PASS"] << " PASS, " << totals["FAIL"] << " FAIL, " << totals["WARN"] << " WARN, "
      << totals["INFO"] << " INFO, " << totals["N/A"] << " N/A ==\n";
}

}  // namespace docklint::report
