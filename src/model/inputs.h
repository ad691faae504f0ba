// The one table of the kinds of input docklint reads. For each kind it says which file names it has, where
// it lives on a host, how a directory walk and content sniffing recognize it, what the pre-commit hook passes
// on, which role its file plays for the host rules, and which step of the host model builder reads it.
// Discovery, the directory walk, the tarball reader and .pre-commit-hooks.yaml all derive from it: a new
// kind is one row here, one parser, one builder step and its rules.
#ifndef DOCKLINT_MODEL_INPUTS_H_
#define DOCKLINT_MODEL_INPUTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/host_model.h"

namespace docklint::model {

enum class InputKind {
  kDaemonJson,
  kServiceUnit,
  kServiceDropIn,
  kSocketUnit,
  kSocketDropIn,
  kEnvFile,
  kAuditRules,
  kDockerfile,
  kComposeFile,
};

// How the run lints files of a kind: together with the other files of their host, one job per file, or
// one job per compose project (its files, overrides and .env).
enum class JobKind { kHost, kDockerfile, kComposeProject };

class HostBuilder;
struct HostInput;

// A file path cut into the parts names are judged by.
struct PathName {
  explicit PathName(std::string_view path);
  std::string name;         // "docker.conf"
  std::string parent;       // "docker.service.d"
  std::string grandparent;  // "system"
};

// Where a kind lives on a host, relative to the root.
struct HostPlace {
  enum class Lookup {
    kFile,          // `name` in each of `dirs`
    kFirstFound,    // `name` in the first of `dirs` that has it (systemd's unit search path)
    kMergedByName,  // files ending in `name` in every one of `dirs`; for one name the first folder's wins;
                    // read in name order (drop-ins)
    kEachMatching,  // files ending in `name` in each of `dirs`, in name order
  };
  std::vector<std::string> dirs;  // highest precedence first
  std::string name;               // a file name, or the suffix of file names for the merged lookups
  Lookup lookup = Lookup::kFile;
};

// Where a host keeps the folders of a kind that is a project of its own (compose projects: /opt/app,
// /home/alice/stack): each of `dirs` is searched `depth` folder levels down for folders that hold a marker
// file. Links to folders are never followed below a dir, and the search of one of `dirs` stops after
// `max_entries` directory entries, so a huge /usr/local cannot make a run slow.
struct ProjectPlaces {
  std::vector<std::string> dirs;  // relative to the root; "home/*" stands for each folder in home
  int depth = 0;                  // 3: the folders down to opt/a/b/c are searched
  size_t max_entries = 0;         // directory entries looked at per one of `dirs`, at most
  bool (*is_marker)(std::string_view name) = nullptr;  // a file whose folder is a project
  bool (*is_read)(std::string_view name) = nullptr;    // a file of such a folder a project may read
};

struct InputKindInfo {
  InputKind kind;
  std::string_view description;   // "daemon.json", "a docker.service drop-in", for messages
  std::vector<HostPlace> places;  // empty: not a host file (a Dockerfile is a job of its own)
  // Where the other daemons a host may run keep it: a user's rootless dockerd (dockerd-rootless.sh), with
  // dirs relative to the user's home, and the docker snap's dockerd. Each such daemon is a host of its own.
  std::vector<HostPlace> rootless_places = {};
  std::vector<HostPlace> snap_places = {};
  // Whether a path given on the command line is of this kind by its name alone; sets *host_path when the
  // name tells where the file lives on a host.
  bool (*by_name)(const PathName& path, std::string* host_path);
  // Stricter, for a file met in a directory walk, where repositories hold look-alikes docklint has no
  // business with (other programs' units, udev's rules.d); null: by_name decides.
  bool (*in_walk)(const PathName& path);
  // Whether the first bytes of a file with an unknown name say it is of this kind; null: never sniffed.
  bool (*by_content)(std::string_view head);
  int sniff_order;  // lower is tried first: a Dockerfile may hold JSON or unit text in a heredoc
  // The alternatives of .pre-commit-hooks.yaml's `files` regex (case-insensitive, anchored after a '/' or
  // the start and at the end) for this kind.
  std::vector<std::string_view> hook_patterns;
  std::optional<FileRole> role;        // the role its file plays (docker.service, daemon.json, ...)
  std::optional<FileRole> drop_in_of;  // for drop-ins: the unit they change
  void (HostBuilder::*build_step)(const HostInput& input);  // null: not part of a host model
  JobKind job = JobKind::kHost;
  std::optional<ProjectPlaces> project_places = std::nullopt;  // project kinds: where a host keeps them
};

// Every kind, in the order the host model builder reads them (daemon.json, units, drop-ins, env files,
// audit rules).
const std::vector<InputKindInfo>& InputKinds();
const InputKindInfo& InfoOf(InputKind kind);

// The kind a path's name says, for a path given on the command line (KindInWalk for a walk).
std::optional<InputKind> KindFromName(const std::string& path, std::string* host_path);
std::optional<InputKind> KindInWalk(const std::string& path, std::string* host_path);
// The kind the first bytes of a file say: a FROM line, a JSON object, a [Service] section.
std::optional<InputKind> KindFromContent(std::string_view head);

// Dockerfile, Containerfile and their variants as repositories name them (any case): Dockerfile.dev,
// api.Dockerfile, Containerfile.fedora; not the files beside them (Dockerfile.dockerignore, .md, ...).
bool IsDockerfileName(std::string_view name);
// The suffixes that make a Dockerfile-like name some other file (".dockerignore", ".md", ...).
const std::vector<std::string_view>& NotDockerfileSuffixes();

// The folders of a host's root that hold the files of some kind ("etc/docker", "lib/systemd/system/
// docker.service.d", ...), longest first.
const std::vector<std::string>& HostFolders();
// systemd's system unit search path in a host's root, highest precedence first ("etc/systemd/system", ...).
const std::vector<std::string>& SystemUnitDirs();
// Whether `relative_path` lies at one of `places`' dirs, at most `places.depth` folders below it (a file of
// opt/a/b/c/ is, with depth 3); "home/*" matches any one folder of home.
bool IsInProjectPlaces(const ProjectPlaces& places, std::string_view relative_path);

// The root of the host tree an absolute path of a host file lies in, judged by the folder it is in: a
// kind's folder on a host (".../img/etc/docker/daemon.json" -> ".../img", "/etc/docker/daemon.json" ->
// "/") or a rootless place in a user's home (".../home/alice/.config/docker/daemon.json"). nullopt when
// the file's kind is not a host kind or it lies in none of them.
std::optional<std::string> HostTreeRootOf(const std::string& absolute_path);

// The homes a host tree's users may run a rootless dockerd from, as patterns of PlaceFolders ("home/*").
const std::vector<std::string>& RootlessHomes();

// Files read for facts about a host rather than linted: the engine release, user and group names.
const std::vector<std::string_view>& HostFactFiles();
// Whether a member of a rootfs tarball is one docklint may read: in a host folder, a host fact file, a file
// a project may read at its kind's project places, or a CACHEDIR.TAG (which searches skip folders by).
bool IsReadFromHostTree(std::string_view relative_path);

// .pre-commit-hooks.yaml's `files` and `exclude` values, as the table gives them.
std::string PreCommitFilesPattern();
std::string PreCommitExcludePattern();

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_INPUTS_H_
