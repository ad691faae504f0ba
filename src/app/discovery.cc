#include "app/discovery.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "app/directory_walk.h"
#include "base/strings.h"
#include "model/compose_invocation.h"
#include "model/compose_project.h"
#include "parsers/systemd_unit.h"

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

std::string JoinRelative(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

// A host path ("/opt/app/compose.yaml", already clean) as a path of the tree ("opt/app/compose.yaml").
std::string InTree(const std::string& host_path) {
  return host_path.starts_with('/') ? host_path.substr(1) : host_path;
}

// How docker compose sees the tree: by host paths.
model::ComposeFileAccess HostPathAccess(const HostFs& tree) {
  return {
      [&tree](const std::string& path) { return tree.TypeOf(InTree(path)) != HostFs::Type::kMissing; },
      [&tree](const std::string& path, std::string* text) {
        std::string error;
        return tree.Read(InTree(path), text, &error);
      },
  };
}

// The folders a place stands for: "home/*" is each folder of home (links included: a place is the host's
// own layout, as /home -> /var/home on some systems).
std::vector<std::string> PlaceFolders(const HostFs& tree, const std::string& pattern) {
  std::vector<std::string> folders{""};
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t slash = std::min(pattern.find('/', start), pattern.size());
    std::string part = pattern.substr(start, slash - start);
    std::vector<std::string> next;
    for (const std::string& folder : folders) {
      if (part != "*") {
        next.push_back(JoinRelative(folder, part));
        continue;
      }
      for (const std::string& name : tree.List(folder)) next.push_back(JoinRelative(folder, name));
    }
    folders = std::move(next);
    start = slash + 1;
  }
  std::erase_if(folders,
                [&tree](const std::string& f) { return tree.TypeOf(f) != HostFs::Type::kDirectory; });
  return folders;
}

// Breadth first, so that a search cut short by its bound has looked at the shallow folders, where projects
// are kept, first.
void SearchPlace(const HostFs& tree, const model::ProjectPlaces& places, const std::string& pattern,
                 std::vector<std::string>* folders, std::vector<std::string>* notes) {
  std::deque<std::pair<std::string, int>> pending;
  for (std::string& start : PlaceFolders(tree, pattern)) pending.emplace_back(std::move(start), 0);
  size_t budget = places.max_entries;
  while (!pending.empty()) {
    // Named variables, not a structured binding: clang before 16 cannot capture a binding in a lambda.
    std::string dir = std::move(pending.front().first);
    int depth = pending.front().second;
    pending.pop_front();
    std::vector<HostFs::Entry> entries = tree.ListEntries(dir);
    if (entries.size() > budget) {
      notes->push_back(tree.DisplayPath(pattern) + ": stopped looking for compose projects after " +
                       std::to_string(places.max_entries) + " entries, at " + tree.DisplayPath(dir) +
                       " (give a project's folder by path to lint it)");
      return;
    }
    budget -= entries.size();
    auto has = [&entries](std::string_view name) {
      return std::any_of(entries.begin(), entries.end(),
                         [&](const HostFs::Entry& e) { return e.name == name; });
    };
    auto head = [&tree, &dir](std::string_view name) {
      std::string text, error;
      tree.Read(JoinRelative(dir, std::string(name)), &text, &error);
      return text.substr(0, 64);
    };
    if (depth > 0 && IsBuildOutput(has, head)) continue;
    for (const HostFs::Entry& entry : entries) {
      // A link to a file counts, and so does one that cannot be followed: reading it says why.
      if (!places.is_marker(entry.name) || entry.type == HostFs::Type::kDirectory) continue;
      if (entry.is_link && tree.TypeOf(JoinRelative(dir, entry.name)) == HostFs::Type::kDirectory) continue;
      folders->push_back(dir);
      break;
    }
    if (depth >= places.depth) continue;
    for (const HostFs::Entry& entry : entries) {
      if (entry.type == HostFs::Type::kDirectory && !entry.is_link && !IsSkippedFolderName(entry.name))
        pending.emplace_back(JoinRelative(dir, entry.name), depth + 1);
    }
  }
}

// The service units of the tree as systemd finds them: for each name, the first file in the unit search
// path (a unit masked by a link to /dev/null there hides the others), with its drop-ins merged by name.
std::vector<std::vector<std::string>> ServiceUnits(const HostFs& tree) {
  std::map<std::string, std::string> first;  // unit name -> its path
  for (const std::string& dir : model::SystemUnitDirs()) {
    for (const HostFs::Entry& entry : tree.ListEntries(dir)) {
      if (entry.name.ends_with(".service") && entry.type != HostFs::Type::kDirectory)
        first.emplace(entry.name, dir + "/" + entry.name);
    }
  }
  std::vector<std::vector<std::string>> units;
  for (const auto& [name, path] : first) {
    if (tree.TypeOf(path) != HostFs::Type::kFile) continue;
    std::map<std::string, std::string> drop_ins;  // file name -> path; the higher directory's wins
    for (const std::string& dir : model::SystemUnitDirs()) {
      std::string drop_in_dir = dir + "/" + name + ".d";
      for (const std::string& file : tree.List(drop_in_dir)) {
        if (file.ends_with(".conf")) drop_ins.emplace(file, drop_in_dir + "/" + file);
      }
    }
    units.push_back({path});
    for (const auto& [file, drop_in] : drop_ins) units.back().push_back(drop_in);
  }
  return units;
}

