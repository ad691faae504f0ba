#include "app/dockerfile_lint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

TEST(DockerfileLintTest, TestFoldersAreKnownByWholePathElements) {
  EXPECT_TRUE(IsTestFilePath("repo/tests/bud/Dockerfile"));
  EXPECT_TRUE(IsTestFilePath("dockerclient/testdata/Dockerfile.add"));
  EXPECT_TRUE(IsTestFilePath("/src/app/__tests__/Dockerfile"));
  EXPECT_TRUE(IsTestFilePath("integration/dockerfiles/Dockerfile_test_copy"));
  // Paths flattened into the name with "__", as some mirrors store them.
  EXPECT_TRUE(IsTestFilePath("corpus/GoogleContainerTools__kaniko/integration__dockerfiles__Dockerfile_x"));
  EXPECT_TRUE(IsTestFilePath("moby__buildkit/frontend__dockerfile__parser__testfiles__env__Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("services/api/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("Dockerfile.test"));
  EXPECT_FALSE(IsTestFilePath("latest/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("contest/testing/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("tests"));  // a file named tests is no folder
}

TEST(DockerfileLintTest, ATestFixtureGetsOnlyWhatBuildkitRefusesUnlessAsked) {
  fs::path dir = fs::temp_directory_path() / ("docklint-testdata-" + std::to_string(::getpid())) / "testdata";
  fs::create_directories(dir);
  std::ofstream(dir / "Dockerfile") << "FROM debian\nRUN sudo make\nBOGUS x\nCMD [\"/app\"]\n";
  std::string run =
      std::string("'") + DOCKLINT_BINARY + "' --no-config '" + (dir / "Dockerfile").string() + "'";
  test_support::CommandResult plain = test_support::RunInSourceDir(run);
  EXPECT_NE(plain.output.find("[DKL0007]"), std::string::npos) << plain.output;
  EXPECT_EQ(plain.output.find("[DKL3015]"), std::string::npos) << plain.output;
  EXPECT_NE(test_support::RunInSourceDir(run + " 2>&1 >/dev/null | cat").output.find("--lint-test-files"),
            std::string::npos);
  test_support::CommandResult full = test_support::RunInSourceDir(run + " --lint-test-files");
  EXPECT_NE(full.output.find("[DKL3015]"), std::string::npos) << full.output;
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace docklint::app
