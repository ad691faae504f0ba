// Plans a run: which jobs (app/jobs.h) the options ask for, in the order they are reported. --root's tree, or
// the files given by path, make one host; each directory walked adds its Dockerfiles and compose projects one
// job each and its host files grouped by host. Each host tree adds the compose projects it keeps or its units
// run (DiscoverComposeProjects).
#ifndef DOCKLINT_APP_PLAN_H_
#define DOCKLINT_APP_PLAN_H_

#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "app/directory_walk.h"
#include "app/jobs.h"
#include "app/run.h"
#include "base/content_hash.h"

namespace docklint::app {

struct Plan {
  // The jobs known when planning, in output order (by the path of each job's first file; a host tree's: its
  // root): the files given by path, --root's tree and its compose projects.
  std::vector<Job> jobs;
  // The hosts a walk found, in output order, made jobs only when the run reaches them (PlanJobSource), so
  // that a large repository's hosts are never all open at once: the host trees by their roots, kept in one
  // string (each root ended by '\0': a repository may hold thousands), and the groups of loose host files.
  std::string tree_roots;
  std::vector<size_t> tree_root_starts;
  std::vector<HostGroup> host_groups;
  std::vector<std::string> errors;  // "path: message" for what cannot be linted
  std::string stdin_text;           // what standard input held, when a path is "-"
  // The walked directories, in order. Their Dockerfiles and compose projects are jobs too, found again one at
  // a time while the run goes on.
  std::vector<std::string> walks;
  std::set<std::string> given_own_jobs;  // the Dockerfiles and compose files given by path (lexically normal)
  std::set<std::string> tree_folders;    // the folders of the compose projects of --root's tree
  const Options* options = nullptr;      // the run's, which made the plan

  // Whether the run lints the Dockerfile at `path` as a job of its own (a compose project that builds it
  // leaves it to that job). Safe to call from several threads.
  bool IsDockerfileJob(const std::string& path) const;
};

// Fills `plan`; false (with a message on `err`) when the run cannot start: a --root that is neither a
// folder nor a tarball, standard input of an unknown kind or too large.
bool PlanJobs(const Options& options, Plan* plan, std::ostream& err);

// The jobs of a plan in output order: its jobs, its host groups as jobs and the walks' Dockerfiles and
// compose projects as the walks find them again, merged by path. Not thread-safe.
class PlanJobSource : public JobSource {
 public:
  PlanJobSource(Plan& plan, const Options& options);
  bool Next(Job* job) override;

 private:
  bool NextWalked(Job* job);            // the walks' next job; false when none is left
  void Expand(const HostGroup& group);  // its jobs, into ready_

  Plan& plan_;
  const Options& options_;
  size_t next_job_ = 0, next_tree_ = 0, next_group_ = 0;
  std::vector<Job> ready_;  // jobs of expanded groups, sorted by output key, next at the back
  size_t walk_ = 0;         // the walk under way
  std::optional<DirectoryWalker> walker_;
  std::vector<std::string> compose_folders_;  // the walk's compose folders made jobs, along its current path
  std::optional<Job> walked_;                 // the walks' next job, found ahead
  std::set<std::string> tree_folders_;        // the folders of the expanded trees' compose projects
};
}  // namespace docklint::app

#endif  // DOCKLINT_APP_PLAN_H_
