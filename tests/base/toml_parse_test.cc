#include "base/toml_parse.h"

#include <gtest/gtest.h>

namespace docklint::base {
namespace {

using Place = std::pair<uint32_t, uint32_t>;

TEST(TomlParseTest, CharactersOutsideAsciiAreFineInStringsAndComments) {
  for (const char* text : {"a = \"t\xC3\x89\"\n", "a = 't\xC3\x89'\n", "a = \"\"\"\nt\xC3\x89\n\"\"\"\n",
                           "a = '''\nt\xC3\x89'''\n", "# t\xC3\x89\na = 1\n", "a = 1 # \xC3\x89\n",
                           "a = \"\\\" \xC3\x89\"\n", "a = \"\"\"x\\\"\"\" \xC3\x89\"\"\"\n"}) {
    EXPECT_EQ(FindNonAsciiOutsideStrings(text), (Place{0, 0})) << text;
    TomlParse parsed = ParseToml(text, "t.toml");
    EXPECT_TRUE(parsed.ok) << text << ": " << parsed.error;
  }
}

// toml++ 3.3 reaches __builtin_unreachable() on these; they never get to it.
TEST(TomlParseTest, CharactersOutsideAsciiElsewhereAreAnErrorWithTheirPlace) {
  EXPECT_EQ(FindNonAsciiOutsideStrings("t\xC3\x89 = 1\n"), (Place{1, 2}));
  EXPECT_EQ(FindNonAsciiOutsideStrings("a = \"x\"\nb = 1\xC3\x89\n"), (Place{2, 6}));
  EXPECT_EQ(FindNonAsciiOutsideStrings("[t\xC3\x89]\n"), (Place{1, 3}));
  EXPECT_EQ(FindNonAsciiOutsideStrings("a = 'x\n\xC3\x89'\n"),
            (Place{2, 1}));  // a literal string ends at its line
  TomlParse parsed = ParseToml("a = [1,\xC3\x89]\n", "t.toml");
  EXPECT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.line, 1u);
  EXPECT_EQ(parsed.column, 8u);
  EXPECT_NE(parsed.error.find("outside ASCII"), std::string::npos);
}

// toml++ itself met É after a line-ending backslash inside a multi-line string (base/toml.h).
TEST(TomlParseTest, ALineEndingBackslashBeforeNonAsciiIsFine) {
  TomlParse parsed = ParseToml("a = \"\"\"x\\\n  \xC3\x89\"\"\"\n", "t.toml");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.table["a"].value_or(std::string()), "x\xC3\x89");
}

TEST(TomlParseTest, OtherErrorsComeFromTomlWithTheirPlace) {
  TomlParse parsed = ParseToml("a = \n", "t.toml");
  EXPECT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.line, 1u);
  EXPECT_FALSE(parsed.error.empty());
}

}  // namespace
}  // namespace docklint::base
