// CIS 2.17 (1.6.0): a daemon-wide seccomp profile whose default action lets every system call run does
// little more than "unconfined": it filters only what its rules name, or nothing at all.
#ifndef DOCKLINT_RULES_CHECKS_SECCOMP_PROFILE_DEFAULT_ACTION_H_
#define DOCKLINT_RULES_CHECKS_SECCOMP_PROFILE_DEFAULT_ACTION_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class SeccompProfileDefaultAction : public Check {
 public:
  std::string_view Name() const override { return "seccomp-profile-default-action"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_SECCOMP_PROFILE_DEFAULT_ACTION_H_
