// Finds the files to lint: the standard host paths under a --root tree, or the paths given on the command
// line classified by name and content. Reads nothing but names and, for unknown names, the first bytes.
#ifndef DOCKLINT_APP_DISCOVERY_H_
#define DOCKLINT_APP_DISCOVERY_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/host_fs.h"

namespace docklint::app {

enum class FileKind {
  kDaemonJson,
  kServiceUnit,
  kServiceDropIn,
  kSocketUnit,
  kSocketDropIn,
  kEnvFile,
  kAuditRules,
  kDockerfile
};

struct InputFile {
  std::string disk_path;     // where to read it: in `tree`, or on disk
  std::string display_path;  // how findings name it
  std::string host_path;     // where it lives on the host ("/etc/default/docker"), when known
  FileKind kind;
  const HostFs* tree = nullptr;  // the host tree it is read from; null: disk_path is a path on disk
};

struct Discovery {
  std::vector<InputFile> files;     // in the order systemd/dockerd would read them
  std::vector<std::string> errors;  // "path: message" for paths that cannot be classified or read
};

// The standard paths of a host tree: daemon.json, the docker.service that systemd would
// load (first in unit search-path order) and its drop-ins (same-named files in higher directories shadow
// lower ones; applied in filename order), docker.socket, the env files, audit rules.
Discovery DiscoverHostTree(const HostFs& tree);

// Classifies each path by name (daemon.json, *.service, *.service.d/*.conf, *.socket, default/docker,
// sysconfig/docker, audit *.rules, Dockerfile names), then by content.
// Where an infrastructure repository keeps host files (from .docklint.toml): a folder that mirrors the
// host's root, and single files mapped to host paths. Paths are absolute and normalized.
struct HostMapping {
  std::string root;  // "/repo/rootfs": rootfs/etc/docker/daemon.json is /etc/...
  std::map<std::string, std::string>
      files;  // "/repo/roles/docker/files/daemon.json" -> "/etc/docker/daemon.json"
};

Discovery ClassifyPaths(const std::vector<std::string>& paths, const HostMapping& mapping = {});

// The host path a repository file stands for by the mapping; "" when the mapping names none.
std::string MappedHostPath(const std::string& path, const HostMapping& mapping);

// The kind a path's name says (and, for daemon.json and the env files, where it lives on a host).
std::optional<FileKind> KindFromName(const std::string& path, std::string* host_path);
// The kind the first bytes of a file say: a FROM line, a JSON object, a [Service] section.
std::optional<FileKind> KindFromContent(std::string_view head);

inline constexpr std::string_view kUnknownKind =
    "cannot tell what kind of file this is (expected daemon.json, a systemd unit or drop-in, default/docker, "
    "sysconfig/docker, audit rules or a Dockerfile)";

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DISCOVERY_H_
