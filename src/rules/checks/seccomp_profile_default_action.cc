#include "rules/checks/seccomp_profile_default_action.h"

#include <string>

namespace docklint::rules::checks {

bool SeccompProfileDefaultAction::Run(const HostContext& host, const Rule& rule,
                                      std::vector<base::Finding>* findings) const {
  (void)rule;
  // N/A without a profile file to read, or with one that does not decode (reported as DKL1029).
  if (!host.seccomp_profile || !host.seccomp_profile->profile.root) return false;
  const parsers::SeccompProfile& profile = host.seccomp_profile->profile;
  const std::string& path = host.seccomp_profile->host_path;
  base::Finding finding;
  if (!profile.default_action || profile.default_action->empty()) {
    if (profile.syscall_rules > 0) return true;  // runc's default then applies to the listed rules
    // moby's setupSeccomp: no default action and no rules is no filter at all.
    finding.message = path +
                      " sets no defaultAction and no syscalls: moby applies no seccomp filter, as "
                      "with seccomp-profile=unconfined";
    finding.location = base::Location::Of(profile.root->span);
  } else if (parsers::SeccompActionAllows(*profile.default_action)) {
    finding.location = base::Location::Of(profile.default_action_span);
    if (profile.blocking_rules == 0) {
      finding.message = "defaultAction " + *profile.default_action +
                        " and no rule that blocks a call: the profile filters nothing, as with "
                        "seccomp-profile=unconfined";
    } else {
      finding.message = "defaultAction " + *profile.default_action +
                        ": every system call the profile does not "
                        "name runs (it blocks " +
                        std::to_string(profile.blocking_rules) +
                        (profile.blocking_rules == 1 ? " rule" : " rules") +
                        "), where Docker's built-in profile allows only the calls it lists";
    }
  } else {
    return true;
  }
  findings->push_back(std::move(finding));
  return true;
}

}  // namespace docklint::rules::checks
