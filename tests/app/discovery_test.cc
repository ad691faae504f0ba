#include "app/discovery.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

class DiscoveryTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("docklint-discovery-" + std::to_string(::getpid()) + "-" +
                                         testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& relative, const std::string& content = "[Service]\n") {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  std::vector<std::string> HostPaths(const Discovery& d) {
    std::vector<std::string> out;
    for (const InputFile& f : d.files) out.push_back(f.host_path);
    return out;
  }
  fs::path root_;
};

TEST_F(DiscoveryTest, FirstUnitInSearchPathWinsAndDropInsShadowByName) {
  Write("lib/systemd/system/docker.service");
  Write("etc/systemd/system/docker.service");
  Write("lib/systemd/system/docker.service.d/20-b.conf");
  Write("lib/systemd/system/docker.service.d/10-a.conf");
  Write("etc/systemd/system/docker.service.d/20-b.conf");
  Write("run/systemd/system/docker.service.d/30-c.conf");
  Write("etc/systemd/system/docker.service.d/not-a-dropin.txt");
  Write("etc/docker/daemon.json", "{}");
  Write("etc/default/docker", "");
  std::unique_ptr<HostFs> tree = OpenDirectoryTree(root_.string());
  Discovery d = DiscoverHostTree(*tree);
  EXPECT_TRUE(d.errors.empty());
  EXPECT_EQ(HostPaths(d), (std::vector<std::string>{
                              "/etc/docker/daemon.json",
                              "/etc/systemd/system/docker.service",
                              "/lib/systemd/system/docker.service.d/10-a.conf",
                              "/etc/systemd/system/docker.service.d/20-b.conf",
                              "/run/systemd/system/docker.service.d/30-c.conf",
                              "/etc/default/docker",
                          }));
}

TEST_F(DiscoveryTest, PathsAreClassifiedByNameThenContent) {
  Write("roles/docker/files/daemon.json", "{}");
  Write("units/docker.service");
  Write("units/docker.service.d/override.conf");
  Write("etc/sysconfig/docker", "OPTIONS=--selinux-enabled\n");
  Write("config/dockerd-settings", "  {\"icc\": false}");
  Write("notes.txt", "hello");
  std::vector<std::string> paths;
  for (const char* p :
       {"roles/docker/files/daemon.json", "units/docker.service", "units/docker.service.d/override.conf",
        "etc/sysconfig/docker", "config/dockerd-settings", "notes.txt", "units"}) {
    paths.push_back((root_ / p).string());
  }
  Discovery d = ClassifyPaths(paths);
  std::vector<model::InputKind> kinds;
  for (const InputFile& f : d.files) kinds.push_back(f.kind);
  EXPECT_EQ(kinds,
            (std::vector<model::InputKind>{model::InputKind::kDaemonJson, model::InputKind::kServiceUnit,
                                           model::InputKind::kServiceDropIn, model::InputKind::kEnvFile,
                                           model::InputKind::kDaemonJson}));
  EXPECT_EQ(d.files[3].host_path, "/etc/sysconfig/docker");
  ASSERT_EQ(d.errors.size(), 2u);
  EXPECT_NE(d.errors[0].find("notes.txt: cannot tell what kind of file"), std::string::npos);
  EXPECT_NE(d.errors[1].find("units: is a directory"), std::string::npos);
}

TEST_F(DiscoveryTest, DockerfileVariantsByNameAndFromLines) {
  Write("Dockerfile.dev", "x");
  Write("Dockerfile-prod", "x");
  Write("api.Dockerfile", "x");
  Write("web_dockerfile", "x");
  Write("Containerfile.fedora", "x");
  Write("Dockerfile.dockerignore", "*.log\n");  // BuildKit's per-Dockerfile ignore file
  Write("freeipa", "# comment\nfrom centos:7\nRUN echo '[Service]'\n");  // a unit's text in a Dockerfile
  Write("template", "{{ define \"x\" }}\nFROM {{ .Base }}\n");           // a Go template: not daemon.json
  std::vector<std::string> paths;
  for (const char* p : {"Dockerfile.dev", "Dockerfile-prod", "api.Dockerfile", "web_dockerfile",
                        "Containerfile.fedora", "Dockerfile.dockerignore", "freeipa", "template"}) {
    paths.push_back((root_ / p).string());
  }
  Discovery d = ClassifyPaths(paths);
  ASSERT_EQ(d.files.size(), 7u);
  for (const InputFile& f : d.files) EXPECT_EQ(f.kind, model::InputKind::kDockerfile) << f.display_path;
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_NE(d.errors[0].find("Dockerfile.dockerignore: cannot tell"), std::string::npos);
}

