#include "app/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-config-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub/deeper");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& relative, const std::string& text) {
    std::ofstream(dir_ / relative) << text;
    return (dir_ / relative).string();
  }
  // Runs docklint from `relative` (below the scratch folder), so the config is found by walking up.
  test_support::CommandResult RunFrom(const std::string& relative, const std::string& args) {
    return test_support::RunInSourceDir("cd '" + (dir_ / relative).string() + "' && '" + DOCKLINT_BINARY +
                                        "' " + args);
  }
  fs::path dir_;
};

TEST_F(ConfigTest, FoundAboveTheWorkingDirectoryAndOverriddenByTheCommandLine) {
  Write(".docklint.toml",
        "select = [\"DKL3\"]\n[severity]\nsudo-in-run = \"error\"\n[per-file-ignores]\n\"sub/*\" = "
        "[\"DKL3001\"]\n");
  Write("sub/deeper/Dockerfile",
        "FROM debian:12\nRUN sudo make\nHEALTHCHECK CMD [\"true\"]\nUSER 0\nCMD [\"/app\"]\n");
  EXPECT_EQ(FindConfigFile((dir_ / "sub/deeper").string()), (dir_ / ".docklint.toml").string());
  test_support::CommandResult result = RunFrom("", "sub/deeper/Dockerfile");
  EXPECT_EQ(
      result.output,
      "sub/deeper/Dockerfile:2:5: error: sudo in a build step: switch USER for the steps that need root "
      "[DKL3015]\n");
  // --select on the command line replaces the file's.
  EXPECT_EQ(RunFrom("", "--select DKL3013 sub/deeper/Dockerfile").output, "");
  EXPECT_NE(RunFrom("", "--no-config sub/deeper/Dockerfile").output.find("[DKL3001]"), std::string::npos);
}

TEST_F(ConfigTest, HadolintsConfigurationIsReadWhereNoDocklintTomlIs) {
  Write("sub/.hadolint.yaml",
        "ignored: [DL3006]\noverride:\n  error:\n    - DL3004\ntrustedRegistries:\n  - docker.io\n"
        "failure-threshold: error\nlabel-schema:\n  author: text\nstrict-labels: true\nformat: tty\n");
  Write("sub/Dockerfile", "FROM debian\nRUN sudo make\nUSER app\nMAINTAINER me\n");
  EXPECT_EQ(FindConfigFile((dir_ / "sub/deeper").string()), (dir_ / "sub/.hadolint.yaml").string());
  ConfigFile config;
  std::string error;
  ASSERT_TRUE(LoadConfigFile((dir_ / "sub/.hadolint.yaml").string(), &config, &error)) << error;
  EXPECT_TRUE(config.from_hadolint);
  EXPECT_EQ(config.ignored_references, std::vector<std::string>{"hadolint:DL3006"});
  EXPECT_EQ(config.severity.at("hadolint:DL3004"), "error");
  EXPECT_EQ(config.trusted_registries, std::vector<std::string>{"docker.io"});
  EXPECT_EQ(config.failure_threshold, "error");
  EXPECT_EQ(config.label_schema.labels.at("author"), "text");
  EXPECT_TRUE(config.label_schema.strict);
  // DL3006 (no tag) is dropped, DL3004 (sudo) is an error, and the run says which file it read.
  test_support::CommandResult result = RunFrom("sub", "--select DKL3013,DKL3015,DKL3020 Dockerfile");
  EXPECT_EQ(
      result.output,
      "Dockerfile:2:5: error: sudo in a build step: switch USER for the steps that need root [DKL3015]\n"
      "Dockerfile:4:1: info: MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=... "
      "[DKL3020]\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(
      RunFrom("sub", "Dockerfile 2>&1 >/dev/null | cat").output.find("reading hadolint's configuration"),
      std::string::npos);
  // A .docklint.toml in the same folder wins; so does one found first on the way up.
  Write("sub/.docklint.toml", "select = [\"DKL3013\"]\n");
  EXPECT_EQ(FindConfigFile((dir_ / "sub").string()), (dir_ / "sub/.docklint.toml").string());
  // What hadolint refuses is an error at its place; no-fail and failure-threshold none never fail.
  EXPECT_FALSE(
      LoadConfigFile(Write("sub/deeper/.hadolint.yml", "override:\n  fatal: [DL3000]\n"), &config, &error));
  EXPECT_EQ(error, (dir_ / "sub/deeper/.hadolint.yml").string() +
                       ":2:3: 'override' takes error, warning, info or style, not 'fatal'");
  Write("sub/deeper/.hadolint.yml", "no-fail: true\n");
  Write("sub/deeper/Dockerfile", "FROM debian\n");
  EXPECT_EQ(RunFrom("sub/deeper", "--select DKL3013 Dockerfile").exit_code, 0);
  // A peer id on the command line drops the findings that cite it.
  EXPECT_EQ(RunFrom("sub/deeper", "--no-config --select DKL3013 --ignore hadolint:DL3006 Dockerfile").output,
            "");
}

