#include "parsers/exec_command.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "testing/rule_of.h"
#include "testing/where.h"

// Expected argv and refusals were checked against systemd 252 itself (`systemd --test --system` dumps each
// ExecStart= command line, logs unknown escapes and unbalanced quotes, and shows when a unit fails to load).

namespace docklint::parsers {
namespace {

using base::Diagnostics;
using base::MappedText;
using base::SourceFile;
using base::SourceSpan;

using test_support::Where;

std::vector<std::string> Texts(const std::vector<MappedText>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& word : words) out.push_back(word.text());
  return out;
}

// An absolute path of `length` bytes made of 200-byte components.
std::string PathOfLength(size_t length) {
  std::string path;
  while (path.size() < length) path += path.size() % 201 == 0 ? '/' : 'b';
  return path;
}

// Holds the file that a value's spans point into.
class ExecCommandTest : public ::testing::Test {
 protected:
  // The whole of `text` as a one-line value, so columns are 1 + the byte index.
  const MappedText& Value(const std::string& text) {
    files_.push_back(std::make_unique<SourceFile>("test.service", text));
    values_.push_back(std::make_unique<MappedText>(MappedText::FromFile(*files_.back(), 0, text.size())));
    return *values_.back();
  }

  std::vector<ExecCommand> Split(const std::string& text) {
    return SplitExecCommands(Value(text), &diagnostics_);
  }

  // The argv of each command, words joined with '|'.
  std::vector<std::string> Argvs(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& command : Split(text)) {
      std::string joined;
      for (const auto& word : command.argv) joined += (joined.empty() ? "" : "|") + word.text();
      out.push_back(joined);
    }
    return out;
  }

  Diagnostics diagnostics_;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<std::unique_ptr<MappedText>> values_;
};

TEST_F(ExecCommandTest, EmptyValueHasNoCommands) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split("   \t ").empty());
  EXPECT_TRUE(diagnostics_.empty());
}

TEST_F(ExecCommandTest, QuotesWorkAsInAShell) {
  // Not as systemd.syntax(7) says: systemd 252 opens quotes mid-word and glues what follows a closing quote.
  auto commands = Split(R"(/usr/bin/echo "foo"bar a"b c"d 'x "y"' "" 'it''s')");
  EXPECT_TRUE(diagnostics_.empty());
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv),
            (std::vector<std::string>{"/usr/bin/echo", "foobar", "ab cd", "x \"y\"", "", "its"}));
  // Quotes map nowhere: a word's span runs from its first to its last content byte.
  EXPECT_EQ(Where(commands[0].argv[1].SpanOf(0, 6)), "1:16-1:23");
  EXPECT_EQ(Where(commands[0].argv[2].SpanOf(0, 5)), "1:24-1:31");
  // word_spans keep the word as written, quotes included, and place the empty word.
  EXPECT_EQ(Where(commands[0].word_spans[1]), "1:15-1:23");
  EXPECT_EQ(Where(commands[0].word_spans[4]), "1:40-1:42");
  EXPECT_EQ(Where(commands[0].span), "1:1-1:50");
}

TEST_F(ExecCommandTest, CEscapesDecodeAndMapToTheirSequence) {
  auto commands =
      Split(R"(/bin/echo \a\b\f\n\r\t\v \\\"\' a\sb \x41\101 \u00e9 \U0001F433 \xff "\x41 q" \uD800)");
  EXPECT_TRUE(diagnostics_.empty());
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv),
            (std::vector<std::string>{"/bin/echo", "\a\b\f\n\r\t\v", "\\\"'", "a b", "AA", "\xC3\xA9",
                                      "\xF0\x9F\x90\xB3", "\xFF", "A q", "\xED\xA0\x80"}));
  const MappedText& hex = commands[0].argv[4];
  EXPECT_EQ(Where(hex.OriginOf(0)), "1:38-1:42");  // \x41
  EXPECT_EQ(Where(hex.OriginOf(1)), "1:42-1:46");  // \101
  const MappedText& e_acute = commands[0].argv[5];
  EXPECT_EQ(Where(e_acute.SpanOf(0, 2)), "1:47-1:53");
  EXPECT_EQ(Where(commands[0].argv[1].OriginOf(3)), "1:17-1:19");  // \n
}

