#include "parsers/containerd_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "testing/rule_of.h"

namespace docklint::parsers {
namespace {

namespace fs = std::filesystem;

struct Parsed {
  std::unique_ptr<base::SourceFile> file;
  ContainerdConfig config;
  base::Diagnostics diagnostics;
};

Parsed Parse(std::string content) {
  Parsed parsed;
  parsed.file = std::make_unique<base::SourceFile>("config.toml", std::move(content));
  parsed.config = ParseContainerdConfig(*parsed.file, &parsed.diagnostics);
  return parsed;
}

TEST(ContainerdConfigTest, ReadsVersionAndTheSocketOwner) {
  Parsed parsed = Parse(
      "version = 2\n\n[grpc]\n  address = \"/run/containerd/containerd.sock\"\n  uid = 1000\n"
      "  gid = 0\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_TRUE(parsed.config.decodes);
  ASSERT_TRUE(parsed.config.version);
  EXPECT_EQ(parsed.config.version->value, 2);
  EXPECT_EQ(parsed.config.version->span.text(), "2");
  ASSERT_TRUE(parsed.config.grpc_uid);
  EXPECT_EQ(parsed.config.grpc_uid->value, 1000);
  EXPECT_EQ(parsed.config.grpc_uid->span.text(), "1000");
  EXPECT_EQ(parsed.config.grpc_uid->span.range().begin, (base::Position{5, 9}));
  ASSERT_TRUE(parsed.config.grpc_gid);
  EXPECT_EQ(parsed.config.grpc_gid->value, 0);
}

TEST(ContainerdConfigTest, AFileWithoutVersionOrGrpcIsVersionOneWithDefaults) {
  Parsed parsed = Parse("# containerd config\nroot = \"/var/lib/containerd\"\n[plugins.cri]\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_TRUE(parsed.config.decodes);
  EXPECT_FALSE(parsed.config.version);
  EXPECT_FALSE(parsed.config.grpc_uid);
  EXPECT_FALSE(parsed.config.grpc_gid);
}

TEST(ContainerdConfigTest, InvalidTomlIsRefusedAtItsPlace) {
  Parsed parsed = Parse("version = 2\n[grpc\n");
  EXPECT_FALSE(parsed.config.decodes);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(parsed.diagnostics[0]), "DKL0017");
  EXPECT_EQ(parsed.diagnostics[0].span.range().begin.line, 2u);
  EXPECT_NE(parsed.diagnostics[0].message.find("invalid TOML"), std::string::npos);
}

TEST(ContainerdConfigTest, ValuesOfTheWrongTypeAreRefused) {
  for (const char* text :
       {"version = \"2\"\n", "[grpc]\nuid = \"1000\"\n", "[grpc]\ngid = 1.5\n", "grpc = 1\n"}) {
    Parsed parsed = Parse(text);
    EXPECT_FALSE(parsed.config.decodes) << text;
    ASSERT_EQ(parsed.diagnostics.size(), 1u) << text;
    EXPECT_EQ(test_support::RuleOf(parsed.diagnostics[0]), "DKL0017");
  }
}

// Every config.toml of the shared corpus that is a real file (not a Go template with {{ }}, not a link
// placeholder, not a log) decodes.
TEST(ContainerdConfigTest, EveryCorpusConfigThatIsTomlDecodes) {
  const std::string dir = DOCKLINT_SOURCE_DIR "/../shared/corpus/host/containerd_toml";
  if (!fs::exists(dir)) GTEST_SKIP() << "no corpus at " << dir;
  int files = 0, templates = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    if (content.find("{{") != std::string::npos || content.rfind("../", 0) == 0 ||
        content.rfind("time=\"", 0) == 0) {
      ++templates;
      continue;
    }
    Parsed parsed = Parse(content);
    ++files;
    EXPECT_TRUE(parsed.config.decodes) << entry.path();
    for (const base::Diagnostic& d : parsed.diagnostics)
      ADD_FAILURE() << entry.path() << ":" << d.span.range().begin << ": " << d.message;
  }
  EXPECT_GT(files, 50);
  EXPECT_LT(templates, files);
}

}  // namespace
}  // namespace docklint::parsers
