// ShellCheck on RUN instructions: which RUNs become scripts, what each script holds (hadolint's header: the
// shell and the exported ARG/ENV names), how shellcheck's positions map back into the Dockerfile, and the
// process itself when shellcheck is installed.
#include "app/shellcheck_runner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "app/config.h"
#include "base/source_file.h"
#include "parsers/dockerfile.h"

namespace docklint::app {
namespace {

bool HaveShellcheck() { return std::system("command -v shellcheck >/dev/null 2>&1") == 0; }

struct Built {
  std::unique_ptr<base::SourceFile> file;
  parsers::Dockerfile dockerfile;
  std::vector<ShellcheckScript> scripts;
};

Built Build(const std::string& text) {
  Built built;
  built.file = std::make_unique<base::SourceFile>("Dockerfile", text);
  built.dockerfile = parsers::ParseDockerfile(*built.file);
  built.scripts = BuildShellcheckScripts(built.dockerfile);
  return built;
}

// The script's text after docklint's two header lines.
std::string Body(const ShellcheckScript& script) {
  size_t first = script.text.find('\n');
  size_t second = script.text.find('\n', first + 1);
  return script.text.substr(second + 1);
}

// Where a comment at script line:column (endColumn one past) lands in the Dockerfile, as "line:column".
std::string Where(const Built& built, size_t script, uint32_t line, uint32_t column,
                  uint32_t end_column = 0) {
  ShellcheckComment comment;
  comment.script = script;
  comment.line = comment.end_line = line;
  comment.column = column;
  comment.end_column = end_column ? end_column : column + 1;
  base::SourceSpan span = MapShellcheckComment(built.scripts[script], comment, *built.file);
  base::Range range = span.range();
  return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

TEST(ShellcheckDialectTest, NamesTheDialectShellcheckReads) {
  EXPECT_EQ(ShellcheckDialect("/bin/sh"), "sh");
  EXPECT_EQ(ShellcheckDialect("/bin/bash"), "bash");
  EXPECT_EQ(ShellcheckDialect("/usr/bin/env bash -e"), "bash");
  EXPECT_EQ(ShellcheckDialect("/bin/ash"), "dash");
  EXPECT_EQ(ShellcheckDialect("mksh"), "ksh");
  EXPECT_EQ(ShellcheckDialect("/bin/zsh"), "");
  EXPECT_EQ(ShellcheckDialect("pwsh"), "");
  EXPECT_EQ(ShellcheckDialect("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"), "");
  EXPECT_EQ(ShellcheckDialect("cmd.exe"), "");
  EXPECT_EQ(ShellcheckDialect("/usr/bin/python3"), "");
}

TEST(ShellcheckScriptTest, HeaderHoldsTheShellAndTheDeclaredNamesOfTheStage) {
  Built built = Build(
      "ARG GLOBAL=1\n"
      "FROM debian:12\n"
      "ARG foo=bar\n"
      "ARG another_foo\n"
      "ENV bar=10 baz=20\n"
      "ENV legacy value with spaces\n"
      "RUN echo \"$foo\"\n");
  ASSERT_EQ(built.scripts.size(), 1u);
  const ShellcheckScript& script = built.scripts[0];
  EXPECT_EQ(script.text.find("GLOBAL"), std::string::npos);  // an ARG before FROM is no stage's
  EXPECT_EQ(script.dialect, "sh");
  EXPECT_EQ(
      script.text,
      "#!/bin/sh\n"
      "export FTP_PROXY=1 HTTPS_PROXY=1 HTTP_PROXY=1 NO_PROXY=1 another_foo=1 bar=1 baz=1 foo=1 ftp_proxy=1 "
      "http_proxy=1 https_proxy=1 legacy=1 no_proxy=1\n"
      "echo \"$foo\"\n");
}

TEST(ShellcheckScriptTest, FromResetsShellAndNamesUnlessBuiltFromAnEarlierStage) {
  Built built = Build(
      "FROM ubuntu:24.04 AS base\n"
      "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n"
      "ARG A\n"
      "ENV E=1\n"
      "RUN echo $RANDOM\n"
      "FROM ubuntu:24.04\n"
      "RUN source /etc/os-release\n"
      "FROM base AS next\n"
      "RUN source /etc/os-release\n"
      "FROM next\n"
      "RUN echo \"$E\"\n");
  ASSERT_EQ(built.scripts.size(), 4u);
  EXPECT_EQ(built.scripts[0].dialect, "bash");
  EXPECT_NE(built.scripts[0].text.find(" A=1"), std::string::npos);
  EXPECT_EQ(built.scripts[1].dialect, "sh");
  EXPECT_EQ(built.scripts[1].text.find(" E=1"), std::string::npos);
  EXPECT_EQ(built.scripts[2].dialect, "bash");
  EXPECT_NE(built.scripts[2].text.find(" E=1"), std::string::npos);
  EXPECT_EQ(built.scripts[2].text.find(" A=1"), std::string::npos);  // ARGs are not passed on
  EXPECT_EQ(built.scripts[3].dialect, "bash");
  EXPECT_NE(built.scripts[3].text.find(" E=1"), std::string::npos);
}

TEST(ShellcheckScriptTest, SkipsExecFormNonPosixShellsAndWindowsImages) {
  EXPECT_TRUE(Build("FROM debian\nRUN [\"foobar\", \"$f\"]\n").scripts.empty());
  EXPECT_TRUE(
      Build("FROM debian\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable\n").scripts.empty());
  EXPECT_TRUE(Build("FROM debian\nSHELL [\"cmd.exe\", \"/c\"]\nRUN dir\n").scripts.empty());
  EXPECT_TRUE(Build("FROM debian\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN echo $x\n").scripts.empty());
  EXPECT_TRUE(Build("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\\n").scripts.empty());
  EXPECT_TRUE(Build("# escape=`\nFROM example/app\nRUN dir c:\\\n").scripts.empty());
  // A Windows image whose SHELL is bash (Git Bash, MSYS) is checked.
  EXPECT_EQ(Build("FROM mcr.microsoft.com/windows/servercore\nSHELL [\"bash\", \"-c\"]\nRUN echo hi\n")
                .scripts.size(),
            1u);
}

TEST(ShellcheckScriptTest, ContinuationLinesKeepTheirPlaces) {
  Built built = Build(
      "FROM debian:12\n"
      "RUN apt-get update && \\\n"
      "    # a comment BuildKit drops\n"
      "\n"
      "    echo $x  \\\n"
      "\t&& echo é $y\n");
  ASSERT_EQ(built.scripts.size(), 1u);
  std::string body = Body(built.scripts[0]);
  // The dropped comment and blank lines are spaces, so the script has fewer lines than the file.
  EXPECT_EQ(body.find('#'), std::string::npos);
  EXPECT_EQ(body.substr(0, 23), "apt-get update && \\\n   ");
  // Script line 3 is the body's first line (after two header lines); $x is on the body's second line.
  size_t x = body.find("$x");
  size_t line_start = body.rfind('\n', x) + 1;
  uint32_t column = static_cast<uint32_t>(x - line_start + 1);
  EXPECT_EQ(Where(built, 0, 4, column, column + 2), "5:10");
  // Tabs count as one column, and é as one character (two bytes in the file).
  size_t y = body.find("$y");
  line_start = body.rfind('\n', y) + 1;
  EXPECT_EQ(y - line_start, 12u);
  EXPECT_EQ(Where(built, 0, 5, 12), "6:13");
  // The header maps to the RUN keyword.
  EXPECT_EQ(Where(built, 0, 2, 1), "2:1");
  // Past the end of the script (an unterminated quote): the RUN's last byte.
  EXPECT_EQ(Where(built, 0, 9, 1), "6:14");
}

TEST(ShellcheckScriptTest, BacktickEscapeIsReadAsABackslashContinuation) {
  Built built = Build(
      "# escape=`\n"
      "FROM debian:12\n"
      "SHELL [\"/bin/sh\", \"-c\"]\n"
      "RUN echo a `\n"
      "  && echo $x\n");
  ASSERT_EQ(built.scripts.size(), 1u);
  EXPECT_EQ(Body(built.scripts[0]), "echo a \\\n  && echo $x\n");
  EXPECT_EQ(Where(built, 0, 4, 11), "5:11");
}

TEST(ShellcheckScriptTest, AHeredocAloneIsTheScriptAndItsShebangChoosesTheShell) {
  Built built = Build(
      "FROM debian:12\n"
      "RUN <<EOF\n"
      "echo $x\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env bash\n"
      "echo $RANDOM $y\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env python3\n"
      "print('hi')\n"
      "EOF\n"
      "RUN cat <<EOF > /etc/motd\n"
      "hello $USER\n"
      "EOF\n");
  ASSERT_EQ(built.scripts.size(), 3u);
  EXPECT_EQ(built.scripts[0].dialect, "sh");
  EXPECT_EQ(Body(built.scripts[0]), "echo $x\n");
  EXPECT_EQ(Where(built, 0, 3, 6), "3:6");
  EXPECT_EQ(built.scripts[1].dialect, "bash");
  // The heredoc's own shebang line heads the script; the export line comes after it.
  EXPECT_TRUE(built.scripts[1].text.starts_with("#!/usr/bin/env bash\nexport "));
  EXPECT_EQ(Where(built, 1, 3, 14), "7:14");
  EXPECT_EQ(Where(built, 1, 1, 1), "6:1");
  // A command reading a heredoc: the shell gets the command, the body and the delimiter.
  EXPECT_EQ(Body(built.scripts[2]), "cat <<EOF > /etc/motd\nhello $USER\nEOF\n");
  EXPECT_EQ(Where(built, 2, 4, 7), "14:7");
}

TEST(ShellcheckScriptTest, OnbuildRunSeesTheStageEnvAndTheOnbuildDeclarations) {
  Built built = Build(
      "FROM debian:12\n"
      "ARG A\n"
      "ENV E=1\n"
      "ONBUILD ARG O\n"
      "ONBUILD RUN echo \"$A\" \"$E\" \"$O\"\n");
  ASSERT_EQ(built.scripts.size(), 1u);
  EXPECT_EQ(Body(built.scripts[0]), "echo \"$A\" \"$E\" \"$O\"\n");
  EXPECT_EQ(built.scripts[0].text.find(" A=1"), std::string::npos);
  EXPECT_NE(built.scripts[0].text.find(" E=1"), std::string::npos);
  EXPECT_NE(built.scripts[0].text.find(" O=1"), std::string::npos);
  EXPECT_EQ(Where(built, 0, 3, 13), "5:25");
}

TEST(ShellcheckJsonTest, ReadsCommentsOfTheNamedFiles) {
  std::vector<ShellcheckComment> comments;
  std::string error;
  ASSERT_TRUE(ParseShellcheckJson(
      R"({"comments":[{"file":"/t/run1.sh","line":3,"endLine":3,"column":6,"endColumn":8,"level":"info",)"
      R"("code":2086,"message":"Double quote to prevent globbing and word splitting.","fix":null},)"
      R"({"file":"/other.sh","line":1,"column":1,"level":"error","code":1,"message":"x"}]})",
      {"/t/run0.sh", "/t/run1.sh"}, &comments, &error));
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].script, 1u);
  EXPECT_EQ(comments[0].code, 2086);
  EXPECT_EQ(comments[0].column, 6u);
  EXPECT_EQ(comments[0].end_column, 8u);
  EXPECT_EQ(ShellcheckSeverity(comments[0].level), base::Severity::kInfo);
  EXPECT_EQ(ShellcheckSeverity("style"), base::Severity::kStyle);
  EXPECT_EQ(ShellcheckSeverity("error"), base::Severity::kError);
  EXPECT_FALSE(ParseShellcheckJson("not json", {}, &comments, &error));
}

TEST(ShellcheckRunTest, AMissingProgramIsReportedAsMissing) {
  Built built = Build("FROM debian\nRUN echo $x\n");
  ShellcheckRun run = RunShellcheck(built.scripts, "docklint-no-such-shellcheck");
  EXPECT_TRUE(run.missing);
  EXPECT_TRUE(run.comments.empty());
  // A program that fails is a failure, not findings.
  ShellcheckRun failed = RunShellcheck(built.scripts, "false");
  EXPECT_TRUE(failed.failed);
  EXPECT_FALSE(failed.missing);
}

TEST(ShellcheckRunTest, EachRunIsCheckedAloneInOneProcess) {
  if (!HaveShellcheck()) GTEST_SKIP() << "shellcheck is not installed (apt-get install shellcheck)";
  Built built = Build(
      "FROM debian:12\n"
      "ARG VERSION\n"
      "RUN foo=1 && echo \"$VERSION\"\n"
      "RUN echo \"unclosed\n"
      "RUN echo \"$foo\"\n"
      "RUN echo $RANDOM\n"
      "RUN <<EOF\n"
      "#!/bin/bash\n"
      "echo é $lower\n"
      "EOF\n");
  ASSERT_EQ(built.scripts.size(), 5u);
  ShellcheckRun run = RunShellcheck(built.scripts);
  ASSERT_FALSE(run.missing || run.failed) << run.error;
  std::vector<std::string> got;
  for (const ShellcheckComment& comment : run.comments) {
    base::Range range = MapShellcheckComment(built.scripts[comment.script], comment, *built.file).range();
    got.push_back(std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column) + " SC" +
                  std::to_string(comment.code));
  }
  std::sort(got.begin(), got.end());
  // foo is assigned in RUN 1 but unused there (SC2034) and unset in RUN 3 (SC2154): each RUN is a script
  // of its own. The unclosed quote of RUN 2 stays in RUN 2 (its end is reported at the RUN's last byte).
  // $RANDOM is not sh (SC3028), but is bash; columns count é as one character, the file's as two bytes.
  EXPECT_EQ(got, (std::vector<std::string>{"3:5 SC2034", "4:10 SC1073", "4:18 SC1072", "4:5 SC1009",
                                           "5:11 SC2154", "6:10 SC3028", "9:9 SC2086", "9:9 SC2154"}))
      << ::testing::PrintToString(got);
}

