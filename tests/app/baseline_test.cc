// Baselines end to end: recorded findings stay silent after edits that shift lines, new ones show.
#include "app/baseline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

TEST(BaselineTest, RecordedFindingsSurviveShiftedLinesAndNewOnesAreReported) {
  fs::path dir = fs::temp_directory_path() / ("docklint-baseline-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string dockerfile = (dir / "Dockerfile").string();
  std::string baseline = (dir / "baseline.json").string();
  std::ofstream(dockerfile) << "FROM debian:12\nRUN sudo make\nUSER app\n";
  test_support::CommandResult wrote =
      test_support::RunDocklint("--baseline-write '" + baseline + "' '" + dockerfile + "'");
  EXPECT_NE(wrote.output.find("[DKL3015]"), std::string::npos);
  // Lines added above move the finding from line 2 to line 4: still recorded.
  std::ofstream(dockerfile) << "FROM debian:12\n# build\nENV A=1\nRUN sudo make\nUSER app\n";
  test_support::CommandResult shifted =
      test_support::RunDocklint("--baseline '" + baseline + "' '" + dockerfile + "'");
  EXPECT_EQ(shifted.output.find("[DKL3015]"), std::string::npos) << shifted.output;
  // A second sudo is new.
  std::ofstream(dockerfile) << "FROM debian:12\nRUN sudo make\nRUN sudo make install\nUSER app\n";
  test_support::CommandResult added =
      test_support::RunDocklint("--baseline '" + baseline + "' '" + dockerfile + "'");
  EXPECT_NE(added.output.find(":3:5: warning: sudo"), std::string::npos) << added.output;
  EXPECT_EQ(added.output.find(":2:5: warning: sudo"), std::string::npos) << added.output;
  // A broken baseline is a usage error, with the line.
  std::ofstream(baseline) << "{\n  \"version\": 1,\n  oops\n}\n";
  test_support::CommandResult broken =
      test_support::RunDocklint("--baseline '" + baseline + "' '" + dockerfile + "'");
  EXPECT_EQ(broken.exit_code, 2);
  Baseline parsed;
  std::string error;
  EXPECT_FALSE(ReadBaseline(baseline, &parsed, &error));
  EXPECT_TRUE(error.starts_with("line 3: not JSON")) << error;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace docklint::app