std::vector<std::string> Folders(const TreeComposeProjects& found) {
  std::vector<std::string> out;
  for (const TreeComposeProject& project : found.projects) out.push_back(project.directory);
  return out;
}

TEST_F(DiscoveryTest, ComposeProjectsWhereHostsKeepThem) {
  const std::string services = "services: {}\n";
  Write("opt/app/compose.yaml", services);
  Write("opt/app/compose.override.yaml", services);
  Write("opt/app/.env", "X=1\n");
  Write("srv/stacks/monitoring/docker-compose.yml", services);
  Write("home/alice/blog/compose.yml", services);
  Write("home/bob/docker-compose.yaml", services);
  Write("root/tools/compose.yaml", services);
  Write("etc/gitea/compose.yaml", services);
  Write("usr/local/app/compose.yaml", services);
  Write("var/lib/app/compose.yaml", services);             // not a place hosts keep projects
  Write("opt/a/b/c/compose.yaml", services);               // three folders down: found
  Write("opt/a/b/c/d/compose.yaml", services);             // four: deeper than the search goes
  Write("opt/app/node_modules/x/compose.yaml", services);  // the folders a walk skips
  Write("opt/app/.git/compose.yaml", services);
  Write("opt/venv/pyvenv.cfg", "");
  Write("opt/venv/compose.yaml", services);
  Write("opt/cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n");
  Write("opt/cache/compose.yaml", services);
  Write("opt/fake-cache/CACHEDIR.TAG", "not the signature\n");
  Write("opt/fake-cache/compose.yaml", services);
  Write("opt/only-override/compose.override.yml", services);  // no default file: compose finds none
  fs::create_directories(root_ / "opt/linked");
  fs::create_symlink("/var/lib/app", root_ / "opt/linked/app");  // a link to a folder is not followed
  std::unique_ptr<HostFs> tree = OpenDirectoryTree(root_.string());
  TreeComposeProjects found = DiscoverComposeProjects(*tree);
  EXPECT_TRUE(found.errors.empty());
  EXPECT_TRUE(found.notes.empty());
  EXPECT_EQ(Folders(found), (std::vector<std::string>{"etc/gitea", "home/alice/blog", "home/bob", "opt/a/b/c",
                                                      "opt/app", "opt/fake-cache", "root/tools",
                                                      "srv/stacks/monitoring", "usr/local/app"}));
  const TreeComposeProject& app = found.projects[4];
  EXPECT_EQ(app.files, (std::vector<std::string>{"opt/app/compose.yaml", "opt/app/compose.override.yaml"}));
  EXPECT_EQ(app.dotenv, "opt/app/.env");
  EXPECT_EQ(app.unit, "");
}