TEST_F(ExecCommandTest, UnknownEscapesAreKeptWithAWarning) {
  auto commands = Split(R"(/bin/echo \q "a\;b" \x00 \000 \u0000 \x4 \777 \U00110000 \UFFFE end\)");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv),
            (std::vector<std::string>{"/bin/echo", "\\q", "a\\;b", "\\x00", "\\000", "\\u0000", "\\x4",
                                      "\\777", "\\U00110000", "\\UFFFE", "end\\"}));
  ASSERT_EQ(diagnostics_.size(), 10u);
  for (const auto& d : diagnostics_) EXPECT_EQ(test_support::RuleOf(d), "DKL0005");
  EXPECT_EQ(Where(diagnostics_[0].span), "1:11-1:13");
  EXPECT_NE(diagnostics_[0].message.find("\\q"), std::string::npos);
  EXPECT_EQ(Where(diagnostics_[1].span), "1:16-1:18");
  EXPECT_EQ(Where(diagnostics_[9].span), "1:68-1:69");  // the trailing backslash
  // The kept backslash maps to itself.
  EXPECT_EQ(Where(commands[0].argv[1].OriginOf(0)), "1:11-1:12");
}

TEST_F(ExecCommandTest, UnbalancedQuoteInAFirstWordDropsTheRestOfTheAssignment) {
  // systemd logs "Unbalanced quoting, ignoring" and keeps the commands before it; the unit still loads.
  auto commands = Split(R"(/bin/true ; "/bin/echo a ; /bin/false)");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv), (std::vector<std::string>{"/bin/true"}));
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics_[0]), "DKL0004");
  EXPECT_EQ(Where(diagnostics_[0].span), "1:13-1:14");
  EXPECT_NE(diagnostics_[0].message.find("unbalanced quoting"), std::string::npos);
  EXPECT_NE(diagnostics_[0].message.find("ignores the rest"), std::string::npos);
}

