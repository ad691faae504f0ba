#include "parsers/dockerd_args.h"

#include <gtest/gtest.h>

#include "testing/rule_of.h"
#include "testing/words.h"

namespace docklint::parsers {
namespace {

using base::MappedText;
using base::Position;
using base::SourceFile;

using docklint::test_support::Words;

struct Parsed {
  DockerdArgs args;
  base::Diagnostics diagnostics;
};

Parsed Parse(const SourceFile& file) {
  Parsed p;
  p.args = ParseDockerdArgs(Words(file), &p.diagnostics);
  return p;
}

TEST(DockerdArgsTest, LongFlagsTakeValuesWithEqualsOrTheNextWord) {
  SourceFile file(
      "f", "--log-level=debug --data-root /srv/docker --insecure-registry a:5000 --insecure-registry=b");
  Parsed p = Parse(file);
  ASSERT_TRUE(p.diagnostics.empty());
  ASSERT_EQ(p.args.flags.size(), 4u);
  EXPECT_EQ(p.args.flags[0].spec->long_name, "log-level");
  EXPECT_EQ(p.args.flags[0].value, "debug");
  EXPECT_EQ(p.args.flags[0].value_span.range().begin, (Position{1, 13}));
  EXPECT_EQ(p.args.flags[1].value, "/srv/docker");
  EXPECT_EQ(p.args.flags[1].value_span.range().begin, (Position{1, 31}));
  EXPECT_EQ(p.args.flags[2].spec->json_key, "insecure-registries");
  EXPECT_EQ(p.args.flags[3].value, "b");
  EXPECT_EQ(p.args.flags[2].name_span.text(), "--insecure-registry");
}

TEST(DockerdArgsTest, BoolsAcceptEveryGoSpellingOnlyAfterEquals) {
  for (const char* spelling :
       {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}) {
    SourceFile file("f", std::string("--icc=") + spelling);
    Parsed p = Parse(file);
    ASSERT_TRUE(p.diagnostics.empty()) << spelling;
    ASSERT_EQ(p.args.flags.size(), 1u);
    EXPECT_EQ(p.args.flags[0].value, spelling);
  }
  for (const char* bad : {"yes", "no", "on", "off", ""}) {
    SourceFile file("f", std::string("--icc=") + bad);
    Parsed p = Parse(file);
    ASSERT_EQ(p.diagnostics.size(), 1u) << bad;
    EXPECT_EQ(test_support::RuleOf(p.diagnostics[0]), "DKL2002");
    EXPECT_TRUE(p.args.flags.empty());
  }
}

TEST(DockerdArgsTest, BoolFollowedByAWordLeavesAStrayArgument) {
  SourceFile file("f", "--icc false");
  Parsed p = Parse(file);
  ASSERT_EQ(p.args.flags.size(), 1u);
  EXPECT_EQ(p.args.flags[0].value, "true");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(p.diagnostics[0]), "DKL2002");
  EXPECT_EQ(p.diagnostics[0].span.range().begin, (Position{1, 7}));
}

TEST(DockerdArgsTest, ShorthandsGroupAndTakeValues) {
  SourceFile file(
      "f", "-H fd:// -Htcp://0.0.0.0:2376 -H=unix:///x.sock -Dl debug -s overlay2 -G docker -b none -p /p");
  Parsed p = Parse(file);
  ASSERT_TRUE(p.diagnostics.empty()) << p.diagnostics[0].message;
  std::vector<std::pair<std::string, std::string>> got;
  for (const FlagUse& f : p.args.flags) got.emplace_back(std::string(f.spec->long_name), f.value);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"host", "fd://"},      {"host", "tcp://0.0.0.0:2376"}, {"host", "unix:///x.sock"}, {"debug", "true"},
      {"log-level", "debug"}, {"storage-driver", "overlay2"}, {"group", "docker"},        {"bridge", "none"},
      {"pidfile", "/p"}};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(p.args.flags[1].value_span.range().begin, (Position{1, 12}));
}

TEST(DockerdArgsTest, UnknownFlagsMissingValuesAndPositionalsAreErrors) {
  SourceFile file("f", "--insecure-registries x -X --log-level");
  Parsed p = Parse(file);
  std::vector<std::pair<std::string, Position>> got;
  for (const auto& d : p.diagnostics) got.emplace_back(test_support::RuleOf(d), d.span.range().begin);
  std::vector<std::pair<std::string, Position>> expected = {
      {"DKL2001", Position{1, 1}},   // unknown long flag
      {"DKL2002", Position{1, 23}},  // "x" is then a positional argument
      {"DKL2001", Position{1, 26}},  // unknown shorthand X
      {"DKL2002", Position{1, 28}},  // --log-level needs a value
  };
  EXPECT_EQ(got, expected);
}

TEST(DockerdArgsTest, DoubleDashEndsFlags) {
  SourceFile file("f", "--debug -- --icc=false");
  Parsed p = Parse(file);
  ASSERT_EQ(p.args.flags.size(), 1u);
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(p.diagnostics[0]), "DKL2002");
}

}  // namespace
}  // namespace docklint::parsers

namespace docklint::parsers {
namespace {

TEST(DockerdArgsVersionTest, FlagsFollowTheTargetEngine) {
  base::SourceFile file("f", "--log-format=json -g /srv/docker");
  std::vector<base::MappedText> words = {base::MappedText::FromFile(file, 0, 17),
                                         base::MappedText::FromFile(file, 18, 20),
                                         base::MappedText::FromFile(file, 21, 32)};
  base::Diagnostics old_engine;
  DockerdArgs args = ParseDockerdArgs(words, &old_engine, "20.10");
  ASSERT_EQ(old_engine.size(), 1u);  // --log-format came in 25.0; -g still existed
  EXPECT_NE(old_engine[0].message.find("added in 25.0"), std::string::npos);
  EXPECT_EQ(args.flags.size(), 1u);
  base::Diagnostics newest;
  ParseDockerdArgs(words, &newest);
  ASSERT_EQ(newest.size(), 1u);  // -g (graph) was removed in 24.0
  EXPECT_NE(newest[0].message.find("removed in 24.0"), std::string::npos);
  EXPECT_EQ(newest[0].span.range().begin, (base::Position{1, 20}));
}

}  // namespace
}  // namespace docklint::parsers

namespace docklint::parsers {
namespace {

TEST(DockerdArgsForkTest, RedHatForkFlagsAreKnownOnlyToDockerdCurrent) {
  base::SourceFile file("f",
                        "--add-registry registry.access.redhat.com --signature-verification=false --debug");
  std::vector<base::MappedText> words = {
      base::MappedText::FromFile(file, 0, 14), base::MappedText::FromFile(file, 15, 41),
      base::MappedText::FromFile(file, 42, 72), base::MappedText::FromFile(file, 73, 80)};
  base::Diagnostics fork;
  DockerdArgs args = ParseDockerdArgs(words, &fork, "", /*rhel_fork=*/true);
  EXPECT_TRUE(fork.empty());
  ASSERT_EQ(args.flags.size(), 1u);
  EXPECT_EQ(args.flags[0].spec->long_name, "debug");
  base::Diagnostics upstream;
  ParseDockerdArgs(words, &upstream);
  ASSERT_FALSE(upstream.empty());
  EXPECT_EQ(test_support::RuleOf(upstream[0]), "DKL2001");
}

}  // namespace
}  // namespace docklint::parsers
