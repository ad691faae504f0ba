// CIS 3.16: the Docker socket systemd creates (docker.socket's SocketMode=) is 660 or stricter.
#ifndef DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_MODE_H_
#define DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_MODE_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class DockerSocketMode : public Check {
 public:
  std::string_view Name() const override { return "docker-socket-mode"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_MODE_H_
