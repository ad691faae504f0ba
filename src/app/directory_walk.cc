#include "app/directory_walk.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

#include "model/inputs.h"

namespace docklint::app {
namespace fs = std::filesystem;
namespace {

// A folder's build-output markers, on disk.
// The first bytes of a file, for the build-output markers that are told by their content.
std::string Head(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(64, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

bool IsBuildOutputOnDisk(const fs::path& dir) {
  return IsBuildOutput(
      [&dir](std::string_view name) {
        std::error_code ec;
        return fs::exists(dir / name, ec);
      },
      [&dir](std::string_view name) { return Head(dir / name); });
}

bool EndsWithComponents(std::string_view path, std::string_view tail) {
  return path == tail ||
         (path.size() > tail.size() && path.ends_with(tail) && path[path.size() - tail.size() - 1] == '/');
}

}  // namespace

std::optional<std::string> TreeRootOf(const fs::path& file) {
  std::string parent = file.parent_path().generic_string();
  for (const std::string& folder : model::HostFolders()) {
    if (!EndsWithComponents(parent, folder)) continue;
    std::string root = parent.substr(0, parent.size() - folder.size());
    if (root.empty()) return ".";
    if (root.size() > 1) root.pop_back();  // the '/' before the folder, unless it is the filesystem root
    return root;
  }
  return std::nullopt;
}

namespace {

// The folder that holds a loose host file the way /etc holds it: default/docker, sysconfig/docker and
// audit/ files one level up, drop-ins beside their unit.
std::string LooseHostFolder(const fs::path& file) {
  fs::path parent = file.parent_path();
  std::string name = parent.filename().string();
  if (name == "rules.d" && parent.parent_path().filename() == "audit")
    return parent.parent_path().parent_path();
  if (name == "default" || name == "sysconfig" || name == "audit" || name.ends_with(".service.d") ||
      name.ends_with(".socket.d"))
    return parent.parent_path().string();
  return parent.string();
}

}  // namespace

// Folders that hold no file of the repository's own: version control, installed dependencies, caches.
bool IsSkippedFolderName(std::string_view name) {
  static constexpr std::string_view kNames[] = {".git",         ".hg",         ".svn", ".bzr",      "_darcs",
                                                "node_modules", "__pycache__", ".tox", ".terraform"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Build outputs and environments, by the marker files their tools leave: a CMake build tree, a
// virtualenv, and any cache that follows the Cache Directory Tagging Specification (cargo's target/, ...).
bool IsBuildOutput(const std::function<bool(std::string_view name)>& has,
                   const std::function<std::string(std::string_view name)>& head) {
  if (has("CMakeCache.txt") || has("pyvenv.cfg")) return true;
  return has("CACHEDIR.TAG") &&
         head("CACHEDIR.TAG").starts_with("Signature: 8a477f597d28d172789f06886806bc55");
}

DirectoryWalker::DirectoryWalker(const std::string& dir) { Enter(dir, /*skip_build_output=*/false); }

void DirectoryWalker::Enter(const fs::path& dir, bool skip_build_output) {
  std::error_code ec;
  Level level;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    level.entries.push_back(*it);
  if (ec) {
    errors_.push_back(dir.string() + ": cannot list the directory: " + ec.message());
    return;
  }
  std::sort(level.entries.begin(), level.entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  // Its markers are looked up in the listing just read, not asked of the disk one by one.
  auto has = [&level](std::string_view name) {
    return std::any_of(level.entries.begin(), level.entries.end(), [name](const fs::directory_entry& entry) {
      std::string_view path = entry.path().native();
      return path.size() > name.size() && path.ends_with(name) && path[path.size() - name.size() - 1] == '/';
    });
  };
  if (skip_build_output && IsBuildOutput(has, [&dir](std::string_view name) { return Head(dir / name); }))
    return;
  stack_.push_back(std::move(level));
}

bool DirectoryWalker::Next(std::string* file) {
  while (!stack_.empty()) {
    Level& level = stack_.back();
    if (level.next == level.entries.size()) {
      stack_.pop_back();
      continue;
    }
    const fs::directory_entry& entry = level.entries[level.next++];
    std::error_code ec;
    // The listing's own types (d_type) answer without a stat, but for links.
    bool link = entry.is_symlink(ec);
    if (ec) continue;  // vanished since the listing
    if (!link && entry.is_directory(ec)) {
      fs::path child = entry.path();  // Enter invalidates `level` and `entry`
      if (!IsSkippedFolderName(child.filename().string())) Enter(child, /*skip_build_output=*/true);
      continue;
    }
    // A link is followed to a file, never to a directory. A link that cannot be followed (dangling, a
    // cycle) is kept when its name is one docklint lints, so reading it reports why.
    bool candidate = !link && entry.is_regular_file(ec);
    if (link) {
      fs::file_status target = entry.status(ec);
      candidate = ec || fs::is_regular_file(target) || !fs::exists(target);
    }
    std::string host_path;
    if (candidate && model::KindInWalk(entry.path().string(), &host_path)) {
      *file = entry.path().string();
      return true;
    }
  }
  return false;
}

std::optional<std::string> WalkedPath(const std::string& root, const std::string& file) {
  std::error_code ec;
  fs::path absolute_root = fs::absolute(root, ec).lexically_normal();
  fs::path absolute_file = fs::absolute(file, ec).lexically_normal();
  if (!absolute_root.has_filename()) absolute_root = absolute_root.parent_path();  // "dir/" is "dir"
  auto [in_root, in_file] =
      std::mismatch(absolute_root.begin(), absolute_root.end(), absolute_file.begin(), absolute_file.end());
  if (in_root != absolute_root.end() || in_file == absolute_file.end()) return std::nullopt;
  fs::path walked = root;
  for (auto it = in_file; it != absolute_file.end(); ++it) {
    walked /= *it;
    fs::file_status own = fs::symlink_status(walked, ec);
    if (ec) return std::nullopt;
    if (std::next(it) != absolute_file.end()) {
      // A folder the walk enters: a real one (links to folders are not followed), not one it skips.
      if (!fs::is_directory(own) || IsSkippedFolderName(it->string()) || IsBuildOutputOnDisk(walked))
        return std::nullopt;
      continue;
    }
    bool candidate = fs::is_regular_file(own);
    if (fs::is_symlink(own)) {
      fs::file_status target = fs::status(walked, ec);
      candidate = ec || fs::is_regular_file(target) || !fs::exists(target);
    }
    std::string host_path;
    if (!candidate || !model::KindInWalk(walked.string(), &host_path)) return std::nullopt;
  }
  return walked.string();
}

Walk WalkDirectory(const std::string& dir) {
  Walk walk;
  DirectoryWalker walker(dir);
  for (std::string file; walker.Next(&file);) walk.files.push_back(std::move(file));
  walk.errors = walker.TakeErrors();
  return walk;
}

std::vector<HostGroup> GroupByHost(const std::vector<std::string>& host_files) {
  std::map<std::string, HostGroup> trees;
  std::map<std::string, HostGroup> loose;
  for (const std::string& file : host_files) {
    if (std::optional<std::string> root = TreeRootOf(file)) {
      trees[*root].tree_root = *root;
    } else {
      loose[LooseHostFolder(file)].files.push_back(file);
    }
  }
  std::vector<HostGroup> groups;
  for (auto& [root, group] : trees) groups.push_back(std::move(group));
  for (auto& [folder, group] : loose) groups.push_back(std::move(group));
  return groups;
}

}  // namespace docklint::app
