#include "parsers/dockerfile.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "parsers/internal/dockerfile_lex.h"
#include "testing/rule_of.h"
#include "testing/where.h"

// Expected behaviour follows BuildKit's frontend/dockerfile/parser (parser.go, directives.go,
// line_parsers.go, split_command.go, shell/lex.go) and frontend/dockerfile/instructions (parse.go,
// bflag.go); heredoc cases are those of BuildKit's parser_heredoc_test.go.

namespace docklint::parsers {
namespace {

using base::SourceFile;
using base::SourceSpan;

using test_support::Where;

struct Parsed {
  std::unique_ptr<SourceFile> file;
  Dockerfile df;

  const DockerfileInstruction& at(size_t i) const { return df.instructions.at(i); }
  std::vector<std::string> Keywords() const {
    std::vector<std::string> out;
    for (const auto& ins : df.instructions) out.push_back(ins.keyword);
    return out;
  }
  // "CODE line:col-line:col" for every diagnostic.
  std::vector<std::string> Diags() const {
    std::vector<std::string> out;
    for (const auto& d : df.diagnostics) out.push_back(test_support::RuleOf(d) + " " + Where(d.span));
    return out;
  }
  std::string Messages() const {
    std::string out;
    for (const auto& d : df.diagnostics) out += test_support::RuleOf(d) + " " + d.message + "\n";
    return out;
  }
};

Parsed Parse(std::string text, DockerfileParseOptions options = {}) {
  Parsed p;
  p.file = std::make_unique<SourceFile>("Dockerfile", std::move(text));
  p.df = ParseDockerfile(*p.file, options);
  return p;
}

std::vector<std::string> Values(const std::vector<DockerfileWord>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.value);
  return out;
}

std::vector<std::string> Places(const std::vector<DockerfileWord>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(Where(w.span));
  return out;
}

using Strings = std::vector<std::string>;
using namespace std::string_literals;

// ---- Lines, keywords, spans ------------------------------------------------------------------------------

TEST(DockerfileTest, InstructionsWithLinesAndSpans) {
  Parsed p = Parse("FROM alpine:3.20\n\nRUN apk add curl\n  CMD [\"sh\"]\n");
  ASSERT_EQ(p.Keywords(), (Strings{"from", "run", "cmd"}));
  EXPECT_EQ(p.at(0).start_line, 1u);
  EXPECT_EQ(p.at(0).end_line, 1u);
  EXPECT_EQ(Where(p.at(0).span), "1:1-1:17");
  EXPECT_EQ(Where(p.at(0).keyword_span), "1:1-1:5");
  EXPECT_EQ(Values(p.at(0).args), (Strings{"alpine:3.20"}));
  EXPECT_EQ(Places(p.at(0).args), (Strings{"1:6-1:17"}));
  EXPECT_EQ(p.at(1).start_line, 3u);
  EXPECT_EQ(Values(p.at(1).args), (Strings{"apk add curl"}));
  EXPECT_EQ(Where(p.at(2).keyword_span), "4:3-4:6");
  EXPECT_TRUE(p.at(2).json_form);
  EXPECT_EQ(Places(p.at(2).args), (Strings{"4:8-4:12"}));
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, KeywordsAreCaseInsensitive) {
  Parsed p = Parse("from a\nRuN b\nWorkDir /x\n");
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "workdir"}));
  EXPECT_EQ(p.at(1).keyword_span.text(), "RuN");
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, UnknownInstructionIsAnErrorAndParsingGoesOn) {
  Parsed p = Parse("FROM a\nFNTRYPOINT x\nRUN b\n");
  EXPECT_EQ(p.Keywords(), (Strings{"from", "fntrypoint", "run"}));
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 2:1-2:11"}));
  EXPECT_EQ(p.df.diagnostics[0].message, "unknown instruction: FNTRYPOINT (did you mean ENTRYPOINT?)");
}

TEST(DockerfileTest, LeadingBlanksAndTrailingBlanksAreTrimmed) {
  Parsed p = Parse("FROM a\n \t RUN  echo hi  \t\n");
  EXPECT_EQ(Where(p.at(1).span), "2:4-2:16");
  EXPECT_EQ(p.at(1).rest.text(), "echo hi");
  EXPECT_EQ(Where(p.at(1).rest.SpanOf(0, p.at(1).rest.size())), "2:9-2:16");
}

TEST(DockerfileTest, ByteOrderMarkIsStripped) {
  Parsed p = Parse("\xEF\xBB\xBF# escape=`\nFROM a\n");
  ASSERT_EQ(p.df.directives.size(), 1u);
  EXPECT_EQ(p.df.escape, '`');
  EXPECT_EQ(Where(p.df.directives[0].span), "1:4-1:14");
  EXPECT_EQ(p.Keywords(), (Strings{"from"}));
}

