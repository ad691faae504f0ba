// End-to-end: runs the docklint binary on every host tree under fixtures/hosts (and the demo host) and
// compares its text output with the tree's expected.txt, line for line. An expected.txt that is empty
// states that the tree must produce no findings. Each tree is linted as a rootfs tarball packed with fixed
// owners and modes (see testing/fixture_tarball.h), so the output does not depend on who checked the
// repository out; the archive's name is then written back as the tree's path.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/ruleset.h"
#include "testing/fixture_tarball.h"
#include "testing/golden.h"
#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

using test_support::CommandResult;
using test_support::ReadFile;
using test_support::RunDocklint;

std::vector<std::string> HostTrees() {
  std::vector<std::string> trees = {"fixtures/demo-host"};
  fs::path hosts = fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/hosts";
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(hosts, ec)) {
    if (entry.is_directory()) found.push_back("fixtures/hosts/" + entry.path().filename().string());
  }
  std::sort(found.begin(), found.end());
  trees.insert(trees.end(), found.begin(), found.end());
  return trees;
}

class HostFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(HostFixtureTest, PrintsExactlyTheExpectedFindings) {
  const std::string& tree = GetParam();
  fs::path expected_path = fs::path(DOCKLINT_SOURCE_DIR) / tree / "expected.txt";
  ASSERT_TRUE(fs::exists(expected_path)) << tree << " has no expected.txt";
  std::string expected = ReadFile(expected_path);
  // A tree may pin extra options (a benchmark, a selection) in a file named "args".
  std::string args;
  if (fs::exists(fs::path(DOCKLINT_SOURCE_DIR) / tree / "args")) {
    args = ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / tree / "args");
    while (!args.empty() && args.back() == '\n') args.pop_back();
  }
  std::string archive = (fs::temp_directory_path() / ("docklint-fixture-" + std::to_string(::getpid()) + "-" +
                                                      fs::path(tree).filename().string() + ".tar"))
                            .string();
  ASSERT_TRUE(test_support::PackFixtureTree(fs::path(DOCKLINT_SOURCE_DIR) / tree, archive));
  CommandResult result = RunDocklint(args + " --root '" + archive + "'");
  fs::remove(archive);
  for (size_t at = result.output.find(archive + ":/"); at != std::string::npos;
       at = result.output.find(archive + ":/", at)) {
    result.output.replace(at, archive.size() + 2, tree + "/");
  }
  test_support::ExpectGolden(result.output, expected_path, "docklint " + args + " --root " + tree);
  // Unreadable input exits 2 whatever else was found; otherwise any finding exits 1.
  int expected_exit = expected.find("[DKL0002]") != std::string::npos ? 2 : (expected.empty() ? 0 : 1);
  EXPECT_EQ(result.exit_code, expected_exit);
}

INSTANTIATE_TEST_SUITE_P(Trees, HostFixtureTest, testing::ValuesIn(HostTrees()), [](const auto& info) {
  std::string name = fs::path(info.param).filename().string();
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
});

TEST(CliTest, JsonOutputHasTheDocumentedShape) {
  CommandResult result = RunDocklint("--format json --root fixtures/demo-host");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("{\n  \"findings\": [\n    {\n      \"rule\": \"DKL"), std::string::npos);
  EXPECT_NE(result.output.find("\"references\": [\n        \"cis-docker-1.6.0:2.2\""), std::string::npos);
  EXPECT_NE(result.output.find("\"summary\": {"), std::string::npos);
}

TEST(CliTest, UsageErrorsAndUnreadableInputExitTwo) {
  EXPECT_EQ(RunDocklint("").exit_code, 2);
  EXPECT_EQ(RunDocklint("--no-such-option").exit_code, 2);
  EXPECT_EQ(RunDocklint("--root fixtures/does-not-exist").exit_code, 2);
  CommandResult missing = RunDocklint("fixtures/does-not-exist/daemon.json");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("cannot read file"), std::string::npos);
}

