// The label-schema rules (hadolint DL3048-DL3058), the DL4xxx shell rules and the security rules of
// rulesets/dockerfile-extra.toml, on whole small Dockerfiles: the behaviour of hadolint's specs, in our own
// cases, and where docklint differs on purpose.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/dockerfile_lint.h"
#include "base/source_file.h"
#include "rules/ruleset.h"

namespace docklint {
namespace {

class LabelShellChecksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ruleset_ = new rules::Ruleset();
    std::vector<std::string> errors;
    ASSERT_TRUE(ruleset_->LoadBuiltin(&errors));
  }
  static void TearDownTestSuite() {
    delete ruleset_;
    ruleset_ = nullptr;
  }

  // The lines where rule `id` fires on `text`, in order.
  std::vector<uint32_t> Lines(const std::string& id, const std::string& text,
                              const rules::LabelSchema& schema = {}) {
    std::vector<const rules::Rule*> selected;
    for (const rules::Rule& rule : ruleset_->rules()) {
      if (rule.id == id) selected.push_back(&rule);
    }
    EXPECT_EQ(selected.size(), 1u) << id;
    app::DockerfileLinter linter(*ruleset_, selected, {}, true, schema);
    base::SourceFile file("Dockerfile", text);
    std::vector<base::Finding> findings;
    linter.Lint(file, &findings);
    std::vector<uint32_t> lines;
    for (const base::Finding& finding : findings) {
      EXPECT_EQ(finding.rule_id, id) << finding.message;
      lines.push_back(finding.location.range.begin.line);
    }
    return lines;
  }
  size_t Count(const std::string& id, const std::string& text, const rules::LabelSchema& schema = {}) {
    return Lines(id, text, schema).size();
  }

  static rules::Ruleset* ruleset_;
};

rules::Ruleset* LabelShellChecksTest::ruleset_ = nullptr;

rules::LabelSchema Schema(std::map<std::string, std::string> labels, bool strict = false) {
  return rules::LabelSchema{std::move(labels), strict};
}

// DL3049: each stage's image needs the label, itself or through the stage it is built FROM.
TEST_F(LabelShellChecksTest, MissingLabelFollowsStagesAsHadolint) {
  rules::LabelSchema schema = Schema({{"team", "text"}});
  const std::string id = "DKL3221";
  EXPECT_EQ(Lines(id, "FROM alpine:3.20\n", schema), std::vector<uint32_t>{1});
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL owner=\"x\"\n", schema), 1u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL team=\"infra\"\n", schema), 0u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nFROM debian:12\n", schema), 2u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL a=b\nFROM debian:12\nLABEL c=d\n", schema), 2u);
  EXPECT_EQ(Lines(id, "FROM alpine:3.20\nLABEL team=x\nFROM debian:12\n", schema), std::vector<uint32_t>{3});
  EXPECT_EQ(Lines(id, "FROM alpine:3.20\nFROM debian:12\nLABEL team=x\n", schema), std::vector<uint32_t>{1});
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL other=x\nFROM debian:12\nLABEL team=x\n", schema), 1u);
  // Inheritance.
  EXPECT_EQ(Count(id, "FROM alpine:3.20 AS common\nFROM common\n", schema), 2u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20 AS common\nFROM common\nLABEL team=x\n", schema), 0u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20 AS common\nLABEL team=x\nFROM common\n", schema), 0u);
  // A stage some later stage copies from is a step of the build.
  EXPECT_EQ(Count(id, "FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL team=x\nCOPY --from=build /a /a\n",
                  schema),
            0u);
  EXPECT_EQ(Lines(id, "FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL team=x\n", schema),
            std::vector<uint32_t>{1});
  EXPECT_EQ(Lines(id,
                  "FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL team=x\nCOPY --from=build /a /a\n"
                  "FROM alpine:3.20\nCOPY --from=build /a /a\n",
                  schema),
            std::vector<uint32_t>{5});
  EXPECT_EQ(Lines(id, "FROM alpine:3.20 AS common\nFROM common\nLABEL team=x\nFROM common\n", schema),
            std::vector<uint32_t>{4});
  EXPECT_EQ(Lines(id, "FROM alpine:3.20 AS common\nFROM common\nFROM common\nLABEL team=x\n", schema),
            std::vector<uint32_t>{2});
  // Unlike hadolint: a named stage built FROM it forgives it too, and so does COPY --from by index.
  EXPECT_EQ(Count(id, "FROM alpine:3.20 AS common\nFROM common AS final\nLABEL team=x\n", schema), 0u);
  EXPECT_EQ(Count(id, "FROM golang:1.22\nFROM alpine:3.20\nLABEL team=x\nCOPY --from=0 /a /a\n", schema), 0u);
  EXPECT_EQ(Count(id,
                  "FROM golang:1.22 AS src\nFROM alpine:3.20\nLABEL team=x\nRUN "
                  "--mount=type=bind,from=src,target=/s ls\n",
                  schema),
            0u);
  // One finding per missing label; ONBUILD LABEL does not label this image; no schema, no finding.
  EXPECT_EQ(Count(id, "FROM alpine:3.20\n", Schema({{"team", "text"}, {"url", "url"}})), 2u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nONBUILD LABEL team=x\n", schema), 1u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\n"), 0u);
}

