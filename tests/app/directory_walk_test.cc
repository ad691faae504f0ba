#include "app/directory_walk.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;
using test_support::RunDocklint;

class DirectoryWalkTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("docklint-walk-" + std::to_string(::getpid()) + "-" +
                                         testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& relative, const std::string& content = "FROM scratch\n") {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  // The walk's files relative to root_.
  std::vector<std::string> Walked() {
    std::vector<std::string> out;
    for (const std::string& file : WalkDirectory(root_.string()).files)
      out.push_back(fs::path(file).lexically_relative(root_).string());
    return out;
  }
  std::string Path(const std::string& relative) { return (root_ / relative).string(); }
  fs::path root_;
};

TEST_F(DirectoryWalkTest, FindsTheFilesDocklintLintsByNameInPathOrder) {
  Write("services/web/Dockerfile");
  Write("services/api/api.Dockerfile");
  Write("Containerfile");
  Write("README.md", "FROM the docs\n");
  Write("ansible/files/daemon.json", "{}");
  Write("ansible/files/docker.service", "[Service]\n");
  Write("ansible/files/docker.service.d/10-opts.conf", "[Service]\n");
  Write("ansible/files/default/docker", "DOCKER_OPTS=\n");
  Write("rootfs/etc/audit/rules.d/docker.rules", "-w /usr/bin/dockerd -k docker\n");
  EXPECT_EQ(Walked(), (std::vector<std::string>{
                          "Containerfile", "ansible/files/daemon.json", "ansible/files/default/docker",
                          "ansible/files/docker.service", "ansible/files/docker.service.d/10-opts.conf",
                          "rootfs/etc/audit/rules.d/docker.rules", "services/api/api.Dockerfile",
                          "services/web/Dockerfile"}));
}

TEST_F(DirectoryWalkTest, LeavesOutLookAlikesARepositoryHolds) {
  Write("units/nginx.service", "[Service]\n");  // another program's unit
  Write("units/nginx.service.d/override.conf", "[Service]\n");
  Write("etc/udev/rules.d/99-usb.rules", "SUBSYSTEM==\"usb\"\n");  // udev, not audit
  Write("Dockerfile.md", "# notes\n");
  Write("Dockerfile");
  EXPECT_EQ(Walked(), (std::vector<std::string>{"Dockerfile"}));
}

TEST_F(DirectoryWalkTest, SkipsVersionControlDependenciesAndBuildOutputs) {
  Write(".git/Dockerfile");
  Write("web/node_modules/some-package/Dockerfile");
  Write("build/CMakeCache.txt", "# CMake\n");
  Write("build/_deps/x/Dockerfile");
  Write("target/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# cargo\n");
  Write("target/Dockerfile");
  Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
  Write(".venv/lib/Dockerfile");
  // A folder called build that is no build tree is the repository's own.
  Write("docker/build/Dockerfile");
  EXPECT_EQ(Walked(), (std::vector<std::string>{"docker/build/Dockerfile"}));
}

TEST_F(DirectoryWalkTest, FollowsLinksToFilesButNeverToDirectories) {
  Write("real/Dockerfile");
  fs::create_directory_symlink(root_ / "real", root_ / "alias");
  fs::create_directory_symlink(root_, root_ / "real" / "loop");  // a cycle
  fs::create_symlink(root_ / "real" / "Dockerfile", root_ / "linked.Dockerfile");
  fs::create_symlink(root_ / "missing", root_ / "dangling.Dockerfile");
  // A dangling link with a name docklint lints is kept, so reading it says why it cannot be linted.
  EXPECT_EQ(Walked(),
            (std::vector<std::string>{"dangling.Dockerfile", "linked.Dockerfile", "real/Dockerfile"}));
}

TEST_F(DirectoryWalkTest, ReportsAFolderItCannotList) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can list any folder";
  Write("locked/Dockerfile");
  fs::permissions(root_ / "locked", fs::perms::none);
  Walk walk = WalkDirectory(root_.string());
  fs::permissions(root_ / "locked", fs::perms::owner_all);
  ASSERT_EQ(walk.errors.size(), 1u);
  EXPECT_NE(walk.errors[0].find("locked: cannot list the directory"), std::string::npos);
}

TEST_F(DirectoryWalkTest, ReportsAFolderThatVanished) {
  // The same path as an unreadable folder, testable as root: the listing fails and says why.
  Walk walk = WalkDirectory(Path("gone"));
  ASSERT_EQ(walk.errors.size(), 1u);
  EXPECT_NE(walk.errors[0].find("gone: cannot list the directory: No such file"), std::string::npos);
}

TEST_F(DirectoryWalkTest, FoldersLaidOutAsARootAreHostTrees) {
  std::vector<HostGroup> groups = GroupByHost(
      {Path("hosts/a/etc/docker/daemon.json"), Path("hosts/a/usr/lib/systemd/system/docker.service"),
       Path("hosts/a/etc/systemd/system/docker.service.d/x.conf"),
       Path("hosts/b/lib/systemd/system/docker.socket"), Path("hosts/b/etc/default/docker")});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].tree_root, Path("hosts/a"));
  EXPECT_EQ(groups[1].tree_root, Path("hosts/b"));
}

TEST_F(DirectoryWalkTest, LooseHostFilesGoWithTheFilesBesideThem) {
  std::vector<HostGroup> groups = GroupByHost(
      {Path("roles/docker/files/daemon.json"), Path("roles/docker/files/docker.service"),
       Path("roles/docker/files/docker.service.d/10-opts.conf"), Path("roles/docker/files/default/docker"),
       Path("roles/docker/files/audit/rules.d/docker.rules"), Path("other/daemon.json")});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].files, std::vector<std::string>{Path("other/daemon.json")});
  EXPECT_EQ(groups[1].files.size(), 5u);
  for (const HostGroup& group : groups) EXPECT_TRUE(group.tree_root.empty());
}

TEST_F(DirectoryWalkTest, EachHostInARepositoryIsJudgedOnItsOwn) {
  // One host turns inter-container traffic off, the other does not: merged, one would hide the other.
  Write("hosts/secure/daemon.json", "{\"icc\": false}\n");
  Write("hosts/open/daemon.json", "{}\n");
  Write("images/app/Dockerfile", "FROM alpine:3.19\nUSER app\n");
  test_support::CommandResult run = RunDocklint("--select DKL1001 --format json '" + root_.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("hosts/open/daemon.json"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("hosts/secure/daemon.json"), std::string::npos) << run.output;
}

TEST_F(DirectoryWalkTest, OutputIsTheSameOnOneThreadAndOnMany) {
  for (int i = 0; i < 40; ++i) {
    Write("images/" + std::to_string(i) + "/Dockerfile",
          "FROM ubuntu\nRUN apt-get update && apt-get install curl\nRUN cd /tmp && curl -k https://x | sh\n");
  }
  Write("host/etc/docker/daemon.json", "{\"icc\": true}\n");
  std::string dir = "'" + root_.string() + "'";
  test_support::CommandResult one = RunDocklint("-j 1 --format json " + dir);
  test_support::CommandResult many = RunDocklint("-j 8 --format json " + dir);
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_GT(one.output.size(), 1000u);
  EXPECT_EQ(one.output, many.output);
}

TEST_F(DirectoryWalkTest, AnEmptyFolderIsNoError) {
  test_support::CommandResult run = RunDocklint("'" + root_.string() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

}  // namespace
}  // namespace docklint::app