std::string At(const base::SourceSpan& span) {
  base::Position at = span.range().begin;
  return span.file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
}

std::string NamesList(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// The projects the tree's service units run with docker compose.
void AddUnitProjects(const HostFs& tree, TreeComposeProjects* out) {
  model::ComposeFileAccess access = HostPathAccess(tree);
  for (const std::vector<std::string>& paths : ServiceUnits(tree)) {
    std::vector<std::unique_ptr<base::SourceFile>> sources;
    bool mentions_compose = false;
    for (const std::string& path : paths) {
      std::string text, error;
      if (!tree.Read(path, &text, &error)) continue;  // docker.service's are reported by its host job
      mentions_compose = mentions_compose || text.find("compose") != std::string::npos;
      sources.push_back(std::make_unique<base::SourceFile>(tree.DisplayPath(path), std::move(text)));
    }
    if (!mentions_compose) continue;
    std::vector<parsers::UnitFile> units;
    base::Diagnostics ignored;  // only docker.service is linted as a unit
    for (const auto& source : sources) units.push_back(parsers::ParseSystemdUnit(*source, &ignored));
    for (const model::ServiceComposeCommand& run : model::ComposeCommandsOfService(units)) {
      if (!run.command.NeedsProject()) continue;
      model::ComposeProjectFiles found =
          model::ComposeFilesOfCommand(run.command, run.working_directory, run.environment, access);
      if (found.from_stdin) continue;
      for (const model::MissingComposeFile& missing : found.missing) {
        const base::SourceSpan& at = missing.named_at.valid() ? missing.named_at : run.command.span;
        out->errors.push_back(At(at) + run.key + " runs docker compose with " + missing.named_by + " " +
                              missing.path +
                              ", which is not in this tree: compose refuses to run the project");
      }
      if (!found.missing.empty()) continue;
      if (found.files.empty()) {
        if (run.command.project_name) continue;  // `docker compose -p NAME down` needs no file
        out->errors.push_back(At(run.command.span) + run.key + " runs docker compose " +
                              run.command.subcommand + " in " + found.directory +
                              ", where compose finds no " + NamesList(model::DefaultComposeFileNames()) +
                              " in the folder or above it");
        continue;
      }
      TreeComposeProject project;
      for (const std::string& file : found.files) project.files.push_back(InTree(file));
      project.dotenv = found.dotenv.empty() ? "" : InTree(found.dotenv);
      project.directory = InTree(found.directory);
      project.unit = paths.front();
      bool seen = std::any_of(out->projects.begin(), out->projects.end(), [&](const TreeComposeProject& p) {
        return p.files == project.files && p.dotenv == project.dotenv;
      });
      if (!seen) out->projects.push_back(std::move(project));
    }
  }
}

}  // namespace

TreeComposeProjects DiscoverComposeProjects(const HostFs& tree) {
  TreeComposeProjects out;
  AddUnitProjects(tree, &out);
  std::set<std::string> run_by_units;
  for (const TreeComposeProject& project : out.projects) run_by_units.insert(project.directory);
  model::ComposeFileAccess access = HostPathAccess(tree);
  for (const model::InputKindInfo& info : model::InputKinds()) {
    if (!info.project_places) continue;
    std::vector<std::string> folders;
    for (const std::string& pattern : info.project_places->dirs)
      SearchPlace(tree, *info.project_places, pattern, &folders, &out.notes);
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    for (const std::string& folder : folders) {
      if (run_by_units.contains(folder)) continue;
      model::ComposeProjectFiles found = model::ComposeFilesInFolder("/" + folder, access);
      TreeComposeProject project;
      for (const std::string& file : found.files) project.files.push_back(InTree(file));
      project.dotenv = found.dotenv.empty() ? "" : InTree(found.dotenv);
      project.directory = folder;
      if (!project.files.empty()) out.projects.push_back(std::move(project));
    }
  }
  return out;
}

Discovery DiscoverHostTree(const HostFs& tree) {
  Discovery out;
  for (const model::InputKindInfo& info : model::InputKinds()) {
    for (const HostPlace& place : info.places) AddPlace(tree, place, info.kind, &out);
  }
  return out;
}

std::string TreeDaemon::Describe() const {
  switch (kind) {
    case Kind::kSystem:
      return "";
    case Kind::kRootless:
      return "rootless dockerd of " + home;
    case Kind::kSnap:
      return "the docker snap's dockerd";
  }
  return "";
}

std::vector<DaemonDiscovery> DiscoverOtherDaemons(const HostFs& tree) {
  std::vector<DaemonDiscovery> out;
  for (const std::string& pattern : model::RootlessHomes()) {
    for (const std::string& home : PlaceFolders(tree, pattern)) {
      DaemonDiscovery found{{TreeDaemon::Kind::kRootless, "/" + home}, {}};
      for (const model::InputKindInfo& info : model::InputKinds()) {
        for (HostPlace place : info.rootless_places) {
          for (std::string& dir : place.dirs) dir = home + "/" + dir;
          AddPlace(tree, place, info.kind, &found.host);
        }
      }
      if (!found.host.files.empty()) out.push_back(std::move(found));
    }
  }
  DaemonDiscovery snap{{TreeDaemon::Kind::kSnap, ""}, {}};
  for (const model::InputKindInfo& info : model::InputKinds()) {
    for (const HostPlace& place : info.snap_places) AddPlace(tree, place, info.kind, &snap.host);
  }
  if (!snap.host.files.empty()) out.push_back(std::move(snap));
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
