#include "app/host_fs.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <unordered_map>

#include "base/source_file.h"
#include "model/inputs.h"

namespace docklint::app {
namespace {

constexpr int kMaxLinks = 40;  // Linux's MAXSYMLINKS

std::vector<std::string> Components(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (part == "..") {
      if (!out.empty()) out.pop_back();  // never above the root
    } else if (!part.empty() && part != ".") {
      out.push_back(part);
    }
    start = slash + 1;
  }
  return out;
}

std::string JoinComponents(const std::vector<std::string>& parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

std::string Normalize(const std::string& path) {
  std::vector<std::string> parts = Components(path);
  return JoinComponents(parts, parts.size());
}

class DirectoryTree : public HostFs {
 public:
  DirectoryTree(std::string root, std::shared_ptr<const UnsavedFiles> unsaved)
      : root_(std::move(root)), unsaved_(std::move(unsaved)) {}

  std::string DisplayPath(const std::string& path) const override {
    if (root_.empty() || root_ == ".") return path;
    return root_.back() == '/' ? root_ + path : root_ + "/" + path;
  }

 protected:
  std::string OnDisk(const std::string& path) const { return DisplayPath(path.empty() ? "." : path); }

  // Each path is asked of the disk once: resolving a path stats each of its folders, and the tree's jobs
  // (its daemons, its compose projects, a cached result's check) ask the same paths again and again.
  Node LStat(const std::string& path) const override {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = lstat_.try_emplace(path);
    if (inserted) it->second = UnderAMissingFolder(path) ? Node{} : LStatOnDisk(path);
    return it->second;
  }

  // Whether a folder above `path` is known to be missing (or not a folder): then so is `path`, without
  // asking the disk. Finding a host's files probes many paths under folders most trees do not have.
  bool UnderAMissingFolder(const std::string& path) const {
    for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      auto it = lstat_.find(path.substr(0, slash));
      if (it != lstat_.end() && (it->second.type == Type::kMissing || it->second.type == Type::kFile))
        return true;
    }
    return false;
  }

  Node LStatOnDisk(const std::string& path) const {
    Node node;
    struct stat st;
    std::string disk = OnDisk(path);
    if (lstat(disk.c_str(), &st) != 0) return node;
    if (S_ISLNK(st.st_mode)) {
      std::string target(4096, '\0');
      ssize_t n = readlink(disk.c_str(), target.data(), target.size());
      if (n < 0) return node;
      target.resize(static_cast<size_t>(n));
      node.is_link = true;
      node.link = target;
      node.type = Type::kOther;
      return node;
    }
    node.type = S_ISREG(st.st_mode) ? Type::kFile : S_ISDIR(st.st_mode) ? Type::kDirectory : Type::kOther;
    node.meta_known = true;
    node.mode = st.st_mode & 07777;
    node.uid = st.st_uid;
    node.gid = st.st_gid;
    return node;
  }

  // Listed once, as LStat asks once.
  std::vector<std::string> ListResolved(const std::string& dir) const override {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = listings_.try_emplace(dir);
    if (inserted) it->second = ListOnDisk(dir);
    return it->second;
  }

  std::vector<std::string> ListOnDisk(const std::string& dir) const {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(OnDisk(dir), ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    return names;
  }

  bool ReadResolved(const std::string& path, std::string* content, std::string* error) const override {
    return ReadFileOrUnsaved(unsaved_.get(), OnDisk(path), content, error);
  }

 private:
  std::string root_;
  std::shared_ptr<const UnsavedFiles> unsaved_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Node> lstat_;
  mutable std::unordered_map<std::string, std::vector<std::string>> listings_;
};

// A root filesystem comes as a tar archive (ustar, pax or GNU), raw or compressed as image tools write it.
// Naming the formats, rather than all of libarchive's, keeps the other readers out of the binary.
struct archive* NewArchiveReader() {
  struct archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  for (auto support : {archive_read_support_filter_gzip, archive_read_support_filter_bzip2,
                       archive_read_support_filter_xz, archive_read_support_filter_lzma,
                       archive_read_support_filter_zstd, archive_read_support_filter_lz4}) {
    support(a);
  }
  return a;
}

class TarballTree : public HostFs {
 public:
  explicit TarballTree(std::string archive) : archive_(std::move(archive)) {}

  bool Load(std::string* error) {
    struct archive* a = NewArchiveReader();
    if (archive_read_open_filename(a, archive_.c_str(), 64 * 1024) != ARCHIVE_OK) {
      *error = archive_error_string(a) ? archive_error_string(a) : "cannot open archive";
      archive_read_free(a);
      return false;
    }
    struct archive_entry* entry;
    int status;
    size_t ordinal = 0;
    for (; (status = archive_read_next_header(a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN;
         ++ordinal) {
      const char* name = archive_entry_pathname(entry);
      std::string raw = name ? name : "";
      // A member that climbs with ".." is what path-traversal attacks on extractors use: never stored.
      if (raw == ".." || raw.starts_with("../") || raw.find("/../") != std::string::npos ||
          raw.ends_with("/..")) {
        rejected_.push_back(raw);
        continue;
      }
      std::string path = Normalize(raw);
      if (path.empty()) continue;
      AddParents(path);
      Stored stored;
      stored.node.meta_known = true;
      stored.node.mode = archive_entry_perm(entry) & 07777;
      stored.node.uid = static_cast<unsigned>(archive_entry_uid(entry));
      stored.node.gid = static_cast<unsigned>(archive_entry_gid(entry));
      mode_t type = archive_entry_filetype(entry);
      if (type == AE_IFLNK) {
        stored.node.type = Type::kOther;
        stored.node.link = archive_entry_symlink(entry) ? archive_entry_symlink(entry) : "";
        stored.node.is_link = true;
      } else if (type == AE_IFDIR) {
        stored.node.type = Type::kDirectory;
      } else if (type == AE_IFREG) {
        stored.node.type = Type::kFile;
        const char* hardlink = archive_entry_hardlink(entry);
        stored.member = ordinal;
        if (hardlink != nullptr) {
          auto target = entries_.find(Normalize(hardlink));
          if (target != entries_.end()) {
            stored.content = target->second.content;
            stored.too_large = target->second.too_large;
            stored.kept = target->second.kept;
            stored.member = target->second.member;
          }
        } else if (archive_entry_size(entry) > static_cast<la_int64_t>(base::kMaxFileSize)) {
          stored.too_large = true;
        } else if (model::IsReadFromHostTree(path)) {  // other members keep their metadata only
          stored.kept = true;
          stored.content.resize(static_cast<size_t>(std::max<la_int64_t>(archive_entry_size(entry), 0)));
          la_ssize_t got = archive_read_data(a, stored.content.data(), stored.content.size());
          if (got < 0) {
            *error =
                std::string(path) + ": " + (archive_error_string(a) ? archive_error_string(a) : "read error");
            archive_read_free(a);
            return false;
          }
          stored.content.resize(static_cast<size_t>(got));
        }
      } else {
        stored.node.type = Type::kOther;
      }
      entries_[path] = std::move(stored);  // a later member replaces an earlier one, as tar extracts
    }
    bool ok = status == ARCHIVE_EOF;
    if (!ok) *error = archive_error_string(a) ? archive_error_string(a) : "corrupt archive";
    archive_read_free(a);
    return ok;
  }

  std::string DisplayPath(const std::string& path) const override { return archive_ + ":/" + path; }
  std::vector<std::string> Skipped() const override {
    std::vector<std::string> out;
    for (const std::string& name : rejected_)
      out.push_back("member '" + name + "' climbs above the root with ..");
    return out;
  }

 protected:
  Node LStat(const std::string& path) const override {
    if (path.empty()) {
      Node root;
      root.type = Type::kDirectory;
      return root;
    }
    auto it = entries_.find(path);
    return it == entries_.end() ? Node{} : it->second.node;
  }

  std::vector<std::string> ListResolved(const std::string& dir) const override {
    std::vector<std::string> names;
    std::string prefix = dir.empty() ? "" : dir + "/";
    for (auto it = entries_.lower_bound(prefix); it != entries_.end() && it->first.starts_with(prefix);
         ++it) {
      std::string rest = it->first.substr(prefix.size());
      if (!rest.empty() && rest.find('/') == std::string::npos) names.push_back(rest);
    }
    return names;
  }

  bool ReadResolved(const std::string& path, std::string* content, std::string* error) const override {
    auto it = entries_.find(path);
    if (it == entries_.end() || it->second.node.type != Type::kFile) {
      *error = "not a regular file in the archive";
      return false;
    }
    if (it->second.too_large) {
      *error = "larger than 16 MiB";
      return false;
    }
    if (!it->second.kept) return ReadMember(it->second.member, content, error);
    *content = it->second.content;
    return true;
  }

 private:
  struct Stored {
    Node node;
    std::string content;
    bool too_large = false;
    bool kept = false;  // `content` holds the file; otherwise ReadMember reads it when asked
    size_t member = 0;  // its ordinal in the archive (a hard link's: its target's)
  };

  // A member whose content was not kept, read with a pass over the archive. Jobs read on several threads:
  // each pass has its own reader, and what it read is kept for the next time.
  bool ReadMember(size_t member, std::string* content, std::string* error) const {
    {
      std::lock_guard<std::mutex> lock(fetched_mutex_);
      if (auto it = fetched_.find(member); it != fetched_.end()) {
        *content = it->second;
        return true;
      }
    }
    struct archive* a = NewArchiveReader();
    bool ok = archive_read_open_filename(a, archive_.c_str(), 64 * 1024) == ARCHIVE_OK;
    struct archive_entry* entry;
    size_t ordinal = 0;
    int status = ARCHIVE_OK;
    while (ok && ordinal < member &&
           ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN)) {
      ++ordinal;
    }
    ok = ok && ordinal == member &&
         ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN);
    if (ok) {
      la_int64_t size = archive_entry_size(entry);
      std::string data(static_cast<size_t>(std::clamp<la_int64_t>(size, 0, base::kMaxFileSize)), '\0');
      la_ssize_t got = archive_read_data(a, data.data(), data.size());
      ok = got >= 0;
      if (ok) {
        data.resize(static_cast<size_t>(got));
        *content = data;
        std::lock_guard<std::mutex> lock(fetched_mutex_);
        fetched_.emplace(member, std::move(data));
      }
    }
    if (!ok) *error = archive_error_string(a) ? archive_error_string(a) : "cannot read the member again";
    archive_read_free(a);
    return ok;
  }

  // Archives need not list directories before their members.
  void AddParents(const std::string& path) {
    for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      std::string parent = path.substr(0, slash);
      if (!entries_.contains(parent)) entries_[parent].node.type = Type::kDirectory;
    }
  }

  std::string archive_;
  std::map<std::string, Stored> entries_;
  std::vector<std::string> rejected_;  // members with ".." in their names
  mutable std::mutex fetched_mutex_;
  mutable std::map<size_t, std::string> fetched_;  // members read by ReadMember, by ordinal
};

}  // namespace

