// docklint's fatal findings against the real dockerd 20.10 (Debian 12's docker.io, run by
// ../shared/tools/dockerd-oracle in private namespaces): every corpus daemon.json and every variant under
// fixtures/daemon-json-variants must get the same verdict (tools/dockerd-differential).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

TEST(DockerdDifferentialTest, FatalAgreesWithDockerd2010) {
  fs::path source = DOCKLINT_SOURCE_DIR;
  fs::path oracle = source / "../shared/tools/dockerd-oracle";
  if (!fs::exists(oracle / "dockerd-verdict")) GTEST_SKIP() << "no dockerd oracle at " << oracle;
  if (::geteuid() != 0) GTEST_SKIP() << "the dockerd oracle needs root (it runs dockerd in namespaces)";
  // Debian 12's dockerd, unpacked once next to the binary under test (not installed).
  fs::path unpacked = fs::path(DOCKLINT_BINARY).parent_path() / "_deps/dockerd-20.10";
  fs::path dockerd = unpacked / "usr/sbin/dockerd";
  if (!fs::exists(dockerd)) {
    test_support::CommandResult fetched = test_support::RunInSourceDir(
        "'" + (oracle / "get-dockerd").string() + "' '" + unpacked.string() + "' 2>&1");
    if (!fs::exists(dockerd)) GTEST_SKIP() << "could not get dockerd 20.10: " << fetched.output;
  }
  std::string inputs = "'" + (source / "fixtures/daemon-json-variants").string() + "'";
  fs::path corpus = source / "../shared/corpus/host/daemon_json";
  if (fs::is_directory(corpus)) inputs += " '" + corpus.string() + "'";
  test_support::CommandResult result = test_support::RunInSourceDir(
      "tools/dockerd-differential '" + std::string(DOCKLINT_BINARY) + "' '" + dockerd.string() + "' '" +
      oracle.string() + "' fixtures/daemon-json-variants/known-disagreements.tsv " + inputs + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::cout << result.output;
}

}  // namespace
}  // namespace docklint::app
