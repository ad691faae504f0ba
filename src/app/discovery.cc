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

std::string Join(const std::string& root, const std::string& relative) {
  if (root.empty() || root == ".") return relative;
  return root.back() == '/' ? root + relative : root + "/" + relative;
}

bool IsRegularFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// Any entry at a fixed path, even one that cannot be read (a directory, a dangling link): it is then
// reported as unreadable instead of passing for an absent file.
bool IsPresent(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec;
}

void AddUnitWithDropIns(const std::string& root, const std::string& unit, FileKind kind,
                        FileKind drop_in_kind, Discovery* out) {
  for (const char* dir : kUnitDirs) {
    std::string relative = std::string(dir) + "/" + unit;
    if (IsRegularFile(Join(root, relative))) {
      out->files.push_back({Join(root, relative), Join(root, relative), "/" + relative, kind});
      break;  // the first unit found wins; lower copies are never read
    }
  }
  std::map<std::string, std::string> drop_ins;  // file name -> relative path; ordered by name
  for (const char* dir : kUnitDirs) {
    std::string relative_dir = std::string(dir) + "/" + unit + ".d";
    std::error_code ec;
    for (fs::directory_iterator it(Join(root, relative_dir), ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.ends_with(".conf") || !IsRegularFile(it->path().string())) continue;
      drop_ins.emplace(name, relative_dir + "/" + name);  // emplace keeps the higher directory's file
    }
  }
  for (const auto& [name, relative] : drop_ins) {
    out->files.push_back({Join(root, relative), Join(root, relative), "/" + relative, drop_in_kind});
  }
}

std::string FirstBytes(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string buffer(n, '\0');
  in.read(buffer.data(), static_cast<std::streamsize>(n));
  buffer.resize(static_cast<size_t>(in.gcount()));
  return buffer;
}

bool IsDockerfileName(const std::string& name) {
  return name == "Dockerfile" || name == "Containerfile" || name.starts_with("Dockerfile.") ||
         name.ends_with(".Dockerfile") || name.ends_with(".dockerfile") || name == "dockerfile";
}

}  // namespace

Discovery DiscoverHostTree(const std::string& root) {
  Discovery out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    out.errors.push_back(root + ": --root must be a directory");
    return out;
  }
  if (IsPresent(Join(root, "etc/docker/daemon.json"))) {
    out.files.push_back({Join(root, "etc/docker/daemon.json"), Join(root, "etc/docker/daemon.json"),
                         "/etc/docker/daemon.json", FileKind::kDaemonJson});
  }
  AddUnitWithDropIns(root, "docker.service", FileKind::kServiceUnit, FileKind::kServiceDropIn, &out);
  AddUnitWithDropIns(root, "docker.socket", FileKind::kSocketUnit, FileKind::kSocketDropIn, &out);
  for (const char* env : {"etc/default/docker", "etc/sysconfig/docker"}) {
    if (IsPresent(Join(root, env))) {
      out.files.push_back({Join(root, env), Join(root, env), std::string("/") + env, FileKind::kEnvFile});
    }
  }
  if (IsPresent(Join(root, "etc/audit/audit.rules"))) {
    out.files.push_back({Join(root, "etc/audit/audit.rules"), Join(root, "etc/audit/audit.rules"),
                         "/etc/audit/audit.rules", FileKind::kAuditRules});
  }
  std::vector<std::string> rules_d;
  for (fs::directory_iterator it(Join(root, "etc/audit/rules.d"), ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".rules") rules_d.push_back(it->path().filename().string());
  }
  std::sort(rules_d.begin(), rules_d.end());
  for (const std::string& name : rules_d) {
    std::string relative = "etc/audit/rules.d/" + name;
    out.files.push_back({Join(root, relative), Join(root, relative), "/" + relative, FileKind::kAuditRules});
  }
  return out;
}

Discovery ClassifyPaths(const std::vector<std::string>& paths) {
  Discovery out;
  for (const std::string& path : paths) {
    fs::path p(path);
    std::string name = p.filename().string();
    std::string parent = p.parent_path().filename().string();
    std::string host_path;
    std::optional<FileKind> kind;
    if (name == "daemon.json") {
      kind = FileKind::kDaemonJson;
      host_path = "/etc/docker/daemon.json";
    } else if (name.ends_with(".service")) {
      kind = FileKind::kServiceUnit;
    } else if (name.ends_with(".conf") && parent.ends_with(".service.d")) {
      kind = FileKind::kServiceDropIn;
    } else if (name.ends_with(".conf") && parent.ends_with(".socket.d")) {
      kind = FileKind::kSocketDropIn;
    } else if (name.ends_with(".socket")) {
      kind = FileKind::kSocketUnit;
    } else if (name == "docker" && (parent == "default" || parent == "sysconfig")) {
      kind = FileKind::kEnvFile;
      host_path = "/etc/" + parent + "/docker";
    } else if (name.ends_with(".rules") && (parent == "audit" || parent == "rules.d")) {
      kind = FileKind::kAuditRules;
    } else if (IsDockerfileName(name)) {
      kind = FileKind::kDockerfile;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      out.errors.push_back(path + ": is a directory (use --root DIR to lint a host tree)");
      continue;
    }
    if (!kind && fs::exists(path, ec)) {
      // Unknown name: sniff the content the way a user would recognise it.
      std::string head = FirstBytes(path, 4096);
      size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
      if (first != std::string::npos && head[first] == '{') {
        kind = FileKind::kDaemonJson;
      } else if (head.find("[Service]") != std::string::npos) {
        kind = FileKind::kServiceUnit;
      } else if (head.find("\nFROM ") != std::string::npos || head.starts_with("FROM ")) {
        kind = FileKind::kDockerfile;
      }
    }
    if (!kind) {
      out.errors.push_back(path +
                           ": cannot tell what kind of file this is (expected daemon.json, a systemd unit or "
                           "drop-in, default/docker, sysconfig/docker, audit rules or a Dockerfile)");
      continue;
    }
    out.files.push_back({path, path, host_path, *kind});
  }
  return out;
}

}  // namespace docklint::app