TEST(DockerfileTest, CrlfLineEndsAreNotPartOfValues) {
  Parsed p = Parse("FROM a\r\nENV A=1 \\\r\n  B=2\r\nUSER root\r\n");
  EXPECT_EQ(p.Keywords(), (Strings{"from", "env", "user"}));
  EXPECT_EQ(Values(p.at(1).args), (Strings{"A", "1", "B", "2"}));
  EXPECT_EQ(Places(p.at(1).args), (Strings{"2:5-2:6", "2:7-2:8", "3:3-3:4", "3:5-3:6"}));
  EXPECT_EQ(Where(p.at(1).span), "2:1-3:6");
  EXPECT_EQ(Values(p.at(2).args), (Strings{"root"}));
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, EmptyFileAndFileWithoutInstructions) {
  EXPECT_EQ(Parse("").Diags(), (Strings{"DKL0007 1:1-1:1"}));
  Parsed p = Parse("# just a comment\n\n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 3:1-3:1"}));
  EXPECT_EQ(p.df.comments.size(), 1u);
}

TEST(DockerfileTest, LineLongerThanBuildKitsScannerBufferIsAnError) {
  std::string text = "FROM a\nRUN " + std::string(65531, 'x') + "\nRUN " + std::string(65532, 'y') + "\n";
  Parsed p = Parse(text);
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "run"}));
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 3:1-3:65537"}));
}

// ---- Parser directives -----------------------------------------------------------------------------------

TEST(DockerfileTest, DirectivesAtTheTop) {
  Parsed p = Parse("#  SYNTAX = docker/dockerfile:1  \n# check=skip=all;error=true\n#escape=`\nFROM a\n");
  ASSERT_EQ(p.df.directives.size(), 3u);
  EXPECT_EQ(p.df.directives[0].name, "syntax");
  EXPECT_EQ(p.df.directives[0].value, "docker/dockerfile:1");
  EXPECT_EQ(Where(p.df.directives[0].value_span), "1:13-1:32");
  EXPECT_EQ(Where(p.df.directives[0].span), "1:1-1:34");
  EXPECT_EQ(p.df.directives[1].name, "check");
  EXPECT_EQ(p.df.directives[1].value, "skip=all;error=true");
  EXPECT_EQ(p.df.directives[2].value, "`");
  EXPECT_EQ(p.df.escape, '`');
  EXPECT_TRUE(p.df.comments.empty());
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, DirectiveScanningStops) {
  // At a blank line, a plain comment, an unknown key, and at the first instruction.
  for (const char* text : {"\n# escape=`\nFROM a\n", "# hello\n# escape=`\nFROM a\n",
                           "# foo=bar\n# escape=`\nFROM a\n", "FROM a\n# escape=`\n"}) {
    Parsed p = Parse(text);
    EXPECT_TRUE(p.df.directives.empty()) << text;
    EXPECT_EQ(p.df.escape, '\\') << text;
  }
  // A directive after `syntax` still counts (the classic parser ignored it).
  EXPECT_EQ(Parse("# syntax=x\n# escape=`\nFROM a\n").df.escape, '`');
  // Leading blanks before '#' are allowed.
  EXPECT_EQ(Parse("   # escape = `\nFROM a\n").df.escape, '`');
}

TEST(DockerfileTest, RepeatedDirectiveIsAnError) {
  Parsed p = Parse("# escape=\\\n# ESCAPE=`\nFROM a\n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 2:1-2:11"}));
  EXPECT_EQ(p.df.escape, '\\');
}

TEST(DockerfileTest, InvalidEscapeIsAnError) {
  Parsed p = Parse("# escape = ``\nFROM a\n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 1:12-1:14"}));
  EXPECT_EQ(p.df.escape, '\\');
  // Blanks only after '=': the regexp's greedy \s* gives its last blank to the value.
  EXPECT_EQ(Parse("# escape=   \nFROM a\n").Diags(), (Strings{"DKL0007 1:12-1:13"}));
}

TEST(DockerfileTest, CheckDirectiveOptions) {
  EXPECT_TRUE(
      Parse("# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM a\n").df.diagnostics.empty());
  EXPECT_EQ(Parse("# check=error=maybe\nFROM a\n").Diags(), (Strings{"DKL0007 1:9-1:20"}));
  EXPECT_EQ(Parse("# check=skip=all;foo=1\nFROM a\n").Diags(), (Strings{"DKL0007 1:18-1:23"}));
  EXPECT_EQ(Parse("# check=skip\nFROM a\n").Diags(), (Strings{"DKL0007 1:9-1:13"}));
}

// ---- Comments and continuations --------------------------------------------------------------------------

TEST(DockerfileTest, CommentsAreListedEvenInsideContinuations) {
  Parsed p = Parse("FROM a\n# docklint ignore=DKL3001\nRUN a \\\n  # inside\n  b\n");
  ASSERT_EQ(p.df.comments.size(), 2u);
  EXPECT_EQ(p.df.comments[0].text, " docklint ignore=DKL3001");
  EXPECT_EQ(Where(p.df.comments[0].span), "2:1-2:26");
  EXPECT_EQ(p.df.comments[1].text, " inside");
  EXPECT_EQ(Where(p.df.comments[1].span), "4:3-4:11");
  EXPECT_EQ(p.at(1).rest.text(), "a   b");
  EXPECT_EQ(p.at(1).start_line, 3u);
  EXPECT_EQ(p.at(1).end_line, 5u);
}

