#include "report/reporter.h"

namespace docklint::report {

void WriteText(const std::vector<base::Finding>& findings, const RunSummary& summary, std::ostream& out) {
  for (const base::Finding& f : findings) {
    const base::Location& at = f.location;
    if (at.file.empty()) {
      out << "docklint";
    } else if (at.range.begin.line == 0) {
      out << at.file;
    } else {
      out << at.file << ':' << at.range.begin.line << ':' << at.range.begin.column;
    }
    out << ": " << base::SeverityName(f.severity) << ": " << (f.fatal ? "dockerd will not start: " : "")
        << f.message << " [" << f.rule_id << "]\n";
    for (const base::RelatedLocation& related : f.related) {
      const base::Location& r = related.location;
      out << r.file << ':' << r.range.begin.line << ':' << r.range.begin.column
          << ": note: " << related.message << '\n';
    }
  }
  (void)summary;
}

}  // namespace docklint::report
