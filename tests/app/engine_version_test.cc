#include "app/engine_version.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace docklint::app {
namespace {

TEST(EngineVersionTest, UpstreamVersionDropsEpochAndDebianRevision) {
  EXPECT_EQ(UpstreamVersion("5:24.0.7-1~debian.12~bookworm"), "24.0.7");
  EXPECT_EQ(UpstreamVersion("20.10.24+dfsg1-1+deb12u1"), "20.10.24");
  EXPECT_EQ(UpstreamVersion("18.09.1~3-0~debian-stretch"), "18.09.1");
  EXPECT_EQ(UpstreamVersion("1.13.1-0ubuntu1"), "1.13.1");
  EXPECT_EQ(UpstreamVersion(""), "");
}

TEST(EngineVersionTest, IsEngineVersion) {
  EXPECT_TRUE(IsEngineVersion("20.10"));
  EXPECT_TRUE(IsEngineVersion("24.0.7"));
  EXPECT_FALSE(IsEngineVersion("24"));
  EXPECT_FALSE(IsEngineVersion("v24.0"));
  EXPECT_FALSE(IsEngineVersion("24..0"));
  EXPECT_FALSE(IsEngineVersion("1.2.3.4"));
}

TEST(EngineVersionTest, ReadsTheInstalledEngineFromDpkgStatus) {
  DetectedEngine engine = DetectEngineVersion(
      *OpenDirectoryTree(std::string(DOCKLINT_SOURCE_DIR) + "/fixtures/hosts/engine-20.10"));
  EXPECT_EQ(engine.version, "20.10.24");  // docker-ce is only config-files there
  EXPECT_EQ(engine.package, "docker.io");
  DetectedEngine none =
      DetectEngineVersion(*OpenDirectoryTree(std::string(DOCKLINT_SOURCE_DIR) + "/fixtures/hosts/hardened"));
  EXPECT_EQ(none.version, "");
  EXPECT_NE(none.why_not.find("no dpkg status file"), std::string::npos);
}

}  // namespace
}  // namespace docklint::app