TEST(DockerfileTest, ContinuationKeepsLeadingBlanksAndDropsOnlyTheEscape) {
  Parsed p = Parse("FROM a\nRUN echo a \\  \t\n    b\\\nc\n");
  EXPECT_EQ(p.at(1).rest.text(), "echo a     bc");
  EXPECT_EQ(Where(p.at(1).span), "2:1-4:2");
  // Each byte of the joined text points at its place in the file.
  const DockerfileText& rest = p.at(1).rest;
  EXPECT_EQ(Where(rest.SpanOf(7, 12)), "3:1-3:6");
  EXPECT_EQ(Where(rest.OriginOf(12)), "4:1-4:2");
  EXPECT_EQ(rest.ToMappedText().text(), rest.text());
  EXPECT_EQ(Where(rest.ToMappedText().SpanOf(12, 13)), "4:1-4:2");
}

TEST(DockerfileTest, EscapedEscapeAtEndOfLineIsNoContinuation) {
  Parsed p = Parse("FROM a\nRUN echo \\\\\nRUN b\n");
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "run"}));
  EXPECT_EQ(p.at(1).rest.text(), "echo \\\\");
}

TEST(DockerfileTest, EmptyContinuationLinesAreDroppedWithAWarning) {
  Parsed p = Parse("FROM a\nRUN a \\\n\n  \t\n  b\n");
  EXPECT_EQ(p.at(1).rest.text(), "a   b");
  EXPECT_EQ(p.at(1).end_line, 5u);
  EXPECT_EQ(p.Diags(), (Strings{"DKL0008 3:1-3:1", "DKL0008 4:1-4:4"}));
}

TEST(DockerfileTest, ContinuationRunningToTheEndOfTheFileIsAccepted) {
  Parsed p = Parse("FROM a\nRUN a \\\n# c\n");
  EXPECT_EQ(p.at(1).rest.text(), "a");
  EXPECT_EQ(p.at(1).end_line, 3u);
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, LoneEscapeStartsALogicalLine) {
  Parsed p = Parse("FROM a\n\\\nRUN b\n");
  ASSERT_EQ(p.Keywords(), (Strings{"from", "run"}));
  EXPECT_EQ(p.at(1).start_line, 2u);
  EXPECT_EQ(Where(p.at(1).keyword_span), "3:1-3:4");
}

TEST(DockerfileTest, BacktickEscape) {
  Parsed p = Parse("# escape=`\nFROM mcr/windows\nCOPY C:\\src\\ `\n  C:\\dst\\\nRUN a \\\n");
  ASSERT_EQ(p.Keywords(), (Strings{"from", "copy", "run"}));
  EXPECT_EQ(Values(p.at(1).args), (Strings{"C:\\src\\", "C:\\dst\\"}));
  EXPECT_EQ(p.at(2).rest.text(), "a \\");
}

// ---- Shell source for bash -------------------------------------------------------------------------------

TEST(DockerfileTest, ShellSourceKeepsFileOffsets) {
  std::string text = "FROM a\nRUN set -e; \\\n  # note\n\n  echo hi \\   \r\n  && true\n";
  Parsed p = Parse(text);
  const DockerfileInstruction& run = p.at(1);
  EXPECT_EQ(run.shell_offset, 11u);
  EXPECT_EQ(run.shell_source,
            "set -e; \\\n"
            "         "  // "  # note\n" blanked with its line break
            " "          // the blank line
            "  echo hi     \\\n"
            "  && true");
  EXPECT_EQ(run.shell_source.size(), text.size() - 1 - run.shell_offset);
  EXPECT_EQ(text.substr(run.shell_offset + run.shell_source.size() - 4, 4), "true");
  // Exec form has no shell source.
  EXPECT_TRUE(Parse("FROM a\nRUN [\"a\"]\n").at(1).shell_source.empty());
}

TEST(DockerfileTest, ShellSourceWithBacktickEscape) {
  Parsed p = Parse("# escape=`\nFROM a\nRUN a `\n  b\nCMD x\nHEALTHCHECK --retries=3 CMD  curl -f x\n");
  EXPECT_EQ(p.at(1).shell_source, "a \\\n  b");
  EXPECT_EQ(p.at(2).shell_source, "x");
  EXPECT_EQ(p.at(3).shell_source, "curl -f x");
  EXPECT_EQ(Where(SourceSpan{p.file.get(), p.at(3).shell_offset, p.at(3).shell_offset + 9}), "6:30-6:39");
}

// ---- Flags -----------------------------------------------------------------------------------------------

