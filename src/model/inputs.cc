#include "model/inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/strings.h"
#include "model/compose_project.h"
#include "model/host_builder.h"

namespace docklint::model {
namespace {

using Lookup = HostPlace::Lookup;

const std::vector<std::string>& UnitDirs() { return SystemUnitDirs(); }

std::vector<std::string> DropInDirs(const std::string& unit) {
  std::vector<std::string> dirs;
  for (const std::string& dir : UnitDirs()) dirs.push_back(dir + "/" + unit + ".d");
  return dirs;
}

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool IsOneOfNames(std::string_view name, const std::vector<std::string_view>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A file that makes its folder a compose project where a host keeps them: one `docker compose` looks for.
bool IsDefaultComposeName(std::string_view name) { return IsOneOfNames(name, DefaultComposeFileNames()); }

// What such a project may read beside its files: the override, its .env, and the YAML files COMPOSE_FILE
// or a unit's -f names (others are read from a tarball when asked for, at the cost of another pass).
bool IsComposeProjectFileName(std::string_view name) {
  return IsOneOfNames(name, DefaultComposeFileNames()) || IsOneOfNames(name, ComposeOverrideFileNames()) ||
         name == ".env" || name.ends_with(".yml") || name.ends_with(".yaml");
}

// A line that starts with FROM (any case, after blanks), as every Dockerfile has one.
bool HasFromLine(std::string_view head) {
  for (size_t start = 0; start < head.size();) {
    size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line.size() >= first + 5) {
      std::string word = base::Lower(line.substr(first, 5));
      if (word == "from " || word == "from\t") return true;
    }
    start = end + 1;
  }
  return false;
}

// auditctl -R input: every line that is not blank or a comment is an auditctl option (-w, -a, -D, -b, -e,
// ...), and at least one adds a watch or a rule.
bool LooksLikeAuditRules(std::string_view head) {
  bool adds = false;
  for (size_t start = 0; start < head.size();) {
    size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(start, end - start);
    start = end + 1;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line = line.substr(first);
    if (line.size() < 2 || line[0] != '-' || !std::isalpha(static_cast<unsigned char>(line[1]))) return false;
    if (line.starts_with("-w ") || line.starts_with("-a ") || line.starts_with("-A ")) adds = true;
  }
  return adds;
}

std::vector<InputKindInfo> MakeTable() {
  std::vector<InputKindInfo> table;
  table.push_back({
      .kind = InputKind::kDaemonJson,
      .description = "daemon.json",
      .places = {{{"etc/docker"}, "daemon.json", Lookup::kFile}},
      .rootless_places = {{{".config/docker"}, "daemon.json", Lookup::kFile}},
      // The snap's dockerd reads $SNAP_DATA/config/daemon.json.
      .snap_places = {{{"var/snap/docker/current/config"}, "daemon.json", Lookup::kFile}},
      .by_name =
          [](const PathName& p, std::string* host_path) {
            if (p.name != "daemon.json") return false;
            *host_path = "/etc/docker/daemon.json";
            return true;
          },
      .in_walk = nullptr,
      .by_content =
          [](std::string_view head) {
            size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
            return first != std::string_view::npos && head[first] == '{';
          },
      .sniff_order = 1,
      .hook_patterns = {R"(daemon\.json)"},
      .role = FileRole::kDaemonJson,
      .drop_in_of = std::nullopt,
      .build_step = &HostBuilder::AddDaemonJson,
  });
  table.push_back({
      .kind = InputKind::kServiceUnit,
      .description = "docker.service",
      .places = {{UnitDirs(), "docker.service", Lookup::kFirstFound}},
      // dockerd-rootless-setuptool.sh writes the user's unit here.
      .rootless_places = {{{".config/systemd/user"}, "docker.service", Lookup::kFirstFound}},
      .by_name = [](const PathName& p, std::string*) { return p.name.ends_with(".service"); },
      .in_walk = [](const PathName& p) { return p.name == "docker.service"; },
      .by_content = [](std::string_view head) { return head.find("[Service]") != std::string_view::npos; },
      .sniff_order = 2,
      .hook_patterns = {R"([^/]+\.service)"},
      .role = FileRole::kDockerService,
      .drop_in_of = std::nullopt,
      .build_step = &HostBuilder::AddServiceUnit,
  });
  table.push_back({
      .kind = InputKind::kServiceDropIn,
      .description = "a docker.service drop-in",
      .places = {{DropInDirs("docker.service"), ".conf", Lookup::kMergedByName}},
      .rootless_places = {{{".config/systemd/user/docker.service.d"}, ".conf", Lookup::kMergedByName}},
      .by_name = [](const PathName& p,
                    std::string*) { return p.name.ends_with(".conf") && p.parent.ends_with(".service.d"); },
      .in_walk = [](const PathName& p) { return p.parent == "docker.service.d"; },
      .by_content = nullptr,
      .sniff_order = 0,
      .hook_patterns = {R"([^/]+\.service\.d/[^/]+\.conf)"},
      .role = std::nullopt,
      .drop_in_of = FileRole::kDockerService,
      .build_step = &HostBuilder::AddServiceUnit,
  });
  table.push_back({
      .kind = InputKind::kSocketUnit,
      .description = "docker.socket",
      .places = {{UnitDirs(), "docker.socket", Lookup::kFirstFound}},
      .by_name = [](const PathName& p, std::string*) { return p.name.ends_with(".socket"); },
      .in_walk = [](const PathName& p) { return p.name == "docker.socket"; },
      .by_content = nullptr,
      .sniff_order = 0,
      .hook_patterns = {R"([^/]+\.socket)"},
      .role = FileRole::kDockerSocket,
      .drop_in_of = std::nullopt,
      .build_step = &HostBuilder::AddSocketUnit,
  });
  table.push_back({
      .kind = InputKind::kSocketDropIn,
      .description = "a docker.socket drop-in",
      .places = {{DropInDirs("docker.socket"), ".conf", Lookup::kMergedByName}},
      .by_name = [](const PathName& p,
                    std::string*) { return p.name.ends_with(".conf") && p.parent.ends_with(".socket.d"); },
      .in_walk = [](const PathName& p) { return p.parent == "docker.socket.d"; },
      .by_content = nullptr,
      .sniff_order = 0,
      .hook_patterns = {R"([^/]+\.socket\.d/[^/]+\.conf)"},
      .role = std::nullopt,
      .drop_in_of = FileRole::kDockerSocket,
      .build_step = &HostBuilder::AddSocketUnit,
  });
  table.push_back({
      .kind = InputKind::kEnvFile,
      .description = "an env file (default/docker, sysconfig/docker)",
      // Red Hat's docker.service also reads sysconfig/docker-storage and docker-network.
      .places = {{{"etc/default", "etc/sysconfig"}, "docker", Lookup::kFile},
                 {{"etc/sysconfig"}, "docker-storage", Lookup::kFile},
                 {{"etc/sysconfig"}, "docker-network", Lookup::kFile}},
      .by_name =
          [](const PathName& p, std::string* host_path) {
            if (p.name == "docker" && IsOneOf(p.parent, {"default", "sysconfig"})) {
              *host_path = "/etc/" + p.parent + "/docker";
              return true;
            }
            if (IsOneOf(p.name, {"docker-storage", "docker-network"}) && p.parent == "sysconfig") {
              *host_path = "/etc/sysconfig/" + p.name;
              return true;
            }
            // The name moby's contrib/init/sysvinit-debian gives /etc/default/docker.
            if (p.name != "docker.default") return false;
            *host_path = "/etc/default/docker";
            return true;
          },
      .in_walk = nullptr,
      .by_content = nullptr,
      .sniff_order = 0,
      .hook_patterns = {R"((default|sysconfig)/docker)", R"(sysconfig/docker-(storage|network))",
                        R"(docker\.default)"},
      .role = std::nullopt,
      .drop_in_of = std::nullopt,
      .build_step = &HostBuilder::AddEnvFile,
  });
  table.push_back({
      .kind = InputKind::kAuditRules,
      .description = "audit rules",
      .places = {{{"etc/audit"}, "audit.rules", Lookup::kFile},
                 {{"etc/audit/rules.d"}, ".rules", Lookup::kEachMatching}},
      .by_name =
          [](const PathName& p, std::string*) {
            return p.name.ends_with(".rules") && IsOneOf(p.parent, {"audit", "rules.d"});
          },
      // udev keeps a rules.d too: in a walk, only audit/ and audit/rules.d/.
      .in_walk = [](const PathName& p) { return p.parent == "audit" || p.grandparent == "audit"; },
      .by_content = LooksLikeAuditRules,
      .sniff_order = 3,
      .hook_patterns = {R"(audit/[^/]+\.rules)", R"(audit/rules\.d/[^/]+\.rules)"},
      .role = std::nullopt,
      .drop_in_of = std::nullopt,
      .build_step = &HostBuilder::AddAuditRules,
  });
  table.push_back({
      .kind = InputKind::kDockerfile,
      .description = "a Dockerfile",
      .places = {},
      .by_name = [](const PathName& p, std::string*) { return IsDockerfileName(p.name); },
      .in_walk = nullptr,
      .by_content = HasFromLine,
      .sniff_order = 0,  // first: Dockerfiles may hold JSON or unit text in heredocs and templates
      .hook_patterns = {R"((dockerfile|containerfile)([._-][^/]*)?)",
                        R"([^/]+[._-](dockerfile|containerfile))"},
      .role = std::nullopt,
      .drop_in_of = std::nullopt,
      .build_step = nullptr,
      .job = JobKind::kDockerfile,
  });
  table.push_back({
      .kind = InputKind::kComposeFile,
      .description = "a compose file",
      .places = {},
      // Given by path, any compose file is read as `docker compose -f FILE` reads it.
      .by_name =
          [](const PathName& p, std::string*) {
            std::string name = base::Lower(p.name);
            return (name.starts_with("compose") || name.starts_with("docker-compose")) &&
                   (name.ends_with(".yml") || name.ends_with(".yaml"));
          },
      // In a walk, a project is a folder with a file compose looks for by default (and its override).
      .in_walk =
          [](const PathName& p) {
            for (const auto* names : {&DefaultComposeFileNames(), &ComposeOverrideFileNames()}) {
              if (std::find(names->begin(), names->end(), p.name) != names->end()) return true;
            }
            return false;
          },
      .by_content = nullptr,
      .sniff_order = 0,
      .hook_patterns = {R"((docker-)?compose([._-][^/]*)?\.ya?ml)"},
      .role = std::nullopt,
      .drop_in_of = std::nullopt,
      .build_step = nullptr,
      .job = JobKind::kComposeProject,
      // Where hosts keep projects: /opt/app, /srv/stack, /home/alice/app, /root/app, /etc/app,
      // /usr/local/app, each searched three folders down.
      .project_places =
          ProjectPlaces{
              .dirs = {"opt", "srv", "home/*", "root", "etc", "usr/local"},
              .depth = 3,
              .max_entries = 10000,
              .is_marker = IsDefaultComposeName,
              .is_read = IsComposeProjectFileName,
          },
  });
  return table;
}

std::string RegexEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

PathName::PathName(std::string_view path) {
  std::filesystem::path p(path);
  name = p.filename().string();
  parent = p.parent_path().filename().string();
  grandparent = p.parent_path().parent_path().filename().string();
}

const std::vector<InputKindInfo>& InputKinds() {
  static const std::vector<InputKindInfo> kTable = MakeTable();
  return kTable;
}

const InputKindInfo& InfoOf(InputKind kind) {
  for (const InputKindInfo& info : InputKinds()) {
    if (info.kind == kind) return info;
  }
  return InputKinds().front();  // unreachable: every kind has a row (tested)
}

std::optional<InputKind> KindFromName(const std::string& path, std::string* host_path) {
  PathName name(path);
  for (const InputKindInfo& info : InputKinds()) {
    if (info.by_name(name, host_path)) return info.kind;
  }
  return std::nullopt;
}

std::optional<InputKind> KindInWalk(const std::string& path, std::string* host_path) {
  std::optional<InputKind> kind = KindFromName(path, host_path);
  if (!kind) return kind;
  const InputKindInfo& info = InfoOf(*kind);
  if (info.in_walk != nullptr && !info.in_walk(PathName(path))) return std::nullopt;
  return kind;
}

std::optional<InputKind> KindFromContent(std::string_view head) {
  std::vector<const InputKindInfo*> sniffed;
  for (const InputKindInfo& info : InputKinds()) {
    if (info.by_content != nullptr) sniffed.push_back(&info);
  }
  std::stable_sort(sniffed.begin(), sniffed.end(), [](const InputKindInfo* a, const InputKindInfo* b) {
    return a->sniff_order < b->sniff_order;
  });
  for (const InputKindInfo* info : sniffed) {
    if (info->by_content(head)) return info->kind;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& NotDockerfileSuffixes() {
  static const std::vector<std::string_view> kSuffixes = {".dockerignore", ".md",    ".txt",  ".yml", ".yaml",
                                                          ".json",         ".sh",    ".orig", ".rej", ".bak",
                                                          ".swp",          ".patch", ".diff"};
  return kSuffixes;
}

bool IsDockerfileName(std::string_view name) {
  std::string lower = base::Lower(name);
  for (std::string_view other : NotDockerfileSuffixes()) {
    if (lower.ends_with(other)) return false;
  }
  for (std::string_view base : {"dockerfile", "containerfile"}) {
    if (lower == base) return true;
    for (char separator : {'.', '-', '_'}) {
      if (lower.starts_with(std::string(base) + separator) || lower.ends_with(separator + std::string(base)))
        return true;
    }
  }
  return false;
}

const std::vector<std::string>& HostFolders() {
  static const std::vector<std::string> kFolders = [] {
    std::vector<std::string> folders;
    for (const InputKindInfo& info : InputKinds()) {
      for (const auto* places : {&info.places, &info.snap_places}) {
        for (const HostPlace& place : *places)
          folders.insert(folders.end(), place.dirs.begin(), place.dirs.end());
      }
    }
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    std::stable_sort(folders.begin(), folders.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return folders;
  }();
  return kFolders;
}

const std::vector<std::string>& SystemUnitDirs() {
  // systemd's system unit search path, highest precedence first (systemd.unit(5)).
  static const std::vector<std::string> kDirs = {"etc/systemd/system", "run/systemd/system",
                                                 "usr/local/lib/systemd/system", "usr/lib/systemd/system",
                                                 "lib/systemd/system"};
  return kDirs;
}

bool IsInProjectPlaces(const ProjectPlaces& places, std::string_view path) {
  for (std::string_view dir : places.dirs) {
    std::string_view rest = path;
    bool matches = true;
    // Match `dir` component by component; "*" matches any one name.
    while (!dir.empty()) {
      size_t dir_slash = std::min(dir.find('/'), dir.size());
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos) {
        matches = false;
        break;
      }
      std::string_view want = dir.substr(0, dir_slash);
      if (want != "*" && want != rest.substr(0, slash)) {
        matches = false;
        break;
      }
      rest.remove_prefix(slash + 1);
      dir.remove_prefix(std::min(dir_slash + 1, dir.size()));
    }
    if (matches && !rest.empty() && std::count(rest.begin(), rest.end(), '/') <= places.depth) return true;
  }
  return false;
}

const std::vector<std::string>& RootlessHomes() {
  static const std::vector<std::string> kHomes = {"home/*", "root"};
  return kHomes;
}

namespace {

// Whether `path` is a file of some kind's rootless place in a user's home ("home/alice/.config/docker/x").
bool IsInRootlessPlace(std::string_view path) {
  size_t home_end = std::string_view::npos;
  if (path.starts_with("root/")) {
    home_end = 4;
  } else if (path.starts_with("home/")) {
    home_end = path.find('/', 5);
  }
  if (home_end == std::string_view::npos) return false;
  std::string_view rest = path.substr(home_end + 1);
  for (const InputKindInfo& info : InputKinds()) {
    for (const HostPlace& place : info.rootless_places) {
      for (const std::string& dir : place.dirs) {
        if (rest.size() > dir.size() && rest.starts_with(dir) && rest[dir.size()] == '/') return true;
      }
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> HostTreeRootOf(const std::string& absolute_path) {
  std::string host_path;
  std::optional<InputKind> kind = KindFromName(absolute_path, &host_path);
  if (!kind || InfoOf(*kind).job != JobKind::kHost) return std::nullopt;
  size_t slash = absolute_path.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  std::string_view folder = std::string_view(absolute_path).substr(0, slash);
  // The root: what comes before `dir` when the folder ends with "/dir".
  auto root_before = [&](std::string_view dir) -> std::optional<std::string> {
    if (folder.size() <= dir.size() || !folder.ends_with(dir) ||
        folder[folder.size() - dir.size() - 1] != '/')
      return std::nullopt;
    std::string root(folder.substr(0, folder.size() - dir.size() - 1));
    return root.empty() ? "/" : root;
  };
  for (const std::string& dir : HostFolders()) {
    if (std::optional<std::string> root = root_before(dir)) return root;
  }
  for (const InputKindInfo& info : InputKinds()) {
    for (const HostPlace& place : info.rootless_places) {
      for (const std::string& dir : place.dirs) {
        std::optional<std::string> home = root_before(dir);
        if (!home) continue;
        // The home is root/ or home/<user>/ of the tree.
        std::string_view h = *home;
        size_t last = h.rfind('/');
        if (last == std::string_view::npos) continue;
        if (h.substr(last + 1) == "root") return last == 0 ? "/" : std::string(h.substr(0, last));
        size_t parent = h.rfind('/', last == 0 ? 0 : last - 1);
        if (parent != std::string_view::npos && h.substr(parent + 1, last - parent - 1) == "home")
          return parent == 0 ? "/" : std::string(h.substr(0, parent));
      }
    }
  }
  return std::nullopt;
}

const std::vector<std::string_view>& HostFactFiles() {
  static const std::vector<std::string_view> kFiles = {"var/lib/dpkg/status", "etc/passwd", "etc/group"};
  return kFiles;
}

bool IsReadFromHostTree(std::string_view path) {
  // All of etc/: it is where the host's configuration lives, and a link in a host folder (daemon.json,
  // default/docker, a unit in etc/systemd/system) most often points elsewhere in it.
  if (path.starts_with("etc/")) return true;
  for (std::string_view fact : HostFactFiles()) {
    if (path == fact) return true;
  }
  std::string_view name = path.substr(path.rfind('/') + 1);  // npos + 1 == 0
  if (name == "CACHEDIR.TAG" || IsInRootlessPlace(path)) return true;
  for (const InputKindInfo& info : InputKinds()) {
    const std::optional<ProjectPlaces>& places = info.project_places;
    if (places && places->is_read(name) && IsInProjectPlaces(*places, path)) return true;
  }
  return std::any_of(HostFolders().begin(), HostFolders().end(), [&](const std::string& folder) {
    return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
  });
}

std::string PreCommitFilesPattern() {
  std::string out = "(?ix)(^|/)(\n";
  bool first = true;
  for (const InputKindInfo& info : InputKinds()) {
    for (std::string_view pattern : info.hook_patterns) {
      out += first ? "  " : "  | ";
      out += pattern;
      out += '\n';
      first = false;
    }
  }
  return out + ")$";
}

std::string PreCommitExcludePattern() {
  // Files named like Dockerfiles that are something else (Dockerfile.md, api.dockerfile.yaml).
  std::string out = "(?i)(^|/)[^/]*(dockerfile|containerfile)[^/]*\\.(";
  for (std::string_view suffix : NotDockerfileSuffixes()) {
    if (out.back() != '(') out += '|';
    out += RegexEscape(suffix.substr(1));
  }
  return out + ")$";
}

}  // namespace docklint::model
