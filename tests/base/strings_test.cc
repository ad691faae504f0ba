#include "base/strings.h"

#include <gtest/gtest.h>

namespace docklint::base {
namespace {

TEST(StringsTest, LowerFoldsAsciiOnly) {
  EXPECT_EQ(Lower("FROM Debian:12"), "from debian:12");
  EXPECT_EQ(Lower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // UTF-8 bytes are left alone
  EXPECT_EQ(AsciiLower('Q'), 'q');
  EXPECT_EQ(AsciiLower('['), '[');
}

TEST(StringsTest, TrimFollowsItsPolicy) {
  EXPECT_EQ(Trim(" \t-H fd://\t "), "-H fd://");
  EXPECT_EQ(Trim("value\r"), "value\r");
  EXPECT_EQ(Trim("value \r", Blanks::kSpaceTabCr), "value");
  EXPECT_EQ(Trim("\rvalue", Blanks::kSpaceTabCr), "\rvalue");  // '\r' only ends a CRLF line
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(TrimLeft("  # docklint ignore "), "# docklint ignore ");
}

TEST(StringsTest, SplitCommaListTrimsAndDropsEmptyWords) {
  EXPECT_EQ(SplitCommaList(" alice, bob,,\tci-runner ,"),
            (std::vector<std::string_view>{"alice", "bob", "ci-runner"}));
  EXPECT_TRUE(SplitCommaList(" , ").empty());
}

TEST(StringsTest, HexValue) {
  EXPECT_EQ(HexValue('0'), 0);
  EXPECT_EQ(HexValue('a'), 10);
  EXPECT_EQ(HexValue('F'), 15);
  EXPECT_EQ(HexValue('g'), -1);
}

TEST(StringsTest, AppendUtf8Policies) {
  auto encode = [](uint32_t cp, BadCodePoint policy) {
    std::string out;
    AppendUtf8(cp, &out, policy);
    return out;
  };
  EXPECT_EQ(encode(0x41, BadCodePoint::kReplace), "A");
  EXPECT_EQ(encode(0xE9, BadCodePoint::kReplace), "\xC3\xA9");
  EXPECT_EQ(encode(0x20AC, BadCodePoint::kReplace), "\xE2\x82\xAC");
  EXPECT_EQ(encode(0x1F600, BadCodePoint::kReplace), "\xF0\x9F\x98\x80");
  // A surrogate: Go writes U+FFFD, bash and a validated systemd escape encode it as given.
  EXPECT_EQ(encode(0xD800, BadCodePoint::kReplace), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(0xD800, BadCodePoint::kClampToMax), "\xED\xA0\x80");
  // Past U+10FFFF: Go replaces, bash clamps.
  EXPECT_EQ(encode(0x110000, BadCodePoint::kReplace), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(0x7FFFFFFF, BadCodePoint::kClampToMax), "\xF4\x8F\xBF\xBF");
}

}  // namespace
}  // namespace docklint::base
