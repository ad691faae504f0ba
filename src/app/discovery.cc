#include "app/discovery.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

namespace docklint::app {
namespace fs = std::filesystem;
namespace {

using model::HostPlace;
using model::InputKind;

// Present at all, even when it cannot be read (a directory, a dangling link): it is then reported as
// unreadable instead of passing for an absent file.
bool IsPresent(const HostFs& tree, const std::string& path) {
  return tree.TypeOf(path) != HostFs::Type::kMissing;
}

void Add(const HostFs& tree, const std::string& relative, InputKind kind, Discovery* out) {
  out->files.push_back({relative, tree.DisplayPath(relative), "/" + relative, kind, &tree});
}

// The files of one place of a kind, in the order their program reads them.
void AddPlace(const HostFs& tree, const HostPlace& place, InputKind kind, Discovery* out) {
  switch (place.lookup) {
    case HostPlace::Lookup::kFile:
      for (const std::string& dir : place.dirs) {
        std::string relative = dir + "/" + place.name;
        if (IsPresent(tree, relative)) Add(tree, relative, kind, out);
      }
      break;
    case HostPlace::Lookup::kFirstFound:
      for (const std::string& dir : place.dirs) {
        std::string relative = dir + "/" + place.name;
        if (tree.TypeOf(relative) == HostFs::Type::kFile) {
          Add(tree, relative, kind, out);
          break;  // the first found wins; lower copies are never read
        }
      }
      break;
    case HostPlace::Lookup::kMergedByName: {
      std::map<std::string, std::string> by_name;  // file name -> relative path; ordered by name
      for (const std::string& dir : place.dirs) {
        for (const std::string& name : tree.List(dir)) {
          std::string relative = dir + "/" + name;
          if (!name.ends_with(place.name) || tree.TypeOf(relative) != HostFs::Type::kFile) continue;
          by_name.emplace(name, relative);  // emplace keeps the higher directory's file
        }
      }
      for (const auto& [name, relative] : by_name) Add(tree, relative, kind, out);
      break;
    }
    case HostPlace::Lookup::kEachMatching:
      for (const std::string& dir : place.dirs) {
        for (const std::string& name : tree.List(dir)) {
          if (name.ends_with(place.name)) Add(tree, dir + "/" + name, kind, out);
        }
      }
      break;
  }
}

std::string FirstBytes(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string buffer(n, '\0');
  in.read(buffer.data(), static_cast<std::streamsize>(n));
  buffer.resize(static_cast<size_t>(in.gcount()));
  return buffer;
}

}  // namespace

Discovery DiscoverHostTree(const HostFs& tree) {
  Discovery out;
  for (const model::InputKindInfo& info : model::InputKinds()) {
    for (const HostPlace& place : info.places) AddPlace(tree, place, info.kind, &out);
  }
  return out;
}

std::string MappedHostPath(const std::string& path, const HostMapping& mapping) {
  if (mapping.root.empty() && mapping.files.empty()) return "";
  std::error_code ec;
  std::string absolute = fs::absolute(path, ec).lexically_normal().string();
  if (auto it = mapping.files.find(absolute); it != mapping.files.end()) return it->second;
  if (!mapping.root.empty() && absolute.starts_with(mapping.root + "/"))
    return absolute.substr(mapping.root.size());
  return "";
}

Discovery ClassifyPaths(const std::vector<std::string>& paths, const HostMapping& mapping) {
  Discovery out;
  for (const std::string& path : paths) {
    std::string host_path;
    std::string mapped = MappedHostPath(path, mapping);
    // A mapped file is what its host path says it is, wherever the repository keeps it.
    std::optional<InputKind> kind = model::KindFromName(mapped.empty() ? path : mapped, &host_path);
    if (!mapped.empty()) host_path = mapped;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      out.errors.push_back(path + ": is a directory (use --root DIR to lint a host tree)");
      continue;
    }
    if (!kind && !fs::exists(fs::symlink_status(path, ec))) {
      out.errors.push_back(path + ": no such file or directory");
      continue;
    }
    // Unknown name: sniff the content the way a user would recognise it (a regular file only: opening a
    // FIFO would wait for a writer).
    if (!kind && fs::is_regular_file(path, ec)) kind = model::KindFromContent(FirstBytes(path, 4096));
    if (!kind) {
      out.errors.push_back(path + ": " + std::string(kUnknownKind));
      continue;
    }
    out.files.push_back({path, path, host_path, *kind});
  }
  return out;
}

}  // namespace docklint::app
