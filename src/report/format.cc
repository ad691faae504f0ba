#include <map>

#include "report/reporter.h"
#include "report/writers.h"

namespace docklint::report {

std::optional<Format> ParseFormat(std::string_view name) {
  static const std::map<std::string_view, Format> kFormats = {
      {"text", Format::kText},     {"json", Format::kJson},     {"sarif", Format::kSarif},
      {"github", Format::kGithub}, {"gitlab", Format::kGitlab}, {"checkstyle", Format::kCheckstyle},
      {"junit", Format::kJunit}};
  auto it = kFormats.find(name);
  if (it == kFormats.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> FormatNames() {
  return {"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"};
}

std::unique_ptr<ReportWriter> MakeReportWriter(Format format, const TextStyle& style,
                                               const rules::Ruleset* ruleset, std::ostream& out) {
  switch (format) {
    case Format::kText:
      return MakeTextWriter(style, out);
    case Format::kJson:
      return MakeJsonWriter(out);
    case Format::kSarif:
      return MakeSarifWriter(ruleset, out);
    case Format::kGithub:
      return MakeGithubWriter(out);
    case Format::kGitlab:
      return MakeGitlabWriter(out);
    case Format::kCheckstyle:
      return MakeCheckstyleWriter(out);
    case Format::kJunit:
      return MakeJunitWriter(out);
  }
  return MakeTextWriter(style, out);
}

void Write(Format format, const Report& report, const TextStyle& style, std::ostream& out) {
  std::unique_ptr<ReportWriter> writer = MakeReportWriter(format, style, report.ruleset, out);
  std::vector<std::string> fingerprints = base::Fingerprints(report.findings, report.sources);
  writer->Add({report.findings, fingerprints, report.sources});
  ReportTotals totals{.files = report.summary.files, .findings = report.findings.size()};
  for (const base::Finding& finding : report.findings)
    ++totals.by_severity[static_cast<int>(finding.severity)];
  totals.controls = report.controls;
  writer->Finish(totals);
}

void WriteText(const Report& report, const TextStyle& style, std::ostream& out) {
  Write(Format::kText, report, style, out);
}
void WriteJson(const Report& report, std::ostream& out) { Write(Format::kJson, report, {}, out); }
void WriteSarif(const Report& report, std::ostream& out) { Write(Format::kSarif, report, {}, out); }
void WriteGithub(const Report& report, std::ostream& out) { Write(Format::kGithub, report, {}, out); }
void WriteGitlab(const Report& report, std::ostream& out) { Write(Format::kGitlab, report, {}, out); }
void WriteCheckstyle(const Report& report, std::ostream& out) { Write(Format::kCheckstyle, report, {}, out); }
void WriteJunit(const Report& report, std::ostream& out) { Write(Format::kJunit, report, {}, out); }

}  // namespace docklint::report