TEST_F(ExecCommandTest, UnbalancedQuoteInALaterWordRefusesTheUnit) {
  auto commands = Split(R"(/bin/echo x ; /bin/echo 'it"s)");
  ASSERT_EQ(commands.size(), 1u);
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics_[0]), "DKL0004");
  EXPECT_EQ(Where(diagnostics_[0].span), "1:25-1:26");
  EXPECT_NE(diagnostics_[0].message.find("refuses to load the unit"), std::string::npos);

  diagnostics_.clear();
  EXPECT_TRUE(Split(R"(-/bin/echo "abc)").empty());
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_NE(diagnostics_[0].message.find("'-'"), std::string::npos);

  // A backslash cannot close a quote: "a\ at the end is still open.
  diagnostics_.clear();
  EXPECT_TRUE(Split(R"(/bin/echo "a\)").empty());
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(Where(diagnostics_[0].span), "1:11-1:12");
}

TEST_F(ExecCommandTest, SemicolonsSeparateOnlyWhenAlone) {
  EXPECT_EQ(Argvs("/bin/echo a ; /bin/echo b"), (std::vector<std::string>{"/bin/echo|a", "/bin/echo|b"}));
  EXPECT_EQ(Argvs("/bin/echo a; /bin/echo b"), (std::vector<std::string>{"/bin/echo|a;|/bin/echo|b"}));
  EXPECT_EQ(Argvs("/bin/echo a ;/bin/echo b"), (std::vector<std::string>{"/bin/echo|a|;/bin/echo|b"}));
  EXPECT_EQ(Argvs("/bin/echo a ;; /bin/echo b"), (std::vector<std::string>{"/bin/echo|a|;;|/bin/echo|b"}));
  EXPECT_EQ(Argvs(R"(/bin/echo a \; b ";" ';')"), (std::vector<std::string>{"/bin/echo|a|;|b|;|;"}));
  EXPECT_EQ(Argvs("/bin/echo a ; ; /bin/echo b ;"), (std::vector<std::string>{"/bin/echo|a", "/bin/echo|b"}));
  // A first word is compared after unquoting, so a quoted ";" there separates too.
  EXPECT_EQ(Argvs(R"(; ";" /bin/echo x)"), (std::vector<std::string>{"/bin/echo|x"}));
  EXPECT_TRUE(diagnostics_.empty());

  auto commands = Split(R"(/bin/echo \; ; /bin/true)");
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(Where(commands[0].argv[1].OriginOf(0)), "1:11-1:13");
  EXPECT_EQ(Where(commands[0].word_spans[1]), "1:11-1:13");
  EXPECT_EQ(Where(commands[0].span), "1:1-1:13");
  EXPECT_EQ(Where(commands[1].span), "1:16-1:25");
}

TEST_F(ExecCommandTest, PrefixesCombineAsSystemdAllows) {
  auto commands = Split("-@:/bin/echo argzero a ; +/bin/a ; !/bin/b ; !!/bin/c ; :-!!/bin/d ; /bin/e");
  EXPECT_TRUE(diagnostics_.empty());
  ASSERT_EQ(commands.size(), 6u);
  const ExecCommand& first = commands[0];
  EXPECT_TRUE(first.ignore_failure);
  EXPECT_TRUE(first.argv0_from_next);
  EXPECT_TRUE(first.no_env_expansion);
  EXPECT_FALSE(first.full_privileges);
  EXPECT_FALSE(first.no_user_group);
  EXPECT_EQ(Texts(first.argv), (std::vector<std::string>{"/bin/echo", "argzero", "a"}));
  EXPECT_EQ(Where(first.prefix_span), "1:1-1:4");
  EXPECT_EQ(Where(first.argv[0].SpanOf(0, first.argv[0].size())), "1:4-1:13");
  EXPECT_EQ(Where(first.word_spans[0]), "1:1-1:13");

  EXPECT_TRUE(commands[1].full_privileges);
  EXPECT_TRUE(commands[2].no_user_group);
  EXPECT_FALSE(commands[2].no_user_group_only_without_ambient);
  EXPECT_TRUE(commands[3].no_user_group);
  EXPECT_TRUE(commands[3].no_user_group_only_without_ambient);
  EXPECT_TRUE(commands[4].no_env_expansion);
  EXPECT_TRUE(commands[4].ignore_failure);
  EXPECT_TRUE(commands[4].no_user_group_only_without_ambient);
  EXPECT_EQ(Texts(commands[4].argv), (std::vector<std::string>{"/bin/d"}));
  EXPECT_FALSE(commands[5].prefix_span.begin != commands[5].prefix_span.end);
  EXPECT_EQ(Where(commands[5].prefix_span), "1:70-1:70");
}

TEST_F(ExecCommandTest, PrefixesAreReadAfterUnquoting) {
  auto commands = Split(R"("-/bin/echo" a ; \x2d/bin/true)");
  EXPECT_TRUE(diagnostics_.empty());
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_TRUE(commands[0].ignore_failure);
  EXPECT_EQ(Texts(commands[0].argv), (std::vector<std::string>{"/bin/echo", "a"}));
  EXPECT_EQ(Where(commands[0].prefix_span), "1:2-1:3");
  EXPECT_TRUE(commands[1].ignore_failure);
  EXPECT_EQ(Where(commands[1].prefix_span), "1:18-1:22");
}

TEST_F(ExecCommandTest, InvalidPrefixCombinationsAreRefused) {
  for (const char* text :
       {"+!/bin/echo a", "!!!/bin/echo a", "!+/bin/echo a", "@@/bin/echo a b", "--/bin/echo a"}) {
    diagnostics_.clear();
    EXPECT_TRUE(Split(text).empty()) << text;
    ASSERT_EQ(diagnostics_.size(), 1u) << text;
    EXPECT_EQ(test_support::RuleOf(diagnostics_[0]), "DKL0004");
    EXPECT_NE(diagnostics_[0].message.find("cannot follow"), std::string::npos) << diagnostics_[0].message;
  }
  EXPECT_EQ(Where(diagnostics_[0].span), "1:2-1:3");  // the second '-'
  EXPECT_NE(diagnostics_[0].message.find("ignores this command"), std::string::npos);

  // systemd accepts a leftover prefix that makes a valid bare file name, which is still worth a diagnostic.
  diagnostics_.clear();
  auto commands = Split("!+dockerd");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].argv[0].text(), "+dockerd");
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_NE(diagnostics_[0].message.find("takes \"+dockerd\""), std::string::npos);
}

