#include "rules/check_registry.h"

#include <memory>
#include <vector>

#include "rules/checks/audit_watch.h"
#include "rules/checks/docker_socket_mode.h"
#include "rules/checks/docker_socket_ownership.h"
#include "rules/checks/file_permissions.h"
#include "rules/checks/tcp_host_without_tls.h"

namespace docklint::rules {
namespace {

const std::vector<std::unique_ptr<Check>>& AllChecks() {
  // One explicit list, sorted by name; no static registration tricks.
  static const auto* kChecks = [] {
    auto* checks = new std::vector<std::unique_ptr<Check>>();
    checks->push_back(std::make_unique<checks::AuditWatch>());
    checks->push_back(std::make_unique<checks::DockerSocketMode>());
    checks->push_back(std::make_unique<checks::DockerSocketOwnership>());
    checks->push_back(std::make_unique<checks::FilePermissions>());
    checks->push_back(std::make_unique<checks::TcpHostWithoutTls>());
    return checks;
  }();
  return *kChecks;
}

}  // namespace

const Check* FindCheck(std::string_view name) {
  for (const auto& check : AllChecks()) {
    if (check->Name() == name) return check.get();
  }
  return nullptr;
}

}  // namespace docklint::rules