// hadolint's ShellcheckSpec, case by case, in our own words: each Dockerfile, and again with every RUN
// wrapped in ONBUILD (its assertOnBuildChecks), fails (some SC finding) or passes.
struct SpecCase {
  const char* name;
  const char* dockerfile;
  bool fails;
  bool onbuild_fails;
  bool check_onbuild = true;
};

std::string WrapRunsInOnbuild(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    out += (line.starts_with("RUN ") ? "ONBUILD " : "") + line + "\n";
    start = end + 1;
  }
  return out;
}

size_t CountComments(const std::string& text) {
  Built built = Build(text);
  ShellcheckRun run = RunShellcheck(built.scripts);
  EXPECT_FALSE(run.missing || run.failed) << run.error;
  return run.comments.size();
}

TEST(ShellcheckHadolintSpecTest, AgreesWithHadolintsCases) {
  if (!HaveShellcheck()) GTEST_SKIP() << "shellcheck is not installed (apt-get install shellcheck)";
  const SpecCase cases[] = {
      {"runs on RUN", "RUN echo $MISSING_QUOTES\n", true, true},
      {"valid script", "RUN echo foo\n", false, false},
      {"exec form", "RUN [\"foobar\", \"$f\"]\n", false, false},
      {"default proxy variables",
       "RUN echo \"$HTTP_PROXY\"\nRUN echo \"$http_proxy\"\nRUN echo \"$HTTPS_PROXY\"\nRUN echo "
       "\"$https_proxy\"\nRUN echo \"$FTP_PROXY\"\nRUN echo \"$ftp_proxy\"\nRUN echo \"$NO_PROXY\"\nRUN echo "
       "\"$no_proxy\"\n",
       false, false},
      {"missing variable", "RUN echo \"$RTTP_PROXY\"\n", true, true},
      // ONBUILD: the triggering build gets this image's ENV but not its ARGs, so $foo is unset there.
      {"ARG and ENV names",
       "ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nRUN echo \"$foo\"\nRUN echo \"$another_foo\"\nRUN "
       "echo "
       "\"$bar\"\nRUN echo \"$baz\"\n",
       false, true},
      {"names reset at FROM",
       "ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nFROM debian\nRUN echo \"$foo\"\n", true, true},
      {"sh by default", "RUN echo $RANDOM\n", true, true},
      // Deliberately unlike hadolint ("debatable" in its spec): an ONBUILD RUN runs with the SHELL in this
      // image's config, bash.
      {"SHELL bash", "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN echo $RANDOM\n", false,
       false},
      {"SHELL reset at FROM",
       "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM debian\nRUN echo $RANDOM\n", true, true},
      {"ash", "SHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo hello\n", false, false},
      {"pwsh",
       "SHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n",
       false, false},
      {"cmd.exe",
       "SHELL [\"cmd.exe\", \"/c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n",
       false, false},
      {"powershell by path",
       "SHELL [\"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe\", \"-noprofile\", "
       "\"-noninteractive\", \"-command\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty "
       "Value\n",
       false, false},
      // hadolint needs its shell pragma here; docklint knows the Windows image (and reads no pragma).
      {"shell pragma",
       "FROM mcr.microsoft.com/foo/bar/windows:10\n# hadolint shell = powershell.exe\nRUN Get-Variable "
       "PSVersionTable | Select-Object -ExpandProperty Value\n",
       false, false},
      {"global shell pragma",
       "# hadolint shell=powershell.exe\nFROM mcr.microsoft.com/foo/bar/windows:10\nRUN Get-Variable "
       "PSVersionTable "
       "| Select-Object -ExpandProperty Value\nFROM mcr.microsoft.com/foo/bar/windows:10\nRUN Get-Variable "
       "PSVersionTable | Select-Object -ExpandProperty Value\n",
       false, false},
      {"SHELL carries to a stage built FROM it",
       "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\n\nFROM "
       "base\nRUN "
       "source /etc/os-release\n",
       false, false, false},
      {"SHELL carries only to a stage built FROM it",
       "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\n\nFROM "
       "ubuntu:24.04\nRUN source /etc/os-release\n",
       true, true, false},
      {"SHELL carries past other stages",
       "FROM something AS nothing\nFROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-e\", \"-o\", "
       "\"pipefail\", "
       "\"-c\"]\nFROM nothing\nFROM base\nRUN source /etc/os-release\n",
       false, false, false},
      {"SHELL carries through a chain",
       "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\nFROM base AS "
       "next\nRUN foobar && barfoo | tee logfile\nFROM next\nRUN source /etc/os-release\n",
       false, false, false},
  };
  for (const SpecCase& spec : cases) {
    EXPECT_EQ(CountComments(spec.dockerfile) > 0, spec.fails) << spec.name;
    if (spec.check_onbuild) {
      EXPECT_EQ(CountComments(WrapRunsInOnbuild(spec.dockerfile)) > 0, spec.onbuild_fails)
          << spec.name << " (ONBUILD)";
    }
  }
}

TEST(ShellcheckConfigTest, DockerfileTableTurnsShellcheckOn) {
  ConfigFile config;
  std::string error;
  ASSERT_TRUE(LoadConfigText("/repo/.docklint.toml", "[dockerfile]\nshellcheck = true\n", &config, &error))
      << error;
  EXPECT_TRUE(config.shellcheck);
  ConfigFile off;
  ASSERT_TRUE(LoadConfigText("/repo/.docklint.toml", "select = ['DKL3']\n", &off, &error)) << error;
  EXPECT_FALSE(off.shellcheck);
  EXPECT_FALSE(
      LoadConfigText("/repo/.docklint.toml", "[dockerfile]\nshellcheck = \"yes\"\n", &config, &error));
  EXPECT_EQ(error, "/repo/.docklint.toml:2:1: [dockerfile] takes label-schema = { label = \"type\", ... }, "
            "strict-labels = true|false, shellcheck = true|false and lint-test-files = true|false");
}

}  // namespace
}  // namespace docklint::app
