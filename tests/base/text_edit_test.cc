#include "base/text_edit.h"

#include <gtest/gtest.h>

namespace docklint::base {
namespace {

TextEdit Edit(uint32_t line, uint32_t column, uint32_t end_line, uint32_t end_column, std::string text) {
  return {{{line, column}, {end_line, end_column}}, std::move(text)};
}

std::string Apply(const std::string& content, const std::vector<TextEdit>& edits) {
  std::string error;
  std::optional<std::string> result = ApplyTextEdits(SourceFile("f", content), edits, &error);
  return result ? *result : "error: " + error;
}

TEST(TextEditTest, OffsetsOfPositions) {
  SourceFile file("f", "ab\r\nc\n");
  EXPECT_EQ(OffsetOf(file, {1, 1}), 0u);
  EXPECT_EQ(OffsetOf(file, {1, 4}), 3u);  // the '\n': the end of line 1
  EXPECT_EQ(OffsetOf(file, {1, 5}), std::nullopt);
  EXPECT_EQ(OffsetOf(file, {2, 1}), 4u);
  EXPECT_EQ(OffsetOf(file, {3, 1}), 6u);  // the empty line after the last '\n'
  EXPECT_EQ(OffsetOf(file, {3, 2}), std::nullopt);
  EXPECT_EQ(OffsetOf(file, {4, 1}), std::nullopt);
  EXPECT_EQ(OffsetOf(file, {0, 1}), std::nullopt);
  EXPECT_EQ(OffsetOf(file, {1, 0}), std::nullopt);
}

TEST(TextEditTest, ReplacesInsertsAndDeletesInAnyOrder) {
  std::string text = "{\n  \"icc\": true,\n  \"debug\": true\n}\n";
  EXPECT_EQ(Apply(text, {}), text);
  EXPECT_EQ(Apply(text, {Edit(3, 16, 3, 16, ",\n  \"live-restore\": true"), Edit(2, 10, 2, 14, "false")}),
            "{\n  \"icc\": false,\n  \"debug\": true,\n  \"live-restore\": true\n}\n");
  // A deletion across lines.
  EXPECT_EQ(Apply(text, {Edit(2, 3, 3, 3, "")}), "{\n  \"debug\": true\n}\n");
  // Insertions at one place keep their order, before a replacement that starts there and after one that
  // ends there.
  EXPECT_EQ(Apply("abc", {Edit(1, 2, 1, 3, "X"), Edit(1, 2, 1, 2, "1"), Edit(1, 2, 1, 2, "2"),
                          Edit(1, 3, 1, 3, "3")}),
            "a12X3c");
  // Multi-byte text: columns count bytes.
  EXPECT_EQ(Apply("\"é\": 1", {Edit(1, 7, 1, 8, "2")}), "\"é\": 2");
}

TEST(TextEditTest, RefusesOverlapsAndRangesOutsideTheFile) {
  EXPECT_EQ(Apply("abcdef", {Edit(1, 1, 1, 4, "x"), Edit(1, 3, 1, 5, "y")}), "error: overlapping edits");
  EXPECT_EQ(Apply("abcdef", {Edit(1, 2, 1, 4, "x"), Edit(1, 2, 1, 3, "y")}), "error: overlapping edits");
  EXPECT_EQ(Apply("abc", {Edit(1, 2, 1, 9, "")}), "error: an edit's range is not in the file");
  EXPECT_EQ(Apply("abc", {Edit(2, 1, 2, 1, "x")}), "error: an edit's range is not in the file");
  EXPECT_EQ(Apply("abc", {Edit(1, 3, 1, 2, "")}), "error: an edit's range ends before it begins");
}

}  // namespace
}  // namespace docklint::base