TEST(DockerfileTest, FlagsWithSpans) {
  Parsed p =
      Parse("FROM --platform=$BUILDPLATFORM golang AS build\nCOPY --from=build --link --chmod=\"0 7\" a b\n");
  ASSERT_EQ(p.at(0).flags.size(), 1u);
  const DockerfileFlag& platform = p.at(0).flags[0];
  EXPECT_EQ(platform.name, "platform");
  EXPECT_EQ(platform.value, "$BUILDPLATFORM");
  EXPECT_EQ(Where(platform.span), "1:6-1:31");
  EXPECT_EQ(Where(platform.name_span), "1:8-1:16");
  EXPECT_EQ(Where(platform.value_span), "1:17-1:31");
  EXPECT_EQ(Values(p.at(0).args), (Strings{"golang", "AS", "build"}));
  const auto& flags = p.at(1).flags;
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[1].name, "link");
  EXPECT_FALSE(flags[1].value.has_value());
  EXPECT_EQ(flags[2].value, "0 7");  // quotes removed
  EXPECT_EQ(Where(flags[2].span), "2:26-2:39");
  EXPECT_EQ(Where(flags[2].value_span), "2:35-2:38");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"a", "b"}));
  EXPECT_NE(p.at(1).FindFlag("from"), nullptr);
  EXPECT_EQ(p.at(1).FindFlag("chown"), nullptr);
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, DoubleDashEndsFlags) {
  Parsed p = Parse("FROM a\nRUN --network=none -- --not-a-flag\n");
  EXPECT_EQ(p.at(1).flags.size(), 1u);
  EXPECT_EQ(p.at(1).rest.text(), "--not-a-flag");
}

TEST(DockerfileTest, FlagErrors) {
  Parsed p = Parse(
      "FROM a\n"
      "COPY --from x /y\n"  // string flag without '='
      "COPY --chown=1 --chown=2 --link=maybe x /y\n"
      "RUN --mont=type=cache x\n"          // unknown
      "RUN --mount=a --mount=b x\n"        // strings flags repeat
      "ADD --link= --keep-git-dir x /y\n"  // bool with '=' and nothing
      "ENV --x=1 A=b\n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 2:6-2:12", "DKL0007 3:16-3:25", "DKL0007 3:33-3:38",
                                "DKL0007 4:5-4:22", "DKL0007 6:5-6:12", "DKL0007 7:5-7:10"}))
      << p.Messages();
}

TEST(DockerfileTest, FlagsBuildKitIgnoresAreWarnings) {
  Parsed p = Parse("ARG --foo A\nFROM a\nSTOPSIGNAL --x SIGTERM\nHEALTHCHECK --interval=bad NONE\n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0008 1:5-1:10", "DKL0008 3:12-3:15", "DKL0008 4:13-4:27"}))
      << p.Messages();
}

// ---- Arguments per instruction ---------------------------------------------------------------------------

TEST(DockerfileTest, FromArity) {
  EXPECT_TRUE(Parse("FROM a as b\n").df.diagnostics.empty());
  EXPECT_EQ(Parse("FROM a b\n").Diags(), (Strings{"DKL0007 1:6-1:9"}));
  EXPECT_EQ(Parse("FROM\n").Diags(), (Strings{"DKL0007 1:1-1:5"}));
  EXPECT_EQ(Parse("FROM a AS 1st\n").Diags(), (Strings{"DKL0007 1:11-1:14"}));
  EXPECT_EQ(Parse("FROM a AS Build.v2_x-y\n").Diags(), Strings{});
}

TEST(DockerfileTest, EnvPairsKeepQuotes) {
  Parsed p = Parse("FROM a\nENV A=\"x y\" B='z' C=a\\ b D=\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"A", "\"x y\"", "B", "'z'", "C", "a\\ b", "D", ""}));
  EXPECT_EQ(Places(p.at(1).args), (Strings{"2:5-2:6", "2:7-2:12", "2:13-2:14", "2:15-2:18", "2:19-2:20",
                                           "2:21-2:25", "2:26-2:27", "2:28-2:28"}));
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, EnvUnterminatedQuoteKeepsTheWord) {
  Parsed p = Parse("FROM a\nENV A=\"x y\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"A", "\"x y"}));
  // An escape character at the very end is dropped.
  EXPECT_EQ(Values(Parse("FROM a\nARG B=c\\\n").at(1).args), (Strings{"B=c"}));
}