TEST_F(DiscoveryTest, ComposeProjectsTheUnitsRun) {
  Write("opt/web/base.yml", "services: {}\n");
  Write("opt/web/prod.yml", "services: {}\n");
  Write("opt/web/compose.yaml", "services: {}\n");  // found both ways: one project, the unit's
  Write("opt/web/.env", "");
  Write("data/stack/stack.yml", "services: {}\n");  // outside the places: the unit names it
  Write("etc/systemd/system/web.service",
        "[Service]\nWorkingDirectory=/opt/web\n"
        "ExecStartPre=/usr/bin/docker compose -f base.yml -f prod.yml pull\n"
        "ExecStart=/usr/bin/docker compose -f base.yml -f prod.yml up -d\n");
  Write("lib/systemd/system/stack.service",
        "[Service]\nExecStart=/usr/bin/env COMPOSE_PROJECT_NAME=s docker --context prod compose "
        "--file=/data/stack/stack.yml up\n");
  Write("lib/systemd/system/web.service",
        "[Service]\nExecStart=docker compose -f /nowhere.yml up\n");  // hidden
  Write("lib/systemd/system/nginx.service", "[Service]\nExecStart=/usr/sbin/nginx\n");
  std::unique_ptr<HostFs> tree = OpenDirectoryTree(root_.string());
  TreeComposeProjects found = DiscoverComposeProjects(*tree);
  EXPECT_TRUE(found.errors.empty()) << found.errors.front();
  ASSERT_EQ(found.projects.size(), 2u);
  EXPECT_EQ(found.projects[0].files, (std::vector<std::string>{"data/stack/stack.yml"}));
  EXPECT_EQ(found.projects[0].unit, "lib/systemd/system/stack.service");
  EXPECT_EQ(found.projects[1].files, (std::vector<std::string>{"opt/web/base.yml", "opt/web/prod.yml"}));
  EXPECT_EQ(found.projects[1].dotenv, "opt/web/.env");
  EXPECT_EQ(found.projects[1].directory, "opt/web");
  EXPECT_EQ(found.projects[1].unit, "etc/systemd/system/web.service");
}

TEST_F(DiscoveryTest, AUnitNamingAFileTheTreeLacksIsAnErrorAtItsExecLine) {
  Write("opt/app/a.yml", "services: {}\n");
  Write("etc/systemd/system/app.service",
        "[Service]\nWorkingDirectory=/opt/app\nExecStart=/usr/bin/docker compose -f a.yml -f b.yml up -d\n");
  Write("etc/systemd/system/empty.service",
        "[Service]\nWorkingDirectory=/srv/empty\nExecStart=docker compose up\n");
  Write("etc/systemd/system/down.service", "[Service]\nExecStart=docker compose -p old down\n");  // by name
  std::unique_ptr<HostFs> tree = OpenDirectoryTree(root_.string());
  TreeComposeProjects found = DiscoverComposeProjects(*tree);
  EXPECT_TRUE(found.projects.empty());
  std::string unit = tree->DisplayPath("etc/systemd/system/app.service");
  std::string empty = tree->DisplayPath("etc/systemd/system/empty.service");
  EXPECT_EQ(
      found.errors,
      (std::vector<std::string>{
          unit + ":3:47: ExecStart runs docker compose with -f /opt/app/b.yml, which is not in this tree: "
                 "compose refuses to run the project",
          empty +
              ":3:11: ExecStart runs docker compose up in /srv/empty, where compose finds no compose.yaml, "
              "compose.yml, docker-compose.yml, docker-compose.yaml in the folder or above it",
      }));
}

TEST_F(DiscoveryTest, TheSearchOfAPlaceIsBounded) {
  Write("usr/local/app/compose.yaml", "services: {}\n");
  fs::create_directories(root_ / "usr/local/share/many");
  for (int i = 0; i < 10000; ++i) std::ofstream(root_ / "usr/local/share/many" / std::to_string(i));
  Write("usr/local/share/many/compose.yaml", "services: {}\n");  // past the bound
  Write("opt/app/compose.yaml", "services: {}\n");               // other places keep their own bound
  std::unique_ptr<HostFs> tree = OpenDirectoryTree(root_.string());
  TreeComposeProjects found = DiscoverComposeProjects(*tree);
  EXPECT_EQ(Folders(found), (std::vector<std::string>{"opt/app", "usr/local/app"}));
  ASSERT_EQ(found.notes.size(), 1u);
  EXPECT_NE(found.notes[0].find("usr/local: stopped looking for compose projects after 10000 entries, at "),
            std::string::npos)
      << found.notes[0];
}

}  // namespace
}  // namespace docklint::app
