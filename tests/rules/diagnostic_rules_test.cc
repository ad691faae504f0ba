#include "rules/diagnostic_rules.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "rules/ruleset.h"
#include "rules/selection.h"

namespace docklint::rules {
namespace {

TEST(DiagnosticRulesTest, EveryCodeMapsToItsOwnMetaRuleOfTheBuiltinRuleset) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::set<std::string_view> ids;
  for (int i = 0; i <= static_cast<int>(base::DiagnosticCode::kInvalidDotenv); ++i) {
    auto code = static_cast<base::DiagnosticCode>(i);
    std::string_view id = RuleIdFor(code);
    EXPECT_TRUE(ids.insert(id).second) << id << " has two codes";
    const Rule* rule = ruleset.FindById(id);
    ASSERT_NE(rule, nullptr) << "code " << i << " maps to " << id << ", which no built-in rule has";
    EXPECT_TRUE(rule->reported_by_parser) << id << " is reported by parsers and the model, not evaluated";
  }
}

TEST(DiagnosticRulesTest, FindingsOfTheInternalErrorRuleAreNeverFilteredOut) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::vector<const Rule*> only_one = {ruleset.FindById("DKL0001")};
  EXPECT_TRUE(IsSelected(only_one, "DKL0001"));
  EXPECT_FALSE(IsSelected(only_one, "DKL0002"));
  EXPECT_TRUE(IsSelected(only_one, kInternalErrorRuleId));
  EXPECT_TRUE(IsSelected({}, kInternalErrorRuleId));
}

}  // namespace
}  // namespace docklint::rules
