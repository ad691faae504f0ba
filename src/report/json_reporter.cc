#include <map>

#include "report/json_writer.h"
#include "report/reporter.h"

namespace docklint::report {

void WriteJson(const Report& report, std::ostream& out) {
  std::vector<std::string> fingerprints = base::Fingerprints(report.findings, report.sources);
  std::map<std::string, size_t> by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}, {"style", 0}};
  for (const base::Finding& f : report.findings) ++by_severity[std::string(base::SeverityName(f.severity))];
  out << "{\n  \"findings\": ";
  WriteArrayAt(
      out, report.findings.size(),
      [&](size_t i) {
        const base::Finding& f = report.findings[i];
        const base::Range& r = f.location.range;
        Json item;
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
          Json& related = item["related"] = Json::array();
          for (const base::RelatedLocation& rel : f.related) {
            related.push_back({{"message", rel.message},
                               {"file", rel.location.file},
                               {"line", rel.location.range.begin.line},
                               {"column", rel.location.range.begin.column},
                               {"end_line", rel.location.range.end.line},
                               {"end_column", rel.location.range.end.column}});
          }
        }
        if (!f.fixes.empty()) {
          Json& fixes = item["fixes"] = Json::array();
          for (const base::Fix& fix : f.fixes) {
            Json edits = Json::array();
            for (const base::TextEdit& edit : fix.edits) {
              edits.push_back({{"line", edit.range.begin.line},
                               {"column", edit.range.begin.column},
                               {"end_line", edit.range.end.line},
                               {"end_column", edit.range.end.column},
                               {"new_text", edit.new_text}});
            }
            fixes.push_back({{"description", fix.description}, {"unsafe", fix.unsafe}, {"edits", edits}});
          }
        }
        item["fingerprint"] = fingerprints[i];
        return item;
      },
      2);
  Json summary = {{"files", report.summary.files}, {"findings", report.findings.size()},
                  {"error", by_severity["error"]}, {"warning", by_severity["warning"]},
                  {"info", by_severity["info"]},   {"style", by_severity["style"]}};
  out << ",\n  \"summary\": " << DumpAt(summary, 2);
  if (report.controls != nullptr) {
    Json rows = Json::array();
    for (const ControlRow& row : *report.controls) {
      Json item = {
          {"control", row.control}, {"rule", row.rule->id}, {"name", row.rule->name}, {"status", row.status}};
      if (!row.project.empty()) item["project"] = row.project;
      if (!row.service.empty()) item["service"] = row.service;
      if (!row.profiles.empty()) item["profiles"] = row.profiles;
      rows.push_back(std::move(item));
    }
    out << ",\n  \"controls\": " << DumpAt(rows, 2);
  }
  out << "\n}\n";
}

}  // namespace docklint::report
