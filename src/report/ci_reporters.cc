// The formats CI systems read: GitHub workflow commands, GitLab Code Quality, checkstyle and JUnit XML.
#include <map>
#include <nlohmann/json.hpp>

#include "report/escape.h"
#include "report/reporter.h"

namespace docklint::report {
namespace {

std::string Title(const base::Finding& f) { return f.rule_id + " " + f.rule_name; }

std::string Message(const base::Finding& f) { return f.FullMessage(); }

}  // namespace

// ::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message
void WriteGithub(const Report& report, std::ostream& out) {
  for (const base::Finding& f : report.findings) {
    std::string_view command = f.severity == base::Severity::kError     ? "error"
                               : f.severity == base::Severity::kWarning ? "warning"
                                                                        : "notice";
    out << "::" << command << ' ';
    const base::Range& r = f.location.range;
    if (!f.location.file.empty()) {
      out << "file=" << GithubProperty(f.location.file) << ',';
      if (r.begin.line > 0) {
        out << "line=" << r.begin.line << ",col=" << r.begin.column << ',';
        if (r.end.line >= r.begin.line)
          out << "endLine=" << r.end.line << ",endColumn=" << r.end.column << ',';
      }
    }
    out << "title=" << GithubProperty(Title(f)) << "::" << GithubData(Message(f)) << '\n';
  }
}

// GitLab Code Quality: [{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}].
void WriteGitlab(const Report& report, std::ostream& out) {
  std::vector<std::string> fingerprints = base::Fingerprints(report.findings, report.sources);
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const base::Finding& f = report.findings[i];
    std::string_view severity = f.fatal                                  ? "blocker"
                                : f.severity == base::Severity::kError   ? "critical"
                                : f.severity == base::Severity::kWarning ? "major"
                                : f.severity == base::Severity::kInfo    ? "minor"
                                                                         : "info";
    nlohmann::ordered_json issue;
    issue["description"] = Message(f) + " [" + f.rule_id + "]";
    issue["check_name"] = f.rule_id;
    issue["fingerprint"] = fingerprints[i];
    issue["severity"] = severity;
    issue["location"] = {{"path", f.location.file.empty() ? "docklint" : f.location.file},
                         {"lines", {{"begin", std::max<uint32_t>(f.location.range.begin.line, 1)}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void WriteCheckstyle(const Report& report, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  std::map<std::string, std::vector<const base::Finding*>> by_file;  // checkstyle groups by file
  for (const base::Finding& f : report.findings)
    by_file[f.location.file.empty() ? "docklint" : f.location.file].push_back(&f);
  for (const auto& [file, findings] : by_file) {
    out << "  <file name=\"" << XmlEscape(file) << "\">\n";
    for (const base::Finding* f : findings) {
      std::string_view severity = f->severity == base::Severity::kError     ? "error"
                                  : f->severity == base::Severity::kWarning ? "warning"
                                                                            : "info";
      out << "    <error line=\"" << f->location.range.begin.line << "\" column=\""
          << f->location.range.begin.column << "\" severity=\"" << severity << "\" message=\""
          << XmlEscape(Message(*f)) << "\" source=\"docklint." << XmlEscape(f->rule_id) << "\"/>\n";
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

// One test case per finding (a failure), or one passing case when there are none, so CI shows a result.
void WriteJunit(const Report& report, std::ostream& out) {
  size_t failures = report.findings.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"docklint\" tests=\"" << std::max<size_t>(failures, 1) << "\" failures=\""
      << failures << "\">\n";
  out << "  <testsuite name=\"docklint\" tests=\"" << std::max<size_t>(failures, 1) << "\" failures=\""
      << failures << "\" errors=\"0\" skipped=\"0\">\n";
  if (failures == 0) out << "    <testcase name=\"no findings\" classname=\"docklint\"/>\n";
  for (const base::Finding& f : report.findings) {
    std::string file = f.location.file.empty() ? "docklint" : f.location.file;
    std::string place = file;
    if (f.location.range.begin.line > 0)
      place += ":" + std::to_string(f.location.range.begin.line) + ":" +
               std::to_string(f.location.range.begin.column);
    out << "    <testcase name=\"" << XmlEscape(place + " " + f.rule_id) << "\" classname=\""
        << XmlEscape(file) << "\">\n";
    out << "      <failure message=\"" << XmlEscape(Message(f)) << "\" type=\"" << XmlEscape(f.rule_id)
        << "\">"
        << XmlEscape(place + ": " + std::string(base::SeverityName(f.severity)) + ": " + Message(f) + " [" +
                     f.rule_id + " " + f.rule_name + "]")
        << "</failure>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace docklint::report
