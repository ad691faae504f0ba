#include <nlohmann/json.hpp>

#include "report/reporter.h"

namespace docklint::report {

void WriteJson(const Report& report, std::ostream& out) {
  std::vector<std::string> fingerprints = base::Fingerprints(report.findings, report.sources);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::map<std::string, size_t> by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}, {"style", 0}};
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const base::Finding& f = report.findings[i];
    const base::Range& r = f.location.range;
    nlohmann::ordered_json item;
    item["rule"] = f.rule_id;
    item["name"] = f.rule_name;
    item["severity"] = base::SeverityName(f.severity);
    item["message"] = f.message;
    item["file"] = f.location.file;
    item["line"] = r.begin.line;
    item["column"] = r.begin.column;
    item["end_line"] = r.end.line;
    item["end_column"] = r.end.column;
    item["references"] = f.references;
    if (f.fatal) item["fatal"] = true;
    if (!f.related.empty()) {
      nlohmann::ordered_json related = nlohmann::ordered_json::array();
      for (const base::RelatedLocation& rel : f.related) {
        related.push_back({{"message", rel.message},
                           {"file", rel.location.file},
                           {"line", rel.location.range.begin.line},
                           {"column", rel.location.range.begin.column},
                           {"end_line", rel.location.range.end.line},
                           {"end_column", rel.location.range.end.column}});
      }
      item["related"] = related;
    }
    item["fingerprint"] = fingerprints[i];
    list.push_back(std::move(item));
    ++by_severity[std::string(base::SeverityName(f.severity))];
  }
  nlohmann::ordered_json doc;
  doc["findings"] = std::move(list);
  doc["summary"] = {{"files", report.summary.files}, {"findings", report.findings.size()},
                    {"error", by_severity["error"]}, {"warning", by_severity["warning"]},
                    {"info", by_severity["info"]},   {"style", by_severity["style"]}};
  if (report.controls != nullptr) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const ControlRow& row : *report.controls) {
      rows.push_back({{"control", row.control},
                      {"rule", row.rule->id},
                      {"name", row.rule->name},
                      {"status", row.status}});
    }
    doc["controls"] = std::move(rows);
  }
  // Invalid UTF-8 from input files must not make the reporter throw: replace it.
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace docklint::report
