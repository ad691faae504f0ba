#include "base/source_file.h"

#include <gtest/gtest.h>

namespace docklint::base {
namespace {

TEST(SourceFileTest, PositionsAreOneBasedLinesAndByteColumns) {
  SourceFile file("f", "ab\ncd\r\n\nx");
  EXPECT_EQ(file.PositionAt(0), (Position{1, 1}));
  EXPECT_EQ(file.PositionAt(2), (Position{1, 3}));
  EXPECT_EQ(file.PositionAt(3), (Position{2, 1}));
  EXPECT_EQ(file.PositionAt(8), (Position{4, 1}));
  EXPECT_EQ(file.PositionAt(100), (Position{4, 2}));
  EXPECT_EQ(file.LineText(2), "cd");
  EXPECT_EQ(file.LineText(3), "");
  EXPECT_EQ(file.LineText(4), "x");
  EXPECT_EQ(file.LineText(5), "");
  EXPECT_EQ(file.line_count(), 4u);
}

TEST(MappedTextTest, SpansFollowOriginsAcrossPieces) {
  SourceFile a("a", "hello world");
  SourceFile b("b", "XYZ");
  MappedText text = MappedText::FromFile(a, 6, 11);  // "world"
  text.Append(MappedText::FromFile(b, 0, 3));
  EXPECT_EQ(text.text(), "worldXYZ");
  SourceSpan world = text.SpanOf(0, 5);
  EXPECT_EQ(world.file, &a);
  EXPECT_EQ(world.text(), "world");
  SourceSpan mixed = text.SpanOf(3, 7);  // crosses files: falls back to the first byte
  EXPECT_EQ(mixed.file, &a);
  EXPECT_EQ(mixed.text(), "l");
  SourceSpan empty_at_end = text.SpanOf(8, 8);
  EXPECT_EQ(empty_at_end.file, &b);
  EXPECT_EQ(empty_at_end.begin, 3u);
  EXPECT_EQ(text.Substr(5).text(), "XYZ");
}

}  // namespace
}  // namespace docklint::base
