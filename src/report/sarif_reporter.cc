// SARIF 2.1.0 (OASIS): one run, one result per finding with its location, related locations, a partial
// fingerprint and its fixes (§3.55-3.57: each edit a replacement of a region of the finding's file). Columns,
// the fixes' too, are counted in Unicode code points (columnKind unicodeCodePoints), converted from
// docklint's byte columns with the file text.
#include <map>

#include "report/escape.h"
#include "report/json_writer.h"
#include "report/reporter.h"
#include "report/writers.h"

namespace docklint::report {
namespace {

std::string_view Level(base::Severity severity) {
  switch (severity) {
    case base::Severity::kError:
      return "error";
    case base::Severity::kWarning:
      return "warning";
    default:
      return "note";
  }
}

Json Region(const base::Location& at, const base::SourceLookup& sources) {
  const base::Range& r = at.range;
  const base::SourceFile* file = sources ? sources(at.file) : nullptr;
  auto column = [&](const base::Position& p) -> unsigned {
    if (file == nullptr || p.line == 0 || p.line > file->line_count()) return p.column;
    return CodePointColumn(file->LineText(p.line), p.column);
  };
  Json region;
  region["startLine"] = r.begin.line;
  if (r.begin.column > 0) region["startColumn"] = column(r.begin);
  if (r.end.line >= r.begin.line && r.end.line > 0) {
    region["endLine"] = r.end.line;
    if (r.end.column > 0) region["endColumn"] = column(r.end);
  }
  return region;
}

Json PhysicalLocation(const base::Location& at, const base::SourceLookup& sources) {
  Json physical;
  physical["artifactLocation"] = {{"uri", UriEncode(at.file)}};
  if (at.range.begin.line > 0) physical["region"] = Region(at, sources);
  return physical;
}

// A finding's fixes: each edit replaces a region of the finding's own file. A region that covers nothing is
// an insertion point; an edit that inserts nothing has no insertedContent (a deletion).
Json Fixes(const base::Finding& f, const base::SourceLookup& sources) {
  Json fixes = Json::array();
  for (const base::Fix& fix : f.fixes) {
    Json replacements = Json::array();
    for (const base::TextEdit& edit : fix.edits) {
      Json replacement;
      replacement["deletedRegion"] = Region({f.location.file, edit.range}, sources);
      if (!edit.new_text.empty()) replacement["insertedContent"] = {{"text", edit.new_text}};
      replacements.push_back(std::move(replacement));
    }
    Json change = {{"artifactLocation", {{"uri", UriEncode(f.location.file)}}},
                   {"replacements", std::move(replacements)}};
    Json item = {{"description", {{"text", fix.description}}}, {"artifactChanges", Json::array({change})}};
    if (fix.unsafe) item["properties"] = {{"unsafe", true}};
    fixes.push_back(std::move(item));
  }
  return fixes;
}

Json RuleDescriptor(const base::Finding& f, const rules::Rule* rule) {
  Json descriptor;
  descriptor["id"] = f.rule_id;
  descriptor["name"] = f.rule_name;
  if (rule == nullptr) return descriptor;
  descriptor["shortDescription"] = {{"text", rule->title}};
  if (!rule->docs.what.empty()) descriptor["fullDescription"] = {{"text", rule->docs.what}};
  std::string text, markdown;
  auto section = [&](std::string_view heading, const std::string& body, bool code) {
    if (body.empty()) return;
    text += std::string(text.empty() ? "" : "\n\n") + std::string(heading) + ":\n" + body;
    markdown += std::string(markdown.empty() ? "" : "\n\n") + "**" + std::string(heading) + "**\n\n" +
                (code ? "```\n" + body + "\n```" : body);
  };
  section("What it does", rule->docs.what, false);
  section("Why is this bad", rule->docs.why, false);
  section("Example", rule->docs.example, true);
  section("Fix", rule->docs.fix, false);
  if (!rule->references.empty()) {
    std::string refs;
    for (const std::string& ref : rule->references) refs += (refs.empty() ? "" : ", ") + ref;
    section("References", refs, false);
  }
  descriptor["help"] = {{"text", text}, {"markdown", markdown}};
  descriptor["defaultConfiguration"] = {{"level", Level(rule->severity)}};
  descriptor["properties"] = {{"tags", rule->references}};
  return descriptor;
}

// {"$schema", "version", "runs": [{"results": [...], "columnKind", "tool"}]}: the results are written as they
// come, and the tool with the rules they cite after them (the order of an object's members means nothing in
// JSON), each rule numbered as it is first cited.
class SarifWriter : public ReportWriter {
 public:
  SarifWriter(const rules::Ruleset* ruleset, std::ostream& out)
      : ruleset_(ruleset), out_(out), results_(out, 6) {
    out_
        << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
           "  \"runs\": [\n    {\n      \"results\": ";
  }

  void Add(const ReportChunk& chunk) override {
    for (size_t i = 0; i < chunk.findings.size(); ++i) {
      const base::Finding& f = chunk.findings[i];
      Json result;
      result["ruleId"] = f.rule_id;
      result["ruleIndex"] = RuleIndex(f);
      result["level"] = Level(f.severity);
      result["message"] = {{"text", f.FullMessage()}};
      if (!f.location.file.empty()) {
        result["locations"] =
            Json::array({{{"physicalLocation", PhysicalLocation(f.location, chunk.sources)}}});
      }
      if (!f.related.empty()) {
        Json& related = result["relatedLocations"] = Json::array();
        for (size_t k = 0; k < f.related.size(); ++k) {
          related.push_back({{"id", k + 1},
                             {"message", {{"text", f.related[k].message}}},
                             {"physicalLocation", PhysicalLocation(f.related[k].location, chunk.sources)}});
        }
      }
      result["partialFingerprints"] = {{"docklintFingerprint/v1", chunk.fingerprints[i]}};
      if (!f.fixes.empty()) result["fixes"] = Fixes(f, chunk.sources);
      if (f.fatal) result["properties"] = {{"fatal", true}};
      results_.Add(result);
    }
  }

  void Finish(const ReportTotals&) override {
    results_.Close();
    Json driver;
    driver["name"] = "docklint";
    driver["version"] = DOCKLINT_VERSION;
    driver["informationUri"] = "https://github.com/docklint/docklint";
    driver["rules"] = std::move(rules_);
    Json tool = {{"driver", std::move(driver)}};
    out_ << ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"tool\": " << DumpAt(tool, 6)
         << "\n    }\n  ]\n}\n";
  }

 private:
  size_t RuleIndex(const base::Finding& f) {
    auto [it, added] = rule_index_.try_emplace(f.rule_id, rules_.size());
    if (added) rules_.push_back(RuleDescriptor(f, ruleset_ ? ruleset_->FindById(f.rule_id) : nullptr));
    return it->second;
  }

  const rules::Ruleset* ruleset_;
  std::ostream& out_;
  JsonArrayStream results_;
  Json rules_ = Json::array();
  std::map<std::string, size_t> rule_index_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeSarifWriter(const rules::Ruleset* ruleset, std::ostream& out) {
  return std::make_unique<SarifWriter>(ruleset, out);
}

}  // namespace docklint::report
