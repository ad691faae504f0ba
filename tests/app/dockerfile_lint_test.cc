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
  EXPECT_FALSE(IsTestFilePath("services/api/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("Dockerfile.test"));
  EXPECT_FALSE(IsTestFilePath("latest/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("contest/testing/Dockerfile"));
  EXPECT_FALSE(IsTestFilePath("tests"));  // a file named tests is no folder
}

TEST(DockerfileLintTest, AWalkChecksTestFixturesForSyntaxOnlyUnlessAsked) {
  fs::path root = fs::temp_directory_path() / ("docklint-testdata-" + std::to_string(::getpid()));
  fs::path dir = root / "repo/testdata";
  fs::create_directories(dir);
  std::ofstream(dir / "Dockerfile") << "FROM debian\nRUN sudo make\nBOGUS x\nCMD [\"/app\"]\n";
  std::string docklint = std::string("'") + DOCKLINT_BINARY + "' --no-config ";
  // A walk of the repository: the fixture gets only what BuildKit refuses, and a note says so.
  std::string walk = docklint + "'" + (root / "repo").string() + "'";
  test_support::CommandResult walked = test_support::RunInSourceDir(walk);
  EXPECT_NE(walked.output.find("[DKL0007]"), std::string::npos) << walked.output;
  EXPECT_EQ(walked.output.find("[DKL3015]"), std::string::npos) << walked.output;
  EXPECT_NE(test_support::RunInSourceDir(walk + " 2>&1 >/dev/null | cat").output.find("--lint-test-files"),
            std::string::npos);
  EXPECT_NE(test_support::RunInSourceDir(walk + " --lint-test-files").output.find("[DKL3015]"),
            std::string::npos);
  // Where the walk starts counts, not the folders above it; and a file named on the command line is linted
  // in full, wherever it is.
  EXPECT_NE(test_support::RunInSourceDir(docklint + "'" + dir.string() + "'").output.find("[DKL3015]"),
            std::string::npos);
  EXPECT_NE(test_support::RunInSourceDir(docklint + "'" + (dir / "Dockerfile").string() + "'")
                .output.find("[DKL3015]"),
            std::string::npos);
  fs::remove_all(root);
}

}  // namespace
}  // namespace docklint::app
