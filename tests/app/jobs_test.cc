// A compose job lints the Dockerfiles its services build, as a Dockerfile job would, unless the run lints
// them as jobs of their own; a file two jobs read is reported once. RunJobs hands jobs on in order, holding
// at most a window of them.
#include "app/jobs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "rules/selection.h"
#include "testing/run_docklint.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(ComposeJobTest, TheDockerfilesAServiceBuildsAreLintedOnce) {
  const std::string project = "fixtures/compose/built-images";
  // Given by path, the project lints api/Dockerfile (its two services build it: reported once).
  test_support::CommandResult alone =
      test_support::RunDocklint("--select DKL3001,DKL3237 " + project + "/compose.yaml");
  EXPECT_EQ(Count(alone.output, project + "/api/Dockerfile:1:1: warning:"), 1u) << alone.output;
  EXPECT_EQ(Count(alone.output, "(dockerfile_inline):2:6: warning:"), 1u) << alone.output;
  // Two projects that build the same Dockerfile: still once.
  fs::path dir = fs::temp_directory_path() / ("docklint-jobs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "Dockerfile") << "FROM alpine:3.20\nCMD [\"/app\"]\n";
  std::ofstream(dir / "compose.yaml") << "services:\n  a:\n    build: .\n";
  std::ofstream(dir / "compose.prod.yaml") << "services:\n  b:\n    build: .\n";
  test_support::CommandResult twice =
      test_support::RunDocklint("--select DKL3001,DKL3237 '" + (dir / "compose.yaml").string() + "' '" +
                                (dir / "compose.prod.yaml").string() + "'");
  EXPECT_EQ(Count(twice.output, "Dockerfile:1:1: warning:"), 1u) << twice.output;
  fs::remove_all(dir);
  // In a walk the Dockerfile is a job of its own, and the project leaves it to that job.
  test_support::CommandResult walk = test_support::RunDocklint("--select DKL3001,DKL3237 " + project);
  EXPECT_EQ(Count(walk.output, project + "/api/Dockerfile:1:1: warning:"), 1u) << walk.output;
}

// Jobs numbered in order, counting how many were taken.
class CountingSource : public JobSource {
 public:
  explicit CountingSource(size_t count) : count_(count) {}
  bool Next(Job* job) override {
    if (taken_ == count_) return false;
    *job = Job();
    job->kind = model::JobKind::kDockerfile;
    std::string name = "missing/" + std::to_string(taken_++) + ".Dockerfile";
    job->dockerfile = InputFile{name, name, "", model::InputKind::kDockerfile};
    return true;
  }
  std::atomic<size_t> taken_ = 0;

 private:
  size_t count_;
};

TEST(RunJobsTest, HandsJobsOnInOrderWithAtMostAWindowTakenAndNotYetHandedOn) {
  rules::Ruleset ruleset;
  std::vector<std::string> errors;
  ruleset.LoadBuiltin(&errors);
  std::vector<const rules::Rule*> selected;
  std::string selection_error;
  ASSERT_TRUE(rules::SelectRules(ruleset, {}, &selected, &selection_error));
  Options options;
  DockerfileLinter linter(ruleset, selected);
  std::string stdin_text;
  RunContext context{options, ruleset, selected, stdin_text, linter, nullptr, nullptr, {}};
  for (unsigned threads : {1u, 2u, 5u}) {
    for (size_t window : {1u, 4u, 64u}) {
      CountingSource source(300);
      size_t handed = 0, most_waiting = 0;
      RunJobs(source, context, threads, window, [&](Job& job, JobResult& result) {
        EXPECT_EQ(job.dockerfile.display_path, "missing/" + std::to_string(handed) + ".Dockerfile");
        EXPECT_TRUE(result.unreadable);  // the job ran: the file is not there
        most_waiting = std::max(most_waiting, source.taken_.load() - handed);
        ++handed;
      });
      EXPECT_EQ(handed, 300u) << threads << " threads, window " << window;
      EXPECT_LE(most_waiting, window) << threads << " threads, window " << window;
    }
  }
}

}  // namespace
}  // namespace docklint::app