TEST_F(ExecCommandTest, BadExecutablesAreRefused) {
  struct Case {
    const char* text;
    const char* message;
  };
  const std::string long_name(256, 'a');
  const std::string long_path = PathOfLength(4096);
  for (const Case& c :
       {Case{"-", "empty executable"}, Case{"@", "empty executable"}, Case{"\"\" a", "empty"},
        Case{"/bin/ a", "directory"}, Case{"foo/bar a", "neither"}, Case{". a", "neither"},
        Case{".. a", "neither"}, Case{R"(/bin/e\\cho)", "backslashes"}, Case{R"(/bin/ec\tho)", "control"},
        Case{R"(\; /bin/x)", "backslashes"}, Case{"@/bin/echo", "'@' needs"}}) {
    diagnostics_.clear();
    EXPECT_TRUE(Split(c.text).empty()) << c.text;
    ASSERT_FALSE(diagnostics_.empty()) << c.text;
    EXPECT_EQ(test_support::RuleOf(diagnostics_.back()), "DKL0004");
    EXPECT_NE(diagnostics_.back().message.find(c.message), std::string::npos) << diagnostics_.back().message;
  }
  diagnostics_.clear();
  EXPECT_TRUE(Split(long_name).empty());
  EXPECT_TRUE(Split("/x/" + long_name).empty());
  EXPECT_TRUE(Split(long_path).empty());
  EXPECT_EQ(diagnostics_.size(), 3u);

  // These systemd accepts: a bare name looked up in its fixed path, a 255-byte name, "/..", specifiers.
  diagnostics_.clear();
  EXPECT_EQ(Argvs("dockerd -H fd://"), (std::vector<std::string>{"dockerd|-H|fd://"}));
  EXPECT_EQ(Split(std::string(255, 'a')).size(), 1u);
  EXPECT_EQ(Split(PathOfLength(4095)).size(), 1u);
  EXPECT_EQ(Argvs("/.. a"), (std::vector<std::string>{"/..|a"}));
  EXPECT_EQ(Argvs("%h/bin/x"), (std::vector<std::string>{"%h/bin/x"}));
  EXPECT_TRUE(diagnostics_.empty());
}

TEST_F(ExecCommandTest, DollarsAndPercentsAreLeftToTheCaller) {
  EXPECT_EQ(Argvs(R"(/usr/bin/dockerd $DOCKER_OPTS ${A}b $$ %% "$X y")"),
            (std::vector<std::string>{"/usr/bin/dockerd|$DOCKER_OPTS|${A}b|$$|%%|$X y"}));
  EXPECT_TRUE(diagnostics_.empty());
}

TEST_F(ExecCommandTest, SplitWordsForExecLines) {
  std::vector<MappedText> words;
  EXPECT_TRUE(SplitWords(Value(R"(  a "b c"  d\x41 )"), &words, &diagnostics_));
  EXPECT_EQ(Texts(words), (std::vector<std::string>{"a", "b c", "dA"}));
  EXPECT_EQ(Where(words[2].SpanOf(0, 2)), "1:12-1:17");
  words.clear();
  EXPECT_FALSE(SplitWords(Value(R"(x 'y)"), &words, &diagnostics_));
  EXPECT_EQ(Texts(words), (std::vector<std::string>{"x"}));
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics_[0]), "DKL0004");
  EXPECT_EQ(Where(diagnostics_[0].span), "1:3-1:4");
}

TEST_F(ExecCommandTest, SplitWordsForEnvironmentValues) {
  // How systemd 252 splits "$VAR" (replace_env_argv: EXTRACT_RELAX|EXTRACT_UNQUOTE): a backslash just keeps
  // the next character, an unclosed quote runs to the end, and nothing is reported.
  std::vector<MappedText> words;
  EXPECT_TRUE(SplitWords(Value(R"(a "b c" d\x41 e\ f 'g\'h' "unclosed x)"), &words, &diagnostics_,
                         WordSyntax::kEnvironmentValue));
  EXPECT_EQ(Texts(words), (std::vector<std::string>{"a", "b c", "dx41", "e f", "g'h", "unclosed x"}));
  EXPECT_EQ(Where(words[2].OriginOf(1)), "1:11-1:12");
  words.clear();
  EXPECT_TRUE(SplitWords(Value("trailing\\"), &words, &diagnostics_, WordSyntax::kEnvironmentValue));
  EXPECT_EQ(Texts(words), (std::vector<std::string>{"trailing"}));
  EXPECT_TRUE(diagnostics_.empty());
}

TEST_F(ExecCommandTest, ArbitraryBytesNeverCrash) {
  constexpr char kBytes[] = "ab;\\\"' \t\n-@:+!/x0%$\xFF";
  const std::string alphabet(kBytes, sizeof(kBytes));  // the terminating NUL is one of them
  uint32_t state = 99;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    size_t length = round % 41;
    for (size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      text.push_back(alphabet[(state >> 16) % alphabet.size()]);
    }
    diagnostics_.clear();
    const MappedText& value = Value(text);
    for (const auto& command : SplitExecCommands(value, &diagnostics_)) {
      EXPECT_FALSE(command.argv.empty());
      EXPECT_EQ(command.argv.size(), command.word_spans.size());
      EXPECT_LE(command.span.end, text.size());
    }
    std::vector<MappedText> words;
    SplitWords(value, &words, &diagnostics_);
    SplitWords(value, &words, &diagnostics_, WordSyntax::kEnvironmentValue);
    for (const auto& d : diagnostics_) EXPECT_LE(d.span.end, text.size());
  }
}

}  // namespace
}  // namespace docklint::parsers
