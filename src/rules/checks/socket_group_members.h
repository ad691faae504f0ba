// CIS 1.1.2 (1.6.0-1.8.0; 1.4 in 1.13.0, SSE_SEC_APP_DOCKER_03): the users who control the Docker daemon,
// i.e. the members of the group that owns its socket. The group is docker.socket's SocketGroup= (systemd
// creates the socket root:root without it); without the unit, dockerd makes the socket itself, for its
// "group" setting (docker by default). Members are the user list of that group in /etc/group and the users
// of /etc/passwd whose primary group it is; root is left out (it controls the daemon anyway).
//
// Param `trusted_users` (comma-separated): each member not in it is reported. Without it every member is
// reported for review; the built-in rule is a manual control, so the engine counts those findings as
// MANUAL, not FAIL.
#ifndef DOCKLINT_RULES_CHECKS_SOCKET_GROUP_MEMBERS_H_
#define DOCKLINT_RULES_CHECKS_SOCKET_GROUP_MEMBERS_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class SocketGroupMembers : public Check {
 public:
  std::string_view Name() const override { return "socket-group-members"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
  std::string CheckParams(const std::map<std::string, std::string>& params) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_SOCKET_GROUP_MEMBERS_H_
