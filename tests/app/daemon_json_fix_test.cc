#include "app/daemon_json_fix.h"

#include <gtest/gtest.h>

#include "base/text_edit.h"
#include "model/host_builder.h"

namespace docklint::app {
namespace {

std::optional<std::string> Fix(const std::string& text, const DaemonJsonEdits& edits, std::string* error) {
  base::SourceFile file("daemon.json", text);
  base::Diagnostics diagnostics;
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(file, &diagnostics);
  EXPECT_TRUE(parsed.root.has_value());
  return FixDaemonJson(file, *parsed.root, edits, error);
}

TEST(DaemonJsonFixTest, KeepsOrderIndentationAndEverythingElse) {
  std::string error;
  DaemonJsonEdits edits{{{"icc", "false"}, {"live-restore", "true"}}, {}};
  EXPECT_EQ(Fix("{\n\t\"icc\": true,\n\t\"debug\": true\n}\n", edits, &error),
            "{\n\t\"icc\": false,\n\t\"debug\": true,\n\t\"live-restore\": true\n}\n");
  EXPECT_EQ(Fix("{ \"debug\": true }", edits, &error),
            "{ \"debug\": true, \"icc\": false, \"live-restore\": true }");
  EXPECT_EQ(Fix("{}", edits, &error), "{\n  \"icc\": false,\n  \"live-restore\": true\n}");
  // A duplicate key: dockerd reads the last, so every copy gets the value.
  EXPECT_EQ(Fix("{\"icc\": true, \"icc\": true}", edits, &error),
            "{\"icc\": false, \"icc\": false, \"live-restore\": true}");
}

TEST(DaemonJsonFixTest, RemovesMembersWithTheirSeparator) {
  std::string error;
  DaemonJsonEdits remove{{}, {"insecure-registries"}};
  EXPECT_EQ(Fix("{\n  \"insecure-registries\": [\"a:5000\"],\n  \"debug\": true\n}", remove, &error),
            "{\n  \"debug\": true\n}");
  EXPECT_EQ(Fix("{\"debug\": true, \"insecure-registries\": []}", remove, &error), "{\"debug\": true}");
  EXPECT_EQ(Fix("{\"insecure-registries\": []}", remove, &error), "{}");
  // When every member goes, the added ones take their place.
  DaemonJsonEdits both{{{"icc", "false"}, {"live-restore", "true"}}, {"insecure-registries"}};
  EXPECT_EQ(Fix("{\"insecure-registries\": []}", both, &error), "{\"icc\": false, \"live-restore\": true}");
  EXPECT_EQ(Fix("{\n\t\"insecure-registries\": [\n\t\t\"a:5000\"\n\t]\n}\n", both, &error),
            "{\n\t\"icc\": false,\n\t\"live-restore\": true\n}\n");
  // Duplicates next to each other go as one run, first or not.
  EXPECT_EQ(
      Fix("{\"insecure-registries\": [], \"insecure-registries\": [\"a\"], \"debug\": true}", remove, &error),
      "{\"debug\": true}");
  EXPECT_EQ(
      Fix("{\"debug\": true, \"insecure-registries\": [], \"insecure-registries\": [\"a\"]}", remove, &error),
      "{\"debug\": true}");
}

TEST(DaemonJsonFixTest, EditsAreMinimal) {
  std::string text = "{\n  \"icc\": true,\n  \"insecure-registries\": [\"a:5000\"],\n  \"debug\": true\n}\n";
  base::SourceFile file("daemon.json", text);
  base::Diagnostics diagnostics;
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(file, &diagnostics);
  ASSERT_TRUE(parsed.root.has_value());
  auto edits = [&](const DaemonJsonEdits& change) {
    std::string error;
    std::optional<std::vector<base::TextEdit>> result =
        DaemonJsonTextEdits(file, *parsed.root, change, &error);
    EXPECT_TRUE(result) << error;
    return result.value_or(std::vector<base::TextEdit>{});
  };
  using Edits = std::vector<base::TextEdit>;
  EXPECT_EQ(edits({{{"icc", "false"}}, {}}), (Edits{{{{2, 10}, {2, 14}}, "false"}}));
  EXPECT_EQ(edits({{{"live-restore", "true"}}, {}}),
            (Edits{{{{4, 16}, {4, 16}}, ",\n  \"live-restore\": true"}}));
  EXPECT_EQ(edits({{}, {"insecure-registries"}}), (Edits{{{{2, 14}, {3, 36}}, ""}}));
}

// Findings as the host rules would place them (the rules themselves put DKL1001 at the flag when one sets
// icc): the conditions are checked on the model, whatever the rules do.
base::Finding FindingAt(const std::string& rule, const base::SourceFile& file) {
  base::Finding f;
  f.rule_id = rule;
  f.location = base::Location::Of({&file, 1, 7});
  return f;
}

TEST(DaemonJsonFixTest, AttachesAFixOnlyWhereItIsCertain) {
  base::SourceFile json("/etc/docker/daemon.json", "{\"debug\": true}\n");
  base::SourceFile unit("/lib/systemd/system/docker.service",
                        "[Service]\nExecStart=/usr/bin/dockerd --icc=true -H fd://\n");
  model::HostModel host =
      model::BuildHostModel({{model::InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit},
                             {model::InputKind::kDaemonJson, "/etc/docker/daemon.json", &json}},
                            {});
  ASSERT_TRUE(host.daemon_json_root.has_value());
  std::vector<base::Finding> findings = {FindingAt("DKL1001", json),  // a flag sets icc
                                         FindingAt("DKL1015", json),  // certain
                                         FindingAt("DKL1016", json),  // fires in the unit too
                                         FindingAt("DKL1016", unit), FindingAt("DKL3015", json)};
  AttachDaemonJsonFixes(host, &findings);
  EXPECT_TRUE(findings[0].fixes.empty());
  ASSERT_EQ(findings[1].fixes.size(), 1u);
  EXPECT_EQ(
      findings[1].fixes[0],
      (base::Fix{"Set \"live-restore\" to true", {{{{1, 15}, {1, 15}}, ", \"live-restore\": true"}}, false}));
  std::string error;
  EXPECT_EQ(base::ApplyTextEdits(json, findings[1].fixes[0].edits, &error),
            "{\"debug\": true, \"live-restore\": true}\n");
  for (size_t i = 2; i < findings.size(); ++i) EXPECT_TRUE(findings[i].fixes.empty()) << i;
}

TEST(DaemonJsonFixTest, RefusesWhatItCannotDoSafely) {
  std::string error;
  base::SourceFile file("daemon.json", "[1]");
  base::Diagnostics diagnostics;
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(file, &diagnostics);
  if (parsed.root) {
    EXPECT_FALSE(FixDaemonJson(file, *parsed.root, {{{"icc", "false"}}, {}}, &error));
    EXPECT_EQ(error, "the top level is not an object");
  }
}

}  // namespace
}  // namespace docklint::app
