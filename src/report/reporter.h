// Reporters only format findings: text (GNU style, with color and code frames on a terminal), json,
// sarif (2.1.0), github (workflow commands), gitlab (Code Quality), checkstyle and junit XML.
#ifndef DOCKLINT_REPORT_REPORTER_H_
#define DOCKLINT_REPORT_REPORTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/fingerprint.h"
#include "report/summary.h"
#include "rules/ruleset.h"

namespace docklint::report {

enum class Format { kText, kJson, kSarif, kGithub, kGitlab, kCheckstyle, kJunit };

// The format named by `name`, or nullopt.
std::optional<Format> ParseFormat(std::string_view name);
// The names ParseFormat accepts, for --help.
std::vector<std::string> FormatNames();

struct RunSummary {
  size_t files = 0;  // files read
};

// Everything a reporter may show.
struct Report {
  const std::vector<base::Finding>& findings;
  RunSummary summary;
  base::SourceLookup sources;                         // file text: code frames, fingerprints, SARIF columns
  const rules::Ruleset* ruleset = nullptr;            // rule docs (SARIF's rules)
  const std::vector<ControlRow>* controls = nullptr;  // the --summary table, when asked for
};

struct TextStyle {
  bool color = false;        // ANSI colors
  bool code_frames = false;  // the flagged line with a caret under the exact columns, as clang prints
};

// The findings of one job, as a streamed report receives them: sorted, each with its fingerprint, and the
// text of the files they point into (only valid during the call).
struct ReportChunk {
  const std::vector<base::Finding>& findings;
  const std::vector<std::string>& fingerprints;  // base::Fingerprints of `findings`
  const base::SourceLookup& sources;
};

// What a report says after its findings.
struct ReportTotals {
  size_t files = 0;                                   // files read
  size_t findings = 0;                                // findings reported
  size_t by_severity[4] = {0, 0, 0, 0};               // indexed by base::Severity
  const std::vector<ControlRow>* controls = nullptr;  // the --summary table, when asked for
};

// A report written while the run goes on: each job's findings are written as soon as they come, so a sweep of
// a large repository never holds its findings, whatever the format. What a format needs from the whole run
// (SARIF's rules, JSON's totals) is kept small and written by Finish.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Add(const ReportChunk& chunk) = 0;
  virtual void Finish(const ReportTotals& totals) = 0;
};

// The writer of `format`; text uses `style`, SARIF's rule docs come from `ruleset` (may be null).
std::unique_ptr<ReportWriter> MakeReportWriter(Format format, const TextStyle& style,
                                               const rules::Ruleset* ruleset, std::ostream& out);

void WriteText(const Report& report, const TextStyle& style, std::ostream& out);

// {"findings":[{rule,name,severity,message,file,line,column,end_line,end_column,references,fingerprint}],
//  "summary":{files,findings,error,warning,info,style}}
// With controls, adds "controls": [{control, rule, name, status}] (the --summary table), a compose
// control's rows with the project, service and profiles they judged.
void WriteJson(const Report& report, std::ostream& out);

void WriteSarif(const Report& report, std::ostream& out);
void WriteGithub(const Report& report, std::ostream& out);
void WriteGitlab(const Report& report, std::ostream& out);
void WriteCheckstyle(const Report& report, std::ostream& out);
void WriteJunit(const Report& report, std::ostream& out);

// Writes `report` in `format`; text uses `style`.
void Write(Format format, const Report& report, const TextStyle& style, std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_REPORTER_H_
