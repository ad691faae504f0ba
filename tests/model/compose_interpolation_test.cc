// The cases of compose-go's template_test.go, read with the same variables: FOO=first, BAR="" and JSON.
#include "model/compose_interpolation.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace docklint::model {
namespace {

const std::map<std::string, std::string, std::less<>> kVariables = {
    {"FOO", "first"}, {"BAR", ""}, {"JSON", R"({"json":2})"}};

std::optional<std::string> Lookup(std::string_view name) {
  auto it = kVariables.find(name);
  if (it == kVariables.end()) return std::nullopt;
  return it->second;
}

std::string Value(std::string_view text) {
  InterpolatedValue result = Interpolate(text, Lookup);
  EXPECT_EQ(result.error, "") << text;
  return result.value;
}

std::string Error(std::string_view text) { return Interpolate(text, Lookup).error; }
std::string Missing(std::string_view text) { return Interpolate(text, Lookup).required_missing; }

TEST(ComposeInterpolationTest, EscapesAndLoneDollars) {
  EXPECT_EQ(Value("$${foo}"), "${foo}");
  EXPECT_EQ(Value("foo"), "foo");
  for (const char* kept : {"a $ string", "^REGEX$", "$}", "$"}) EXPECT_EQ(Value(kept), kept);
}

TEST(ComposeInterpolationTest, InvalidTemplates) {
  for (const char* invalid : {"${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}"})
    EXPECT_NE(Error(invalid).find("invalid interpolation format"), std::string::npos) << invalid;
}

TEST(ComposeInterpolationTest, NamedAndBracedVariables) {
  EXPECT_EQ(Value("$FOO-bar"), "first-bar");
  EXPECT_EQ(Value("This ${missing} var"), "This  var");
  EXPECT_EQ(Value("This ${BAR} var"), "This  var");
  EXPECT_EQ(Value("This $FOO var"), "This first var");
  EXPECT_EQ(Value("This ${FOO} var"), "This first var");
  InterpolatedValue unset = Interpolate("This ${missing} var", Lookup);
  EXPECT_EQ(unset.unset_warnings, (std::vector<std::string>{"missing"}));
  ASSERT_EQ(unset.variables.size(), 1u);
  EXPECT_FALSE(unset.variables[0].set);
}

TEST(ComposeInterpolationTest, Defaults) {
  EXPECT_EQ(Value("ok ${missing:-def}"), "ok def");
  EXPECT_EQ(Value("ok ${missing-def}"), "ok def");
  EXPECT_EQ(Value("ok ${BAR:-def}"), "ok def");
  EXPECT_EQ(Value("ok ${FOO:-def}"), "ok first");
  EXPECT_EQ(Value("ok ${BAR-def}"), "ok ");
  EXPECT_EQ(Value("ok ${UNSET_VAR:+presence_value}"), "ok ");
  EXPECT_EQ(Value("ok ${BAR+presence_value}"), "ok presence_value");
  EXPECT_EQ(Value("ok ${BAR:+presence_value}"), "ok ");
  EXPECT_EQ(Value("ok ${FOO:+presence_value}"), "ok presence_value");
  EXPECT_EQ(Value("ok ${missing:-/non:-alphanumeric}"), "ok /non:-alphanumeric");
  EXPECT_TRUE(Interpolate("ok ${missing:-def}", Lookup).unset_warnings.empty());
}

TEST(ComposeInterpolationTest, OuterTextDoesNotChangeTheOperator) {
  EXPECT_EQ(Value("-ok ${BAR:-defaultValue}"), "-ok defaultValue");
  EXPECT_EQ(Value("+ok ${UNSET:-${BAR-defaultValue}}"), "+ok ");
  EXPECT_EQ(Value("-ok ${FOO:-defaultValue}"), "-ok first");
  EXPECT_EQ(Value(":-ok ${UNSET-defaultValue}"), ":-ok defaultValue");
  EXPECT_EQ(Value(":-ok ${BAR-defaultValue}"), ":-ok ");
  EXPECT_EQ(Value(":?ok ${BAR-defaultValue}"), ":?ok ");
  EXPECT_EQ(Value(":?ok ${BAR:-defaultValue}"), ":?ok defaultValue");
  EXPECT_EQ(Value(":+ok ${BAR:-defaultValue}"), ":+ok defaultValue");
  EXPECT_EQ(Value("+ok ${BAR-defaultValue}"), "+ok ");
  EXPECT_EQ(Value("?ok ${BAR:-defaultValue}"), "?ok defaultValue");
}

TEST(ComposeInterpolationTest, NestedDefaults) {
  EXPECT_EQ(Value("ok ${UNSET_VAR-$FOO}"), "ok first");
  EXPECT_EQ(Value("ok ${UNSET_VAR-${FOO}}"), "ok first");
  EXPECT_EQ(Value("ok ${UNSET_VAR-${FOO} ${FOO}}"), "ok first first");
  EXPECT_EQ(Value("ok ${BAR:-$FOO}"), "ok first");
  EXPECT_EQ(Value("ok ${BAR:-${FOO}}"), "ok first");
  EXPECT_EQ(Value("ok ${BAR:-${FOO} ${FOO}}"), "ok first first");
  EXPECT_EQ(Value("ok ${BAR+$FOO}"), "ok first");
  EXPECT_EQ(Value("ok ${BAR+$FOO ${FOO:+second}}"), "ok first second");
  EXPECT_EQ(Value(R"(ok ${missing:-{"json":1}})"), R"(ok {"json":1})");
  EXPECT_EQ(Value(R"(ok ${missing-{"json":1}})"), R"(ok {"json":1})");
  EXPECT_EQ(Value(R"(ok ${JSON:-{"json":1}})"), R"(ok {"json":2})");
  // Two forms on one line: the first runs to the last '}' and is cut at its own.
  EXPECT_EQ(Value("${missing:-a} and ${FOO:-b} and ${BAR}"), "a and first and ");
}

TEST(ComposeInterpolationTest, RequiredVariables) {
  EXPECT_EQ(Missing("not ok ${UNSET_VAR:?Mandatory Variable Unset}"),
            "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
  EXPECT_EQ(Missing("not ok ${BAR:?Mandatory Variable Empty}"),
            "required variable BAR is missing a value: Mandatory Variable Empty");
  EXPECT_EQ(Missing("not ok ${UNSET_VAR:?}"), "required variable UNSET_VAR is missing a value");
  EXPECT_EQ(Missing("not ok ${UNSET_VAR?Mandatory Variable Unset}"),
            "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
  EXPECT_EQ(Missing("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}"),
            "required variable UNSET_VAR is missing a value: Mandatory Variable first");
  EXPECT_EQ(Value("ok ${FOO:?err}"), "ok first");
  EXPECT_EQ(Value("ok ${FOO?err}"), "ok first");
  EXPECT_EQ(Value("ok ${BAR?err}"), "ok ");
}

TEST(ComposeInterpolationTest, TheFirstOperatorInTheMatchDecides) {
  EXPECT_EQ(Missing("${UNSET_VAR?bar-baz}"), "required variable UNSET_VAR is missing a value: bar-baz");
  EXPECT_EQ(Value("${UNSET_VAR-myerror?msg}"), "myerror?msg");
  EXPECT_EQ(Value("${FOO?bar-baz}"), "first");
  EXPECT_EQ(Value("${BAR:-default_value_for_empty_var}"), "default_value_for_empty_var");
  EXPECT_EQ(Value("${UNSET_VAR-default_value_for_unset_var}"), "default_value_for_unset_var");
}

}  // namespace
}  // namespace docklint::model
