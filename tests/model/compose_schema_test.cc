#include "model/compose_schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "testing/run_docklint.h"

namespace docklint::model {
namespace {

namespace fs = std::filesystem;

std::set<std::string> Keys(const nlohmann::json& properties) {
  std::set<std::string> out;
  for (const auto& [key, value] : properties.items()) out.insert(key);
  return out;
}

std::set<std::string> Keys(const std::vector<std::string_view>& list) { return {list.begin(), list.end()}; }

TEST(ComposeSchemaTest, KeysAreTheSpecificationsOwn) {
  fs::path schema = fs::path(DOCKLINT_SOURCE_DIR) / "../shared/reference/compose-spec/compose-spec.json";
  if (!fs::exists(schema)) GTEST_SKIP() << "no ../shared/reference beside the checkout";
  nlohmann::json spec = nlohmann::json::parse(test_support::ReadFile(schema));
  EXPECT_EQ(Keys(ComposeTopLevelKeys()), Keys(spec["properties"]));
  EXPECT_EQ(Keys(ComposeServiceKeys()), Keys(spec["$defs"]["service"]["properties"]));
  // Both objects refuse other keys, except extensions.
  EXPECT_EQ(spec["additionalProperties"], false);
  EXPECT_EQ(spec["$defs"]["service"]["additionalProperties"], false);
  EXPECT_TRUE(spec["$defs"]["service"]["patternProperties"].contains("^x-"));
  EXPECT_TRUE(std::is_sorted(ComposeServiceKeys().begin(), ComposeServiceKeys().end()));
  EXPECT_TRUE(std::is_sorted(ComposeTopLevelKeys().begin(), ComposeTopLevelKeys().end()));
}

TEST(ComposeSchemaTest, ExtensionsAreAllowedEverywhere) {
  EXPECT_TRUE(IsComposeServiceKey("privileged"));
  EXPECT_TRUE(IsComposeServiceKey("x-anything"));
  EXPECT_FALSE(IsComposeServiceKey("privilaged"));
  EXPECT_TRUE(IsComposeTopLevelKey("x-common"));
  EXPECT_FALSE(IsComposeTopLevelKey("service"));
}

}  // namespace
}  // namespace docklint::model
