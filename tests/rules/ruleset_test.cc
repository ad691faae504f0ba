#include "rules/ruleset.h"

#include <gtest/gtest.h>

#include <regex>

namespace docklint::rules {
namespace {

std::string LoadError(std::string_view text) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  EXPECT_FALSE(ruleset.Load("user.toml", text, &errors));
  return errors.empty() ? "" : errors.front();
}

TEST(RulesetTest, BuiltinRulesetsLoad) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors)) << errors.front();
  const Rule* icc = ruleset.FindByName("icc-enabled");
  ASSERT_NE(icc, nullptr);
  EXPECT_EQ(icc->id, "DKL1001");
  EXPECT_EQ(icc->severity, base::Severity::kWarning);
  ASSERT_TRUE(icc->test.has_value());
  EXPECT_EQ(icc->test->items[0].setting, "icc");
  EXPECT_EQ(ruleset.FindById("DKL1007")->check, "tcp-host-without-tls");
}

// The catalog of built-in rules: every rule documented, named and referenced in the agreed forms.
TEST(RulesetTest, EveryBuiltinRuleIsDocumentedAndWellFormed) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::regex name_form("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::regex reference_form(
      "^(cis-docker-1\\.(6|7|8|13)\\.0|sse-sec-app-docker|hadolint|buildkit|trivy):.+$");
  for (const Rule& rule : ruleset.rules()) {
    EXPECT_TRUE(std::regex_match(rule.name, name_form)) << rule.id;
    EXPECT_FALSE(rule.docs.what.empty()) << rule.id << " lacks docs.what";
    EXPECT_FALSE(rule.docs.why.empty()) << rule.id << " lacks docs.why";
    EXPECT_FALSE(rule.docs.fix.empty()) << rule.id << " lacks docs.fix";
    for (const std::string& ref : rule.references) EXPECT_TRUE(std::regex_match(ref, reference_form)) << ref;
    if (!rule.reported_by_parser) {
      EXPECT_FALSE(rule.references.empty()) << rule.id << " has no references";
    }
  }
}

TEST(RulesetTest, MalformedRulesetsAreErrorsWithTheirPlace) {
  EXPECT_EQ(LoadError("[[rule]\nid = 1\n"),
            "user.toml:1:8: error: Error while parsing table header: expected ']', saw '\\n'");
  EXPECT_EQ(LoadError("[[rule]]\nid = \"DKL9\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n"),
            "user.toml:2:6: error: rule id 'DKL9' must be DKL followed by 4 digits");
  EXPECT_EQ(LoadError("[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"fatal\"\n"),
            "user.toml:5:12: error: severity must be error, warning, info or style");
  EXPECT_EQ(LoadError("[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n"
                      "test = { setting = \"icc\", compare = { op = \"like\", value = \"x\" } }\n"),
            "user.toml:6:44: error: unknown compare op 'like'");
  EXPECT_EQ(LoadError("[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n"
                      "check = \"no-such-check\"\n"),
            "user.toml:6:9: error: no C++ check named 'no-such-check'");
  EXPECT_EQ(
      LoadError("[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n"),
      "user.toml:1:1: error: rule DKL9001 needs exactly one of 'test', 'check', 'reported_by_parser' (or "
      "'manual')");
  EXPECT_EQ(LoadError("[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n"
                      "test = { setting = \"icc\", compare = { op = \"regex\", value = \"(\" } }\n")
                .substr(0, 36),
            "user.toml:6:61: error: invalid regex");
}

TEST(RulesetTest, ParamsAChecksCannotUseAreErrors) {
  const std::string head = "[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"error\"\n";
  EXPECT_EQ(
      LoadError(head +
                "check = \"file-permissions\"\nparams = { path = \"/etc/docker\", max_mode = \"0o644\" }\n"),
      "user.toml:7:10: error: max_mode '0o644' is not an octal mode such as 644");
  EXPECT_EQ(LoadError(head + "check = \"file-permissions\"\nparams = { path = \"/etc/docker\" }\n"),
            "user.toml:7:10: error: needs exactly one of max_mode, owner");
  EXPECT_EQ(LoadError(head + "check = \"audit-watch\"\nparams = { pth = \"/etc/docker\" }\n"),
            "user.toml:7:10: error: unknown param 'pth' (this check takes path, path_setting, path_from, "
            "if_present)");
  EXPECT_EQ(LoadError(head + "check = \"audit-watch\"\nparams = { path_setting = \"data_root\" }\n"),
            "user.toml:7:10: error: path_setting 'data_root' is not a daemon.json key");
  EXPECT_EQ(LoadError(head + "check = \"docker-socket-mode\"\nparams = { mode = \"600\" }\n"),
            "user.toml:7:10: error: check 'docker-socket-mode' takes no params");
}

TEST(RulesetTest, IdsAndNamesAreNeverReused) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  EXPECT_FALSE(
      ruleset.Load("user.toml",
                   "[[rule]]\nid = \"DKL1001\"\nname = \"mine\"\ntitle = \"t\"\nseverity = \"error\"\n"
                   "test = { setting = \"icc\", set = false }\n",
                   &errors));
  EXPECT_EQ(errors.back(),
            "user.toml:1:1: error: rule id DKL1001 is already defined in rulesets/cis-docker-daemon.toml");
}

}  // namespace
}  // namespace docklint::rules
