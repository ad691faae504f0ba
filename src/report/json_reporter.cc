#include <map>

#include "report/json_writer.h"
#include "report/reporter.h"
#include "report/writers.h"

namespace docklint::report {

namespace {

// {"findings": [...], "summary": {...}, "controls": [...]}, the findings written as they come.
class JsonWriter : public ReportWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out), findings_(out, 2) { out_ << "{\n  \"findings\": "; }

  void Add(const ReportChunk& chunk) override {
    for (size_t i = 0; i < chunk.findings.size(); ++i) {
      const base::Finding& f = chunk.findings[i];
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
      item["fingerprint"] = chunk.fingerprints[i];
      findings_.Add(item);
    }
  }

  void Finish(const ReportTotals& totals) override {
    findings_.Close();
    auto count = [&](base::Severity severity) { return totals.by_severity[static_cast<int>(severity)]; };
    Json summary = {{"files", totals.files},
                    {"findings", totals.findings},
                    {"error", count(base::Severity::kError)},
                    {"warning", count(base::Severity::kWarning)},
                    {"info", count(base::Severity::kInfo)},
                    {"style", count(base::Severity::kStyle)}};
    out_ << ",\n  \"summary\": " << DumpAt(summary, 2);
    if (totals.controls != nullptr) {
      // A row at a time: a sweep of many compose projects has a row per service and control.
      out_ << ",\n  \"controls\": ";
      JsonArrayStream rows(out_, 2);
      for (const ControlRow& row : *totals.controls) {
        Json item = {{"control", row.control},
                     {"rule", row.rule->id},
                     {"name", row.rule->name},
                     {"status", row.status}};
        if (!row.project.empty()) item["project"] = row.project;
        if (!row.service.empty()) item["service"] = row.service;
        if (!row.profiles.empty()) item["profiles"] = row.profiles;
        rows.Add(item);
      }
      rows.Close();
    }
    out_ << "\n}\n";
  }

 private:
  std::ostream& out_;
  JsonArrayStream findings_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeJsonWriter(std::ostream& out) { return std::make_unique<JsonWriter>(out); }

}  // namespace docklint::report
