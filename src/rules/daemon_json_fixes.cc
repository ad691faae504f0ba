#include "rules/daemon_json_fixes.h"

namespace docklint::rules {

const std::vector<DaemonJsonFix>& DaemonJsonFixes() {
  static const std::vector<DaemonJsonFix> kFixes = {{"DKL1001", "icc", "false", false},
                                                    {"DKL1014", "no-new-privileges", "true", false},
                                                    {"DKL1015", "live-restore", "true", false},
                                                    {"DKL1016", "userland-proxy", "false", false},
                                                    {"DKL1005", "insecure-registries", "", true}};
  return kFixes;
}

}  // namespace docklint::rules
