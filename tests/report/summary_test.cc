// The --summary table (report/summary): a host control is one row; a compose control (CIS section 5) is one
// row per service, naming the service and its profiles, and the project when the run judged several. Rows
// built directly from outcomes, then end to end through the binary on compose projects.
#include "report/summary.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/run_docklint.h"

namespace docklint::report {
namespace {

namespace fs = std::filesystem;
using rules::RuleOutcome;
using rules::RuleStatus;

rules::Rule MakeRule(std::string id, std::string name, base::Severity severity, std::string reference,
                     std::string fix) {
  rules::Rule rule;
  rule.id = std::move(id);
  rule.name = std::move(name);
  rule.severity = severity;
  rule.references = {std::move(reference)};
  rule.docs.fix = std::move(fix);
  return rule;
}

class SummaryTest : public testing::Test {
 protected:
  std::string Table(const std::vector<RuleOutcome>& outcomes, bool remediations = true) {
    std::ostringstream out;
    WriteSummary(BuildControlRows(outcomes, "cis-docker-1.13.0"), "cis-docker-1.13.0", remediations, out);
    return out.str();
  }

  rules::Rule icc_ = MakeRule("DKL1001", "icc-enabled", base::Severity::kWarning, "cis-docker-1.13.0:2.1",
                              "Set \"icc\": false.");
  rules::Rule privileged_ = MakeRule("DKL6001", "compose-privileged-container", base::Severity::kError,
                                     "cis-docker-1.13.0:5.4", "Remove `privileged`.");
  rules::Rule devices_ = MakeRule("DKL6014", "compose-host-device", base::Severity::kInfo,
                                  "cis-docker-1.13.0:5.17", "Keep only the devices the service needs.");
};

TEST_F(SummaryTest, AComposeControlHasARowPerServiceWithItsProfiles) {
  std::vector<RuleOutcome> outcomes = {
      {.rule = &devices_,
       .status = RuleStatus::kFail,
       .project = "app/compose.yaml",
       .service = "web",
       .profiles = {"debug", "test"}},
      {.rule = &devices_, .status = RuleStatus::kPass, .project = "app/compose.yaml", .service = "db"},
      {.rule = &privileged_,
       .status = RuleStatus::kFail,
       .project = "app/compose.yaml",
       .service = "web",
       .profiles = {"debug", "test"}},
      {.rule = &privileged_, .status = RuleStatus::kFail, .project = "app/compose.yaml", .service = "db"},
      {.rule = &icc_, .status = RuleStatus::kPass},
  };
  // Ordered by control (2.1, 5.4, 5.17), services in the project's order within one; the fix once after
  // the last row of a control that failed; an info rule that fires is WARN, as on the host side.
  EXPECT_EQ(Table(outcomes),
            "\nControls of cis-docker-1.13.0:\n"
            "[PASS]  2.1    DKL1001  icc-enabled\n"
            "[FAIL]  5.4    DKL6001  compose-privileged-container  service web (profile debug, test)\n"
            "[FAIL]  5.4    DKL6001  compose-privileged-container  service db\n"
            "               * Remove `privileged`.\n"
            "[WARN]  5.17   DKL6014  compose-host-device           service web (profile debug, test)\n"
            "[PASS]  5.17   DKL6014  compose-host-device           service db\n"
            "               * Keep only the devices the service needs.\n"
            "\n== 2 PASS, 2 FAIL, 1 WARN, 0 INFO, 0 N/A ==\n");
  EXPECT_EQ(Table(outcomes, /*remediations=*/false).find("               * "), std::string::npos);
}

TEST_F(SummaryTest, RowsNameTheProjectWhenThereAreSeveral) {
  std::vector<RuleOutcome> outcomes = {
      {.rule = &privileged_, .status = RuleStatus::kPass, .project = "a/compose.yaml", .service = "web"},
      {.rule = &privileged_, .status = RuleStatus::kNotApplicable, .project = "b/docker-compose.yml"},
      {.rule = &privileged_,
       .status = RuleStatus::kFail,
       .project = "c/compose.yaml",
       .service = "web",
       .profiles = {"ops"}},
  };
  std::vector<ControlRow> rows = BuildControlRows(outcomes, "cis-docker-1.13.0");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].subject, "a/compose.yaml: service web");
  EXPECT_EQ(rows[1].subject, "project b/docker-compose.yml");  // no service judged: the project as a whole
  EXPECT_EQ(rows[2].subject, "c/compose.yaml: service web (profile ops)");
  EXPECT_EQ(rows[2].control, "5.4");
  EXPECT_EQ(rows[2].status, "FAIL");
  EXPECT_EQ(rows[2].profiles, std::vector<std::string>{"ops"});
  // One project: its path is said once, in the findings, not on every row.
  EXPECT_EQ(BuildControlRows({outcomes[0]}, "cis-docker-1.13.0")[0].subject, "service web");
}

