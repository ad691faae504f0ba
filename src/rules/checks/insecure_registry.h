// CIS 2.5 (1.6.0; 2.4 in 1.13.0): every registry dockerd trusts without TLS verification, except those
// inside the loopback range, which dockerd treats as insecure anyway.
#ifndef DOCKLINT_RULES_CHECKS_INSECURE_REGISTRY_H_
#define DOCKLINT_RULES_CHECKS_INSECURE_REGISTRY_H_

#include <string_view>

#include "rules/check.h"

namespace docklint::rules::checks {

class InsecureRegistry : public Check {
 public:
  std::string_view Name() const override { return "insecure-registry"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

// Whether an insecure-registries entry (a host, host:port or CIDR) lies in 127.0.0.0/8 or is ::1:
// dockerd's registry code counts those as insecure by default (InsecureRegistryCIDRs), and resolves
// localhost to them.
bool IsLoopbackRegistry(std::string_view entry);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_INSECURE_REGISTRY_H_
