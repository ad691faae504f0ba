// The catalog of bad input (issue 8): each case is linted beside a good Dockerfile. None may crash or hang,
// each bad file gets a clear message with its place, and the good file is still linted and reported.
// Archives with "../" members and absolute links are in host_fs_test.cc (TarballsAreReadInMemory...).
// Compose projects are folders of their own (found by the walk, with their .env); what docker compose
// refuses is the fatal DKL0010 (YAML), DKL0011 (the project) or DKL0012 (.env) at its place.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  nlohmann::json report;  // the --format json output
  std::string errors;     // standard error
};

class BadInputTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-bad-" + std::to_string(::getpid()) + "-" +
                                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::all);  // readable by the unprivileged user of the unreadable-file case
    Write("good.Dockerfile", "FROM ubuntu\nUSER app\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  // A compose project in the folder `project`: its compose.yaml and, unless empty, its .env.
  void WriteProject(const std::string& project, const std::string& compose, const std::string& dotenv = "") {
    fs::create_directories(dir_ / project);
    Write(project + "/compose.yaml", compose);
    if (!dotenv.empty()) Write(project + "/.env", dotenv);
  }

  // Runs docklint on `args` (quoted paths) and good.Dockerfile; `prefix` runs it under another command.
  Outcome Lint(const std::string& args, const std::string& prefix = "") {
    std::string stderr_path = Path("stderr.txt");
    // In a subshell: RunInSourceDir sends the command's standard error to /dev/null after this redirection.
    test_support::CommandResult run =
        test_support::RunInSourceDir("(" + prefix + "'" + DOCKLINT_BINARY + "' --no-config --format json " +
                                     args + " '" + Path("good.Dockerfile") + "' 2>'" + stderr_path + "')");
    Outcome outcome;
    outcome.exit_code = run.exit_code;
    outcome.report = nlohmann::json::parse(run.output, nullptr, /*allow_exceptions=*/false);
    outcome.errors = test_support::ReadFile(stderr_path);
    return outcome;
  }

  // The good file was linted and reported (its FROM has no tag: DKL3013 at 1:6).
  static void ExpectGoodFileLinted(const Outcome& outcome) {
    ASSERT_TRUE(outcome.report.is_object()) << "no JSON report; stderr: " << outcome.errors;
    bool found = false;
    for (const auto& finding : outcome.report["findings"]) {
      found = found || (finding["file"].get<std::string>().ends_with("good.Dockerfile") &&
                        finding["rule"] == "DKL3013" && finding["line"] == 1 && finding["column"] == 6);
    }
    EXPECT_TRUE(found) << outcome.report.dump(2);
  }

  // The one finding of `rule` in the file named `name`, checked to be at `line`:`column`, fatal (docker
  // compose refuses the file) and saying `says`; null (after a failed expectation) when there is none.
  static nlohmann::json RefusalOf(const Outcome& outcome, const std::string& name, const std::string& rule,
                                  int line, int column, const std::string& says) {
    nlohmann::json refusal = FindingOf(outcome, name, rule);
    EXPECT_FALSE(refusal.is_null()) << outcome.report.dump(2) << outcome.errors;
    if (refusal.is_null()) return refusal;
    EXPECT_EQ(refusal["line"], line) << refusal.dump(2);
    EXPECT_EQ(refusal["column"], column) << refusal.dump(2);
    EXPECT_EQ(refusal["fatal"], true) << refusal.dump(2);
    EXPECT_NE(refusal["message"].get<std::string>().find(says), std::string::npos) << refusal.dump(2);
    return refusal;
  }

  // The finding of `rule` in the file named `name`, or null.
  static nlohmann::json FindingOf(const Outcome& outcome, const std::string& name, const std::string& rule) {
    for (const auto& finding : outcome.report["findings"]) {
      if (finding["file"].get<std::string>().ends_with("/" + name) && finding["rule"] == rule) return finding;
    }
    return nullptr;
  }

  fs::path dir_;
};

TEST_F(BadInputTest, InvalidUtf8IsLintedAndTheReportStaysValidUtf8) {
  Write("bad.Dockerfile", "FROM alpine:3\nRUN echo \xff\xfe && sudo true\n");
  Outcome outcome = Lint("'" + Path("bad.Dockerfile") + "'");
  EXPECT_EQ(outcome.exit_code, 1);
  ExpectGoodFileLinted(outcome);
  nlohmann::json sudo = FindingOf(outcome, "bad.Dockerfile", "DKL3015");
  ASSERT_FALSE(sudo.is_null()) << outcome.report.dump(2);
  EXPECT_EQ(sudo["line"], 2);
  EXPECT_EQ(sudo["column"], 16);  // byte columns, the invalid bytes counted as they are
}

