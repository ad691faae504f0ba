// Reporters only format findings: text (GNU style) and json.
#ifndef DOCKLINT_REPORT_REPORTER_H_
#define DOCKLINT_REPORT_REPORTER_H_

#include <ostream>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "report/summary.h"

namespace docklint::report {

struct RunSummary {
  size_t files = 0;  // files read
};

// "path:line:col: severity: message [DKLnnnn]"; a finding without a place prints "path: ..." or
// "docklint: ...".
void WriteText(const std::vector<base::Finding>& findings, const RunSummary& summary, std::ostream& out);

// {"findings":[{rule,name,severity,message,file,line,column,end_line,end_column,references}],
//  "summary":{files,findings,error,warning,info,style}}
// With `controls`, adds "controls": [{control, rule, name, status}] (the --summary table).
void WriteJson(const std::vector<base::Finding>& findings, const RunSummary& summary,
               const std::vector<ControlRow>* controls, std::ostream& out);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_REPORTER_H_