bool HostFs::Resolve(const std::string& path, std::string* resolved) const {
  std::vector<std::string> pending = Components(path);
  std::reverse(pending.begin(), pending.end());  // a stack: next component at the back
  std::vector<std::string> done;
  int links = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.back());
    pending.pop_back();
    if (part == "..") {
      if (!done.empty()) done.pop_back();
      continue;
    }
    done.push_back(part);
    Node node = LStat(JoinComponents(done, done.size()));
    if (!node.is_link) continue;
    if (++links > kMaxLinks) return false;
    done.pop_back();
    if (!node.link.empty() && node.link[0] == '/') done.clear();  // absolute: from the tree's root
    std::vector<std::string> target;
    size_t start = 0;
    while (start <= node.link.size()) {
      size_t slash = node.link.find('/', start);
      if (slash == std::string::npos) slash = node.link.size();
      std::string piece = node.link.substr(start, slash - start);
      if (!piece.empty() && piece != ".") target.push_back(piece);
      start = slash + 1;
    }
    for (auto it = target.rbegin(); it != target.rend(); ++it) pending.push_back(*it);
  }
  *resolved = JoinComponents(done, done.size());
  return true;
}

// How the read log (app/read_log.h) records each answer: the same bytes when, and only when, the answer is
// the same.
namespace {

std::string Encode(HostFs::Type type) {
  return std::string(1, static_cast<char>('0' + static_cast<int>(type)));
}

std::string Encode(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += name + '\0';
  return out;
}

std::string Encode(const std::vector<HostFs::Entry>& entries) {
  std::string out;
  for (const HostFs::Entry& entry : entries)
    out += entry.name + '\0' + Encode(entry.type) + (entry.is_link ? "l" : "-");
  return out;
}

std::string Encode(const HostFs::Metadata& meta) {
  return Encode(meta.type) + (meta.known ? "k" : "u") + std::to_string(meta.mode) + ':' +
         std::to_string(meta.uid) + ':' + std::to_string(meta.gid);
}

std::string EncodeRead(bool ok, const std::string& content, const std::string& error) {
  return ok ? "+" + content : "-" + error;
}

}  // namespace

