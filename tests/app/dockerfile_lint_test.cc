#include "app/dockerfile_lint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

TEST(DockerfileLintTest, TestAndArchiveFoldersAreKnownByWholePathElements) {
  EXPECT_TRUE(IsUnbuiltFolderPath("repo/tests/bud/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("dockerclient/testdata/Dockerfile.add"));
  EXPECT_TRUE(IsUnbuiltFolderPath("/src/app/__tests__/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("integration/dockerfiles/Dockerfile_test_copy"));
  EXPECT_TRUE(IsUnbuiltFolderPath("Archive/ContainerCloud/images/logstash/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("unsupported_images/golang/1.10/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("images/Deprecated/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("libnetwork/cmd/networkdb-test/Dockerfile"));
  EXPECT_TRUE(IsUnbuiltFolderPath("go/integration_tests/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("latest-tester/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("-test/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("services/api/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("Dockerfile.test"));
  EXPECT_FALSE(IsUnbuiltFolderPath("latest/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("contest/testing/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("archives-api/Dockerfile"));
  EXPECT_FALSE(IsUnbuiltFolderPath("tests"));  // a file named tests is no folder
}

TEST(DockerfileLintTest, DevContainersAreKnownByTheirFolder) {
  EXPECT_TRUE(IsDevContainerPath(".devcontainer/Dockerfile"));
  EXPECT_TRUE(IsDevContainerPath("containers/go/.devcontainer/base.Dockerfile"));
  EXPECT_FALSE(IsDevContainerPath("devcontainer/Dockerfile"));
  EXPECT_FALSE(IsDevContainerPath(".devcontainer"));
}

TEST(DockerfileLintTest, AWalkSkipsTestFixturesUnlessAsked) {
  fs::path root = fs::temp_directory_path() / ("docklint-walk-" + std::to_string(::getpid()));
  fs::path dir = root / "repo/testdata";
  fs::create_directories(dir);
  std::ofstream(dir / "Dockerfile") << "FROM debian\nRUN sudo make\nBOGUS x\nCMD [\"/app\"]\n";
  std::ofstream(root / "repo/Dockerfile") << "FROM debian:12\nRUN sudo make\n";
  std::string docklint = std::string("'") + DOCKLINT_BINARY + "' --no-config ";
  // A walk of the repository lints the repository's own Dockerfile, not the fixture, and a note counts it.
  std::string walk = docklint + "'" + (root / "repo").string() + "'";
  test_support::CommandResult walked = test_support::RunInSourceDir(walk);
  EXPECT_NE(walked.output.find("repo/Dockerfile:2:"), std::string::npos) << walked.output;
  EXPECT_EQ(walked.output.find("testdata"), std::string::npos) << walked.output;
  EXPECT_NE(test_support::RunInSourceDir(walk + " 2>&1 >/dev/null | cat")
                .output.find("1 Dockerfile in test or archive folders"),
            std::string::npos);
  test_support::CommandResult all = test_support::RunInSourceDir(walk + " --lint-test-files");
  EXPECT_NE(all.output.find("[DKL3015]"), std::string::npos) << all.output;
  EXPECT_NE(all.output.find("[DKL0007]"), std::string::npos) << all.output;
  // Where the walk starts counts, not the folders above it; and a file named on the command line is linted
  // in full, wherever it is.
  EXPECT_NE(test_support::RunInSourceDir(docklint + "'" + dir.string() + "'").output.find("[DKL3015]"),
            std::string::npos);
  EXPECT_NE(test_support::RunInSourceDir(docklint + "'" + (dir / "Dockerfile").string() + "'")
                .output.find("[DKL3015]"),
            std::string::npos);
  // --force-exclude (the pre-commit hook's) skips a named file as a walk would, and says so.
  std::string forced = docklint + "--force-exclude '" + (dir / "Dockerfile").string() + "' '" +
                       (root / "repo/Dockerfile").string() + "'";
  test_support::CommandResult named = test_support::RunInSourceDir(forced);
  EXPECT_EQ(named.output.find("testdata"), std::string::npos) << named.output;
  EXPECT_NE(named.output.find("repo/Dockerfile:2:"), std::string::npos) << named.output;
  EXPECT_NE(test_support::RunInSourceDir(forced + " 2>&1 >/dev/null | cat")
                .output.find("1 Dockerfile in test or archive folders"),
            std::string::npos);
  fs::remove_all(root);
}

TEST(DockerfileLintTest, TemplatesAreNotLintedAsDockerfiles) {
  fs::path root = fs::temp_directory_path() / ("docklint-template-" + std::to_string(::getpid()));
  fs::create_directories(root);
  // A Cottle template as dotnet-docker keeps them, and a Go template as docker-library keeps them.
  std::ofstream(root / "Dockerfile.envs") << "{{\n    set dotnetVersion to 8.0 ^\n}}ENV DOTNET_VERSION=8.0\n";
  std::ofstream(root / "Dockerfile.oracle") << "FROM oraclelinux:{{ .variant }}\n{{ if .slim then ( -}}\n"
                                               "RUN microdnf install -y tar\n{{ ) else \"\" end -}}\n";
  // A real Dockerfile with a Go template inside a RUN is linted.
  std::ofstream(root / "Dockerfile") << "FROM debian:12\nRUN sudo docker inspect --format '{{.State}}' x\n";
  std::string docklint = std::string("'") + DOCKLINT_BINARY + "' --no-config '" + root.string() + "'";
  test_support::CommandResult result = test_support::RunInSourceDir(docklint);
  EXPECT_EQ(result.output.find("DKL0007"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("Dockerfile:2:5"), std::string::npos) << result.output;
  std::string notes = test_support::RunInSourceDir(docklint + " 2>&1 >/dev/null | cat").output;
  EXPECT_NE(notes.find("2 files named like a Dockerfile are templates"), std::string::npos) << notes;
  fs::remove_all(root);
}

TEST(DockerfileLintTest, DevContainersSkipTheRulesOfAShippedImage) {
  fs::path root = fs::temp_directory_path() / ("docklint-devcontainer-" + std::to_string(::getpid()));
  fs::create_directories(root / ".devcontainer");
  std::string text =
      "FROM debian:12\nRUN apt-get update && apt-get install -y git\nRUN curl -k https://x | sh\n"
      "USER root\nCMD [\"/usr/local/bin/app\"]\n";
  std::ofstream(root / ".devcontainer/Dockerfile") << text;
  std::ofstream(root / "Dockerfile") << text;
  std::string docklint = std::string("'") + DOCKLINT_BINARY + "' --no-config ";
  std::string dev =
      test_support::RunInSourceDir(docklint + "'" + (root / ".devcontainer/Dockerfile").string() + "'")
          .output;
  std::string shipped =
      test_support::RunInSourceDir(docklint + "'" + (root / "Dockerfile").string() + "'").output;
  for (std::string_view rule : {"[DKL3001]", "[DKL3019]", "[DKL3101]"}) {
    EXPECT_NE(shipped.find(rule), std::string::npos) << rule << shipped;
    EXPECT_EQ(dev.find(rule), std::string::npos) << rule << dev;
  }
  // What is wrong in any build is still reported.
  EXPECT_NE(dev.find("[DKL3011]"), std::string::npos) << dev;
  fs::remove_all(root);
}

}  // namespace
}  // namespace docklint::app
