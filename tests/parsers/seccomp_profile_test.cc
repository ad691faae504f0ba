#include "parsers/seccomp_profile.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "testing/rule_of.h"

namespace docklint::parsers {
namespace {

struct Parsed {
  std::unique_ptr<base::SourceFile> file;
  SeccompProfile profile;
  base::Diagnostics diagnostics;
};

Parsed Parse(std::string content) {
  Parsed parsed;
  parsed.file = std::make_unique<base::SourceFile>("seccomp.json", std::move(content));
  parsed.profile = ParseSeccompProfile(*parsed.file, &parsed.diagnostics);
  return parsed;
}

TEST(SeccompProfileTest, ReadsTheDefaultActionAndCountsBlockingRules) {
  Parsed parsed = Parse(R"({
  "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    {"names": ["keyctl", "add_key"], "action": "SCMP_ACT_ERRNO"},
    {"names": ["read"], "action": "SCMP_ACT_LOG"}
  ]
})");
  EXPECT_TRUE(parsed.diagnostics.empty());
  ASSERT_TRUE(parsed.profile.root);
  ASSERT_TRUE(parsed.profile.default_action);
  EXPECT_EQ(*parsed.profile.default_action, "SCMP_ACT_ALLOW");
  EXPECT_EQ(parsed.profile.default_action_span.text(), "\"SCMP_ACT_ALLOW\"");
  EXPECT_EQ(parsed.profile.blocking_rules, 1);
  EXPECT_EQ(parsed.profile.syscall_rules, 2);
}

// Go's json.Unmarshal matches struct fields without regard to case; the last match wins.
TEST(SeccompProfileTest, FieldsMatchWithoutRegardToCase) {
  Parsed parsed = Parse(R"({"defaultAction": "SCMP_ACT_ERRNO", "DEFAULTACTION": "SCMP_ACT_LOG"})");
  ASSERT_TRUE(parsed.profile.default_action);
  EXPECT_EQ(*parsed.profile.default_action, "SCMP_ACT_LOG");
}

TEST(SeccompProfileTest, NullAndEmptyObjectsDecodeWithoutAnAction) {
  for (const char* text : {"null", "{}", "{\"defaultAction\": null}"}) {
    Parsed parsed = Parse(text);
    EXPECT_TRUE(parsed.diagnostics.empty()) << text;
    EXPECT_TRUE(parsed.profile.root) << text;
    EXPECT_FALSE(parsed.profile.default_action) << text;
  }
}

TEST(SeccompProfileTest, WhatJsonUnmarshalRefusesIsReported) {
  for (const char* text :
       {"", "{\"defaultAction\": \"SCMP_ACT_ERRNO\",}", "\xEF\xBB\xBF{}", "{} {}", "[]",
        "{\"defaultAction\": 1}", "{\"syscalls\": {}}", "{\"syscalls\": [{\"action\": 2}]}",
        "{\"syscalls\": [{\"names\": \"read\"}]}", "{\"architectures\": [1]}"}) {
    Parsed parsed = Parse(text);
    EXPECT_FALSE(parsed.profile.root) << text;
    ASSERT_FALSE(parsed.diagnostics.empty()) << text;
    EXPECT_EQ(test_support::RuleOf(parsed.diagnostics[0]), "DKL1029") << text;
  }
}

TEST(SeccompProfileTest, AllowingActions) {
  EXPECT_TRUE(SeccompActionAllows("SCMP_ACT_ALLOW"));
  EXPECT_TRUE(SeccompActionAllows("SCMP_ACT_LOG"));
  EXPECT_FALSE(SeccompActionAllows("SCMP_ACT_ERRNO"));
  EXPECT_FALSE(SeccompActionAllows("SCMP_ACT_KILL_PROCESS"));
}

}  // namespace
}  // namespace docklint::parsers
