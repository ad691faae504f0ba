// Plans a run: which jobs (app/jobs.h) the options ask for, in the order they are reported. --root's tree, or
// the files given by path, make one host; each directory walked adds its Dockerfiles and compose projects one
// job each and its host files grouped by host. Each host tree adds the compose projects it keeps or its units
// run (DiscoverComposeProjects).
#ifndef DOCKLINT_APP_PLAN_H_
#define DOCKLINT_APP_PLAN_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/directory_walk.h"
#include "app/jobs.h"
#include "app/run.h"
#include "base/content_hash.h"

namespace docklint::app {

struct Plan {
  // Every job but the Dockerfiles the walks find, in output order: by the path of each job's first file
  // (a host tree's: its root).
  std::vector<Job> jobs;
  std::vector<std::string> errors;  // "path: message" for what cannot be linted
  std::string stdin_text;           // what standard input held, when a path is "-"
  // The walked directories, in order. Their Dockerfiles are jobs too, found again one at a time while the run
  // goes on (PlanJobSource), so that a large repository's Dockerfiles are never all held at once.
  std::vector<std::string> walks;
  // The Dockerfiles that are jobs of their own, by the hash of their lexically normal path, each with the
  // first walk that finds it (-1: given by path); sorted.
  std::vector<std::pair<base::ContentHash, int>> own_dockerfiles;

  // Whether the run lints the Dockerfile at `display_path` as a job of its own (a compose project that
  // builds it leaves it to that job).
  bool IsDockerfileJob(const std::string& display_path) const;
};

// Fills `plan`; false (with a message on `err`) when the run cannot start: a --root that is neither a
// folder nor a tarball, standard input of an unknown kind or too large.
bool PlanJobs(const Options& options, Plan* plan, std::ostream& err);

// The jobs of a plan in output order: its planned jobs merged, by path, with the walked Dockerfiles as the
// walks find them again.
class PlanJobSource : public JobSource {
 public:
  PlanJobSource(Plan& plan, const Options& options);
  bool Next(Job* job) override;

 private:
  bool NextWalked();  // fills walked_ with the next walked Dockerfile job; false when none is left

  Plan& plan_;
  const Options& options_;
  size_t next_planned_ = 0;
  size_t walk_ = 0;  // the walk under way
  std::optional<DirectoryWalker> walker_;
  std::optional<Job> walked_;  // the next walked Dockerfile job, found ahead
};
}  // namespace docklint::app

#endif  // DOCKLINT_APP_PLAN_H_