TEST_F(SummaryTest, HostRowsKeepTheirFormat) {
  EXPECT_EQ(Table({{.rule = &icc_, .status = RuleStatus::kFail}}),
            "\nControls of cis-docker-1.13.0:\n"
            "[FAIL]  2.1    DKL1001  icc-enabled\n"
            "               * Set \"icc\": false.\n"
            "\n== 0 PASS, 1 FAIL, 0 WARN, 0 INFO, 0 N/A ==\n");
}

// End to end: the compose rules' outcomes come from the findings they report, per service.
class ComposeSummaryTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-summary-" + std::to_string(::getpid()) + "-" +
                                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Project(const std::string& name, const std::string& compose) {
    fs::create_directories(dir_ / name);
    std::ofstream(dir_ / name / "compose.yaml") << compose;
    return "'" + (dir_ / name).string() + "'";
  }
  // `docklint --summary` of two stable rules (privileged: error; host devices: info) on `args`.
  test_support::CommandResult Summary(const std::string& args) {
    return test_support::RunDocklint("--summary --benchmark cis-docker-1.13.0 --check 5.4,5.17 " + args);
  }

  fs::path dir_;
};

constexpr char kApp[] =
    "services:\n"
    "  web:\n"
    "    image: nginx:1.27\n"
    "    privileged: true\n"
    "    profiles: [debug]\n"
    "  db:\n"
    "    image: postgres:16\n"
    "    devices:\n"
    "      - /dev/fuse\n";

TEST_F(ComposeSummaryTest, TheTableHasARowPerServiceOfEachSelectedControl) {
  std::string output = Summary(Project("app", kApp)).output;
  std::string table = output.substr(output.find("\nControls of"));
  EXPECT_EQ(
      table,
      "\nControls of cis-docker-1.13.0:\n"
      "[FAIL]  5.4    DKL6001  compose-privileged-container  service web (profile debug)\n"
      "[PASS]  5.4    DKL6001  compose-privileged-container  service db\n"
      "               * Remove `privileged` and grant only what the service needs: `cap_add` for single "
      "capabilities, `devices` for single devices.\n"
      "[PASS]  5.17   DKL6014  compose-host-device           service web (profile debug)\n"
      "[WARN]  5.17   DKL6014  compose-host-device           service db\n"
      "               * Keep only the devices the service needs, with the least permissions "
      "(`/dev/ttyUSB0:/dev/ttyUSB0:r`).\n"
      "\n== 2 PASS, 1 FAIL, 1 WARN, 0 INFO, 0 N/A ==\n")
      << output;
}

TEST_F(ComposeSummaryTest, JsonControlsCarryProjectServiceAndProfiles) {
  std::string app = Project("app", kApp);
  std::string refused = Project("refused", "services:\n  web: [\n");
  std::string empty = Project("empty", "name: nothing\n");
  nlohmann::json report =
      nlohmann::json::parse(Summary("--format json " + app + " " + refused + " " + empty).output, nullptr,
                            /*allow_exceptions=*/false);
  ASSERT_TRUE(report.is_object());
  std::vector<std::string> rows;
  for (const nlohmann::json& row : report["controls"]) {
    std::string project = row.value("project", "");
    rows.push_back(row["control"].get<std::string>() + " " + row["status"].get<std::string>() + " " +
                   project.substr(project.rfind('/', project.rfind('/') - 1) + 1) + " " +
                   row.value("service", "-") + " " + row.value("profiles", nlohmann::json::array()).dump());
  }
  // A project docker compose refuses before it is built, and one without services, judge no service: N/A for
  // the project. Projects come in the order the run sorts its jobs (by path).
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "5.4 FAIL app/compose.yaml web [\"debug\"]",
                      "5.4 PASS app/compose.yaml db []",
                      "5.4 N/A empty/compose.yaml - []",
                      "5.4 N/A refused/compose.yaml - []",
                      "5.17 PASS app/compose.yaml web [\"debug\"]",
                      "5.17 WARN app/compose.yaml db []",
                      "5.17 N/A empty/compose.yaml - []",
                      "5.17 N/A refused/compose.yaml - []",
                  }))
      << report["controls"].dump(2);
}

}  // namespace
}  // namespace docklint::report