HostFs::Type HostFs::TypeOf(const std::string& path) const {
  std::string resolved;
  Type type = Resolve(path, &resolved) ? LStat(resolved).type : Type::kLoop;
  RecordRead(ReadOp::kTreeTypeOf, path, Encode(type));
  return type;
}

std::vector<std::string> HostFs::List(const std::string& dir) const {
  std::string resolved;
  std::vector<std::string> names;
  if (Resolve(dir, &resolved) && LStat(resolved).type == Type::kDirectory) {
    names = ListResolved(resolved);
    std::sort(names.begin(), names.end());
  }
  RecordRead(ReadOp::kTreeList, dir, Encode(names));
  return names;
}

bool HostFs::Read(const std::string& path, std::string* content, std::string* error) const {
  bool ok = ReadUnrecorded(path, content, error);
  if (ReadLog* log = CurrentReadLog())
    log->Add(ReadOp::kTreeRead, path, ok ? "+" : "-", ok ? *content : *error);
  return ok;
}

bool HostFs::ReadUnrecorded(const std::string& path, std::string* content, std::string* error) const {
  std::string resolved;
  if (!Resolve(path, &resolved)) {
    *error = "too many levels of symbolic links";
    return false;
  }
  Type type = LStat(resolved).type;
  if (type == Type::kMissing) {
    *error = "No such file or directory (inside the tree)";
    return false;
  }
  if (type == Type::kDirectory) {
    *error = "is a directory";
    return false;
  }
  return ReadResolved(resolved, content, error);
}

