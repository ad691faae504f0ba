// A host tree to read: a directory or a rootfs tarball. Paths are relative to the tree's root
// ("etc/docker/daemon.json"). Symbolic links are followed inside the tree only: an absolute target is
// taken from the tree's root and ".." never climbs above it, so a link in an image can never make
// docklint read a file of the machine it runs on.
#ifndef DOCKLINT_APP_HOST_FS_H_
#define DOCKLINT_APP_HOST_FS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/read_log.h"
#include "app/unsaved_files.h"

namespace docklint::app {

class HostFs {
 public:
  enum class Type { kMissing, kFile, kDirectory, kOther, kLoop };

  // Owner and permission bits as the tree records them (lstat on disk, the member's header in an archive).
  struct Metadata {
    Type type = Type::kMissing;
    bool known = false;  // false for a directory an archive implies but does not list
    unsigned mode = 0;   // permission bits with setuid/setgid/sticky: 07777
    unsigned uid = 0;
    unsigned gid = 0;
  };

  virtual ~HostFs() = default;

  // The type of what `path` names after following links (kLoop: too many links, or a cycle).
  Type TypeOf(const std::string& path) const;
  // Names in a directory, sorted; empty when it is not one.
  std::vector<std::string> List(const std::string& dir) const;
  // A directory's entries, each as it is itself: a symbolic link is not followed (kOther, with is_link).
  struct Entry {
    std::string name;
    Type type = Type::kMissing;
    bool is_link = false;
  };
  // The entries of `dir` (links on the way to it followed), sorted by name; empty when it is not one.
  std::vector<Entry> ListEntries(const std::string& dir) const;
  // Reads a file; false with a message when it cannot.
  bool Read(const std::string& path, std::string* content, std::string* error) const;
  // The metadata of what `path` names after following links (a link's own mode means nothing).
  Metadata Stat(const std::string& path) const;
  // Every regular file below `dir` (links followed inside the tree, each directory visited once), sorted.
  std::vector<std::string> RegularFilesUnder(const std::string& dir) const;
  // Empty when owners and modes in this tree are the host's; otherwise why they are not. A tree copied or
  // extracted by a user without keeping ownership has etc/ owned by that user, and its modes come from
  // that user's umask: judging them would only produce noise.
  std::string WhyMetadataIsNotTheHosts() const;
  // How findings name a file of this tree.
  virtual std::string DisplayPath(const std::string& path) const = 0;
  // What was left out while opening the tree, for the user to see (archive members that climb with "..").
  virtual std::vector<std::string> Skipped() const { return {}; }
  // The answer the methods above record in the calling thread's read log (app/read_log.h) for `op` on
  // `path`, asked again without recording: a cached result is reused only while each answer is the same.
  // nullopt for an op that is not a tree's.
  std::optional<std::string> Answer(ReadOp op, const std::string& path) const;

 protected:
  struct Node {
    Type type = Type::kMissing;  // kOther also stands for a symbolic link, with `link` set
    std::string link;            // a symbolic link's target, as stored
    bool is_link = false;
    bool meta_known = false;
    unsigned mode = 0;
    unsigned uid = 0;
    unsigned gid = 0;
  };
  // The entry itself, links not followed. `path` is normalized: no ".", "..", or empty components.
  virtual Node LStat(const std::string& path) const = 0;
  virtual std::vector<std::string> ListResolved(const std::string& dir) const = 0;
  virtual bool ReadResolved(const std::string& path, std::string* content, std::string* error) const = 0;

 private:
  // Follows links component by component inside the tree; false for a loop.
  bool Resolve(const std::string& path, std::string* resolved) const;
  bool ReadUnrecorded(const std::string& path, std::string* content, std::string* error) const;
};

// The tree under a directory on disk; a file `unsaved` holds is read from there.
std::unique_ptr<HostFs> OpenDirectoryTree(const std::string& root,
                                          std::shared_ptr<const UnsavedFiles> unsaved = nullptr);

// The tree inside a tar archive (plain or compressed; anything libarchive reads). Only the files
// docklint reads (model::IsReadFromHostTree) are kept in memory; another file, asked for later (a compose
// file a unit names elsewhere), is read with one more pass over the archive. Null with a message when the
// archive cannot be read.
std::unique_ptr<HostFs> OpenTarballTree(const std::string& archive, std::string* error);

// True when `path` names a file that looks like an archive by its name (.tar, .tar.gz, .tgz, ...).
bool LooksLikeTarball(const std::string& path);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_HOST_FS_H_
