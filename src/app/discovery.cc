#include "app/discovery.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

namespace docklint::app {
namespace fs = std::filesystem;
namespace {

// systemd's system unit search path, highest precedence first (systemd.unit(5)).
const char* const kUnitDirs[] = {"etc/systemd/system", "run/systemd/system", "usr/local/lib/systemd/system",
                                 "usr/lib/systemd/system", "lib/systemd/system"};

// Present at all, even when it cannot be read (a directory, a dangling link): it is then reported as
// unreadable instead of passing for an absent file.
bool IsPresent(const HostFs& tree, const std::string& path) {
  return tree.TypeOf(path) != HostFs::Type::kMissing;
}

void Add(const HostFs& tree, const std::string& relative, FileKind kind, Discovery* out) {
  out->files.push_back({relative, tree.DisplayPath(relative), "/" + relative, kind, &tree});
}

void AddUnitWithDropIns(const HostFs& tree, const std::string& unit, FileKind kind, FileKind drop_in_kind,
                        Discovery* out) {
  for (const char* dir : kUnitDirs) {
    std::string relative = std::string(dir) + "/" + unit;
    if (tree.TypeOf(relative) == HostFs::Type::kFile) {
      Add(tree, relative, kind, out);
      break;  // the first unit found wins; lower copies are never read
    }
  }
  std::map<std::string, std::string> drop_ins;  // file name -> relative path; ordered by name
  for (const char* dir : kUnitDirs) {
    std::string relative_dir = std::string(dir) + "/" + unit + ".d";
    for (const std::string& name : tree.List(relative_dir)) {
      std::string relative = relative_dir + "/" + name;
      if (!name.ends_with(".conf") || tree.TypeOf(relative) != HostFs::Type::kFile) continue;
      drop_ins.emplace(name, relative);  // emplace keeps the higher directory's file
    }
  }
  for (const auto& [name, relative] : drop_ins) Add(tree, relative, drop_in_kind, out);
}

std::string FirstBytes(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string buffer(n, '\0');
  in.read(buffer.data(), static_cast<std::streamsize>(n));
  buffer.resize(static_cast<size_t>(in.gcount()));
  return buffer;
}

// Dockerfile, Containerfile and their variants as repositories name them: Dockerfile.dev, Dockerfile-prod,
// api.Dockerfile, web_Dockerfile, Containerfile.fedora (any case). Files beside them that are not
// Dockerfiles (Dockerfile.dockerignore, Dockerfile.md, ...) keep their own kind.
bool IsDockerfileName(const std::string& name) {
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* other : {".dockerignore", ".md", ".txt", ".yml", ".yaml", ".json", ".sh", ".orig", ".rej",
                            ".bak", ".swp", ".patch", ".diff"}) {
    if (lower.ends_with(other)) return false;
  }
  for (const char* base : {"dockerfile", "containerfile"}) {
    std::string_view b = base;
    if (lower == b) return true;
    for (char separator : {'.', '-', '_'}) {
      if (lower.starts_with(std::string(b) + separator) || lower.ends_with(separator + std::string(b)))
        return true;
    }
  }
  return false;
}

// A line that starts with FROM (any case, after blanks), as every Dockerfile has one.
bool HasFromLine(std::string_view head) {
  for (size_t start = 0; start < head.size();) {
    size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line.size() >= first + 5) {
      std::string word(line.substr(first, 5));
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word == "from " || word == "from\t") return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

Discovery DiscoverHostTree(const HostFs& tree) {
  Discovery out;
  if (IsPresent(tree, "etc/docker/daemon.json"))
    Add(tree, "etc/docker/daemon.json", FileKind::kDaemonJson, &out);
  AddUnitWithDropIns(tree, "docker.service", FileKind::kServiceUnit, FileKind::kServiceDropIn, &out);
  AddUnitWithDropIns(tree, "docker.socket", FileKind::kSocketUnit, FileKind::kSocketDropIn, &out);
  for (const char* env : {"etc/default/docker", "etc/sysconfig/docker"}) {
    if (IsPresent(tree, env)) Add(tree, env, FileKind::kEnvFile, &out);
  }
  if (IsPresent(tree, "etc/audit/audit.rules"))
    Add(tree, "etc/audit/audit.rules", FileKind::kAuditRules, &out);
  for (const std::string& name : tree.List("etc/audit/rules.d")) {
    if (name.ends_with(".rules")) Add(tree, "etc/audit/rules.d/" + name, FileKind::kAuditRules, &out);
  }
  return out;
}

std::optional<FileKind> KindFromName(const std::string& path, std::string* host_path) {
  fs::path p(path);
  std::string name = p.filename().string();
  std::string parent = p.parent_path().filename().string();
  if (name == "daemon.json") {
    *host_path = "/etc/docker/daemon.json";
    return FileKind::kDaemonJson;
  }
  if (name.ends_with(".service")) return FileKind::kServiceUnit;
  if (name.ends_with(".conf") && parent.ends_with(".service.d")) return FileKind::kServiceDropIn;
  if (name.ends_with(".conf") && parent.ends_with(".socket.d")) return FileKind::kSocketDropIn;
  if (name.ends_with(".socket")) return FileKind::kSocketUnit;
  if (name == "docker" && (parent == "default" || parent == "sysconfig")) {
    *host_path = "/etc/" + parent + "/docker";
    return FileKind::kEnvFile;
  }
  if (name.ends_with(".rules") && (parent == "audit" || parent == "rules.d")) return FileKind::kAuditRules;
  if (IsDockerfileName(name)) return FileKind::kDockerfile;
  return std::nullopt;
}

std::optional<FileKind> KindFromContent(std::string_view head) {
  size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  // A FROM line first: Dockerfiles may hold JSON or unit text in heredocs and templates.
  if (HasFromLine(head)) return FileKind::kDockerfile;
  if (first != std::string_view::npos && head[first] == '{') return FileKind::kDaemonJson;
  if (head.find("[Service]") != std::string_view::npos) return FileKind::kServiceUnit;
  return std::nullopt;
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
    std::optional<FileKind> kind = KindFromName(mapped.empty() ? path : mapped, &host_path);
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
    if (!kind && fs::is_regular_file(path, ec)) kind = KindFromContent(FirstBytes(path, 4096));
    if (!kind) {
      out.errors.push_back(path + ": " + std::string(kUnknownKind));
      continue;
    }
    out.files.push_back({path, path, host_path, *kind});
  }
  return out;
}

}  // namespace docklint::app