TEST_F(BadInputTest, NulBytesAreJustBytes) {
  Write("bad.Dockerfile", std::string("FROM alpine:3\nRUN echo a\0b && sudo true\n", 38));
  Outcome outcome = Lint("'" + Path("bad.Dockerfile") + "'");
  ExpectGoodFileLinted(outcome);
  EXPECT_FALSE(FindingOf(outcome, "bad.Dockerfile", "DKL3015").is_null()) << outcome.report.dump(2);
}

TEST_F(BadInputTest, AByteOrderMarkIsSkippedAsBuildKitSkipsIt) {
  Write("bad.Dockerfile",
        "\xEF\xBB\xBF"
        "FROM alpine\n");
  Outcome outcome = Lint("'" + Path("bad.Dockerfile") + "'");
  ExpectGoodFileLinted(outcome);
  nlohmann::json tag = FindingOf(outcome, "bad.Dockerfile", "DKL3013");
  ASSERT_FALSE(tag.is_null()) << outcome.report.dump(2);
  EXPECT_EQ(tag["line"], 1);
  EXPECT_TRUE(FindingOf(outcome, "bad.Dockerfile", "DKL0007").is_null());  // no refusal
}

TEST_F(BadInputTest, CrlfLineEndsKeepLinesAndColumns) {
  Write("daemon.json", "{\r\n  \"icc\": true,\r\n  \"icc\": false\r\n}\r\n");
  Outcome outcome = Lint("'" + Path("daemon.json") + "'");
  ExpectGoodFileLinted(outcome);
  nlohmann::json duplicate = FindingOf(outcome, "daemon.json", "DKL2006");
  ASSERT_FALSE(duplicate.is_null()) << outcome.report.dump(2);
  EXPECT_EQ(duplicate["line"], 3);
  EXPECT_EQ(duplicate["column"], 3);
}

TEST_F(BadInputTest, ATenMegabyteLineIsRefusedAsBuildKitRefusesIt) {
  Write("bad.Dockerfile", "FROM alpine:3\nRUN echo " + std::string(10 * 1000 * 1000, 'a') + "\n");
  Outcome outcome = Lint("'" + Path("bad.Dockerfile") + "'");
  ExpectGoodFileLinted(outcome);
  nlohmann::json refusal = FindingOf(outcome, "bad.Dockerfile", "DKL0007");
  ASSERT_FALSE(refusal.is_null()) << outcome.errors;
  EXPECT_EQ(refusal["line"], 2);
  EXPECT_NE(refusal["message"].get<std::string>().find("65535"), std::string::npos);
}

TEST_F(BadInputTest, DeeplyNestedJsonIsAnErrorAtTheDepthLimit) {
  Write("daemon.json", std::string(100000, '[') + std::string(100000, ']'));
  Outcome outcome = Lint("'" + Path("daemon.json") + "'");
  ExpectGoodFileLinted(outcome);
  nlohmann::json error = FindingOf(outcome, "daemon.json", "DKL0001");
  ASSERT_FALSE(error.is_null()) << outcome.report.dump(2);
  EXPECT_EQ(error["line"], 1);
  EXPECT_EQ(error["column"], 513);
  EXPECT_NE(error["message"].get<std::string>().find("nesting deeper than 512"), std::string::npos);
}

TEST_F(BadInputTest, AnEmptyFileIsRefusedAsBuildKitRefusesIt) {
  Write("empty.Dockerfile", "");
  Outcome outcome = Lint("'" + Path("empty.Dockerfile") + "'");
  ExpectGoodFileLinted(outcome);
  EXPECT_FALSE(FindingOf(outcome, "empty.Dockerfile", "DKL0007").is_null()) << outcome.report.dump(2);
}

TEST_F(BadInputTest, ADirectoryNamedLikeAFileIsSearchedNotRead) {
  fs::create_directories(dir_ / "daemon.json");
  Outcome outcome = Lint("'" + Path("daemon.json") + "'");
  ExpectGoodFileLinted(outcome);
  EXPECT_NE(outcome.errors.find("daemon.json: holds no file docklint lints"), std::string::npos)
      << outcome.errors;
}

TEST_F(BadInputTest, ADirectoryWhereAHostTreeHasAFileIsUnreadable) {
  fs::create_directories(dir_ / "host" / "etc" / "docker" / "daemon.json");
  Outcome outcome = Lint("--root '" + Path("host") + "'");
  EXPECT_EQ(outcome.exit_code, 2);
  ExpectGoodFileLinted(outcome);
  nlohmann::json unreadable = FindingOf(outcome, "daemon.json", "DKL0002");
  ASSERT_FALSE(unreadable.is_null()) << outcome.report.dump(2);
  EXPECT_NE(unreadable["message"].get<std::string>().find("is a directory"), std::string::npos);
}

