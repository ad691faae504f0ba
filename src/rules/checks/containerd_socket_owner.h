// CIS 3.23 (1.6.0): containerd's socket, /run/containerd/containerd.sock, is owned by root:root. At rest its
// owner is what config.toml's [grpc] uid and gid say (containerd chowns the socket to them, 0:0 by default).
// Its mode (3.24) is always 0660, which containerd sets itself (sys.GetLocalListener): no rule judges it.
#ifndef DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_OWNER_H_
#define DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_OWNER_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class ContainerdSocketOwner : public Check {
 public:
  std::string_view Name() const override { return "containerd-socket-owner"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_OWNER_H_
