// The catalog of bad input (issue 8): each case is linted beside a good Dockerfile. None may crash or hang,
// each bad file gets a clear message with its place, and the good file is still linted and reported.
// Archives with "../" members and absolute links are in host_fs_test.cc (TarballsAreReadInMemory...).
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

}  // namespace
}  // namespace docklint
