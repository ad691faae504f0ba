// The fixes host jobs attach to daemon.json findings, end to end: each is its rule's change alone, as --fix
// writes it; none where a flag sets the key; host trees get them too.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "base/text_edit.h"
#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;
using test_support::RunDocklint;

class FindingFixesTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-fixes-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
};

// The findings of `rule` in the JSON report.
std::vector<nlohmann::json> FindingsOf(const nlohmann::json& report, const std::string& rule) {
  std::vector<nlohmann::json> found;
  for (const nlohmann::json& f : report["findings"]) {
    if (f["rule"] == rule) found.push_back(f);
  }
  return found;
}

std::vector<base::TextEdit> Edits(const nlohmann::json& fix) {
  std::vector<base::TextEdit> edits;
  for (const nlohmann::json& e : fix["edits"]) {
    edits.push_back({{{e["line"], e["column"]}, {e["end_line"], e["end_column"]}}, e["new_text"]});
  }
  return edits;
}

const char* kDaemonJson =
    "{\n\t\"insecure-registries\": [\"registry.internal:5000\"],\n\t\"icc\": true,\n\t\"debug\": true\n}\n";

TEST_F(FindingFixesTest, EachFixIsWhatFixWritesForItsRuleAlone) {
  struct Case {
    std::string rule, description, fix_args;
    bool unsafe;
  };
  for (const Case& c : {Case{"DKL1001", "Set \"icc\" to false", "", false},
                        Case{"DKL1014", "Set \"no-new-privileges\" to true", "", false},
                        Case{"DKL1015", "Set \"live-restore\" to true", "", false},
                        Case{"DKL1005", "Remove \"insecure-registries\"", "--unsafe-fixes", true}}) {
    SCOPED_TRACE(c.rule);
    std::string path = Write("daemon.json", kDaemonJson);
    nlohmann::json report =
        nlohmann::json::parse(RunDocklint("--format json --select " + c.rule + " '" + path + "'").output);
    std::vector<nlohmann::json> findings = FindingsOf(report, c.rule);
    ASSERT_EQ(findings.size(), 1u) << report.dump(2);
    EXPECT_EQ(findings[0]["file"], path);
    ASSERT_EQ(findings[0]["fixes"].size(), 1u) << report.dump(2);
    const nlohmann::json& fix = findings[0]["fixes"][0];
    EXPECT_EQ(fix["description"], c.description);
    EXPECT_EQ(fix["unsafe"], c.unsafe);
    std::string error;
    std::optional<std::string> applied =
        base::ApplyTextEdits(base::SourceFile(path, kDaemonJson), Edits(fix), &error);
    ASSERT_TRUE(applied) << error;
    // --fix on the same file with the same rule writes exactly that.
    RunDocklint("--fix " + c.fix_args + " --select " + c.rule + " '" + path + "'");
    EXPECT_EQ(Read(path), *applied);
    EXPECT_NE(*applied, kDaemonJson);
  }
}

TEST_F(FindingFixesTest, UnsafeFixesAreWrittenOnlyWhenAsked) {
  std::string path = Write("daemon.json", kDaemonJson);
  RunDocklint("--fix --select DKL1005 '" + path + "'");
  EXPECT_EQ(Read(path), kDaemonJson);
  // All the safe fixes at once: the members added after the last one in the order of the fixes' table.
  RunDocklint("--fix --select DKL1001,DKL1005,DKL1014,DKL1015 '" + path + "'");
  EXPECT_EQ(
      Read(path),
      "{\n\t\"insecure-registries\": [\"registry.internal:5000\"],\n\t\"icc\": false,\n\t\"debug\": true,\n"
      "\t\"no-new-privileges\": true,\n\t\"live-restore\": true\n}\n");
}

TEST_F(FindingFixesTest, HostTreesGetFixesExceptWhereAFlagSetsTheKey) {
  Write("tree/etc/docker/daemon.json", "{\"debug\": true}\n");
  Write("tree/lib/systemd/system/docker.service",
        "[Service]\nExecStart=/usr/bin/dockerd --icc=true -H fd://\n");
  nlohmann::json report = nlohmann::json::parse(
      RunDocklint("--format json --select DKL1001,DKL1015 --root '" + (dir_ / "tree").string() + "'").output);
  std::vector<nlohmann::json> icc = FindingsOf(report, "DKL1001");
  ASSERT_FALSE(icc.empty()) << report.dump(2);
  for (const nlohmann::json& f : icc) EXPECT_FALSE(f.contains("fixes")) << f.dump(2);  // the flag sets icc
  std::vector<nlohmann::json> live_restore = FindingsOf(report, "DKL1015");
  ASSERT_EQ(live_restore.size(), 1u) << report.dump(2);
  EXPECT_EQ(live_restore[0]["file"], (dir_ / "tree/etc/docker/daemon.json").string());
  ASSERT_EQ(live_restore[0]["fixes"].size(), 1u) << report.dump(2);
  EXPECT_EQ(live_restore[0]["fixes"][0]["edits"],
            nlohmann::json::parse(R"([{"line":1,"column":15,"end_line":1,"end_column":15,)"
                                  R"("new_text":", \"live-restore\": true"}])"));
  // --fix leaves a daemon.json in a host tree alone.
  RunDocklint("--fix --select DKL1015 --root '" + (dir_ / "tree").string() + "'");
  EXPECT_EQ(Read((dir_ / "tree/etc/docker/daemon.json").string()), "{\"debug\": true}\n");
}

}  // namespace
}  // namespace docklint::app
