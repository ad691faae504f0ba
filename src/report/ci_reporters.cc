// The formats CI systems read: GitHub workflow commands, GitLab Code Quality, checkstyle and JUnit XML.
#include <algorithm>

#include "report/escape.h"
#include "report/json_writer.h"
#include "report/reporter.h"
#include "report/writers.h"

namespace docklint::report {
namespace {

std::string Title(const base::Finding& f) { return f.rule_id + " " + f.rule_name; }

std::string Message(const base::Finding& f) { return f.FullMessage(); }

// How findings with no file are named where a format needs a file name.
const std::string kNoFile = "docklint";

// ::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message
class GithubWriter : public ReportWriter {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}

  void Add(const ReportChunk& chunk) override {
    for (const base::Finding& f : chunk.findings) {
      std::string_view command = f.severity == base::Severity::kError     ? "error"
                                 : f.severity == base::Severity::kWarning ? "warning"
                                                                          : "notice";
      out_ << "::" << command << ' ';
      const base::Range& r = f.location.range;
      if (!f.location.file.empty()) {
        out_ << "file=" << GithubProperty(f.location.file) << ',';
        if (r.begin.line > 0) {
          out_ << "line=" << r.begin.line << ",col=" << r.begin.column << ',';
          if (r.end.line >= r.begin.line)
            out_ << "endLine=" << r.end.line << ",endColumn=" << r.end.column << ',';
        }
      }
      out_ << "title=" << GithubProperty(Title(f)) << "::" << GithubData(Message(f)) << '\n';
    }
  }

  void Finish(const ReportTotals&) override {}

 private:
  std::ostream& out_;
};

// GitLab Code Quality: [{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}].
class GitlabWriter : public ReportWriter {
 public:
  explicit GitlabWriter(std::ostream& out) : out_(out), issues_(out, 0) {}

  void Add(const ReportChunk& chunk) override {
    for (size_t i = 0; i < chunk.findings.size(); ++i) {
      const base::Finding& f = chunk.findings[i];
      std::string_view severity = f.fatal                                  ? "blocker"
                                  : f.severity == base::Severity::kError   ? "critical"
                                  : f.severity == base::Severity::kWarning ? "major"
                                  : f.severity == base::Severity::kInfo    ? "minor"
                                                                           : "info";
      Json issue;
      issue["description"] = Message(f) + " [" + f.rule_id + "]";
      issue["check_name"] = f.rule_id;
      issue["fingerprint"] = chunk.fingerprints[i];
      issue["severity"] = severity;
      issue["location"] = {{"path", f.location.file.empty() ? "docklint" : f.location.file},
                           {"lines", {{"begin", std::max<uint32_t>(f.location.range.begin.line, 1)}}}};
      issues_.Add(issue);
    }
  }

  void Finish(const ReportTotals&) override {
    issues_.Close();
    out_ << '\n';
  }

 private:
  std::ostream& out_;
  JsonArrayStream issues_;
};

// Checkstyle XML: a <file> element per run of findings in one file, which the jobs' order keeps together.
class CheckstyleWriter : public ReportWriter {
 public:
  explicit CheckstyleWriter(std::ostream& out) : out_(out) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  }

  void Add(const ReportChunk& chunk) override {
    for (const base::Finding& f : chunk.findings) {
      const std::string& file = f.location.file.empty() ? kNoFile : f.location.file;
      if (!open_ || file != file_) {
        if (open_) out_ << "  </file>\n";
        out_ << "  <file name=\"" << XmlEscape(file) << "\">\n";
        file_ = file;
        open_ = true;
      }
      std::string_view severity = f.severity == base::Severity::kError     ? "error"
                                  : f.severity == base::Severity::kWarning ? "warning"
                                                                           : "info";
      out_ << "    <error line=\"" << f.location.range.begin.line << "\" column=\""
           << f.location.range.begin.column << "\" severity=\"" << severity << "\" message=\""
           << XmlEscape(Message(f)) << "\" source=\"docklint." << XmlEscape(f.rule_id) << "\"/>\n";
    }
  }

  void Finish(const ReportTotals&) override {
    if (open_) out_ << "  </file>\n";
    out_ << "</checkstyle>\n";
  }

 private:
  std::ostream& out_;
  std::string file_;
  bool open_ = false;
};

// JUnit XML: a test suite per run of findings in one file, a test case (a failure) per finding; with no
// findings, one passing case, so CI shows a result. The totals are the suites' own: the root element,
// written before any finding is known, carries none (the schema makes them optional).
class JunitWriter : public ReportWriter {
 public:
  explicit JunitWriter(std::ostream& out) : out_(out) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"docklint\">\n";
  }

  void Add(const ReportChunk& chunk) override {
    for (size_t first = 0; first < chunk.findings.size();) {
      const std::string& file = FileOf(chunk.findings[first]);
      size_t last = first + 1;
      while (last < chunk.findings.size() && FileOf(chunk.findings[last]) == file) ++last;
      out_ << "  <testsuite name=\"" << XmlEscape(file) << "\" tests=\"" << last - first << "\" failures=\""
           << last - first << "\" errors=\"0\" skipped=\"0\">\n";
      for (size_t i = first; i < last; ++i) WriteCase(chunk.findings[i], file);
      out_ << "  </testsuite>\n";
      any_ = true;
      first = last;
    }
  }

  void Finish(const ReportTotals&) override {
    if (!any_) {
      out_ << "  <testsuite name=\"docklint\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
              "    <testcase name=\"no findings\" classname=\"docklint\"/>\n  </testsuite>\n";
    }
    out_ << "</testsuites>\n";
  }

 private:
  static const std::string& FileOf(const base::Finding& f) {
    return f.location.file.empty() ? kNoFile : f.location.file;
  }

  void WriteCase(const base::Finding& f, const std::string& file) {
    std::string place = file;
    if (f.location.range.begin.line > 0)
      place += ":" + std::to_string(f.location.range.begin.line) + ":" +
               std::to_string(f.location.range.begin.column);
    out_ << "    <testcase name=\"" << XmlEscape(place + " " + f.rule_id) << "\" classname=\""
         << XmlEscape(file) << "\">\n";
    out_ << "      <failure message=\"" << XmlEscape(Message(f)) << "\" type=\"" << XmlEscape(f.rule_id)
         << "\">"
         << XmlEscape(place + ": " + std::string(base::SeverityName(f.severity)) + ": " + Message(f) + " [" +
                      f.rule_id + " " + f.rule_name + "]")
         << "</failure>\n";
    out_ << "    </testcase>\n";
  }

  std::ostream& out_;
  bool any_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeGithubWriter(std::ostream& out) {
  return std::make_unique<GithubWriter>(out);
}
std::unique_ptr<ReportWriter> MakeGitlabWriter(std::ostream& out) {
  return std::make_unique<GitlabWriter>(out);
}
std::unique_ptr<ReportWriter> MakeCheckstyleWriter(std::ostream& out) {
  return std::make_unique<CheckstyleWriter>(out);
}
std::unique_ptr<ReportWriter> MakeJunitWriter(std::ostream& out) {
  return std::make_unique<JunitWriter>(out);
}

}  // namespace docklint::report