TEST_F(BadInputTest, AnUnreadableFileIsReported) {
  Write("secret.Dockerfile", "FROM alpine\n");
  fs::permissions(Path("secret.Dockerfile"), fs::perms::none);
  // root reads any file: run docklint as nobody to see what a user sees.
  std::string prefix = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  Outcome outcome = Lint("'" + Path("secret.Dockerfile") + "'", prefix);
  EXPECT_EQ(outcome.exit_code, 2);
  ExpectGoodFileLinted(outcome);
  nlohmann::json unreadable = FindingOf(outcome, "secret.Dockerfile", "DKL0002");
  ASSERT_FALSE(unreadable.is_null()) << outcome.report.dump(2) << outcome.errors;
  EXPECT_NE(unreadable["message"].get<std::string>().find("Permission denied"), std::string::npos);
}

TEST_F(BadInputTest, ASymlinkLoopIsReported) {
  fs::create_symlink(Path("loop.Dockerfile"), Path("loop.Dockerfile"));
  Outcome outcome = Lint("'" + Path("loop.Dockerfile") + "'");
  EXPECT_EQ(outcome.exit_code, 2);
  ExpectGoodFileLinted(outcome);
  nlohmann::json loop = FindingOf(outcome, "loop.Dockerfile", "DKL0002");
  ASSERT_FALSE(loop.is_null()) << outcome.report.dump(2);
  EXPECT_NE(loop["message"].get<std::string>().find("symbolic links"), std::string::npos);
}

TEST_F(BadInputTest, AFifoIsRefusedInsteadOfWaitedOn) {
  ASSERT_EQ(::mkfifo(Path("pipe.Dockerfile").c_str(), 0644), 0);
  Outcome outcome = Lint("'" + Path("pipe.Dockerfile") + "'", "timeout 20 ");
  EXPECT_EQ(outcome.exit_code, 2);  // not 124: it did not wait for a writer
  ExpectGoodFileLinted(outcome);
  nlohmann::json refused = FindingOf(outcome, "pipe.Dockerfile", "DKL0002");
  ASSERT_FALSE(refused.is_null()) << outcome.report.dump(2);
  EXPECT_NE(refused["message"].get<std::string>().find("not a regular file"), std::string::npos);
}

TEST_F(BadInputTest, AFileOverTheSizeCapIsRefused) {
  Write("huge.Dockerfile", "FROM alpine\n" + std::string(17 * 1024 * 1024, '#'));
  Outcome outcome = Lint("'" + Path("huge.Dockerfile") + "'");
  EXPECT_EQ(outcome.exit_code, 2);
  ExpectGoodFileLinted(outcome);
  nlohmann::json refused = FindingOf(outcome, "huge.Dockerfile", "DKL0002");
  ASSERT_FALSE(refused.is_null()) << outcome.report.dump(2);
  EXPECT_NE(refused["message"].get<std::string>().find("at most 16 MiB"), std::string::npos);
}

TEST_F(BadInputTest, TenThousandDropInsAreAllRead) {
  fs::path units = dir_ / "host" / "lib" / "systemd" / "system";
  fs::create_directories(units / "docker.service.d");
  std::ofstream(units / "docker.service") << "[Service]\nExecStart=/usr/bin/dockerd\n";
  for (int i = 0; i < 10000; ++i) {
    std::ofstream(units / "docker.service.d" / (std::to_string(i) + ".conf"))
        << "[Service]\nEnvironment=N" << i << "=1\n";
  }
  // The last drop-in (by name) starts dockerd with a TCP socket and no TLS.
  std::ofstream(units / "docker.service.d" / "zz.conf")
      << "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n";
  Outcome outcome = Lint("--select DKL1007,DKL3013 --root '" + Path("host") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  nlohmann::json tcp = FindingOf(outcome, "zz.conf", "DKL1007");
  ASSERT_FALSE(tcp.is_null()) << outcome.report.dump(2);
  EXPECT_EQ(tcp["line"], 3);
}

// Compose projects.

TEST_F(BadInputTest, AComposeAliasBombIsRefusedAsGoYamlRefusesIt) {
  // Billion laughs: nine levels of nine aliases each, 9^9 strings once expanded.
  std::string compose = "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    std::string previous = "*" + std::string(1, static_cast<char>(level - 1));
    compose += std::string("x-") + level + ": &" + level + " [" + previous;
    for (int i = 1; i < 9; ++i) compose += ", " + previous;
    compose += "]\n";
  }
  compose += "services:\n  web:\n    image: nginx:1.27\n    command: *i\n";
  WriteProject("bomb", compose);
  Outcome outcome = Lint("'" + Path("bomb") + "'", "timeout 20 ");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  // At the first alias of the level where the ratio of aliases to nodes passes go-yaml's bound.
  RefusalOf(outcome, "bomb/compose.yaml", "DKL0010", 2, 10, "excessive aliasing");
}

