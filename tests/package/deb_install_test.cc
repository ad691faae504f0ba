// The Debian package, end to end: tests/package/deb_install_test.sh builds it with cpack from this build
// directory, installs it with dpkg into a scratch root and runs the installed docklint and man page.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "testing/run_docklint.h"

namespace docklint {
namespace {

TEST(DebPackageTest, BuildsInstallsIntoAScratchRootAndRuns) {
  std::string build_dir = std::filesystem::path(DOCKLINT_BINARY).parent_path().string();
  test_support::CommandResult result =
      test_support::RunInSourceDir("(tests/package/deb_install_test.sh '" + build_dir + "' 2>&1)");
  if (result.exit_code == 77) GTEST_SKIP() << result.output;
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace docklint
