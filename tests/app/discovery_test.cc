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

}  // namespace
}  // namespace docklint::app
