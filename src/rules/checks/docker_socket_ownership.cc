#include "rules/checks/docker_socket_ownership.h"

namespace docklint::rules::checks {

bool DockerSocketOwnership::Run(const HostContext& host, const Rule& rule,
                                std::vector<base::Finding>* findings) const {
  const auto& ownership = host.config.socket_ownership;
  if (!ownership.unit_present) return false;
  // systemd's defaults are root:root, which is stricter than CIS asks; only other owners are reported.
  if (!ownership.user.empty() && ownership.user != "root" && ownership.user != "0") {
    base::Finding finding;
    finding.message = "the Docker socket is owned by user " + ownership.user +
                      " (SocketUser=): that user controls the Docker API, which is root on the host";
    finding.location = base::Location::Of(ownership.user_span);
    findings->push_back(std::move(finding));
  }
  if (!ownership.group.empty() && ownership.group != "docker" && ownership.group != "root" &&
      ownership.group != "0") {
    base::Finding finding;
    finding.message = "the Docker socket belongs to group " + ownership.group +
                      " (SocketGroup=): every member of it controls the Docker API; CIS expects root:docker";
    finding.location = base::Location::Of(ownership.group_span);
    findings->push_back(std::move(finding));
  }
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
