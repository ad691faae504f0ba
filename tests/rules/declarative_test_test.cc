#include "rules/declarative_test.h"

#include <gtest/gtest.h>

#include <chrono>

#include "parsers/daemon_json.h"
#include "rules/ruleset.h"

namespace docklint::rules {
namespace {

bool Passes(std::string op, std::string expected, std::string actual) {
  TestItem item{"x", std::nullopt, op, expected, std::nullopt};
  if (op == "regex") item.regex.emplace(expected, kRegexFlags);
  return Compare(item, actual);
}

TEST(DeclarativeTestTest, OperatorsFollowDockerBench) {
  EXPECT_TRUE(Passes("eq", "false", "False"));  // bools compare case-insensitively
  EXPECT_FALSE(Passes("eq", "Info", "info"));   // other text exactly
  EXPECT_TRUE(Passes("noteq", "aufs", "overlay2"));
  EXPECT_TRUE(Passes("gt", "5", "10"));
  EXPECT_FALSE(Passes("gt", "5", "x"));  // not a number: fails
  EXPECT_TRUE(Passes("gte", "5", "5"));
  EXPECT_TRUE(Passes("lt", "5", "4"));
  EXPECT_TRUE(Passes("lte", "5", "5"));
  EXPECT_TRUE(Passes("has", "dm.basesize", "dm.basesize=20G,x"));
  EXPECT_TRUE(Passes("nothave", "dm.basesize", "overlay2.size=1G"));
  EXPECT_TRUE(Passes("regex", "^tcp://", "tcp://0.0.0.0:2375"));
  EXPECT_TRUE(Passes("valid_elements", "a, b,c", "c,a"));
  EXPECT_FALSE(Passes("valid_elements", "a,b", "a,d"));
  EXPECT_TRUE(Passes("valid_elements", "", ""));
  EXPECT_FALSE(Passes("valid_elements", "a", ""));
  EXPECT_TRUE(Passes("bitmask", "644", "640"));
  EXPECT_FALSE(Passes("bitmask", "644", "664"));
}

TEST(DeclarativeTestTest, ValueTextJoinsListsAndMaps) {
  EXPECT_EQ(ValueText(nlohmann::json::array({"a", "b"})), "a,b");
  EXPECT_EQ(ValueText(nlohmann::json({{"max-size", "10m"}})), "max-size=10m");
  EXPECT_EQ(ValueText(true), "true");
  EXPECT_EQ(ValueText(3), "3");
}

struct Evaluated {
  std::vector<base::Finding> findings;
};

std::vector<base::Finding> Evaluate(const char* rule_toml, const char* daemon_json) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  EXPECT_TRUE(ruleset.Load("t.toml", rule_toml, &errors)) << (errors.empty() ? "" : errors[0]);
  base::SourceFile file("daemon.json", daemon_json);
  base::Diagnostics diagnostics;
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(file, &diagnostics);
  model::HostConfig config;
  if (parsed.root) config.AddDaemonJson(*parsed.root, &diagnostics);
  std::vector<base::Finding> findings;
  EvaluateTest(ruleset.rules().front(), config, &findings);
  for (base::Finding& f : findings) f.location.file.clear();  // the SourceFile dies here
  return findings;
}

constexpr char kRuleHeader[] =
    "[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n";

TEST(DeclarativeTestTest, DefaultsDecideWhenNothingSetsTheSetting) {
  std::string rule = std::string(kRuleHeader) + "message = \"icc={value}\"\n" +
                     "test = { setting = \"icc\", compare = { op = \"eq\", value = \"false\" } }\n";
  std::vector<base::Finding> unset = Evaluate(rule.c_str(), "{\n  \"debug\": true\n}");
  ASSERT_EQ(unset.size(), 1u);
  EXPECT_EQ(unset[0].message, "icc=true (nothing sets \"icc\", so dockerd's default applies)");
  EXPECT_EQ(unset[0].location.range.begin, (base::Position{1, 1}));
  EXPECT_TRUE(Evaluate(rule.c_str(), "{\"icc\": false}").empty());
  std::vector<base::Finding> set = Evaluate(rule.c_str(), "{\n  \"icc\": true\n}");
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].message, "icc=true");
  EXPECT_EQ(set[0].location.range, (base::Range{{2, 3}, {2, 14}}));
  // A value dockerd rejects is left to the type error: no verdict on a default that never applies.
  EXPECT_TRUE(Evaluate(rule.c_str(), "{\"icc\": \"true\"}").empty());
}

