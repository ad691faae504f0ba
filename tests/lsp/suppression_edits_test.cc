#include "lsp/suppression_edits.h"

#include <gtest/gtest.h>

#include "base/text_edit.h"

namespace docklint::lsp {
namespace {

using model::InputKind;

// The file's text with the edit made.
std::string Applied(const base::SourceFile& file, const std::optional<base::TextEdit>& edit) {
  if (!edit) return "<no edit>";
  std::string error;
  std::optional<std::string> text = base::ApplyTextEdits(file, {*edit}, &error);
  return text ? *text : "<" + error + ">";
}

TEST(IgnoreHereEditTest, AboveTheInstructionTheLineIsIn) {
  base::SourceFile file("Dockerfile",
                        "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n");
  EXPECT_EQ(
      Applied(file, IgnoreHereEdit(file, InputKind::kDockerfile, 3, "DKL3019")),
      "FROM debian:12\n# docklint ignore=DKL3019\nRUN apt-get update && \\\n    apt-get install -y curl\n");
}

TEST(IgnoreHereEditTest, JoinsTheCommentAlreadyThere) {
  base::SourceFile file("Dockerfile",
                        "FROM debian:12\n# docklint ignore=DKL3008 reason\nRUN apt-get install -y curl\n");
  EXPECT_EQ(Applied(file, IgnoreHereEdit(file, InputKind::kDockerfile, 3, "DKL3019")),
            "FROM debian:12\n# docklint ignore=DKL3008,DKL3019 reason\nRUN apt-get install -y curl\n");
}

TEST(IgnoreHereEditTest, ComposeKeepsTheIndentationAndLineBreaks) {
  base::SourceFile file("compose.yaml", "services:\r\n  web:\r\n    privileged: true\r\n");
  EXPECT_EQ(Applied(file, IgnoreHereEdit(file, InputKind::kComposeFile, 3, "DKL6005")),
            "services:\r\n  web:\r\n    # docklint ignore=DKL6005\r\n    privileged: true\r\n");
}

TEST(IgnoreHereEditTest, NoneWhereNoCommentIsRead) {
  base::SourceFile json("daemon.json", "{\"icc\": true}\n");
  EXPECT_FALSE(IgnoreHereEdit(json, InputKind::kDaemonJson, 1, "DKL1001"));
  EXPECT_FALSE(IgnoreInFileEdit(json, InputKind::kDaemonJson, "DKL1001"));
  base::SourceFile dockerfile("Dockerfile", "# a comment\nFROM debian\n");
  EXPECT_FALSE(IgnoreHereEdit(dockerfile, InputKind::kDockerfile, 1, "DKL3013"));  // no instruction there
}

TEST(IgnoreInFileEditTest, BelowTheParserDirectives) {
  base::SourceFile file("Dockerfile", "# syntax=docker/dockerfile:1\n# escape=`\nFROM debian\n");
  EXPECT_EQ(Applied(file, IgnoreInFileEdit(file, InputKind::kDockerfile, "DKL3013")),
            "# syntax=docker/dockerfile:1\n# escape=`\n# docklint global ignore=DKL3013\nFROM debian\n");
  base::SourceFile compose("compose.yaml", "services: {}");
  EXPECT_EQ(Applied(compose, IgnoreInFileEdit(compose, InputKind::kComposeFile, "DKL0014")),
            "# docklint global ignore=DKL0014\nservices: {}");
}

}  // namespace
}  // namespace docklint::lsp