TEST_F(ConfigTest, LabelSchemaReachesTheLabelRules) {
  Write(".docklint.toml", "select = [\"DKL3221\"]\n[dockerfile]\nlabel-schema = { team = \"text\" }\n");
  Write("Dockerfile", "FROM debian:12\nRUN true\n");
  EXPECT_EQ(RunFrom("", "Dockerfile").output,
            "Dockerfile:1:1: info: the image of this stage has no label team (the label schema requires it) "
            "[DKL3221]\n");
  // --require-label adds to the schema; a type it does not know is a usage error.
  EXPECT_NE(RunFrom("", "--require-label owner:email Dockerfile").output.find("no label owner"),
            std::string::npos);
  EXPECT_EQ(RunFrom("", "--require-label owner:date Dockerfile").exit_code, 2);
  EXPECT_EQ(RunFrom("", "--no-config --select DKL3221 Dockerfile").output, "");
}

TEST_F(ConfigTest, MistakesAreErrorsWithTheirPlace) {
  ConfigFile config;
  std::string error;
  EXPECT_FALSE(LoadConfigFile(Write("a.toml", "benchmark = \"cis-docker-1.6.0\"\nselct = [\"DKL1\"]\n"),
                              &config, &error));
  EXPECT_EQ(
      error,
      (dir_ / "a.toml").string() +
          ":2:1: unknown setting 'selct' (known: benchmark, select, ignore, failure-threshold, rulesets, "
          "[severity], [per-file-ignores], [host], [dockerfile], trusted-registries)");
  EXPECT_FALSE(LoadConfigFile(Write("b.toml", "[severity]\nDKL3015 = \"fatal\"\n"), &config, &error));
  EXPECT_EQ(error, (dir_ / "b.toml").string() + ":2:11: severity must be error, warning, info or style");
  Write(".docklint.toml", "[severity]\nno-such-rule = \"error\"\n");
  Write("Dockerfile", "FROM debian:12\n");
  test_support::CommandResult unknown_rule = RunFrom("", "Dockerfile");
  EXPECT_EQ(unknown_rule.exit_code, 2);
  EXPECT_TRUE(GlobMatches("legacy/*/Dockerfile", "legacy/a/b/Dockerfile"));
  EXPECT_FALSE(GlobMatches("legacy/*/Dockerfile", "app/Dockerfile"));
}

TEST_F(ConfigTest, HostPathsMapRepositoryFilesToTheHostFilesTheyStandFor) {
  fs::create_directories(dir_ / "roles/docker/files");
  Write(".docklint.toml",
        "select = [\"DKL1005\"]\n[host.paths]\n\"/lib/systemd/system/docker.service\" = "
        "\"roles/docker/files/unit\"\n"
        "\"/etc/default/docker\" = \"roles/docker/files/opts\"\n");
  Write("roles/docker/files/unit",
        "[Service]\nType=notify\nEnvironmentFile=/etc/default/docker\nExecStart=/usr/bin/dockerd "
        "$DOCKER_OPTS\n");
  Write("roles/docker/files/opts", "DOCKER_OPTS=\"--insecure-registry=10.0.0.1:5000\"\n");
  // Neither name says what the file is; the mapping does, and links the unit to its EnvironmentFile.
  EXPECT_EQ(
      RunFrom("", "roles/docker/files/unit roles/docker/files/opts").output,
      "roles/docker/files/opts:1:34: error: insecure registry 10.0.0.1:5000: images from it are pulled over "
      "plain HTTP or unverified TLS [DKL1005]\n");
}

}  // namespace
}  // namespace docklint::app

namespace docklint::app {
namespace {

// [dockerfile]: hadolint's label schema, which --require-label and --strict-labels add to.
TEST(ConfigLabelSchemaTest, ReadsTheLabelSchemaAndRefusesUnknownTypes) {
  ConfigFile config;
  std::string error;
  ASSERT_TRUE(
      LoadConfigText("c.toml",
                     "[dockerfile]\nlabel-schema = { \"org.opencontainers.image.created\" = \"rfc3339\", "
                     "author = \"text\" }\nstrict-labels = true\n",
                     &config, &error))
      << error;
  EXPECT_EQ(config.label_schema.labels,
            (std::map<std::string, std::string>{{"author", "text"},
                                                {"org.opencontainers.image.created", "rfc3339"}}));
  EXPECT_TRUE(config.label_schema.strict);
  EXPECT_FALSE(LoadConfigText("d.toml", "[dockerfile]\nlabel-schema = { a = \"date\" }\n", &config, &error));
  EXPECT_EQ(error, "d.toml:2:22: a label's type must be text, url, spdx, rfc3339, hash, semver or email");
  EXPECT_FALSE(LoadConfigText("e.toml", "[dockerfile]\nstrict = true\n", &config, &error));
  EXPECT_NE(error.find("[dockerfile] takes label-schema"), std::string::npos) << error;
}

}  // namespace
}  // namespace docklint::app
