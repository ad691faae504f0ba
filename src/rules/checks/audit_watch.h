// CIS 1.1.x (1.6.0 numbering; 1.x in 1.13.0, SSE_SEC_APP_DOCKER_04-12): a Docker file or directory is
// audited. The path comes from the rule's params (see rule_path.h); `if_present = "true"` makes the rule
// N/A where the path does not exist.
#ifndef DOCKLINT_RULES_CHECKS_AUDIT_WATCH_H_
#define DOCKLINT_RULES_CHECKS_AUDIT_WATCH_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class AuditWatch : public Check {
 public:
  std::string_view Name() const override { return "audit-watch"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
  std::string CheckParams(const std::map<std::string, std::string>& params) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_AUDIT_WATCH_H_
