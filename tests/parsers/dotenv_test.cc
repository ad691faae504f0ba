#include "parsers/dotenv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/where.h"

namespace docklint::parsers {
namespace {

using test_support::Where;

constexpr base::DiagnosticCode kCode = base::DiagnosticCode::kInvalidJson;  // any: the caller's

struct Parsed {
  explicit Parsed(std::string text) : file(".env", std::move(text)) {
    env = ParseDotenv(file, kCode, &diagnostics);
  }
  std::string Describe() const {
    std::string out;
    for (const DotenvEntry& e : env.entries)
      out += e.name + "=[" + e.value + "]" + (e.inherited ? " inherited" : e.expand ? "" : " literal") + "\n";
    return out;
  }
  base::SourceFile file;
  base::Diagnostics diagnostics;
  Dotenv env;
};

TEST(DotenvTest, ReadsAssignmentsAsComposeGoDoes) {
  Parsed p(
      "# comment\n"
      "A=1\n"
      "export B = two words # comment\n"
      "C: colon\n"
      "D='single $X \\n'\n"
      "E=\"double\\t\\$HOME \\\"q\\\"\"\n"
      "F=\n"
      "G=a#b\n"
      "INHERITED\n"
      "  H=\"multi\n"
      "line\"\n");
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.Describe(),
            "A=[1]\n"
            "B=[two words]\n"
            "C=[colon]\n"
            "D=[single $X \\n] literal\n"
            "E=[double\t$$HOME \"q\"]\n"
            "F=[]\n"
            "G=[a#b]\n"
            "INHERITED=[] inherited\n"
            "H=[multi\nline]\n");
  EXPECT_EQ(Where(p.env.entries[1].name_span), "3:8-3:9");
  EXPECT_EQ(Where(p.env.entries[1].value_span), "3:12-3:21");
}

TEST(DotenvTest, OctalEscapesInDoubleQuotes) {
  Parsed p("A=\"\\0101\\09\"\n");
  EXPECT_EQ(p.Describe(), "A=[A\\09]\n");
}

TEST(DotenvTest, RefusedLinesStopTheFile) {
  Parsed space("A=1\nMY KEY=2\nB=3\n");
  ASSERT_EQ(space.diagnostics.size(), 1u);
  EXPECT_EQ(Where(space.diagnostics[0].span), "2:1-2:7");
  EXPECT_EQ(space.Describe(), "A=[1]\n");
  Parsed character("A$B=1\n");
  ASSERT_EQ(character.diagnostics.size(), 1u);
  EXPECT_EQ(Where(character.diagnostics[0].span), "1:2-1:3");
  Parsed quote("A=\"open\nB=2\n");
  ASSERT_EQ(quote.diagnostics.size(), 1u);
  EXPECT_EQ(quote.diagnostics[0].message, "unterminated quoted value: docker compose refuses this .env file");
}

TEST(DotenvTest, AByteOrderMarkAndCrlf) {
  Parsed p(
      "\xEF\xBB\xBF"
      "A=1\r\nB=\"x\"\r\n");
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.Describe(), "A=[1]\nB=[x]\n");
}

}  // namespace
}  // namespace docklint::parsers
