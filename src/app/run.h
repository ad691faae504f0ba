// The run loop: discover, read, parse, build the host model, evaluate rules, report.
#ifndef DOCKLINT_APP_RUN_H_
#define DOCKLINT_APP_RUN_H_

#include <ostream>
#include <string>
#include <vector>

#include "base/finding.h"

namespace docklint::app {

struct Options {
  std::vector<std::string> paths;  // files to lint (when no --root)
  std::string root;                // host tree
  std::string format = "text";     // text | json
  base::Severity failure_threshold = base::Severity::kStyle;
  std::vector<std::string> rulesets;  // extra ruleset files
};

// Exit codes.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

int Run(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_RUN_H_
