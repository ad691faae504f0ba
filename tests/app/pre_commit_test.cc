// End to end through Debian's pre-commit: `pre-commit try-repo` runs this repository's docklint hook on a
// scratch git repository; the hook fails on a violation and passes once it is fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

TEST(PreCommitTest, HookFailsOnAViolationAndPassesWhenFixed) {
  ASSERT_EQ(test_support::RunInSourceDir("command -v pre-commit >/dev/null && command -v git >/dev/null && echo ok")
                .output,
            "ok\n")
      << "pre-commit and git are installed by tools/setup";
  fs::path scratch = fs::temp_directory_path() / ("docklint-precommit-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch / "repo/app");
  std::string bin_dir = fs::path(DOCKLINT_BINARY).parent_path().string();
  auto run_hook = [&](const std::string& dockerfile) {
    std::ofstream(scratch / "repo/app/Dockerfile") << dockerfile;
    return test_support::RunInSourceDir(
        "cd '" + (scratch / "repo").string() + "' && git init -q . && git add -A && " +
        "PRE_COMMIT_HOME='" + (scratch / "cache").string() + "' PATH='" + bin_dir + "':\"$PATH\" " +
        "pre-commit try-repo '" + DOCKLINT_SOURCE_DIR + "' docklint --all-files --color never 2>&1");
  };
  const std::string clean =
      "FROM debian:12.7\nRUN useradd -r app\nUSER app\nHEALTHCHECK CMD [\"true\"]\nCMD [\"/usr/bin/app\"]\n";
  test_support::CommandResult failing = run_hook("FROM debian:12.7\nRUN sudo make\n" + clean.substr(17));
  EXPECT_NE(failing.exit_code, 0) << failing.output;
  EXPECT_NE(failing.output.find("app/Dockerfile:2:5: warning: sudo in a build step"), std::string::npos)
      << failing.output;
  test_support::CommandResult passing = run_hook(clean);
  EXPECT_EQ(passing.exit_code, 0) << passing.output;
  EXPECT_NE(passing.output.find("Passed"), std::string::npos) << passing.output;
  fs::remove_all(scratch);
}

}  // namespace
}  // namespace docklint
