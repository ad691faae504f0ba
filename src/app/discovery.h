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
#include "model/inputs.h"

namespace docklint::app {

struct InputFile {
  std::string disk_path;     // where to read it: in `tree`, or on disk
  std::string display_path;  // how findings name it
  std::string host_path;     // where it lives on the host ("/etc/default/docker"), when known
  model::InputKind kind;
  const HostFs* tree = nullptr;  // the host tree it is read from; null: disk_path is a path on disk
};

struct Discovery {
  std::vector<InputFile> files;     // in the order systemd/dockerd would read them
  std::vector<std::string> errors;  // "path: message" for paths that cannot be classified or read
};

// The files of a host tree at the places the input kinds table gives (model/inputs.h): daemon.json, the
// docker.service that systemd would load (first in unit search-path order) and its drop-ins (same-named
// files in higher directories shadow lower ones; applied in filename order), docker.socket, the env files,
// audit rules.
Discovery DiscoverHostTree(const HostFs& tree);

// Which dockerd of a host tree a host job judges: the system's, a user's rootless one, or the snap's.
struct TreeDaemon {
  enum class Kind { kSystem, kRootless, kSnap };
  Kind kind = Kind::kSystem;
  std::string home;  // a rootless daemon's user's home, as a host path ("/home/alice", "/root")
  // How notes and the summary name it: "" for the system's, "rootless dockerd of /home/alice", "snap".
  std::string Describe() const;
};

struct DaemonDiscovery {
  TreeDaemon daemon;
  Discovery host;
};

// The tree's other daemons, each a host of its own: a user's rootless dockerd, for each home of
// model::RootlessHomes() with a file at the kinds' rootless places (~/.config/docker/daemon.json,
// ~/.config/systemd/user/docker.service and its drop-ins), and the docker snap's (its daemon.json).
std::vector<DaemonDiscovery> DiscoverOtherDaemons(const HostFs& tree);

// A compose project of a host tree, as docker compose would run it there. Paths are relative to the root.
struct TreeComposeProject {
  std::vector<std::string> files;  // in the order compose reads them
  std::string dotenv;              // its .env; "" when none
  std::string directory;           // the project directory
  std::string unit;                // the service unit that runs it; "" for a folder found at a place
};

struct TreeComposeProjects {
  std::vector<TreeComposeProject> projects;
  // "unit:line:col: message" where a unit runs docker compose on files the tree lacks, or where compose
  // finds no file: compose refuses to run there, and the project is not linted.
  std::vector<std::string> errors;
  std::vector<std::string> notes;  // a place whose search stopped at its bound
};

// The compose projects of a host tree: the folders with a file `docker compose` looks for by default at the
// places the input kinds table gives (model::ProjectPlaces: /opt, /srv, /home/*, /root, /etc, /usr/local, a
// few folders down; links to folders not followed, the folders a walk skips left out, the entries looked at
// bounded), each with its override and .env as compose picks them; and the projects its service units run
// with docker compose (ExecStart= and its kin in each *.service of the unit search path, with its drop-ins).
// A folder found both ways is one project, the unit's: it says how the host runs it.
TreeComposeProjects DiscoverComposeProjects(const HostFs& tree);

// Where an infrastructure repository keeps host files (from .docklint.toml): a folder that mirrors the
// host's root, and single files mapped to host paths. Paths are absolute and normalized.
struct HostMapping {
  std::string root;  // "/repo/rootfs": rootfs/etc/docker/daemon.json is /etc/...
  // Single files by repository path: "/repo/roles/docker/files/daemon.json" -> "/etc/docker/daemon.json".
  std::map<std::string, std::string> files;
};

// Classifies each path given on the command line by name (model::KindFromName; a mapped file by the host
// path it stands for), then by content.
Discovery ClassifyPaths(const std::vector<std::string>& paths, const HostMapping& mapping = {});

// The host path a repository file stands for by the mapping; "" when the mapping names none.
std::string MappedHostPath(const std::string& path, const HostMapping& mapping);

// Why a path that no input kind recognizes is not linted.
inline constexpr std::string_view kUnknownKind =
    "cannot tell what kind of file this is (expected daemon.json, a systemd unit or drop-in, default/docker, "
    "sysconfig/docker, audit rules or a Dockerfile)";

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DISCOVERY_H_
