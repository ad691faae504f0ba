#include "rules/checks/containerd_socket_owner.h"

#include <string>

namespace docklint::rules::checks {
namespace {

// A [grpc] uid or gid that gives the socket to someone other than root: -1 leaves it to containerd (root),
// as chown(2) does.
void ReportOwner(const std::optional<parsers::ContainerdInteger>& id, std::string_view what,
                 std::vector<base::Finding>* findings) {
  if (!id || id->value == 0 || id->value == -1) return;
  base::Finding finding;
  finding.message = "[grpc] " + std::string(what) + " = " + std::to_string(id->value) +
                    ": containerd gives its socket to " + std::string(what) + " " +
                    std::to_string(id->value) +
                    (what == "uid" ? ", who then controls containerd, which is root on the host"
                                   : " with read and write (mode 0660): its members control containerd, "
                                     "which is root on the host");
  finding.location = base::Location::Of(id->span);
  findings->push_back(std::move(finding));
}

}  // namespace

bool ContainerdSocketOwner::Run(const HostContext& host, const Rule& rule,
                                std::vector<base::Finding>* findings) const {
  // N/A without config.toml (containerd's defaults: root:root) or with one containerd refuses.
  if (!host.containerd_config || !host.containerd_config->starts) return false;
  ReportOwner(host.containerd_config->config.grpc_uid, "uid", findings);
  ReportOwner(host.containerd_config->config.grpc_gid, "gid", findings);
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