TEST_F(LabelShellChecksTest, SuperfluousLabelsNeedStrictLabels) {
  rules::LabelSchema strict = Schema({{"team", "text"}}, true);
  const std::string id = "DKL3222";
  EXPECT_EQ(Count(id, "FROM alpine:3.20\n", strict), 0u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL team=\"a\"\n", strict), 0u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL other=\"a\"\n", strict), 1u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL team=\"a\" other=\"b\" more=c\n", strict), 1u);
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL other=\"a\"\n", Schema({{"team", "text"}})), 0u);
  // Unlike hadolint: strict labels without a schema is no schema.
  EXPECT_EQ(Count(id, "FROM alpine:3.20\nLABEL other=\"a\"\n", Schema({}, true)), 0u);
}

TEST_F(LabelShellChecksTest, TypedLabelValues) {
  rules::LabelSchema schema = Schema({{"u", "url"},
                                      {"d", "rfc3339"},
                                      {"l", "spdx"},
                                      {"h", "hash"},
                                      {"v", "semver"},
                                      {"m", "email"},
                                      {"t", "text"}});
  auto fires = [&](const std::string& id, const std::string& label) {
    return Count(id, "FROM alpine:3.20\nLABEL " + label + "\n", schema) > 0;
  };
  EXPECT_TRUE(fires("DKL3223", "t=\"\""));
  EXPECT_TRUE(fires("DKL3223", "u="));
  EXPECT_FALSE(fires("DKL3223", "t=\"x\""));
  EXPECT_FALSE(fires("DKL3223", "other=\"\""));
  EXPECT_TRUE(fires("DKL3224", "u=\"just-words\""));
  EXPECT_TRUE(fires("DKL3224", "u=\"https://example.com/a b\""));
  EXPECT_FALSE(fires("DKL3224", "u=\"https://example.org/app\""));
  EXPECT_FALSE(fires("DKL3224", "u=mailto:ops@example.org"));
  EXPECT_FALSE(fires("DKL3224", "other=\"just-words\""));
  EXPECT_TRUE(fires("DKL3225", "d=\"yesterday\""));
  EXPECT_TRUE(fires("DKL3225", "d=\"2024-02-30T10:00:00Z\""));
  EXPECT_TRUE(fires("DKL3225", "d=\"2024-02-03 10:00:00\""));
  EXPECT_FALSE(fires("DKL3225", "d=\"2022-11-05T08:15:42.123456789-05:00\""));
  EXPECT_FALSE(fires("DKL3225", "d=\"2024-02-29T23:59:60Z\""));
  EXPECT_FALSE(fires("DKL3225", "other=\"yesterday\""));
  EXPECT_TRUE(fires("DKL3226", "l=\"made-up-licence\""));
  EXPECT_TRUE(fires("DKL3226", "l=\"MIT OR\""));
  EXPECT_FALSE(fires("DKL3226", "l=\"Apache-2.0\""));
  EXPECT_FALSE(fires("DKL3226", "l=\"BSD-2-Clause\""));
  EXPECT_FALSE(fires("DKL3226", "l=\"(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0\""));
  EXPECT_FALSE(fires("DKL3226", "l=LicenseRef-acme-eula"));
  EXPECT_FALSE(fires("DKL3226", "other=\"made-up\""));
  EXPECT_TRUE(fires("DKL3227", "h=\"release-7\""));
  EXPECT_TRUE(fires("DKL3227", "h=\"ABCDEF1\""));
  EXPECT_TRUE(fires("DKL3227", "h=\"abcdef12\""));
  EXPECT_FALSE(fires("DKL3227", "h=\"9f3c2e1\""));
  EXPECT_FALSE(fires("DKL3227", "h=\"0123456789abcdef0123456789abcdef01234567\""));
  EXPECT_FALSE(fires("DKL3227", "other=\"release-7\""));
  EXPECT_TRUE(fires("DKL3228", "v=\"one.two\""));
  EXPECT_TRUE(fires("DKL3228", "v=\"v1.2.3\""));
  EXPECT_TRUE(fires("DKL3228", "v=\"1.02.3\""));
  EXPECT_FALSE(fires("DKL3228", "v=\"3.1.4\""));
  EXPECT_FALSE(fires("DKL3228", "v=\"5.0.2-rc3\""));
  EXPECT_FALSE(fires("DKL3228", "v=\"4.0.0-beta.2+build.11\""));
  EXPECT_FALSE(fires("DKL3228", "other=\"one.two\""));
  EXPECT_TRUE(fires("DKL3229", "m=\"ops team\""));
  EXPECT_TRUE(fires("DKL3229", "m=\"Ops <ops@example.org>\""));
  EXPECT_FALSE(fires("DKL3229", "m=\"ops.team@example.org\""));
  EXPECT_FALSE(fires("DKL3229", "other=\"ops team\""));
  // Unlike hadolint: a value with a variable is filled in by the build.
  EXPECT_FALSE(fires("DKL3227", "h=\"${GIT_COMMIT}\""));
  EXPECT_FALSE(fires("DKL3224", "u=$SOURCE_URL"));
  EXPECT_TRUE(fires("DKL3224", "u='$SOURCE_URL'"));
  // hadolint does not read ONBUILD LABELs; neither do we.
  EXPECT_EQ(Count("DKL3224", "FROM alpine:3.20\nONBUILD LABEL u=\"nope\"\n", schema), 0u);
}

