// `docklint DIR...`: finds the files to lint under the directories a user names (a repository, an image
// farm) and tells which host each host file belongs to. Reads names and directory listings only.
#ifndef DOCKLINT_APP_DIRECTORY_WALK_H_
#define DOCKLINT_APP_DIRECTORY_WALK_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/discovery.h"

namespace docklint::app {

struct Walk {
  std::vector<std::string> files;   // recognised by name, in path order (each directory sorted)
  std::vector<std::string> errors;  // "path: message" for what could not be listed
};

// Every file under `dir` whose name says it is one docklint lints (model::KindInWalk), one at a time in path
// order, holding only the listings of the folders it is in. Does not descend into version-control metadata
// (.git, .hg, .svn), installed dependencies (node_modules, virtualenvs) or build outputs (a CMake build
// tree, a folder tagged with CACHEDIR.TAG), and does not follow links to directories, so a link cycle
// cannot make it loop.
class DirectoryWalker {
 public:
  explicit DirectoryWalker(const std::string& dir);
  // The next file; false when the walk is over.
  bool Next(std::string* file);
  // "path: message" for what could not be listed so far.
  std::vector<std::string> TakeErrors() { return std::move(errors_); }

 private:
  struct Level {
    std::vector<std::filesystem::directory_entry> entries;  // sorted
    size_t next = 0;
  };
  // Lists `dir` to walk it next, unless it cannot be listed or (with skip_build_output) is a build output.
  void Enter(const std::filesystem::path& dir, bool skip_build_output);

  std::vector<Level> stack_;
  std::vector<std::string> errors_;
};

// Whether a DirectoryWalker of `root` finds `file`, asked without walking: `file`'s path as the walk spells
// it, or nullopt. (A compose project asks it of each Dockerfile it builds: a run that lints that
// Dockerfile on its own leaves it to that job.)
std::optional<std::string> WalkedPath(const std::string& root, const std::string& file);

// The whole walk of `dir` at once (DirectoryWalker).
Walk WalkDirectory(const std::string& dir);

// Whether a walk, or a search of a host tree, leaves a folder out: version-control metadata, installed
// dependencies and caches by their name (`name`), build outputs and environments by the marker files their
// tools leave in them (`has`: whether the folder holds a file of that name; `head`: the first bytes of one).
bool IsSkippedFolderName(std::string_view name);
bool IsBuildOutput(const std::function<bool(std::string_view name)>& has,
                   const std::function<std::string(std::string_view name)>& head);

// Host files found in a walk, grouped by the host they describe, so two hosts in one repository are never
// merged into one. A folder laid out as a host's root (x/etc/docker/daemon.json,
// x/lib/systemd/system/docker.service) is one host tree, read as --root x would read it. Other host files
// go with the files beside them: those of one folder (with its default/, sysconfig/, audit/ and
// docker.service.d/ subfolders, as /etc holds them) are one host.
struct HostGroup {
  std::string tree_root;           // a folder laid out as a host's root; empty for loose files
  std::vector<std::string> files;  // the loose files (when tree_root is empty)
};
std::vector<HostGroup> GroupByHost(const std::vector<std::string>& host_files);
// The root of the host tree a walked host file sits in by its path ("x" for x/etc/docker/daemon.json), or
// nullopt when its folders are not a host's: GroupByHost's tree roots.
std::optional<std::string> TreeRootOf(const std::filesystem::path& file);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DIRECTORY_WALK_H_