TEST(DockerfileTest, EnvLegacyForm) {
  Parsed p = Parse("FROM a\nLABEL maintainer  Jane Doe <j@d>\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"maintainer", "Jane Doe <j@d>"}));
  EXPECT_EQ(Places(p.at(1).args), (Strings{"2:7-2:17", "2:19-2:33"}));
  // BuildKit: "ENV must have two arguments".
  Parsed key_only = Parse("FROM a\nENV PATH\n");
  EXPECT_EQ(key_only.Diags(), (Strings{"DKL0007 2:5-2:9"}));
  // Once the first word has '=', every word needs one.
  EXPECT_EQ(Parse("FROM a\nENV A=1 B\n").Diags(), (Strings{"DKL0007 2:9-2:10"}));
  EXPECT_EQ(Parse("FROM a\nENV =x\n").Diags(), (Strings{"DKL0007 2:5-2:5"}));
}

TEST(DockerfileTest, ArgNamesAndDefaults) {
  Parsed p = Parse("ARG A B=2 C=\"x y\"\nFROM a\n");
  EXPECT_EQ(Values(p.at(0).args), (Strings{"A", "B=2", "C=\"x y\""}));
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
  EXPECT_EQ(Parse("ARG =x\nFROM a\n").Diags(), (Strings{"DKL0007 1:5-1:7"}));
  EXPECT_EQ(Parse("ARG\nFROM a\n").Diags(), (Strings{"DKL0007 1:1-1:4"}));
}

TEST(DockerfileTest, WholeRestWords) {
  Parsed p = Parse("FROM a\nUSER app:app\nWORKDIR /my dir\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane <j@d>\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"app:app"}));
  EXPECT_EQ(Values(p.at(2).args), (Strings{"/my dir"}));
  EXPECT_EQ(Values(p.at(3).args), (Strings{"SIGTERM"}));
  EXPECT_EQ(Values(p.at(4).args), (Strings{"Jane <j@d>"}));
  EXPECT_EQ(Parse("FROM a\nUSER\n").Diags(), (Strings{"DKL0007 2:1-2:5"}));
}

TEST(DockerfileTest, WhitespaceSplitWordsKeepQuotes) {
  Parsed p = Parse("FROM a\nCOPY \"a b\" /c\nEXPOSE 80/tcp\t443\nVOLUME /a /b\nVOLUME [\"/c\", \"/d\"]\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"\"a", "b\"", "/c"}));
  EXPECT_EQ(Values(p.at(2).args), (Strings{"80/tcp", "443"}));
  EXPECT_EQ(Values(p.at(3).args), (Strings{"/a", "/b"}));
  EXPECT_TRUE(p.at(4).json_form);
  EXPECT_EQ(Values(p.at(4).args), (Strings{"/c", "/d"}));
  EXPECT_EQ(Parse("FROM a\nCOPY x\n").Diags(), (Strings{"DKL0007 2:6-2:7"}));
  EXPECT_EQ(Parse("FROM a\nVOLUME [\" \"]\n").Diags(), (Strings{"DKL0007 2:9-2:12"}));
}

TEST(DockerfileTest, ExecFormJson) {
  Parsed p = Parse("FROM a\nCMD [\"echo\", \"\\u00e9\\n\", \"\\ud83d\\ude00\"]\n");
  EXPECT_TRUE(p.at(1).json_form);
  EXPECT_EQ(Values(p.at(1).args), (Strings{"echo", "\xC3\xA9\n", "\xF0\x9F\x98\x80"}));
  EXPECT_EQ(Places(p.at(1).args), (Strings{"2:6-2:12", "2:14-2:24", "2:26-2:40"}));
  // Not JSON: the shell form, silently (single quotes, trailing text, unterminated).
  for (const char* text :
       {"FROM a\nCMD ['a']\n", "FROM a\nCMD [\"a\"] b\n", "FROM a\nCMD [\"a\"\n", "FROM a\nCMD [\"a\",]\n"}) {
    Parsed q = Parse(text);
    EXPECT_FALSE(q.at(1).json_form) << text;
    EXPECT_EQ(q.at(1).args.size(), 1u) << text;
    EXPECT_TRUE(q.df.diagnostics.empty()) << text;
  }
  // JSON with a non-string: BuildKit refuses it.
  Parsed bad = Parse("FROM a\nENTRYPOINT [\"a\", {\"b\": 1}, 2]\n");
  EXPECT_EQ(bad.Diags(), (Strings{"DKL0007 2:18-2:26"}));
  // An empty array is the exec form with no arguments.
  EXPECT_TRUE(Parse("FROM a\nCMD []\n").at(1).json_form);
}

TEST(DockerfileTest, ShellMustBeJson) {
  EXPECT_TRUE(Parse("FROM a\nSHELL [\"bash\", \"-c\"]\n").df.diagnostics.empty());
  EXPECT_EQ(Parse("FROM a\nSHELL bash -c\n").Diags(), (Strings{"DKL0007 2:7-2:14"}));
  EXPECT_EQ(Parse("FROM a\nSHELL []\n").Diags(), (Strings{"DKL0007 2:1-2:6"}));
}

TEST(DockerfileTest, Healthcheck) {
  Parsed p = Parse(
      "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://x/\n"
      "HEALTHCHECK cmd [\"curl\", \"x\"]\n");
  EXPECT_EQ(Values(p.at(1).args), (Strings{"NONE"}));
  EXPECT_EQ(Values(p.at(2).args), (Strings{"CMD", "curl -f http://x/"}));
  EXPECT_FALSE(p.at(2).json_form);
  EXPECT_EQ(Values(p.at(3).args), (Strings{"cmd", "curl", "x"}));
  EXPECT_TRUE(p.at(3).json_form);
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();

  Parsed bad = Parse(
      "FROM a\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK CONNECT x\nHEALTHCHECK NONE x\n"
      "HEALTHCHECK --interval=5 --timeout=1us --start-period=-1s --retries=-1 CMD x\n"
      "HEALTHCHECK --retries=x --start-interval=1h2m3.5s CMD x\n");
  EXPECT_EQ(bad.Diags(), (Strings{"DKL0007 2:1-2:12", "DKL0007 3:13-3:16", "DKL0007 4:13-4:20",
                                  "DKL0007 5:18-5:19", "DKL0007 6:24-6:25", "DKL0007 6:36-6:39",
                                  "DKL0007 6:55-6:58", "DKL0007 6:69-6:71", "DKL0007 7:23-7:24"}))
      << bad.Messages();
}

