// End-to-end: runs the docklint binary on every compose project under fixtures/compose (a folder with its
// compose files and .env, found as a directory walk finds projects) and compares the text output with the
// folder's expected.txt. An empty expected.txt states that the project must produce no findings. A folder may
// pin extra options in a file named "args" (`--select DKL6` to run the opt-in rules too), as host trees do.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "testing/golden.h"
#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ComposeFixtures() {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/compose", ec)) {
    if (entry.is_directory()) found.push_back("fixtures/compose/" + entry.path().filename().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

class ComposeFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(ComposeFixtureTest, PrintsExactlyTheExpectedFindings) {
  const std::string& project = GetParam();
  fs::path expected = fs::path(DOCKLINT_SOURCE_DIR) / project / "expected.txt";
  ASSERT_TRUE(fs::exists(expected) || test_support::UpdatingGoldens()) << project << " has no expected.txt";
  std::string args;
  if (fs::exists(fs::path(DOCKLINT_SOURCE_DIR) / project / "args")) {
    args = test_support::ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / project / "args");
    while (!args.empty() && args.back() == '\n') args.pop_back();
    args += ' ';
  }
  test_support::CommandResult result = test_support::RunDocklint(args + project);
  test_support::ExpectGolden(result.output, expected, "docklint " + args + project);
  if (test_support::UpdatingGoldens()) return;
  std::string golden = test_support::ReadFile(expected);
  EXPECT_EQ(result.exit_code, golden.empty() ? 0 : 1) << project;
}

INSTANTIATE_TEST_SUITE_P(Projects, ComposeFixtureTest, testing::ValuesIn(ComposeFixtures()),
                         [](const auto& info) {
                           std::string name = fs::path(info.param).filename().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ComposeCliTest, AFileGivenByPathIsReadAloneAsDockerComposeDashF) {
  // Without its override, the base file's `privileged: true` stands.
  test_support::CommandResult alone =
      test_support::RunDocklint("fixtures/compose/override-turns-privileged-off/compose.yaml");
  EXPECT_NE(alone.output.find("[DKL6001]"), std::string::npos) << alone.output;
  EXPECT_EQ(alone.output.find("[DKL6004]"), std::string::npos) << alone.output;
  test_support::CommandResult project =
      test_support::RunDocklint("fixtures/compose/override-turns-privileged-off");
  EXPECT_EQ(project.output.find("[DKL6001]"), std::string::npos) << project.output;
}

// The opt-in rules fire in runtime-opt-in only because its args select them: without, none does.
TEST(ComposeCliTest, OptInRulesRunOnlyWhenSelected) {
  test_support::CommandResult plain = test_support::RunDocklint("fixtures/compose/runtime-opt-in");
  for (const char* id :
       {"DKL6022", "DKL6023", "DKL6024", "DKL6025", "DKL6026", "DKL6027", "DKL6028", "DKL6029"}) {
    EXPECT_EQ(plain.output.find(std::string("[") + id + "]"), std::string::npos) << id << "\n"
                                                                                 << plain.output;
  }
  test_support::CommandResult one =
      test_support::RunDocklint("--select compose-memory-unlimited fixtures/compose/runtime-opt-in");
  EXPECT_NE(one.output.find("[DKL6022]"), std::string::npos) << one.output;
  EXPECT_EQ(one.output.find("[DKL6029]"), std::string::npos) << one.output;
}

// The summary of a walk merges the outcomes of its projects: every service keeps its own status (a key that
// viewed copies of the names once mixed them up), and a service whose image is pulled is INFO for the rules
// that judge built images. A run of compose projects alone has no host, and so no host rows.
TEST(ComposeCliTest, SummaryOfAWalkKeepsEachServicesOwnStatus) {
  test_support::CommandResult result = test_support::RunDocklint(
      "--summary --format json fixtures/compose/built-images fixtures/compose/extends-and-include");
  nlohmann::json report = nlohmann::json::parse(result.output);
  std::map<std::string, std::string> user;
  bool host_rows = false;
  for (const auto& control : report["controls"]) {
    if (control["rule"] == "DKL6031" && control["project"] == "fixtures/compose/built-images/compose.yaml")
      user[control["service"]] = control["status"];
    host_rows = host_rows || control["rule"] == "DKL1001";
  }
  EXPECT_FALSE(host_rows);
  EXPECT_EQ(user, (std::map<std::string, std::string>{{"api", "FAIL"},
                                                      {"api-hardened", "PASS"},
                                                      {"worker", "PASS"},
                                                      {"worker-debug", "FAIL"},
                                                      {"cache", "INFO"},
                                                      {"gone", "INFO"},
                                                      {"inline", "FAIL"}}));
}

// docklint against Debian's docker-compose 1.29.2, on every sixteenth case of each kind: corpus files alone,
// a folder's default file with its override, pairs of a folder's compose files (COMPOSE_FILE in .env), and
// overrides generated over corpus files (!reset and !override merged by hand as compose-go does). The
// merged model 1.29 prints decides which services each compared rule must report
// (tests/app/compose_differential.py, whose docstring lists where 1.29 and compose-go differ and the
// counts of a whole run).
TEST(ComposeDifferentialTest, AgreesWithDockerComposeConfigOnTheCorpus) {
  fs::path corpus = fs::path(DOCKLINT_SOURCE_DIR) / "../shared/corpus/compose";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus beside the checkout";
  ASSERT_EQ(test_support::RunInSourceDir("command -v docker-compose >/dev/null && echo ok").output, "ok\n")
      << "docker-compose is installed by tools/setup";
  test_support::CommandResult result =
      test_support::RunInSourceDir("python3 tests/app/compose_differential.py '" +
                                   std::string(DOCKLINT_BINARY) + "' '" + corpus.string() + "' 16");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(" mismatch 0\n"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace docklint
