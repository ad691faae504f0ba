#include "model/compose_schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
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

std::set<std::string> Keys(const std::vector<ComposeKeyTypes>& list) {
  std::set<std::string> out;
  for (const ComposeKeyTypes& row : list) out.emplace(row.key);
  return out;
}

// The types a schema node allows: its `type`, and those of its `$ref`, `oneOf` and `anyOf`.
unsigned SchemaTypes(const nlohmann::json& spec, const nlohmann::json& node) {
  unsigned out = 0;
  if (node.contains("$ref")) {
    std::string ref = node["$ref"];
    out |= SchemaTypes(spec, spec["$defs"][ref.substr(ref.rfind('/') + 1)]);
  }
  if (node.contains("type")) {
    nlohmann::json types = node["type"].is_array() ? node["type"] : nlohmann::json::array({node["type"]});
    for (const auto& type : types) {
      static const std::map<std::string, unsigned> kBits = {
          {"string", ComposeType::kString}, {"integer", ComposeType::kInteger},
          {"number", ComposeType::kNumber}, {"boolean", ComposeType::kBoolean},
          {"array", ComposeType::kArray},   {"object", ComposeType::kObject},
          {"null", ComposeType::kNull}};
      out |= kBits.at(type.get<std::string>());
    }
  }
  for (const char* choice : {"oneOf", "anyOf"}) {
    if (node.contains(choice)) {
      for (const auto& option : node[choice]) out |= SchemaTypes(spec, option);
    }
  }
  return out;
}

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
  EXPECT_TRUE(
      std::is_sorted(ComposeServiceKeys().begin(), ComposeServiceKeys().end(),
                     [](const ComposeKeyTypes& a, const ComposeKeyTypes& b) { return a.key < b.key; }));
  EXPECT_TRUE(std::is_sorted(ComposeTopLevelKeys().begin(), ComposeTopLevelKeys().end()));
}

TEST(ComposeSchemaTest, ServiceKeyTypesAreTheSpecificationsOwn) {
  fs::path schema = fs::path(DOCKLINT_SOURCE_DIR) / "../shared/reference/compose-spec/compose-spec.json";
  if (!fs::exists(schema)) GTEST_SKIP() << "no ../shared/reference beside the checkout";
  nlohmann::json spec = nlohmann::json::parse(test_support::ReadFile(schema));
  for (const auto& [key, node] : spec["$defs"]["service"]["properties"].items()) {
    EXPECT_EQ(ComposeServiceKeyTypes(key), SchemaTypes(spec, node)) << key;
  }
}

TEST(ComposeSchemaTest, TypeNamesReadAsComposeGoWritesThem) {
  EXPECT_EQ(ComposeTypeNames(ComposeType::kString), "string");
  EXPECT_EQ(ComposeTypeNames(ComposeType::kBoolean | ComposeType::kString), "boolean or string");
  EXPECT_EQ(ComposeTypeNames(ComposeType::kObject), "mapping");
  EXPECT_EQ(ComposeTypeNames(ComposeType::kString | ComposeType::kArray | ComposeType::kNull),
            "array, null or string");
  EXPECT_EQ(ComposeServiceKeyTypes("x-custom"), 0u);
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