TEST(CliTest, StdinIsNamedAndClassifiedByStdinFilename) {
  CommandResult dockerfile = test_support::RunInSourceDir(
      "printf 'FROM debian:12\\nRUN sudo ls\\n' | '" + std::string(DOCKLINT_BINARY) +
      "' --select DKL3015 --stdin-filename app/Dockerfile -");
  EXPECT_EQ(dockerfile.output,
            "app/Dockerfile:2:5: warning: sudo in a build step: switch USER for the steps that need root "
            "[DKL3015]\n");
  EXPECT_EQ(dockerfile.exit_code, 1);
  CommandResult unknown =
      test_support::RunInSourceDir("echo hello | '" + std::string(DOCKLINT_BINARY) + "' -");
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST(CliTest, LintsFilesGivenAsPathsAndLinksTheUnitToItsEnvFile) {
  CommandResult result = RunDocklint(
      "fixtures/demo-host/lib/systemd/system/docker.service fixtures/demo-host/etc/default/docker");
  EXPECT_EQ(result.exit_code, 1);
  // The insecure registry comes from DOCKER_OPTS, so the finding points into the env file.
  EXPECT_NE(result.output.find("fixtures/demo-host/etc/default/docker:9:34: error: insecure registry "
                               "registry.build.internal:5000"),
            std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace docklint

namespace docklint {
namespace {

// ESLint's habit: a rule counts when a fixture shows it firing and another shows it silent.
TEST(RuleCoverageTest, EveryBuiltinRuleFiresInOneFixtureAndStaysSilentInAnother) {
  rules::Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::vector<std::string> outputs;
  for (const std::string& tree : HostTrees()) {
    outputs.push_back(ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / tree / "expected.txt"));
  }
  std::error_code compose_ec;
  for (const auto& entry :
       fs::directory_iterator(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/compose", compose_ec)) {
    if (entry.is_directory()) outputs.push_back(ReadFile(entry.path() / "expected.txt"));
  }
  // Dockerfile fixtures state their findings in "# expect:" comments, which their own test checks.
  std::error_code ec;
  for (const auto& entry :
       fs::directory_iterator(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/dockerfiles", ec)) {
    if (!entry.path().string().ends_with(".Dockerfile")) continue;
    std::istringstream lines(ReadFile(entry.path()));
    std::string line, tags;
    while (std::getline(lines, line)) {
      size_t at = line.find("# expect");
      if (at == std::string::npos) continue;
      std::istringstream words(line.substr(line.find(':', at) + 1));
      std::string id;
      while (words >> id) tags += "[" + id + "]";
    }
    outputs.push_back(tags);
  }
  for (const rules::Rule& rule : ruleset.rules()) {
    std::string tag = "[" + rule.id + "]";
    size_t firing = std::count_if(outputs.begin(), outputs.end(),
                                  [&](const std::string& o) { return o.find(tag) != std::string::npos; });
    EXPECT_GT(firing, 0u) << rule.id << " fires in no fixture";
    EXPECT_LT(firing, outputs.size()) << rule.id << " fires in every fixture";
  }
}

}  // namespace
}  // namespace docklint

namespace docklint {
namespace {

std::string Between(const std::string& text, const std::string& begin, const std::string& end) {
  size_t b = text.find(begin);
  size_t e = text.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) return "<markers missing>";
  return text.substr(b + begin.size(), e - b - begin.size());
}

TEST(ReadmeTest, RulesTableMatchesTheBuiltinRules) {
  std::string readme = ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / "README.md");
  CommandResult table = RunDocklint("--list-rules --format markdown");
  EXPECT_EQ(Between(readme, "<!-- rules:begin -->\n", "<!-- rules:end -->"), table.output)
      << "regenerate with: build/docklint --list-rules --format markdown";
}

TEST(ReadmeTest, PeerTableNamesTheRuleOfEveryHadolintAndBuildkitId) {
  CommandResult check = test_support::RunInSourceDir(std::string("python3 tools/peer-table --check '") +
                                                     DOCKLINT_BINARY + "'");
  EXPECT_EQ(check.exit_code, 0) << "regenerate with: tools/peer-table";
}

TEST(ReadmeTest, ExampleRulesetIsTheOneTheTestsRun) {
  std::string readme = ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / "README.md");
  std::string example = ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/rulesets/site-policy.toml");
  EXPECT_EQ(Between(readme, "<!-- example-ruleset:begin -->\n```toml\n", "```\n<!-- example-ruleset:end -->"),
            example);
}

TEST(CliTest, ExplainPrintsTheDocsUnderFixedHeadings) {
  CommandResult result = RunDocklint("--explain icc-enabled");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* heading : {"What it checks\n", "Why it matters\n", "Example\n", "Fix\n", "References\n"}) {
    EXPECT_NE(result.output.find(heading), std::string::npos) << heading;
  }
  EXPECT_EQ(RunDocklint("--explain DKL1001").output, result.output);
  EXPECT_EQ(RunDocklint("--explain no-such-rule").exit_code, 2);
}

TEST(CliTest, ListRulesAsJsonNamesEachRuleWithItsControl) {
  CommandResult result = RunDocklint("--list-rules --format json --benchmark cis-docker-1.8.0");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("\"id\": \"DKL1007\",\n    \"name\": \"tcp-host-without-tls\""),
            std::string::npos);
  EXPECT_NE(result.output.find("\"control\": \"2.8\""), std::string::npos);
}

TEST(CliTest, SelectionMistakesAreUsageErrors) {
  EXPECT_EQ(RunDocklint("--check 2.2 --root fixtures/demo-host").exit_code, 2);
  EXPECT_EQ(RunDocklint("--benchmark cis-docker-0.1 --root fixtures/demo-host").exit_code, 2);
  EXPECT_EQ(RunDocklint("--select no-such-rule --root fixtures/demo-host").exit_code, 2);
  EXPECT_EQ(RunDocklint("--format markdown --root fixtures/demo-host").exit_code, 2);
  EXPECT_EQ(RunDocklint("--ruleset fixtures/does-not-exist.toml --root fixtures/demo-host").exit_code, 2);
}

TEST(CliTest, CheckNarrowsToTheNamedControls) {
  CommandResult result = RunDocklint("--benchmark cis-docker-1.6.0 --check 2.2 --root fixtures/demo-host");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("[DKL1001]"), std::string::npos);
  EXPECT_EQ(result.output.find("[DKL1007]"), std::string::npos);
  EXPECT_EQ(RunDocklint("--benchmark cis-docker-1.6.0 --check 2.4 --root fixtures/demo-host").exit_code, 0);
}

}  // namespace
}  // namespace docklint

namespace docklint {
namespace {

TEST(CliTest, RootfsTarballGivesTheSameFindingsAsTheDirectory) {
  std::string archive =
      (fs::temp_directory_path() / ("docklint-demo-" + std::to_string(::getpid()) + ".tar.gz")).string();
  ASSERT_EQ(std::system(("tar -czf '" + archive + "' -C '" + std::string(DOCKLINT_SOURCE_DIR) +
                         "/fixtures/demo-host' .")
                            .c_str()),
            0);
  CommandResult from_tar = RunDocklint("--root '" + archive + "'");
  fs::remove(archive);
  std::string expected = ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/demo-host/expected.txt");
  // Same findings; only the file names differ: "<archive>:/etc/..." instead of "fixtures/demo-host/etc/...".
  std::string renamed = from_tar.output;
  for (size_t at = renamed.find(archive + ":/"); at != std::string::npos;
       at = renamed.find(archive + ":/", at)) {
    renamed.replace(at, archive.size() + 2, "fixtures/demo-host/");
  }
  EXPECT_EQ(renamed, expected);
  EXPECT_EQ(from_tar.exit_code, 1);
}

}  // namespace
}  // namespace docklint
