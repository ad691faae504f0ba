// Replays every input the fuzzers found (tests/fuzz/regressions/<kind>/<name>) through its kind's fuzz
// target, so a crash, hang or sanitizer report that came back fails the ordinary test suite.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "base/source_file.h"
#include "fuzz/fuzz_targets.h"

namespace docklint::fuzz {
namespace {

namespace fs = std::filesystem;

fs::path RegressionsDir() { return fs::path(DOCKLINT_SOURCE_DIR) / "tests" / "fuzz" / "regressions"; }

// The fuzzers run with -timeout=10; a regression that was a hang must now be far below that.
constexpr double kMaxSecondsPerInput = 10;

TEST(FuzzRegressionsTest, EveryFolderIsAFuzzTarget) {
  if (!fs::is_directory(RegressionsDir())) GTEST_SKIP() << "no regressions yet";
  for (const auto& entry : fs::directory_iterator(RegressionsDir())) {
    EXPECT_TRUE(entry.is_directory() && FuzzTargetFor(entry.path().filename().string()) != nullptr)
        << entry.path() << " names no fuzz target";
  }
}

class FuzzRegressionsTest : public testing::TestWithParam<std::string_view> {};

TEST_P(FuzzRegressionsTest, ReplaysWithoutCrashOrHang) {
  FuzzTarget target = FuzzTargetFor(GetParam());
  ASSERT_NE(target, nullptr);
  fs::path dir = RegressionsDir() / GetParam();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no regressions for " << GetParam();
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string content, error;
    ASSERT_TRUE(base::ReadFileToString(entry.path().string(), &content, &error)) << error;
    // Named before the run: a crash ends the process before gtest could say which input it was.
    std::cerr << "[ replay   ] " << entry.path().filename().string() << '\n';
    auto start = std::chrono::steady_clock::now();
    target(content);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took.count(), kMaxSecondsPerInput) << entry.path();
  }
}

// Inputs too big to keep as files, built here: each once took seconds or worse (quadratic or exponential
// work), and must stay far below the fuzzers' timeout.
TEST(FuzzRegressionsTest, GeneratedLargeInputsStayFast) {
  auto repeat = [](int n, auto line) {
    std::string out;
    for (int i = 0; i < n; ++i) out += line(std::to_string(i), std::to_string(i + 1));
    return out;
  };
  std::vector<std::pair<std::string_view, std::string>> inputs = {
      // A chain of stages, each built FROM the one before (SHELL inheritance walked every chain).
      {"dockerfile", "FROM debian AS s0\n" + repeat(3000,
                                                    [](const std::string& i, const std::string& next) {
                                                      return "FROM s" + i + " AS s" + next +
                                                             "\nCMD run\nCOPY --from=s0 /a /b\n";
                                                    })},
      // One pipeline of 2,000 downloads into a shell (each download tried every later command).
      {"dockerfile",
       "FROM debian\nRUN " + repeat(2000, [](auto&&...) { return std::string("curl x | "); }) + "sh\n"},
      // 4,000 suppressions (each finding was checked against every comment).
      {"dockerfile",
       "FROM debian\n" +
           repeat(4000,
                  [](auto&&...) {
                    return std::string(
                        "# docklint ignore=DKL3004\nRUN apt-get update\n# docklint global ignore=DKL3001\n");
                  })},
  };
  for (const auto& [kind, input] : inputs) {
    auto start = std::chrono::steady_clock::now();
    FuzzTargetFor(kind)(input);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took.count(), kMaxSecondsPerInput) << kind << ": " << input.substr(0, 80);
  }
}

std::vector<std::string_view> Kinds() {
  std::vector<std::string_view> kinds;
  for (const auto& [kind, target] : FuzzTargets()) kinds.push_back(kind);
  return kinds;
}

INSTANTIATE_TEST_SUITE_P(Kinds, FuzzRegressionsTest, testing::ValuesIn(Kinds()),
                         [](const testing::TestParamInfo<std::string_view>& info) {
                           return std::string(info.param);
                         });

}  // namespace
}  // namespace docklint::fuzz
