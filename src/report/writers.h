// The report writer of each format (reporter.h's MakeReportWriter picks one), one per source file.
#ifndef DOCKLINT_REPORT_WRITERS_H_
#define DOCKLINT_REPORT_WRITERS_H_

#include <memory>
#include <ostream>

#include "report/reporter.h"

namespace docklint::report {

std::unique_ptr<ReportWriter> MakeTextWriter(const TextStyle& style, std::ostream& out);
std::unique_ptr<ReportWriter> MakeJsonWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeSarifWriter(const rules::Ruleset* ruleset, std::ostream& out);
std::unique_ptr<ReportWriter> MakeGithubWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeGitlabWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeCheckstyleWriter(std::ostream& out);
std::unique_ptr<ReportWriter> MakeJunitWriter(std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_WRITERS_H_
