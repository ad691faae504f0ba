// CIS 3.15: the Docker socket systemd creates belongs to root and the docker group.
#ifndef DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_OWNERSHIP_H_
#define DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_OWNERSHIP_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class DockerSocketOwnership : public Check {
 public:
  std::string_view Name() const override { return "docker-socket-ownership"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_DOCKER_SOCKET_OWNERSHIP_H_