TEST(DockerfileTest, OnbuildTrigger) {
  Parsed p = Parse("FROM a\nONBUILD RUN --mount=type=cache,target=/c make\n");
  const DockerfileInstruction& onbuild = p.at(1);
  EXPECT_EQ(Values(onbuild.args), (Strings{"RUN", "make"}));
  ASSERT_NE(onbuild.trigger, nullptr);
  EXPECT_EQ(onbuild.trigger->keyword, "run");
  EXPECT_EQ(Where(onbuild.trigger->keyword_span), "2:9-2:12");
  EXPECT_EQ(onbuild.trigger->flags.size(), 1u);
  EXPECT_EQ(onbuild.trigger->shell_source, "make");
  EXPECT_EQ(onbuild.trigger->start_line, 2u);
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, OnbuildErrors) {
  EXPECT_EQ(Parse("FROM a\nONBUILD ONBUILD RUN x\n").Diags(), (Strings{"DKL0007 2:9-2:16"}));
  EXPECT_EQ(Parse("FROM a\nONBUILD from b\n").Diags(), (Strings{"DKL0007 2:9-2:13"}));
  EXPECT_EQ(Parse("FROM a\nONBUILD MAINTAINER x\n").Diags(), (Strings{"DKL0007 2:9-2:19"}));
  EXPECT_EQ(Parse("FROM a\nONBUILD\n").Diags(), (Strings{"DKL0007 2:1-2:8"}));
  EXPECT_EQ(Parse("FROM a\nONBUILD --x RUN y\n").Diags(), (Strings{"DKL0007 2:9-2:12"}));
  // The trigger is only checked when an image is built FROM this one: BuildKit accepts this file.
  Parsed later = Parse("FROM a\nONBUILD COPY --bad x /y\nONBUILD FOO\n");
  EXPECT_EQ(later.Diags(), (Strings{"DKL0008 2:14-2:19", "DKL0008 3:9-3:12"})) << later.Messages();
  // What BuildKit's parser itself refuses in a trigger is an error now.
  EXPECT_EQ(Parse("FROM a\nONBUILD CMD [1]\n").Diags(), (Strings{"DKL0007 2:14-2:15"}));
}

TEST(DockerfileTest, InstructionsBeforeTheFirstFrom) {
  EXPECT_TRUE(Parse("ARG V=1\nFROM a:$V\n").df.diagnostics.empty());
  EXPECT_EQ(Parse("RUN x\nFROM a\n").Diags(), (Strings{"DKL0007 1:1-1:4"}));
  EXPECT_EQ(Parse("ARG V\n").Diags(), (Strings{"DKL0007 1:1-1:4"}));
  // Without the instructions checks only the parser's own errors are left.
  EXPECT_TRUE(Parse("RUN x\nFOO\n", {.check_instructions = false}).df.diagnostics.empty());
}

// ---- Heredocs (BuildKit's parser_heredoc_test.go cases) --------------------------------------------------