// DL4001.
TEST_F(LabelShellChecksTest, CurlAndWgetPerStage) {
  const std::string id = "DKL3230";
  EXPECT_EQ(Lines(id, "FROM debian:12 AS a\nRUN wget example.org/f\nRUN curl -O example.org/g\n"),
            std::vector<uint32_t>{3});
  EXPECT_EQ(Count(id, "FROM debian:12 AS a\nRUN wget example.org/f && curl example.org/g\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12 AS a\nRUN wget example.org/f\n"), 0u);
  EXPECT_EQ(
      Count(id, "FROM debian:12 AS a\nRUN wget example.org/f\nFROM alpine:3.20\nRUN curl example.org\n"), 0u);
  EXPECT_EQ(Lines(id,
                  "FROM debian:12 AS a\nRUN wget example.org/f\nRUN curl example.org/g\nFROM alpine:3.20\n"
                  "RUN curl example.org\n"),
            std::vector<uint32_t>{3});
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN wget example.org/f\nRUN curl example.org/g\nRUN echo done\n"), 1u);
  EXPECT_EQ(Lines(id, "FROM debian:12\nRUN wget a.example\nRUN curl b.example\nRUN ls\nRUN wget c.example\n"),
            (std::vector<uint32_t>{3, 5}));
  // Installing them is not running them.
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN apt-get install -y curl wget\n"), 0u);
}

