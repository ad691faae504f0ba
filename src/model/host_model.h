// The model of one Docker host, as the host rules read it: dockerd's effective settings with every origin,
// docker.socket's listeners, what auditd audits, the files that play each role, and the owners and modes of
// the host's files. model/host_builder.h builds it from the classified files.
#ifndef DOCKLINT_MODEL_HOST_MODEL_H_
#define DOCKLINT_MODEL_HOST_MODEL_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "model/audit_model.h"
#include "model/host_config.h"
#include "parsers/containerd_config.h"
#include "parsers/daemon_json.h"
#include "parsers/seccomp_profile.h"

namespace docklint::model {

// The part a file plays for the host rules; rulesets name them in `path_from`.
enum class FileRole {
  kDaemonJson,     // "daemon.json": the configuration file dockerd reads
  kDockerService,  // "docker.service": the unit systemd loads
  kDockerSocket,   // "docker.socket"
  kDockerd,        // "dockerd": the executable ExecStart= runs
};
std::string_view FileRoleName(FileRole role);
std::optional<FileRole> ParseFileRole(std::string_view name);
// "daemon.json, docker.service, docker.socket, dockerd", for messages.
std::string FileRoleNames();

// Owner and mode of a file of the host tree, for the Benchmark's section 3.
struct FileStatus {
  bool is_directory = false;
  unsigned mode = 0;  // 07777
  unsigned uid = 0;
  unsigned gid = 0;
  std::string user;   // the name the tree's etc/passwd gives the uid ("root" for 0), else empty
  std::string group;  // likewise from etc/group
  std::string display_path;
};

// The files of a host tree as far as rules may look at them; absolute host paths.
struct HostFiles {
  // nullopt when the path does not exist (or is a link loop).
  std::function<std::optional<FileStatus>(const std::string&)> stat;
  std::function<std::vector<std::string>(const std::string&)> regular_files_under;
};

// Reads a file of the host tree by absolute host path ("/etc/fstab"), once per job; null when it is missing
// or unreadable. The file stays valid while the job runs, so findings may point into it.
using HostFileReader = std::function<const base::SourceFile*(const std::string&)>;

// The seccomp profile file the daemon-wide seccomp-profile names, as read from a host tree.
struct SeccompProfileFile {
  std::string host_path;
  const base::SourceFile* file = nullptr;
  parsers::SeccompProfile profile;  // profile.root absent: moby's LoadProfile refuses it (reported)
};

// containerd's /etc/containerd/config.toml, as read from a host tree.
struct ContainerdConfigFile {
  std::string host_path;
  const base::SourceFile* file = nullptr;
  parsers::ContainerdConfig config;
  bool starts = false;  // containerd starts with it: it decodes and its version is one containerd reads
};

struct HostModel {
  HostConfig config;
  std::optional<AuditModel> audit;  // none when the host has no audit rules files
  // The host path of the file that plays each role, when the host has one.
  std::map<FileRole, std::string> paths;
  // The drop-ins of a unit (by the unit's role), in the order systemd applies them.
  std::map<FileRole, std::vector<std::string>> drop_in_paths;
  // Whether an absolute path exists on the host; null when only some files were given (unknown).
  std::function<bool(const std::string&)> path_exists;
  // Null when only some files were given, or when the tree's owners and modes are not the host's.
  const HostFiles* files = nullptr;
  // The text of the tree's other files (fstab, group, mount units), whoever owns them; null when only some
  // files were given.
  HostFileReader read_file;
  bool rootless = false;  // a user's rootless dockerd, judged as a host of its own
  // Whether dockerd keeps swarm state (<data-root>/swarm/docker-state.json): the node joined a swarm, and
  // dockerd starts its swarm component at boot. Unknown when only some files were given or the data root
  // is unknown.
  std::optional<bool> swarm_node;
  // The names in a folder of the tree (absolute host path), each as it is itself: a symbolic link that leads
  // nowhere (a unit masked by a link to /dev/null) is listed; empty when it is no folder. Null when only some
  // files were given.
  std::function<std::vector<std::string>(const std::string&)> list_dir;
  // Whether there is a Docker host to judge: dockerd's configuration file or a service that runs dockerd.
  // When false, every host rule is N/A. A daemon.json dockerd cannot read leaves the host judgeable: only
  // the settings it could set are unknown (HostConfig::IsUnknown).
  bool judgeable = false;
  // The daemon.json dockerd reads, parsed (for --fix); null when there is none or it does not parse.
  const base::SourceFile* daemon_json = nullptr;
  std::optional<parsers::JsonNode> daemon_json_root;
  // The profile file seccomp-profile names, when it is a file and the host tree has it (read_file).
  std::optional<SeccompProfileFile> seccomp_profile;
  // /etc/containerd/config.toml of a Docker host's tree (read_file); none when the tree lacks it (containerd
  // then runs with its defaults) or only some files were given.
  std::optional<ContainerdConfigFile> containerd_config;
  // What the parsers and the builder found wrong, for the meta rules.
  base::Diagnostics diagnostics;
};

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_HOST_MODEL_H_