TEST(DeclarativeTestTest, SetFalseReportsEveryListElementAtItsPlace) {
  std::string rule = std::string(kRuleHeader) + "message = \"insecure {value}\"\n" +
                     "test = { setting = \"insecure-registries\", set = false }\n";
  std::vector<base::Finding> found =
      Evaluate(rule.c_str(), "{\"insecure-registries\": [\"a:1\",\n  \"b:2\"]}");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message, "insecure a:1");
  EXPECT_EQ(found[1].message, "insecure b:2");
  EXPECT_EQ(found[1].location.range.begin, (base::Position{2, 3}));
  EXPECT_TRUE(Evaluate(rule.c_str(), "{\"insecure-registries\": []}").empty());
  EXPECT_TRUE(Evaluate(rule.c_str(), "{}").empty());
}

// Fuzzer find: std::regex's default executor recursed once per character of the value, so a 15 KB
// string in daemon.json overflowed the stack; it also backtracked exponentially on (a+)+.
TEST(DeclarativeTestTest, RegexCopesWithLongAndHostileValues) {
  std::string rule =
      std::string(kRuleHeader) +
      "test = { setting = \"log-driver\", compare = { op = \"regex\", value = \"^(a|b)*$\" } }\n";
  std::string long_value = "{\"log-driver\": \"" + std::string(1 << 20, 'a') + "\"}";
  EXPECT_TRUE(Evaluate(rule.c_str(), long_value.c_str()).empty());
  EXPECT_EQ(Evaluate(rule.c_str(), "{\"log-driver\": \"abc\"}").size(), 1u);
  std::string nested =
      std::string(kRuleHeader) +
      "test = { setting = \"log-driver\", compare = { op = \"regex\", value = \"^(a+)+$\" } }\n";
  std::string hostile = "{\"log-driver\": \"" + std::string(64, 'a') + "!\"}";
  EXPECT_EQ(Evaluate(nested.c_str(), hostile.c_str()).size(), 1u);
}

TEST(DeclarativeTestTest, RegexBackReferencesAreRefusedAtLoad) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  std::string rule =
      std::string(kRuleHeader) +
      "test = { setting = \"log-driver\", compare = { op = \"regex\", value = \"(a)\\\\1\" } }\n";
  EXPECT_FALSE(ruleset.Load("t.toml", rule, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("invalid regex"), std::string::npos) << errors[0];
}

// Found by scaling the inputs: each element's finding copied the whole list's text first (quadratic).
TEST(DeclarativeTestTest, ALongListGetsOneFindingPerElementInLinearTime) {
  std::string rule = std::string(kRuleHeader) + "message = \"insecure {value}\"\n" +
                     "test = { setting = \"insecure-registries\", set = false }\n";
  std::string json = "{\"insecure-registries\": [";
  for (int i = 0; i < 50000; ++i) json += (i ? ", \"r" : "\"r") + std::to_string(i) + ":5000\"";
  json += "]}";
  auto start = std::chrono::steady_clock::now();
  std::vector<base::Finding> found = Evaluate(rule.c_str(), json.c_str());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(found.size(), 50000u);
  EXPECT_EQ(found[49999].message, "insecure r49999:5000");
  EXPECT_LT(took.count(), 10);
}

TEST(DeclarativeTestTest, BinOpCombinesItems) {
  std::string any =
      std::string(kRuleHeader) +
      "test = { bin_op = \"or\", items = [ { setting = \"log-driver\", compare = { op = \"eq\", "
      "value = \"syslog\" } }, { setting = \"log-driver\", compare = { op = \"eq\", value = "
      "\"journald\" } } ] }\n";
  EXPECT_TRUE(Evaluate(any.c_str(), "{\"log-driver\": \"journald\"}").empty());
  EXPECT_EQ(Evaluate(any.c_str(), "{\"log-driver\": \"json-file\"}").size(), 1u);
  std::string all =
      std::string(kRuleHeader) +
      "test = { items = [ { setting = \"live-restore\", compare = { op = \"eq\", value = \"true\" } "
      "}, { setting = \"userland-proxy\", compare = { op = \"eq\", value = \"false\" } } ] }\n";
  EXPECT_TRUE(Evaluate(all.c_str(), "{\"live-restore\": true, \"userland-proxy\": false}").empty());
  EXPECT_EQ(Evaluate(all.c_str(), "{\"live-restore\": true}").size(), 1u);
}

}  // namespace
}  // namespace docklint::rules
