#include "model/inputs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "testing/golden.h"
#include "testing/run_docklint.h"

namespace docklint::model {
namespace {

namespace fs = std::filesystem;

TEST(InputsTest, EveryKindHasOneRow) {
  std::set<InputKind> seen;
  for (const InputKindInfo& info : InputKinds()) {
    EXPECT_TRUE(seen.insert(info.kind).second) << info.description;
    EXPECT_EQ(InfoOf(info.kind).kind, info.kind);
    EXPECT_NE(info.by_name, nullptr) << info.description;
    EXPECT_FALSE(info.hook_patterns.empty()) << info.description;
    // A host file is read by a builder step; a Dockerfile is a job of its own.
    EXPECT_EQ(info.places.empty(), info.build_step == nullptr) << info.description;
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(InputKind::kComposeFile) + 1);
}

TEST(InputsTest, NamesTellTheKindAndWhereTheFileLives) {
  std::string host_path;
  EXPECT_EQ(KindFromName("roles/docker/files/daemon.json", &host_path), InputKind::kDaemonJson);
  EXPECT_EQ(host_path, "/etc/docker/daemon.json");
  host_path.clear();
  EXPECT_EQ(KindFromName("etc/sysconfig/docker", &host_path), InputKind::kEnvFile);
  EXPECT_EQ(host_path, "/etc/sysconfig/docker");
  EXPECT_EQ(KindFromName("etc/sysconfig/docker-storage", &host_path), InputKind::kEnvFile);
  EXPECT_EQ(host_path, "/etc/sysconfig/docker-storage");
  EXPECT_EQ(KindFromName("contrib/init/sysvinit-debian/docker.default", &host_path), InputKind::kEnvFile);
  EXPECT_EQ(host_path, "/etc/default/docker");
  EXPECT_EQ(KindFromName("units/nginx.service", &host_path), InputKind::kServiceUnit);
  EXPECT_EQ(KindFromName("x/docker.socket.d/10-mode.conf", &host_path), InputKind::kSocketDropIn);
  EXPECT_EQ(KindFromName("rules.d/10-docker.rules", &host_path), InputKind::kAuditRules);
  EXPECT_EQ(KindFromName("api.Dockerfile", &host_path), InputKind::kDockerfile);
  EXPECT_EQ(KindFromName("Dockerfile.md", &host_path), std::nullopt);
  EXPECT_EQ(KindFromName("deploy/docker-compose.prod.yml", &host_path), InputKind::kComposeFile);
  EXPECT_EQ(KindInWalk("deploy/docker-compose.prod.yml", &host_path), std::nullopt);  // not a default name
  EXPECT_EQ(KindInWalk("app/compose.override.yaml", &host_path), InputKind::kComposeFile);
  // A walk is stricter: other programs' units and udev's rules.d are not Docker's.
  EXPECT_EQ(KindInWalk("units/nginx.service", &host_path), std::nullopt);
  EXPECT_EQ(KindInWalk("lib/udev/rules.d/99-x.rules", &host_path), std::nullopt);
  EXPECT_EQ(KindInWalk("etc/audit/rules.d/docker.rules", &host_path), InputKind::kAuditRules);
  EXPECT_EQ(KindInWalk("x/docker.service", &host_path), InputKind::kServiceUnit);
}

TEST(InputsTest, ContentSniffingTriesDockerfilesFirst) {
  EXPECT_EQ(KindFromContent("{\"icc\": false}"), InputKind::kDaemonJson);
  EXPECT_EQ(KindFromContent("[Unit]\n[Service]\nExecStart=/usr/bin/dockerd\n"), InputKind::kServiceUnit);
  // A Dockerfile that writes JSON or a unit in a heredoc is still a Dockerfile.
  EXPECT_EQ(
      KindFromContent("# syntax=docker/dockerfile:1\nfrom alpine\nCOPY <<EOF /x.service\n[Service]\nEOF\n"),
      InputKind::kDockerfile);
  EXPECT_EQ(KindFromContent("{\n}\nFROM x\n"), InputKind::kDockerfile);
  EXPECT_EQ(KindFromContent("just text\n"), std::nullopt);
  // Audit rules under any name: auditctl options only, with a watch or a rule among them.
  EXPECT_EQ(KindFromContent("# docker\n-D\n-b 8192\n-w /usr/bin/dockerd -p wa -k docker\n"),
            InputKind::kAuditRules);
  EXPECT_EQ(KindFromContent("-a always,exit -F path=/usr/bin/runc -F perm=wa -k docker\n"),
            InputKind::kAuditRules);
  EXPECT_EQ(KindFromContent("-D\n-b 8192\n"), std::nullopt);  // no rule: nothing to judge
  EXPECT_EQ(KindFromContent("-w /usr/bin/dockerd -p wa\nplain text\n"), std::nullopt);
}

TEST(InputsTest, HostFoldersAndTarballMembersComeFromThePlaces) {
  const std::vector<std::string>& folders = HostFolders();
  for (const char* folder :
       {"etc/docker", "etc/default", "etc/sysconfig", "etc/audit", "etc/audit/rules.d", "lib/systemd/system",
        "usr/lib/systemd/system/docker.service.d", "run/systemd/system/docker.socket.d"}) {
    EXPECT_NE(std::find(folders.begin(), folders.end(), folder), folders.end()) << folder;
  }
  for (size_t i = 1; i < folders.size(); ++i) EXPECT_GE(folders[i - 1].size(), folders[i].size());
  EXPECT_TRUE(IsReadFromHostTree("lib/systemd/system/docker.service"));
  EXPECT_TRUE(IsReadFromHostTree("usr/local/lib/systemd/system/docker.socket.d/x.conf"));
  EXPECT_TRUE(IsReadFromHostTree("var/lib/dpkg/status"));
  EXPECT_TRUE(IsReadFromHostTree("etc/group"));
  EXPECT_FALSE(IsReadFromHostTree("usr/bin/dockerd"));
  EXPECT_FALSE(IsReadFromHostTree("var/lib/docker/image/overlay2/repositories.json"));
  EXPECT_FALSE(IsReadFromHostTree("lib/systemd/systemd"));
}

TEST(InputsTest, ComposeProjectsAreKeptWhereHostsKeepThem) {
  const std::optional<ProjectPlaces>& places = InfoOf(InputKind::kComposeFile).project_places;
  ASSERT_TRUE(places);
  EXPECT_TRUE(places->is_marker("compose.yaml"));
  EXPECT_FALSE(places->is_marker("compose.override.yml"));  // an override alone is no project
  for (const InputKindInfo& info : InputKinds()) {
    if (info.kind != InputKind::kComposeFile) {
      EXPECT_FALSE(info.project_places) << info.description;
    }
  }
  EXPECT_TRUE(IsInProjectPlaces(*places, "opt/app/compose.yaml"));
  EXPECT_TRUE(IsInProjectPlaces(*places, "opt/compose.yaml"));
  EXPECT_TRUE(IsInProjectPlaces(*places, "opt/a/b/c/compose.yaml"));
  EXPECT_FALSE(IsInProjectPlaces(*places, "opt/a/b/c/d/compose.yaml"));  // deeper than the search
  EXPECT_TRUE(IsInProjectPlaces(*places, "home/alice/blog/compose.yml"));
  EXPECT_FALSE(IsInProjectPlaces(*places, "home/compose.yml"));  // home/* is a user's folder
  EXPECT_TRUE(IsInProjectPlaces(*places, "usr/local/app/compose.yml"));
  EXPECT_FALSE(IsInProjectPlaces(*places, "usr/share/app/compose.yml"));
  EXPECT_FALSE(IsInProjectPlaces(*places, "optional/app/compose.yml"));
  // A tarball keeps what such a project reads, and the cache tags searches skip folders by.
  EXPECT_TRUE(IsReadFromHostTree("opt/app/compose.override.yml"));
  EXPECT_TRUE(IsReadFromHostTree("srv/app/.env"));
  EXPECT_TRUE(IsReadFromHostTree("root/app/prod.yml"));
  EXPECT_TRUE(IsReadFromHostTree("usr/local/src/x/target/CACHEDIR.TAG"));
  EXPECT_FALSE(IsReadFromHostTree("opt/app/static/logo.png"));
  EXPECT_FALSE(IsReadFromHostTree("data/stack/stack.yml"));  // read on demand, when a unit names it
}

// The block of .pre-commit-hooks.yaml that holds `key`, from its line to the next key of the hook.
struct YamlBlock {
  size_t begin = std::string::npos;
  size_t end = std::string::npos;
};

YamlBlock FindKey(const std::string& yaml, const std::string& key) {
  YamlBlock block;
  block.begin = yaml.find("\n  " + key + ":");
  if (block.begin == std::string::npos) return block;
  ++block.begin;
  block.end = yaml.find('\n', block.begin);
  // Continuation lines are indented deeper than the hook's keys.
  while (block.end != std::string::npos && yaml.compare(block.end + 1, 4, "    ") == 0)
    block.end = yaml.find('\n', block.end + 1);
  if (block.end != std::string::npos) ++block.end;
  return block;
}

std::string FilesBlock() {
  std::string block = "  files: >-\n";
  std::string pattern = PreCommitFilesPattern();
  for (size_t start = 0; start < pattern.size();) {
    size_t eol = pattern.find('\n', start);
    if (eol == std::string::npos) eol = pattern.size();
    block += "    " + pattern.substr(start, eol - start) + "\n";
    start = eol + 1;
  }
  return block;
}

std::string ExcludeBlock() { return "  exclude: '" + PreCommitExcludePattern() + "'\n"; }

TEST(InputsTest, PreCommitHookPatternsComeFromTheTable) {
  fs::path hooks = fs::path(DOCKLINT_SOURCE_DIR) / ".pre-commit-hooks.yaml";
  std::string yaml = test_support::ReadFile(hooks);
  YamlBlock files = FindKey(yaml, "files");
  YamlBlock exclude = FindKey(yaml, "exclude");
  ASSERT_NE(files.end, std::string::npos);
  ASSERT_NE(exclude.end, std::string::npos);
  std::string actual = yaml.substr(files.begin, files.end - files.begin) +
                       yaml.substr(exclude.begin, exclude.end - exclude.begin);
  std::string expected = FilesBlock() + ExcludeBlock();
  if (test_support::UpdatingGoldens()) {
    yaml.replace(exclude.begin, exclude.end - exclude.begin, ExcludeBlock());
    yaml.replace(files.begin, files.end - files.begin, FilesBlock());
    std::ofstream(hooks, std::ios::binary | std::ios::trunc) << yaml;
    return;
  }
  EXPECT_EQ(actual, expected)
      << "(DOCKLINT_UPDATE_GOLDENS=1 rewrites .pre-commit-hooks.yaml; see tools/update-goldens)";
}

// pre-commit matches a path with Python's re.search on `files` and then `exclude`: ask Python itself.
std::set<std::string> PathsTheHookPasses(const std::vector<std::string>& paths) {
  fs::path list = fs::temp_directory_path() / ("docklint-hook-paths-" + std::to_string(::getpid()));
  {
    std::ofstream out(list);
    for (const std::string& path : paths) out << path << '\n';
  }
  test_support::CommandResult result = test_support::RunInSourceDir(
      "python3 -c 'import re, sys, yaml\n"
      "hook = yaml.safe_load(open(\".pre-commit-hooks.yaml\"))[0]\n"
      "for path in open(sys.argv[1]).read().split():\n"
      "    if re.search(hook[\"files\"], path) and not re.search(hook[\"exclude\"], path): print(path)\n' '" +
      list.string() + "'");
  fs::remove(list);
  EXPECT_EQ(result.exit_code, 0) << "python3 and python3-yaml are installed by tools/setup";
  std::set<std::string> passed;
  std::string line;
  for (size_t start = 0; start < result.output.size();) {
    size_t eol = result.output.find('\n', start);
    passed.insert(result.output.substr(start, eol - start));
    start = eol == std::string::npos ? result.output.size() : eol + 1;
  }
  return passed;
}

TEST(InputsTest, TheHookPassesWhatAWalkFindsAndOnlyWhatNamesClassify) {
  const std::vector<std::string> paths = {"etc/docker/daemon.json",
                                          "daemon.json",
                                          "daemon.json.bak",
                                          "x/docker.service",
                                          "units/nginx.service",
                                          "docker.service.d/override.conf",
                                          "a/foo.service.d/x.conf",
                                          "docker.socket",
                                          "docker.socket.d/mode.conf",
                                          "etc/default/docker",
                                          "sysconfig/docker",
                                          "default/dockerd",
                                          "x/docker",
                                          "etc/audit/audit.rules",
                                          "etc/audit/rules.d/docker.rules",
                                          "etc/audit/audit-stop.rules",
                                          "lib/udev/rules.d/99.rules",
                                          "rules.d/x.rules",
                                          "Dockerfile",
                                          "dockerfile",
                                          "Dockerfile.dev",
                                          "Dockerfile-prod",
                                          "api.Dockerfile",
                                          "web_dockerfile",
                                          "Containerfile.fedora",
                                          "Dockerfile.dockerignore",
                                          "Dockerfile.md",
                                          "docs/dockerfile.yaml",
                                          "README.md",
                                          "src/main.cc",
                                          "docker-compose.yml",
                                          "dockerfiles/readme.txt",
                                          "build.sh"};
  std::set<std::string> passed = PathsTheHookPasses(paths);
  for (const std::string& path : paths) {
    std::string host_path;
    bool by_name = KindFromName(path, &host_path).has_value();
    bool in_walk = KindInWalk(path, &host_path).has_value();
    bool hook = passed.contains(path);
    // Every file the hook passes is one docklint can classify by its name alone...
    if (hook) {
      EXPECT_TRUE(by_name) << path << " reaches docklint, which cannot tell its kind";
    }
    // ...and the hook passes everything `docklint DIR` would find.
    if (in_walk) {
      EXPECT_TRUE(hook) << path << " is found by a walk but not passed by the hook";
    }
  }
  EXPECT_TRUE(passed.contains("etc/docker/daemon.json"));
  EXPECT_FALSE(passed.contains("lib/udev/rules.d/99.rules"));
}

TEST(HostTreeRootOfTest, FindsTheTreeAFileOfAHostKindLiesIn) {
  EXPECT_EQ(HostTreeRootOf("/srv/img/etc/docker/daemon.json"), "/srv/img");
  EXPECT_EQ(HostTreeRootOf("/etc/docker/daemon.json"), "/");
  EXPECT_EQ(HostTreeRootOf("/r/etc/systemd/system/docker.service.d/10-tls.conf"), "/r");
  EXPECT_EQ(HostTreeRootOf("/r/lib/systemd/system/docker.socket"), "/r");
  EXPECT_EQ(HostTreeRootOf("/r/etc/audit/rules.d/docker.rules"), "/r");
  EXPECT_EQ(HostTreeRootOf("/r/home/alice/.config/docker/daemon.json"), "/r");
  EXPECT_EQ(HostTreeRootOf("/root/.config/docker/daemon.json"), "/");
  EXPECT_EQ(HostTreeRootOf("/r/var/snap/docker/current/config/daemon.json"), "/r");
  // Not at a host's place, or not a host kind.
  EXPECT_EQ(HostTreeRootOf("/repo/roles/docker/files/daemon.json"), std::nullopt);
  EXPECT_EQ(HostTreeRootOf("/r/etc/docker/Dockerfile"), std::nullopt);
  EXPECT_EQ(HostTreeRootOf("daemon.json"), std::nullopt);
}

}  // namespace
}  // namespace docklint::model
