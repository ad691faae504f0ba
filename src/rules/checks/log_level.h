// CIS 2.3 (1.6.0; 2.2 in 1.13.0): dockerd logs at level info. Its effective level is debug when "debug"
// (-D) is on, whatever log-level says: dockerd turns debug logging on after setting the level.
#ifndef DOCKLINT_RULES_CHECKS_LOG_LEVEL_H_
#define DOCKLINT_RULES_CHECKS_LOG_LEVEL_H_

#include <string_view>

#include "rules/check.h"

namespace docklint::rules::checks {

class LogLevel : public Check {
 public:
  std::string_view Name() const override { return "log-level"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_LOG_LEVEL_H_
