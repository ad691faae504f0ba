// CIS section 3 (SSE_SEC_APP_DOCKER_18-20): owner and mode of Docker's files as the host tree records them.
// Targets come from the rule's params (see rule_path.h), plus `under` (every regular file below a
// directory, e.g. /etc/docker/certs.d) and `dropins = "true"` (the drop-ins systemd applies to the
// `path_from` unit). The test is `max_mode` (octal; "or more restrictive" is a bitmask test, so 640 passes
// 644 and 477 does not, unlike a numeric comparison) or `owner` ("user:group", names or numbers).
#ifndef DOCKLINT_RULES_CHECKS_FILE_PERMISSIONS_H_
#define DOCKLINT_RULES_CHECKS_FILE_PERMISSIONS_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class FilePermissions : public Check {
 public:
  std::string_view Name() const override { return "file-permissions"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
  std::string CheckParams(const std::map<std::string, std::string>& params) const override;
};

// "group can write, others can read" for the permission bits in `bits`.
std::string DescribeModeBits(unsigned bits);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_FILE_PERMISSIONS_H_