HostFs::Metadata HostFs::Stat(const std::string& path) const {
  Metadata meta;
  std::string resolved;
  if (!Resolve(path, &resolved)) {
    meta.type = Type::kLoop;
  } else {
    Node node = LStat(resolved);
    meta.type = node.type;
    meta.known = node.meta_known;
    meta.mode = node.mode;
    meta.uid = node.uid;
    meta.gid = node.gid;
  }
  RecordRead(ReadOp::kTreeStat, path, Encode(meta));
  return meta;
}

std::vector<HostFs::Entry> HostFs::ListEntries(const std::string& dir) const {
  std::string resolved;
  std::vector<Entry> entries;
  if (Resolve(dir, &resolved) && LStat(resolved).type == Type::kDirectory) {
    std::vector<std::string> names = ListResolved(resolved);
    std::sort(names.begin(), names.end());
    for (std::string& name : names) {
      Node node = LStat(resolved.empty() ? name : resolved + "/" + name);
      entries.push_back({std::move(name), node.type, node.is_link});
    }
  }
  RecordRead(ReadOp::kTreeListEntries, dir, Encode(entries));
  return entries;
}

std::optional<std::string> HostFs::Answer(ReadOp op, const std::string& path) const {
  ScopedReadLog unrecorded(nullptr);
  switch (op) {
    case ReadOp::kTreeRead: {
      std::string content, error;
      bool ok = ReadUnrecorded(path, &content, &error);
      return EncodeRead(ok, content, error);
    }
    case ReadOp::kTreeTypeOf:
      return Encode(TypeOf(path));
    case ReadOp::kTreeList:
      return Encode(List(path));
    case ReadOp::kTreeListEntries:
      return Encode(ListEntries(path));
    case ReadOp::kTreeStat:
      return Encode(Stat(path));
    case ReadOp::kTreeRegularFilesUnder:
      return Encode(RegularFilesUnder(path));
    case ReadOp::kTreeMetadataVerdict:
      return WhyMetadataIsNotTheHosts();
    case ReadOp::kTreeSkipped:
      return Encode(Skipped());
    default:
      return std::nullopt;
  }
}

std::vector<std::string> HostFs::RegularFilesUnder(const std::string& dir) const {
  std::vector<std::string> files;
  std::set<std::string> visited;  // resolved directories: a link back up must not loop
  std::vector<std::string> pending{Normalize(dir)};
  while (!pending.empty()) {
    std::string current = std::move(pending.back());
    pending.pop_back();
    std::string resolved;
    if (!Resolve(current, &resolved) || !visited.insert(resolved).second) continue;
    for (const std::string& name : List(current)) {
      std::string child = current.empty() ? name : current + "/" + name;
      Type type = TypeOf(child);
      if (type == Type::kFile) files.push_back(child);
      if (type == Type::kDirectory) pending.push_back(child);
    }
  }
  std::sort(files.begin(), files.end());
  RecordRead(ReadOp::kTreeRegularFilesUnder, dir, Encode(files));
  return files;
}

std::string HostFs::WhyMetadataIsNotTheHosts() const {
  Metadata etc = Stat("etc");
  std::string why;
  if (etc.type == Type::kDirectory && etc.known && etc.uid != 0) {
    why =
        "its etc/ is owned by uid " + std::to_string(etc.uid) +
        ", not root, so it was copied or extracted without ownership and its modes follow that user's umask";
  }
  RecordRead(ReadOp::kTreeMetadataVerdict, "", why);
  return why;
}

std::unique_ptr<HostFs> OpenDirectoryTree(const std::string& root,
                                          std::shared_ptr<const UnsavedFiles> unsaved) {
  return std::make_unique<DirectoryTree>(root, std::move(unsaved));
}

std::unique_ptr<HostFs> OpenTarballTree(const std::string& archive, std::string* error) {
  auto tree = std::make_unique<TarballTree>(archive);
  if (!tree->Load(error)) return nullptr;
  return tree;
}

bool LooksLikeTarball(const std::string& path) {
  for (const char* suffix : {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.zst", ".tar.bz2", ".tbz2"}) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

}  // namespace docklint::app
