#include "rules/ruleset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "base/source_file.h"
#include "rules/ruleset_codegen.h"

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

// The rules compiled into the binary are the rules of rulesets/*.toml, field for field: compiled out
// again, both give the same C++.
TEST(RulesetTest, CompiledInRulesAreTheRulesetFiles) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(DOCKLINT_SOURCE_DIR "/rulesets"))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  Ruleset from_toml;
  std::vector<std::string> errors;
  for (const std::filesystem::path& file : files) {
    std::string text, error;
    ASSERT_TRUE(base::ReadFileToString(file.string(), &text, &error)) << error;
    from_toml.Load("rulesets/" + file.filename().string(), text, &errors);
  }
  ASSERT_TRUE(errors.empty()) << errors.front();
  Ruleset builtin;
  ASSERT_TRUE(builtin.LoadBuiltin(&errors));
  ASSERT_GT(builtin.rules().size(), 100u);
  EXPECT_EQ(RulesToCpp(builtin.rules()), RulesToCpp(from_toml.rules()));
}

TEST(RulesetTest, CodegenWritesAnyBytesAsAPlainLiteral) {
  Rule rule;
  rule.id = "DKL9999";
  rule.title = "quote \" backslash \\ newline \n tab \t trigraph ?\?= utf8 \xc3\xa9";
  std::string code = RulesToCpp({rule});
  EXPECT_NE(
      code.find(R"(r.title = "quote \" backslash \\ newline \n tab \011 trigraph \077\077= utf8 \303\251";)"),
      std::string::npos)
      << code;
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

TEST(RulesetTest, OptInIsABooleanRuleField) {
  const std::string head =
      "[[rule]]\nid = \"DKL9001\"\nname = \"x\"\ntitle = \"t\"\nseverity = \"info\"\n"
      "check = \"compose-root-user\"\n";
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.Load("user.toml", head + "opt_in = true\n", &errors)) << errors.front();
  EXPECT_TRUE(ruleset.FindById("DKL9001")->opt_in);
  EXPECT_EQ(LoadError(head + "opt_in = \"yes\"\n"), "user.toml:7:10: error: 'opt_in' must be true or false");
  Ruleset builtin;
  ASSERT_TRUE(builtin.LoadBuiltin(&errors));
  EXPECT_TRUE(builtin.FindById("DKL6022")->opt_in);
  EXPECT_FALSE(builtin.FindById("DKL6018")->opt_in);
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
  // A path_from that names no role the host model fills would make the rule silently N/A.
  EXPECT_EQ(LoadError(head + "check = \"audit-watch\"\nparams = { path_from = \"docker.servce\" }\n"),
            "user.toml:7:10: error: path_from 'docker.servce' names no file the host model finds (it takes "
            "daemon.json, docker.service, docker.socket, dockerd)");
  EXPECT_EQ(LoadError(head + "check = \"docker-socket-mode\"\nparams = { mode = \"600\" }\n"),
            "user.toml:7:10: error: check 'docker-socket-mode' takes no params");
  EXPECT_EQ(
      LoadError(head +
                "check = \"compose-resource-limit\"\nparams = { resource = \"disk\", when = \"missing\" }\n"),
      "user.toml:7:10: error: needs resource = \"memory\", \"cpu\" or \"pids\"");
  EXPECT_EQ(
      LoadError(head +
                "check = \"compose-resource-limit\"\nparams = { resource = \"pids\", when = \"absent\" }\n"),
      "user.toml:7:10: error: when takes \"unlimited\" and \"missing\", not 'absent'");
  EXPECT_EQ(LoadError(head + "check = \"compose-published-port\"\nparams = { when = \"public\" }\n"),
            "user.toml:7:10: error: takes one param, when = \"all-interfaces\" or \"privileged-port\"");
  EXPECT_EQ(
      LoadError(head +
                "check = \"compose-service-setting\"\nparams = { key = \"read_only\", when = \"false\" }\n"),
      "user.toml:7:10: error: when takes \"true\" (the setting is enabled), \"set\" (it has a value) or "
      "\"not-true\" (it is missing or false)");
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
