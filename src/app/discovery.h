// Finds the files to lint: the standard host paths under a --root tree, or the paths given on the command
// line classified by name and content. Reads nothing but names and, for unknown names, the first bytes.
#ifndef DOCKLINT_APP_DISCOVERY_H_
#define DOCKLINT_APP_DISCOVERY_H_

#include <string>
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
Discovery ClassifyPaths(const std::vector<std::string>& paths);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DISCOVERY_H_