// DL4005.
TEST_F(LabelShellChecksTest, LnReplacingBinSh) {
  const std::string id = "DKL3231";
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN ln -sfv /bin/zsh /bin/sh\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nONBUILD RUN ln -sf bash /bin/sh\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN rm /bin/sh && sudo ln -s /bin/bash /bin/sh\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN ln -sf /bin/true /usr/sbin/policy-rc.d\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN ln -s a b && make && run_it /bin/sh\n"), 0u);
  // Unlike hadolint: /bin/sh as the target of a link elsewhere leaves it alone.
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN ln -s -t /usr/local/bin /bin/sh\n"), 0u);
}

// DL4006.
TEST_F(LabelShellChecksTest, PipefailAsHadolint) {
  const std::string id = "DKL3232";
  const std::string pipe = "RUN curl -fsS https://example.org | grep -c ok > /n\n";
  EXPECT_EQ(Count(id, "FROM debian:12\n" + pipe), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN curl -fsS https://example.org && grep -c ok f > /n\n"), 0u);
  for (const char* shell :
       {"[\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]",
        "[\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]",
        "[\"/bin/bash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]",
        "[\"/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]", "[\"/usr/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
        "[\"/opt/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]", "[\"pwsh\", \"-c\"]", "[ \"powershell.exe\" ]",
        "[ \"cmd.exe\", \"/c\" ]"}) {
    EXPECT_EQ(Count(id, std::string("FROM debian:12\nSHELL ") + shell + "\n" + pipe), 0u) << shell;
  }
  EXPECT_EQ(Count(id, "FROM debian:12\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\n" + pipe), 1u);
  EXPECT_EQ(Lines(id, "FROM debian:12 AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" + pipe +
                          "FROM debian:12 AS b\n" + pipe),
            std::vector<uint32_t>{5});
  EXPECT_EQ(Lines(id, "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" + pipe +
                          "SHELL [\"/bin/sh\", \"-c\"]\n" + pipe),
            std::vector<uint32_t>{5});
  // Unlike hadolint: a stage inherits its base stage's SHELL; `set -o pipefail` first counts; a full
  // path to powershell.exe is still PowerShell; exec form uses no shell.
  EXPECT_EQ(
      Count(id, "FROM debian:12 AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM a\n" + pipe),
      0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN set -euo pipefail; curl -fsS https://example.org | sh -s\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN curl -fsS https://example.org | sh -s; set -o pipefail\n"), 1u);
  EXPECT_EQ(Count(id, "FROM w\nSHELL [\"C:\\\\Windows\\\\powershell.exe\", \"-Command\"]\n" + pipe), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN [\"sh\", \"-c\", \"a | b\"]\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN a || b\n"), 0u);
}

TEST_F(LabelShellChecksTest, SudoersNopasswd) {
  const std::string id = "DKL3233";
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN echo 'dev ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n"), 1u);
  EXPECT_EQ(
      Count(id, "FROM debian:12\nRUN echo \"dev ALL=(ALL:ALL) NOPASSWD: ALL\" | tee /etc/sudoers.d/dev\n"),
      1u);
  EXPECT_EQ(
      Count(
          id,
          "FROM debian:12\nRUN <<EOF\ncat > /etc/sudoers.d/dev <<X\ndev ALL=(ALL) NOPASSWD : ALL\nX\nEOF\n"),
      1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY <<EOF /etc/sudoers.d/dev\ndev ALL=(ALL) NOPASSWD: ALL\nEOF\n"),
            1u);
  EXPECT_EQ(
      Count(id,
            "FROM debian:12\nRUN echo 'dev ALL=(root) NOPASSWD: /usr/bin/apt-get' > /etc/sudoers.d/dev\n"),
      0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN echo 'NOPASSWD: ALL' > /tmp/notes\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY <<EOF /etc/motd\ndev ALL=(ALL) NOPASSWD: ALL\nEOF\n"), 0u);
}

TEST_F(LabelShellChecksTest, PowershellDownloadExecute) {
  const std::string id = "DKL3234";
  EXPECT_EQ(
      Count(
          id,
          "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command \"Set-ExecutionPolicy "
          "Bypass -Scope Process; iex ((New-Object "
          "System.Net.WebClient).DownloadString('https://x.example/i.ps1'))\"\n"),
      1u);
  EXPECT_EQ(
      Count(
          id,
          "FROM w\nSHELL [\"pwsh\", \"-Command\"]\nRUN iwr https://x.example/i.ps1 -UseBasicParsing | iex\n"),
      1u);
  EXPECT_EQ(Count(id,
                  "FROM w AS win\nSHELL [\"pwsh\", \"-Command\"]\nFROM win\nRUN irm https://x.example/i.ps1 "
                  "| Invoke-Expression\n"),
            1u);
  EXPECT_EQ(Count(id,
                  "FROM w\nSHELL [\"pwsh\", \"-Command\"]\nRUN iwr https://x.example/i.zip -OutFile i.zip; "
                  "Expand-Archive i.zip\n"),
            0u);
  EXPECT_EQ(Count(id,
                  "FROM w\nSHELL [\"pwsh\", \"-Command\"]\nRUN iwr https://x.example/a -OutFile a.ps1; iex "
                  "'Write-Host hi'\n"),
            0u);
  // A RUN that starts with a cmdlet runs under the base image's PowerShell SHELL.
  EXPECT_EQ(
      Count(id, "FROM w\nRUN iex ((new-object net.webclient).DownloadString('https://x.example/i.ps1'))\n"),
      1u);
  // Not PowerShell: a POSIX RUN naming iex.
  EXPECT_EQ(Count(id, "FROM debian:12\nRUN curl -o iex https://x.example/iex\n"), 0u);
}

TEST_F(LabelShellChecksTest, CopyFromImageWithoutTag) {
  const std::string id = "DKL3235";
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=docker.io/library/composer /usr/bin/composer /usr/bin/\n"),
            1u);
  // A bare name is DKL3023's (a likely typo of a stage name).
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=composer /usr/bin/composer /usr/bin/\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=ghcr.io/acme/tools /bin/t /bin/t\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=localhost:5000/acme/tools /bin/t /bin/t\n"), 1u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=composer:2.7 /usr/bin/composer /usr/bin/\n"), 0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=composer@sha256:0123 /usr/bin/composer /usr/bin/\n"), 0u);
  EXPECT_EQ(
      Count(id, "FROM golang:1.22 AS Build\nFROM debian:12\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n"),
      0u);
  EXPECT_EQ(Count(id, "FROM debian:12\nCOPY --from=${TOOLS} /a /a\n"), 0u);
}

TEST_F(LabelShellChecksTest, ArgDefaultLatestInFrom) {
  const std::string id = "DKL3236";
  EXPECT_EQ(Count(id, "ARG TAG=latest\nFROM nginx:${TAG}\n"), 1u);
  EXPECT_EQ(Count(id, "ARG IMAGE=nginx:latest\nFROM $IMAGE\n"), 1u);
  EXPECT_EQ(Count(id, "ARG TAG=1.27\nFROM nginx:${TAG}\n"), 0u);
  EXPECT_EQ(Count(id, "ARG TAG\nFROM nginx:${TAG}\n"), 0u);
  EXPECT_EQ(Count(id, "FROM nginx:latest\n"), 0u);  // DKL3014's
  EXPECT_EQ(Count(id, "ARG TAG=latest\nFROM nginx:${TAG}@sha256:0123\n"), 0u);
}

}  // namespace
}  // namespace docklint
