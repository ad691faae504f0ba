// The compose projects of host trees, as the plan makes them jobs: read through the tree, named by the
// tree's names, each folder once whether a walk, the search of the places or a unit found it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/plan.h"
#include "testing/fixture_tarball.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

class TreeComposeTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-tree-compose-" + std::to_string(::getpid()) + "-" +
                                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& relative, const std::string& content = "services: {}\n") {
    fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  // The compose jobs of a plan as the run takes them, each as "display path of each file | .env".
  static std::vector<std::string> ComposeJobs(Plan& plan, const Options& options) {
    std::vector<std::string> out;
    PlanJobSource source(plan, options);
    for (Job job; source.Next(&job);) {
      if (job.kind != model::JobKind::kComposeProject) continue;
      std::string line;
      for (const InputFile& file : job.compose_files)
        line += file.display_path + (file.tree ? " (tree) " : " ");
      out.push_back(line + "| " + job.compose_dotenv);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(TreeComposeTest, AWalkLeavesAHostTreesProjectsToTheTree) {
  Write("hosts/web/etc/docker/daemon.json", "{}");
  Write("hosts/web/opt/app/compose.yaml");
  Write("hosts/web/opt/app/.env", "");
  Write("hosts/web/opt/a/b/c/d/compose.yaml");  // deeper than the tree's search: the walk's
  Write("hosts/web/etc/systemd/system/app.service",
        "[Service]\nWorkingDirectory=/opt/app\nExecStart=/usr/bin/docker compose up -d\n");
  Write("services/api/compose.yaml");  // no host tree: the walk's
  Options options;
  options.paths = {dir_.string()};
  Plan plan;
  std::ostringstream err;
  ASSERT_TRUE(PlanJobs(options, &plan, err));
  EXPECT_TRUE(plan.errors.empty());
  std::string root = (dir_ / "hosts/web").string();
  EXPECT_EQ(ComposeJobs(plan, options), (std::vector<std::string>{
                                            root + "/opt/a/b/c/d/compose.yaml | ",
                                            root + "/opt/app/compose.yaml (tree) | opt/app/.env",
                                            (dir_ / "services/api/compose.yaml").string() + " | ",
                                        }));
}

TEST_F(TreeComposeTest, ATarballsProjectsAreReadThroughItAndNamedByItsPaths) {
  Write("tree/opt/app/compose.yaml");
  Write("tree/opt/app/.env", "X=1\n");
  Write("tree/data/stack/stack.yml");
  Write("tree/lib/systemd/system/stack.service",
        "[Service]\nExecStart=/usr/bin/docker-compose -f /data/stack/stack.yml up\n");
  std::string archive = (dir_ / "rootfs.tar").string();
  ASSERT_TRUE(test_support::PackFixtureTree(dir_ / "tree", archive));
  Options options;
  options.root = archive;
  Plan plan;
  std::ostringstream err;
  ASSERT_TRUE(PlanJobs(options, &plan, err));
  EXPECT_TRUE(plan.errors.empty());
  EXPECT_EQ(ComposeJobs(plan, options), (std::vector<std::string>{
                                            archive + ":/data/stack/stack.yml (tree) | ",
                                            archive + ":/opt/app/compose.yaml (tree) | opt/app/.env",
                                        }));
  // Each is read from the archive, the file outside the places with another pass over it.
  for (const Job& job : plan.jobs) {
    for (const InputFile& file : job.compose_files) {
      std::string content, error;
      EXPECT_TRUE(file.tree->Read(file.disk_path, &content, &error)) << error;
      EXPECT_EQ(content, "services: {}\n");
      EXPECT_EQ(file.host_path, "/" + file.disk_path);
    }
  }
}

TEST_F(TreeComposeTest, AUnitNamingAMissingFileIsAPlanErrorAndNoJob) {
  Write("tree/opt/app/a.yml");
  Write("tree/etc/systemd/system/app.service",
        "[Service]\nWorkingDirectory=/opt/app\nExecStart=/usr/bin/docker compose -f a.yml -f b.yml up -d\n");
  Options options;
  options.root = (dir_ / "tree").string();
  Plan plan;
  std::ostringstream err;
  ASSERT_TRUE(PlanJobs(options, &plan, err));
  EXPECT_TRUE(ComposeJobs(plan, options).empty());
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0],
            options.root +
                "/etc/systemd/system/app.service:3:47: ExecStart runs docker compose with -f "
                "/opt/app/b.yml, which is not in this tree: compose refuses to run the project");
}

}  // namespace
}  // namespace docklint::app
