#include "model/host_model.h"

namespace docklint::model {
namespace {

constexpr FileRole kRoles[] = {FileRole::kDaemonJson, FileRole::kDockerService, FileRole::kDockerSocket,
                               FileRole::kDockerd};

}  // namespace

std::string_view FileRoleName(FileRole role) {
  switch (role) {
    case FileRole::kDaemonJson:
      return "daemon.json";
    case FileRole::kDockerService:
      return "docker.service";
    case FileRole::kDockerSocket:
      return "docker.socket";
    case FileRole::kDockerd:
      return "dockerd";
  }
  return "";
}

std::optional<FileRole> ParseFileRole(std::string_view name) {
  for (FileRole role : kRoles) {
    if (FileRoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string FileRoleNames() {
  std::string out;
  for (FileRole role : kRoles) out += (out.empty() ? "" : ", ") + std::string(FileRoleName(role));
  return out;
}

}  // namespace docklint::model
