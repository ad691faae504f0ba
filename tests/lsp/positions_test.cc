#include "lsp/positions.h"

#include <gtest/gtest.h>

namespace docklint::lsp {
namespace {

using nlohmann::json;

TEST(ToLspTest, ColumnsCountUtf16UnitsOrBytes) {
  base::SourceFile file("f", "a\xc3\xa9\xf0\x9d\x84\x9ez\n\xff x\n");  // aé𝄞z, then an invalid byte
  // 'z' is byte 7 (column 8): 4 UTF-16 units and 7 bytes after the line's start.
  EXPECT_EQ(ToLsp(&file, base::Position{1, 8}, Encoding::kUtf16), json({{"line", 0}, {"character", 4}}));
  EXPECT_EQ(ToLsp(&file, base::Position{1, 8}, Encoding::kUtf8), json({{"line", 0}, {"character", 7}}));
  EXPECT_EQ(ToLsp(&file, base::Position{2, 3}, Encoding::kUtf16), json({{"line", 1}, {"character", 2}}));
  EXPECT_EQ(ToLsp(&file, base::Position{1, 99}, Encoding::kUtf16), json({{"line", 0}, {"character", 5}}));
  EXPECT_EQ(ToLsp(&file, base::Position{0, 0}, Encoding::kUtf16), json({{"line", 0}, {"character", 0}}));
}

TEST(OffsetOfTest, ClampsToTheLineAndTheText) {
  std::string text = "a\xc3\xa9\xf0\x9d\x84\x9ez\r\nb";
  EXPECT_EQ(OffsetOf(text, 0, 4, Encoding::kUtf16), 7u);
  EXPECT_EQ(OffsetOf(text, 0, 3, Encoding::kUtf16), 7u);   // inside the surrogate pair: after it
  EXPECT_EQ(OffsetOf(text, 0, 99, Encoding::kUtf16), 8u);  // before the \r\n
  EXPECT_EQ(OffsetOf(text, 1, 1, Encoding::kUtf8), 11u);
  EXPECT_EQ(OffsetOf(text, 7, 0, Encoding::kUtf8), text.size());
}

TEST(ApplyContentChangeTest, RangeEditsAndWholeText) {
  std::string text = "FROM debian\nRUN true\n";
  ASSERT_TRUE(ApplyContentChange(
      {{"range", {{"start", {{"line", 0}, {"character", 11}}}, {"end", {{"line", 1}, {"character", 3}}}}},
       {"text", ":12\nCMD"}},
      Encoding::kUtf16, &text));
  EXPECT_EQ(text, "FROM debian:12\nCMD true\n");
  ASSERT_TRUE(ApplyContentChange({{"text", "x"}}, Encoding::kUtf16, &text));
  EXPECT_EQ(text, "x");
  EXPECT_FALSE(ApplyContentChange({{"range", 3}, {"text", "y"}}, Encoding::kUtf16, &text));
  EXPECT_FALSE(ApplyContentChange(
      {{"range", {{"start", {{"line", 0}, {"character", 1}}}, {"end", {{"line", 0}, {"character", 0}}}}},
       {"text", "y"}},
      Encoding::kUtf16, &text));
  EXPECT_FALSE(ApplyContentChange(json::array(), Encoding::kUtf16, &text));
}

}  // namespace
}  // namespace docklint::lsp