TEST(DockerfileTest, HeredocsAsBuildKitExtractsThem) {
  Parsed p = Parse(
      "FROM alpine:3.6\n"
      "USER <<INVALID\n"
      "RUN <<EMPTY\nEMPTY\n"
      "RUN 3<<EMPTY2\nEMPTY2\n"
      "RUN \"<<NOHEREDOC\"\n"
      "RUN <<-UNINDENT\n\tbaz\n\tquux\n\tUNINDENT\n"
      "RUN <<-'NOEXPAND'\n\tdon't expand $NAME\nNOEXPAND\n"
      "COPY <<X <<Y /dest\nY\nX\nX\nY\n"
      "RUN <<eo\\'f\necho foo\neo'f\n"
      "RUN <<'e'o\\'f\necho foo\neo'f\n"
      "RUN <<'one two'\necho bar\none two\n"
      "RUN <<$EOF\n$EOF\n"
      "RUN <<  EOF  > foo\nEOF\n"
      "RUN cat<<EOF\n");
  ASSERT_EQ(p.Keywords(), (Strings{"from", "user", "run", "run", "run", "run", "run", "copy", "run", "run",
                                   "run", "run", "run", "run"}));
  EXPECT_TRUE(p.at(1).heredocs.empty());
  ASSERT_EQ(p.at(2).heredocs.size(), 1u);
  EXPECT_EQ(p.at(2).heredocs[0].name, "EMPTY");
  EXPECT_EQ(p.at(2).heredocs[0].content, "");
  EXPECT_EQ(p.at(2).heredocs[0].fd, -1);
  EXPECT_EQ(Where(p.at(2).heredocs[0].span), "3:5-3:12");
  EXPECT_EQ(Where(p.at(2).heredocs[0].terminator_span), "4:1-4:6");
  EXPECT_EQ(p.at(3).heredocs[0].fd, 3);
  EXPECT_TRUE(p.at(4).heredocs.empty());
  const DockerfileHeredoc& unindent = p.at(5).heredocs[0];
  EXPECT_TRUE(unindent.strip_tabs);
  EXPECT_EQ(unindent.content, "baz\nquux\n");
  EXPECT_EQ(Where(unindent.content_span), "9:1-11:1");
  EXPECT_EQ(p.at(5).end_line, 11u);
  EXPECT_FALSE(p.at(6).heredocs[0].expand);
  EXPECT_EQ(p.at(6).heredocs[0].name, "NOEXPAND");
  ASSERT_EQ(p.at(7).heredocs.size(), 2u);
  EXPECT_EQ(p.at(7).heredocs[0].content, "Y\n");
  EXPECT_EQ(p.at(7).heredocs[1].content, "X\n");
  EXPECT_EQ(p.at(7).start_line, 15u);
  EXPECT_EQ(p.at(7).end_line, 19u);
  EXPECT_EQ(p.at(8).heredocs[0].name, "eo'f");
  EXPECT_TRUE(p.at(8).heredocs[0].expand);
  EXPECT_EQ(p.at(9).heredocs[0].name, "eo'f");
  EXPECT_FALSE(p.at(9).heredocs[0].expand);
  EXPECT_EQ(p.at(10).heredocs[0].name, "one two");
  EXPECT_EQ(p.at(11).heredocs[0].name, "$EOF");
  EXPECT_EQ(p.at(12).heredocs[0].name, "EOF");
  EXPECT_EQ(Where(p.at(12).heredocs[0].span), "31:5-31:12");
  EXPECT_TRUE(p.at(13).heredocs.empty());  // `<<` must start a word
  // USER <<INVALID has no heredoc, so BuildKit reads INVALID as an instruction: here it is not one, since
  // the next line starts with RUN.
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

TEST(DockerfileTest, HeredocWordsAreShellWordsOfTheWholeLine) {
  // The lexer splits at blanks only, so a redirection glued to the marker is part of the name.
  Parsed glued = Parse("FROM a\nRUN cat <<EOF>/out\nx\nEOF>/out\n");
  ASSERT_EQ(glued.at(1).heredocs.size(), 1u);
  EXPECT_EQ(glued.at(1).heredocs[0].name, "EOF>/out");
  // `<<` keeps the blanks after it, `<<-` does not: `<<- EOF` is no heredoc.
  EXPECT_TRUE(Parse("FROM a\nRUN <<- EOF\n").at(1).heredocs.empty());
  // When the line does not lex (an unterminated quote, a bad ${}), BuildKit finds no heredoc at all.
  Parsed unlexed = Parse("FROM a\nRUN <<EOF echo \"a\nEOF\n");
  EXPECT_TRUE(unlexed.at(1).heredocs.empty());
  EXPECT_EQ(unlexed.Keywords(), (Strings{"from", "run", "eof"}));
  EXPECT_TRUE(Parse("FROM a\nRUN <<EOF ${}\nEOF\n").at(1).heredocs.empty());
  // A backslash in the marker is lexed with '\\' whatever the escape directive says.
  Parsed escaped = Parse("# escape=`\nFROM a\nRUN <<E\\OF\nx\nEOF\n");
  ASSERT_EQ(escaped.at(1).heredocs.size(), 1u);
  EXPECT_EQ(escaped.at(1).heredocs[0].name, "EOF");
}

TEST(DockerfileTest, HeredocBodyIsNeverReadAsInstructions) {
  Parsed p = Parse("FROM a\nRUN <<EOF bash\nFROM x\n# not a comment\nEOF\nRUN b\n");
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "run"}));
  EXPECT_EQ(p.at(1).heredocs[0].content, "FROM x\n# not a comment\n");
  EXPECT_TRUE(p.df.comments.empty());
  EXPECT_EQ(Where(p.at(1).span), "2:1-5:4");
}

TEST(DockerfileTest, HeredocAfterContinuationAndInOnbuild) {
  Parsed p = Parse("FROM a\nRUN --mount=x \\\n  <<EOF sh\necho\nEOF\nONBUILD COPY <<F /f\nhi\nF\n");
  ASSERT_EQ(p.at(1).heredocs.size(), 1u);
  EXPECT_EQ(Where(p.at(1).heredocs[0].span), "3:3-3:8");
  EXPECT_EQ(p.at(1).heredocs[0].content, "echo\n");
  ASSERT_NE(p.at(2).trigger, nullptr);
  ASSERT_EQ(p.at(2).trigger->heredocs.size(), 1u);
  EXPECT_EQ(p.at(2).trigger->heredocs[0].content, "hi\n");
  EXPECT_EQ(p.at(2).end_line, 8u);
}

TEST(DockerfileTest, HeredocsNotInJsonFormOrOtherInstructions) {
  Parsed p = Parse("FROM a\nRUN [\"<<EOF\"]\nENV A=<<EOF\nEOF=x\n");
  EXPECT_TRUE(p.at(1).heredocs.empty());
  EXPECT_TRUE(p.at(2).heredocs.empty());
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "env", "eof=x"}));
}

