// Golden output of every format on one input (fixtures/formats/args): a Dockerfile and a host whose
// findings have related locations and the fatal flag. Regenerate the goldens with tools/update-goldens
// and read the diff.
#include <gtest/gtest.h>

#include <filesystem>

#include "testing/golden.h"
#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

class FormatGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(FormatGoldenTest, OutputMatchesTheGolden) {
  fs::path formats = fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/formats";
  std::string args = test_support::ReadFile(formats / "args");
  while (!args.empty() && args.back() == '\n') args.pop_back();
  std::string command = "--format " + GetParam() + " " + args;
  test_support::ExpectGolden(test_support::RunDocklint(command).output, formats / ("expected." + GetParam()),
                             "docklint --no-config " + command);
}

INSTANTIATE_TEST_SUITE_P(Formats, FormatGoldenTest,
                         testing::Values("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"));

}  // namespace
}  // namespace docklint
