// The result cache seen from the command line: a run prints the same bytes with and without it, on one
// thread or several, cold or warm; a warm run reuses every entry; a changed input is judged again; a
// corrupt, foreign or unwritable cache leaves the findings alone and is said once.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

struct Output {
  std::string out, err;
  int exit_code = -1;
};

class ResultCacheRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-cache-run-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs docklint in the source folder with `args`, capturing both streams.
  Output Run(const std::string& args) {
    fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    std::string command = std::string("cd '") + DOCKLINT_SOURCE_DIR + "' && '" + DOCKLINT_BINARY +
                          "' --no-config --lint-test-files " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
    int status = std::system(command.c_str());
    return {test_support::ReadFile(out), test_support::ReadFile(err),
            WIFEXITED(status) ? WEXITSTATUS(status) : -1};
  }

  // The cache's entries (not its tag) with their modification times.
  static std::map<std::string, fs::file_time_type> Entries(const fs::path& cache) {
    std::map<std::string, fs::file_time_type> entries;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(cache)) {
      if (entry.is_regular_file() && entry.path().filename() != "CACHEDIR.TAG")
        entries[entry.path().string()] = entry.last_write_time();
    }
    return entries;
  }

  void Write(const std::string& relative, const std::string& text) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative, std::ios::binary | std::ios::trunc) << text;
  }

  fs::path dir_;
};

void ExpectSame(const Output& expected, const Output& actual, const std::string& what) {
  EXPECT_EQ(expected.out, actual.out) << what;
  EXPECT_EQ(expected.err, actual.err) << what;
  EXPECT_EQ(expected.exit_code, actual.exit_code) << what;
}