TEST(DockerfileTest, UnterminatedHeredocIsAnError) {
  Parsed p = Parse("FROM a\nRUN <<EOF\necho hi\nEOF \n");
  EXPECT_EQ(p.Diags(), (Strings{"DKL0007 2:5-2:10"}));
  EXPECT_EQ(p.df.diagnostics[0].message, "unterminated heredoc: no line `EOF` before the end of the file");
  EXPECT_EQ(p.at(1).heredocs[0].content, "echo hi\nEOF \n");
  EXPECT_EQ(p.at(1).end_line, 4u);
}

TEST(DockerfileTest, HeredocDestinationIsAnError) {
  EXPECT_EQ(Parse("FROM a\nCOPY x <<EOF\nEOF\n").Diags(), (Strings{"DKL0007 2:8-2:13"}));
}

TEST(DockerfileTest, HeredocWithCrlf) {
  Parsed p = Parse("FROM a\r\nRUN <<EOF\r\necho\r\nEOF\r\n");
  ASSERT_EQ(p.at(1).heredocs.size(), 1u);
  EXPECT_EQ(p.at(1).heredocs[0].content, "echo\r\n");  // the build gets the body as written
  EXPECT_TRUE(p.df.diagnostics.empty()) << p.Messages();
}

// ---- Lexer pieces ----------------------------------------------------------------------------------------

TEST(DockerfileTest, HeredocWordsAsBuildKitsParseHeredoc) {
  using internal::HeredocWordStatus;
  for (const char* word : {"<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"", "<<EO\"F\"",
                           "<< EOF", "<<- EOF"}) {
    internal::HeredocWord h = internal::ParseHeredocWord(word);
    EXPECT_EQ(h.status, HeredocWordStatus::kHeredoc) << word;
    EXPECT_EQ(h.name, "EOF") << word;
  }
  for (const char* word : {"<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\""}) {
    EXPECT_EQ(internal::ParseHeredocWord(word).status, HeredocWordStatus::kError) << word;
  }
  for (const char* word : {"", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh"}) {
    EXPECT_EQ(internal::ParseHeredocWord(word).status, HeredocWordStatus::kNotHeredoc) << word;
  }
}

TEST(DockerfileTest, GoDurations) {
  int64_t d = 0;
  EXPECT_TRUE(internal::ParseGoDuration("1h2m3.5s", &d));
  EXPECT_EQ(d, int64_t{3723500000000});
  EXPECT_TRUE(internal::ParseGoDuration("0", &d));
  EXPECT_TRUE(internal::ParseGoDuration("1\xC2\xB5s", &d));
  EXPECT_EQ(d, 1000);
  EXPECT_FALSE(internal::ParseGoDuration("5", &d));
  EXPECT_FALSE(internal::ParseGoDuration("", &d));
  EXPECT_FALSE(internal::ParseGoDuration("1d", &d));
  EXPECT_FALSE(internal::ParseGoDuration("9999999999h", &d));
}

// ---- Robustness ------------------------------------------------------------------------------------------

TEST(DockerfileTest, NulBytesAndInvalidUtf8) {
  Parsed p = Parse("FROM a\0b\nRUN \xff\xfe \\\n\0\nENV \xc3\x28=1\n"s);
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "env"}));
  EXPECT_EQ(p.at(0).args[0].value, std::string("a\0b", 3));
  EXPECT_EQ(Values(p.at(2).args), (Strings{"\xc3\x28", "1"}));
}

TEST(DockerfileTest, NeverCrashesOnArbitraryBytes) {
  std::mt19937 rng(20260525);
  const std::string alphabet =
      "FROMRUNCOPY ONBUILD HEALTHCHECK ENV ARG<<-EOF\"'`\\$ {}[]=,:\t\r\n#\0\xff\xc2\xa0"s;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t n = rng() % 200;
    for (size_t i = 0; i < n; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    Parsed p = Parse(text);
    for (const auto& d : p.df.diagnostics) {
      EXPECT_LE(d.span.begin, d.span.end);
      EXPECT_LE(d.span.end, text.size());
    }
    for (const auto& ins : p.df.instructions) {
      EXPECT_LE(ins.span.end, text.size());
      EXPECT_EQ(ins.shell_source.size() + ins.shell_offset <= text.size(), true);
      for (const auto& w : ins.args) EXPECT_LE(w.span.end, text.size());
    }
  }
}

TEST(DockerfileTest, DeepNestingDoesNotRecurseWithoutBound) {
  std::string deep = "FROM a\nRUN [" + std::string(20000, '[') + "\nONBUILD";
  for (int i = 0; i < 5000; ++i) deep += " ONBUILD";
  deep += " RUN x\nRUN <<EOF ";
  for (int i = 0; i < 5000; ++i) deep += "${a:-";
  deep += "\n";
  Parsed p = Parse(deep);
  EXPECT_EQ(p.Keywords(), (Strings{"from", "run", "onbuild", "run"}));
}

}  // namespace
}  // namespace docklint::parsers