TEST_F(BadInputTest, ComposeNestedTenThousandDeepIsRefusedAtTheDepthLimit) {
  WriteProject("deep", "services:\n  web:\n    image: nginx:1.27\n    command: " + std::string(10000, '[') +
                           std::string(10000, ']') + "\n");
  Outcome outcome = Lint("'" + Path("deep") + "'", "timeout 20 ");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  // The top mapping, services and web are three levels: the 9,998th bracket is the 10,001st level.
  RefusalOf(outcome, "deep/compose.yaml", "DKL0010", 4, 14 + 9997, "nests deeper than 10000 levels");
}

TEST_F(BadInputTest, ATenMegabyteComposeFileIsLintedToItsLastLine) {
  std::string compose = "services:\n  web:\n    image: nginx:1.27\n    environment:\n";
  const std::string line = "      - VARIABLE_WITH_A_LONG_NAME=" + std::string(64, 'v') + "\n";
  int lines = 4;
  while (compose.size() < 10 * 1000 * 1000) {
    compose += line;
    ++lines;
  }
  compose += "    privileged: true\n";
  WriteProject("big", compose);
  Outcome outcome = Lint("'" + Path("big") + "'", "timeout 20 ");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  nlohmann::json privileged = FindingOf(outcome, "big/compose.yaml", "DKL6001");
  ASSERT_FALSE(privileged.is_null()) << outcome.errors;
  EXPECT_EQ(privileged["line"], lines + 1);
  EXPECT_EQ(privileged["column"], 17);
}

TEST_F(BadInputTest, TabsIndentingComposeYamlAreRefusedAtTheTab) {
  WriteProject("tabs", "services:\n\tweb:\n\t\timage: nginx:1.27\n");
  Outcome outcome = Lint("'" + Path("tabs") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "tabs/compose.yaml", "DKL0010", 2, 1, "found character that cannot start any token");
}

TEST_F(BadInputTest, DuplicateComposeKeysAreRefusedAtTheSecond) {
  WriteProject("duplicate", "services:\n  web:\n    image: nginx:1.27\n    image: httpd:2.4\n");
  Outcome outcome = Lint("'" + Path("duplicate") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "duplicate/compose.yaml", "DKL0010", 4, 5,
            "mapping key \"image\" already defined at line 3");
}

TEST_F(BadInputTest, InvalidUtf8InComposeYamlIsRefusedAtTheByte) {
  WriteProject("utf8", "services:\n  web:\n    image: nginx:1.27\n    labels:\n      a: \"\xff\xfe\"\n");
  Outcome outcome = Lint("'" + Path("utf8") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);  // the report parsed, so it is valid UTF-8
  RefusalOf(outcome, "utf8/compose.yaml", "DKL0010", 5, 11, "invalid leading UTF-8 octet");
}

TEST_F(BadInputTest, AComposeFileWhoseTopLevelIsAListIsRefused) {
  WriteProject("list", "- services\n- web\n");
  Outcome outcome = Lint("'" + Path("list") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "list/compose.yaml", "DKL0011", 1, 1,
            "the top level of a compose file must be a mapping");
}

TEST_F(BadInputTest, AnEmptyComposeFileIsRefusedAtItsStart) {
  // compose-go's loader: "empty compose file".
  WriteProject("empty", "");
  Outcome outcome = Lint("'" + Path("empty") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "empty/compose.yaml", "DKL0011", 1, 1, "empty compose file");
}

TEST_F(BadInputTest, AnInvalidDotenvLineIsRefusedAtItsLine) {
  WriteProject("dotenv", "services:\n  web:\n    image: nginx:${TAG}\n", "TAG=1.27\nthis is not valid\n");
  Outcome outcome = Lint("'" + Path("dotenv") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "dotenv/.env", "DKL0012", 2, 1, "a variable name cannot contain a space");
}

TEST_F(BadInputTest, AnInvalidComposeTemplateIsRefusedAtItsValue) {
  WriteProject("template", "services:\n  web:\n    image: \"nginx:${TAG\"\n    privileged: true\n");
  Outcome outcome = Lint("'" + Path("template") + "'");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.errors;
  ExpectGoodFileLinted(outcome);
  RefusalOf(outcome, "template/compose.yaml", "DKL0011", 3, 12,
            "services.web.image: invalid interpolation format in \"nginx:${TAG\"");
  // A project compose refuses is not judged: no rule runs on a model docker compose never builds.
  EXPECT_TRUE(FindingOf(outcome, "template/compose.yaml", "DKL6001").is_null()) << outcome.report.dump(2);
}

}  // namespace
}  // namespace docklint
