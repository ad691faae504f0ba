// CIS 3.23/3.24 (1.6.0): containerd's socket, /run/containerd/containerd.sock, is owned by root:root with
// mode 660 or stricter. At rest its owner is what config.toml's [grpc] uid and gid say (containerd chowns
// the socket to them, 0:0 by default) and its mode is 0660, which containerd sets itself
// (sys.GetLocalListener); no setting changes it. Params: `test = "owner"` or `test = "mode"`.
#ifndef DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_H_
#define DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class ContainerdSocket : public Check {
 public:
  std::string_view Name() const override { return "containerd-socket"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
  std::string CheckParams(const std::map<std::string, std::string>& params) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_CONTAINERD_SOCKET_H_
