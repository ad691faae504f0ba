// CIS 1.1.1 (1.6.0-1.8.0; 1.1 in 1.13.0, SSE_SEC_APP_DOCKER_01): Docker's data root is a mount point of its
// own, as docker-bench's `mountpoint -q` asks of a running host. Judged on what the host mounts at boot:
// /etc/fstab and systemd's .mount units (model/mounts.h). With userns-remap, dockerd keeps its data in
// <data-root>/<uid>.<gid> (moby daemon/daemon_unix.go, setupRemappedRoot), so a mount there passes too.
#ifndef DOCKLINT_RULES_CHECKS_DATA_ROOT_MOUNT_H_
#define DOCKLINT_RULES_CHECKS_DATA_ROOT_MOUNT_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class DataRootMount : public Check {
 public:
  std::string_view Name() const override { return "data-root-mount"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_DATA_ROOT_MOUNT_H_
