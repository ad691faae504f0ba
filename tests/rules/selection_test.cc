#include "rules/selection.h"

#include <gtest/gtest.h>

namespace docklint::rules {
namespace {

std::vector<std::string> Selected(const Selection& selection, std::string* error = nullptr) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  EXPECT_TRUE(ruleset.LoadBuiltin(&errors));
  std::vector<const Rule*> rules;
  std::string message;
  bool ok = SelectRules(ruleset, selection, &rules, &message);
  if (error != nullptr) *error = message;
  std::vector<std::string> ids;
  if (ok) {
    for (const Rule* rule : rules) ids.push_back(rule->id);
  }
  return ids;
}

Selection Make(std::string benchmark, std::vector<std::string> checks = {},
               std::vector<std::string> select = {}, std::vector<std::string> ignore = {}) {
  Selection selection;
  selection.benchmark = std::move(benchmark);
  selection.checks = std::move(checks);
  selection.select = std::move(select);
  selection.ignore = std::move(ignore);
  return selection;
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(SelectionTest, DefaultRunLeavesManualControlsOut) {
  std::vector<std::string> ids = Selected({});
  EXPECT_TRUE(Has(ids, "DKL1001"));
  EXPECT_TRUE(Has(ids, "DKL0001"));
  EXPECT_FALSE(Has(ids, "DKL1020"));  // manual
  EXPECT_FALSE(Has(ids, "DKL1022"));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(SelectionTest, BenchmarkPicksItsControlsAndTheirNumbering) {
  std::vector<std::string> v13 = Selected(Make("cis-docker-1.13.0"));
  EXPECT_TRUE(Has(v13, "DKL1021"));   // 2.13 legacy registry, manual but asked for
  EXPECT_TRUE(Has(v13, "DKL1022"));   // swarm
  EXPECT_FALSE(Has(v13, "DKL1014"));  // no-new-privileges is not in 1.13
  EXPECT_FALSE(Has(v13, "DKL1019"));  // devicemapper is 1.8 only
  EXPECT_TRUE(Has(v13, "DKL0001"));   // input errors always count
  std::vector<std::string> v18 = Selected(Make("cis-docker-1.8.0"));
  EXPECT_TRUE(Has(v18, "DKL1019"));
  EXPECT_EQ(Selected(Make("cis-docker-1.7.0")), Selected(Make("cis-docker-1.6.0")));
  std::vector<std::string> sse = Selected(Make("sse-sec-app-docker"));
  EXPECT_TRUE(Has(sse, "DKL1003"));
  EXPECT_FALSE(Has(sse, "DKL1002"));
}

TEST(SelectionTest, CheckSelectAndIgnore) {
  std::vector<std::string> two = Selected(Make("cis-docker-1.6.0", {"2.2", "2.5"}));
  EXPECT_TRUE(Has(two, "DKL1001"));
  EXPECT_TRUE(Has(two, "DKL1005"));
  EXPECT_FALSE(Has(two, "DKL1007"));
  EXPECT_EQ(Selected(Make("", {}, {"icc-enabled", "DKL1005"})),
            (std::vector<std::string>{"DKL1001", "DKL1005"}));
  std::vector<std::string> prefix = Selected(Make("", {}, {"DKL20"}));
  EXPECT_TRUE(Has(prefix, "DKL2001"));
  EXPECT_FALSE(Has(prefix, "DKL1001"));
  EXPECT_FALSE(Has(Selected(Make("", {}, {}, {"icc-enabled"})), "DKL1001"));
}

// Opt-in rules (absence-based controls such as "no memory limit") are selected the way manual controls are.
TEST(SelectionTest, OptInRulesRunOnlyWhenAskedFor) {
  std::vector<std::string> plain = Selected({});
  EXPECT_TRUE(Has(plain, "DKL6018"));   // PIDs explicitly unlimited: on by default
  EXPECT_FALSE(Has(plain, "DKL6022"));  // no memory limit: opt-in
  EXPECT_FALSE(Has(plain, "DKL6028"));
  EXPECT_TRUE(Has(Selected(Make("", {}, {"DKL6022"})), "DKL6022"));
  EXPECT_TRUE(Has(Selected(Make("", {}, {"compose-memory-unlimited"})), "DKL6022"));
  std::vector<std::string> prefix = Selected(Make("", {}, {"DKL6"}));
  EXPECT_TRUE(Has(prefix, "DKL6022"));
  EXPECT_TRUE(Has(prefix, "DKL6029"));
  EXPECT_FALSE(Has(Selected(Make("", {}, {"DKL6"}, {"DKL6022"})), "DKL6022"));  // --ignore still wins
  // A benchmark that references them, all of it or one control.
  EXPECT_TRUE(Has(Selected(Make("cis-docker-1.6.0")), "DKL6022"));
  EXPECT_TRUE(Has(Selected(Make("cis-docker-1.13.0")), "DKL6022"));
  EXPECT_TRUE(Has(Selected(Make("cis-docker-1.6.0", {"5.11"})), "DKL6022"));
  EXPECT_TRUE(Has(Selected(Make("cis-docker-1.13.0", {"5.10"})), "DKL6022"));
  EXPECT_FALSE(Has(Selected(Make("cis-docker-1.6.0", {"5.12"})), "DKL6022"));
  // --summary asks for manual controls, and for the opt-in rules that are controls: the summary is the
  // benchmark's table, and a control left out of it would look as if docklint did not check it. An opt-in
  // rule that is no control stays off: ShellCheck would run a program per Dockerfile of the repository.
  Selection summary;
  summary.include_manual = true;
  std::vector<std::string> all = Selected(summary);
  EXPECT_TRUE(Has(all, "DKL6022"));
  EXPECT_TRUE(Has(all, "DKL1020"));  // manual
  EXPECT_FALSE(Has(all, "DKL3260"));
  // --list-rules shows every rule.
  Selection listing;
  listing.include_manual = listing.include_opt_in = true;
  EXPECT_TRUE(Has(Selected(listing), "DKL3260"));
}

TEST(SelectionTest, MistakesAreErrors) {
  std::string error;
  EXPECT_TRUE(Selected(Make("cis-docker-9.9"), &error).empty());
  EXPECT_NE(error.find("unknown benchmark 'cis-docker-9.9'"), std::string::npos);
  Selected(Make("", {"2.2"}), &error);
  EXPECT_NE(error.find("give --benchmark too"), std::string::npos);
  Selected(Make("cis-docker-1.6.0", {"9.9"}), &error);
  EXPECT_NE(error.find("no control '9.9'"), std::string::npos);
  Selected(Make("", {}, {"icc-enabeld"}), &error);
  EXPECT_NE(error.find("--select: no rule is named or numbered 'icc-enabeld'"), std::string::npos);
}

}  // namespace
}  // namespace docklint::rules
