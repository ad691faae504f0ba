#include "parsers/env_file.h"

#include <gtest/gtest.h>

#include "testing/rule_of.h"

namespace docklint::parsers {
namespace {

using base::Position;
using base::SourceFile;

struct Parsed {
  EnvFile env;
  base::Diagnostics diagnostics;
};

Parsed Parse(const SourceFile& file) {
  Parsed out;
  out.env = ParseEnvFile(file, &out.diagnostics);
  return out;
}

TEST(EnvFileTest, QuotedValueKeepsThePositionOfEveryByte) {
  SourceFile file("etc/default/docker",
                  "# Docker Upstart and SysVinit configuration file\n"
                  "\n"
                  "DOCKER_OPTS=\"--icc=true -H tcp://0.0.0.0:2375\"\n");
  Parsed p = Parse(file);
  ASSERT_EQ(p.env.assignments.size(), 1u);
  EXPECT_TRUE(p.diagnostics.empty());
  const EnvAssignment* opts = p.env.Find("DOCKER_OPTS");
  ASSERT_NE(opts, nullptr);
  EXPECT_EQ(opts->value.text(), "--icc=true -H tcp://0.0.0.0:2375");
  EXPECT_EQ(opts->name_span.range().begin, (Position{3, 1}));
  // "tcp://0.0.0.0:2375" starts at byte 14 of the value, which starts at column 14 of line 3.
  base::SourceSpan tcp = opts->value.SpanOf(14, opts->value.size());
  EXPECT_EQ(tcp.text(), "tcp://0.0.0.0:2375");
  EXPECT_EQ(tcp.range().begin, (Position{3, 28}));
  EXPECT_EQ(tcp.range().end, (Position{3, 46}));
}

TEST(EnvFileTest, FollowsSystemdQuotingAndEscapes) {
  SourceFile file("f",
                  "A=plain value with trailing space   \n"
                  "B='single $X \\n kept'\n"
                  "C=\"dq \\\"x\\\" \\$HOME \\q\"\n"
                  "D=\"two\" 'parts'\n"
                  " E = spaced\n"
                  "F=line\\\n"
                  "continued\n"
                  "G=\n"
                  "A=last wins\n");
  Parsed p = Parse(file);
  EXPECT_EQ(p.env.Find("A")->value.text(), "last wins");
  EXPECT_EQ(p.env.Find("B")->value.text(), "single $X \\n kept");
  EXPECT_EQ(p.env.Find("C")->value.text(), "dq \"x\" $HOME \\q");
  EXPECT_EQ(p.env.Find("D")->value.text(), "twoparts");
  EXPECT_EQ(p.env.Find("E")->value.text(), "spaced");
  EXPECT_EQ(p.env.Find("F")->value.text(), "linecontinued");
  EXPECT_EQ(p.env.Find("G")->value.text(), "");
  EXPECT_EQ(p.env.assignments.front().value.text(), "plain value with trailing space");
  // An escaped quote maps to its two-byte escape sequence.
  const EnvAssignment* c = p.env.Find("C");
  EXPECT_EQ(c->value.SpanOf(3, 4).text(), "\\\"");
}

TEST(EnvFileTest, ReportsLinesSystemdIgnoresAndShellOnlyExpansions) {
  SourceFile file("f",
                  "export DOCKER_OPTS=\"--debug\"\n"
                  "if [ -f /x ]; then\n"
                  "  OTHER=\"$DOCKER_OPTS --icc=false\"\n"
                  "fi\n"
                  "CRLF=value\r\n");
  Parsed p = Parse(file);
  ASSERT_EQ(p.env.assignments.size(), 2u);
  EXPECT_EQ(p.env.Find("OTHER")->value.text(), "$DOCKER_OPTS --icc=false");
  EXPECT_EQ(p.env.Find("CRLF")->value.text(), "value");
  EXPECT_EQ(p.env.Find("DOCKER_OPTS"), nullptr);
  std::vector<std::pair<std::string, Position>> seen;
  for (const auto& d : p.diagnostics) seen.emplace_back(test_support::RuleOf(d), d.span.range().begin);
  std::vector<std::pair<std::string, Position>> expected = {
      {"DKL2010", Position{1, 1}},   // export
      {"DKL2010", Position{2, 1}},   // if ...
      {"DKL2010", Position{4, 1}},   // fi
      {"DKL2011", Position{3, 10}},  // $DOCKER_OPTS
  };
  EXPECT_EQ(seen, expected);
}

TEST(EnvFileTest, SurvivesHostileInput) {
  constexpr char kNasty[] = "A=\"unterminated\n\0\xff\xfe B='x";
  std::string nasty(kNasty, sizeof(kNasty) - 1);
  SourceFile file("f", nasty);
  Parsed p = Parse(file);
  ASSERT_EQ(p.env.assignments.size(), 1u);
  EXPECT_EQ(p.env.assignments[0].name, "A");
  SourceFile empty("e", "");
  EXPECT_TRUE(Parse(empty).env.assignments.empty());
}

}  // namespace
}  // namespace docklint::parsers