// What `run` said beyond `expected`, whose findings it must print unchanged: the cache's note.
std::string NoteBeyond(const Output& expected, const Output& run) {
  EXPECT_EQ(expected.out, run.out);
  EXPECT_EQ(expected.exit_code, run.exit_code);
  EXPECT_EQ(run.err.substr(0, expected.err.size()), expected.err) << run.err;
  return run.err.size() > expected.err.size() ? run.err.substr(expected.err.size()) : "";
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Every kind of job: the fixtures hold Dockerfiles, host trees (with rootless daemons and compose projects
// their units run), loose host files and compose projects.
TEST_F(ResultCacheRunTest, OutputIsByteIdenticalWithAndWithoutTheCacheOnOneThreadOrMany) {
  for (const std::string format : {"json", "sarif", "text"}) {
    std::string lint = "--format " + format + " fixtures";
    Output expected = Run("--no-cache -j 1 " + lint);
    ASSERT_FALSE(expected.out.empty());
    ExpectSame(expected, Run("--no-cache -j 4 " + lint), format + ", no cache, 4 threads");
    for (const std::string threads : {"1", "4"}) {
      fs::path cache = dir_ / ("cache-" + format + "-" + threads);
      std::string cached = "--cache-dir '" + cache.string() + "' ";
      ExpectSame(expected, Run(cached + "-j " + threads + " " + lint), format + ", cold, " + threads);
      std::map<std::string, fs::file_time_type> stored = Entries(cache);
      EXPECT_GT(stored.size(), 50u);
      for (const std::string warm_threads : {"1", "4"}) {
        ExpectSame(expected, Run(cached + "-j " + warm_threads + " " + lint),
                   format + ", warm, " + threads + " then " + warm_threads);
      }
      // The warm runs took every result from the cache: none was written again.
      EXPECT_EQ(stored, Entries(cache)) << format;
    }
  }
}

TEST_F(ResultCacheRunTest, AChangedInputIsJudgedAgain) {
  // A Dockerfile with a .dockerignore, a host tree, and a compose project with its .env and a Dockerfile
  // it builds.
  Write("repo/images/Dockerfile", "FROM debian:12\nRUN apt-get update\n");
  Write("repo/images/.dockerignore", "*.log\n");
  Write("repo/host/etc/docker/daemon.json", "{\"icc\": true}\n");
  Write("repo/host/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n");
  Write("repo/app/compose.yaml", "services:\n  web:\n    build: ./web\n    privileged: ${PRIVILEGED}\n");
  Write("repo/app/.env", "PRIVILEGED=true\n");
  Write("repo/app/web/Dockerfile", "FROM alpine:3.20\nUSER root\n");
  std::string cache = "--cache-dir '" + (dir_ / "cache").string() + "' ";
  std::string lint = "--format json '" + (dir_ / "repo").string() + "'";
  auto expect_fresh = [&](const std::string& what) {
    Output fresh = Run("--no-cache " + lint);
    ExpectSame(fresh, Run(cache + lint), what);
    ExpectSame(fresh, Run(cache + "-j 3 " + lint), what + ", warm");
    return fresh.out;
  };
  std::string before = expect_fresh("first run");
  Write("repo/images/Dockerfile", "FROM debian:12\nRUN sudo apt-get update\n");
  std::string edited = expect_fresh("the Dockerfile edited");
  EXPECT_NE(before, edited);
  Write("repo/images/.dockerignore", "*\n");
  expect_fresh("its .dockerignore edited");
  fs::remove(dir_ / "repo/images/.dockerignore");
  expect_fresh("its .dockerignore removed");
  Write("repo/host/etc/docker/daemon.json", "{\"icc\": false}\n");
  std::string host_edited = expect_fresh("daemon.json edited");
  EXPECT_NE(edited, host_edited);
  // A file the host job finds by itself, not one the walk named: a drop-in that changes dockerd's flags.
  Write("repo/host/etc/systemd/system/docker.service.d/override.conf",
        "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// --icc=true\n");
  std::string dropin = expect_fresh("a drop-in added");
  EXPECT_NE(host_edited, dropin);
  fs::permissions(dir_ / "repo/host/etc/docker/daemon.json", fs::perms(0666));
  expect_fresh("daemon.json's mode changed");
  Write("repo/app/.env", "PRIVILEGED=false\n");
  std::string env_edited = expect_fresh("the project's .env edited");
  EXPECT_NE(dropin, env_edited);
  Write("repo/app/web/Dockerfile", "FROM alpine:3.20\nUSER app\n");
  expect_fresh("the Dockerfile the project builds edited");
  Write("repo/app/web/Dockerfile.extra", "FROM alpine:3.20\n");
  expect_fresh("a file added beside it");
}

TEST_F(ResultCacheRunTest, AnUnusableEntryIsIgnoredRewrittenAndSaidOnce) {
  fs::path cache = dir_ / "cache";
  std::string lint = "--format json fixtures/hosts fixtures/compose";
  Output expected = Run("--no-cache " + lint);
  std::string cached = "--cache-dir '" + cache.string() + "' ";
  ExpectSame(expected, Run(cached + lint), "cold");
  std::map<std::string, fs::file_time_type> entries = Entries(cache);
  ASSERT_GT(entries.size(), 4u);
  auto entry = entries.begin();
  // A truncated entry, garbage, an empty file, and the folder of another docklint version.
  fs::resize_file(entry->first, fs::file_size(entry->first) / 2);
  std::ofstream((++entry)->first, std::ios::binary | std::ios::trunc) << "not a cache entry at all";
  std::ofstream((++entry)->first, std::ios::binary | std::ios::trunc);
  fs::create_directories(cache / "results-v1-0.0.1/ab");
  std::ofstream(cache / "results-v1-0.0.1/ab/cdef") << "old";
  std::string note = NoteBeyond(expected, Run(cached + lint));
  EXPECT_EQ(Count(note, "\n"), 1u) << note;
  EXPECT_NE(note.find("docklint: note: ignored 3 unusable cache entries"), std::string::npos) << note;
  EXPECT_NE(note.find("truncated"), std::string::npos) << note;
  EXPECT_FALSE(fs::exists(cache / "results-v1-0.0.1"));
  // Written again: the next run has nothing to say.
  ExpectSame(expected, Run(cached + lint), "after the rewrite");
}

TEST_F(ResultCacheRunTest, AnUnwritableCacheLeavesTheFindingsAloneAndIsSaidOnce) {
  std::string lint = "--format sarif -j 2 fixtures/hosts fixtures/dockerfiles";
  Output expected = Run("--no-cache " + lint);
  // A cache folder inside a regular file: no one, root included, can create it.
  std::ofstream(dir_ / "a-file") << "x";
  std::string note =
      NoteBeyond(expected, Run("--cache-dir '" + (dir_ / "a-file/docklint").string() + "' " + lint));
  EXPECT_EQ(Count(note, "\n"), 1u) << note;
  EXPECT_NE(note.find("docklint: note: cannot write the cache in"), std::string::npos) << note;
}

TEST_F(ResultCacheRunTest, NoCacheNeitherReadsNorWrites) {
  fs::path cache = dir_ / "cache";
  Run("--no-cache --cache-dir '" + cache.string() + "' fixtures/dockerfiles");
  EXPECT_FALSE(fs::exists(cache));
  // The default is $XDG_CACHE_HOME/docklint.
  std::string xdg = "XDG_CACHE_HOME='" + (dir_ / "xdg").string() + "' ";
  std::system(("cd '" + std::string(DOCKLINT_SOURCE_DIR) + "' && " + xdg + "'" + DOCKLINT_BINARY +
               "' --no-config fixtures/dockerfiles/run-habits.Dockerfile >/dev/null 2>&1")
                  .c_str());
  EXPECT_TRUE(fs::exists(dir_ / "xdg/docklint/CACHEDIR.TAG"));
}

}  // namespace
}  // namespace docklint::app
