// The run's units of work and the pool that runs them: a job is one host (its files, read from a tree or
// given by path), one Dockerfile or one compose project. Jobs share nothing but the read-only rules, so they
// run on every core; each reads its files (recording each read for the result cache), builds its model
// (model/), evaluates the selected rules (rules/) and keeps only the lines of its files that its findings
// point into. Results are handed on in job order, a window at a time.
#ifndef DOCKLINT_APP_JOBS_H_
#define DOCKLINT_APP_JOBS_H_

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/discovery.h"
#include "app/dockerfile_lint.h"
#include "app/host_fs.h"
#include "app/run.h"
#include "base/content_hash.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint::app {

struct Job {
  model::JobKind kind = model::JobKind::kHost;
  // A host job's files, in the order systemd and dockerd read them; for a compose project found in a host
  // tree, that host's files (its dockerd's settings are the services' defaults).
  Discovery host;
  // The tree a host job's files are read from, when they are a host tree's; a compose project's of a host
  // tree, the tree its files point into (kept alive while the job is).
  std::shared_ptr<HostFs> tree;
  TreeDaemon daemon;           // which of the tree's daemons a host job judges
  std::string tree_name;       // how notes name the tree
  bool found_in_walk = false;  // a tree a directory walk found: its notes are summed up, not printed each
  InputFile dockerfile;        // a Dockerfile job's file
  std::vector<InputFile> compose_files;  // a compose project's files, in the order compose reads them
  std::string compose_dotenv;            // its .env on disk; "" when it has none
  // What planning it found to say (notes, errors: "docklint: ...\n"), said when the job is reported.
  std::string plan_messages;
  bool plan_error = false;  // one of them is an error: the run is incomplete
};

struct JobResult {
  std::vector<std::unique_ptr<base::SourceFile>> files;  // the files findings point into; others dropped
  std::vector<base::Finding> findings;
  std::vector<rules::RuleOutcome> outcomes;  // a host job's, one per host rule
  size_t files_read = 0;
  bool unreadable = false;
  std::string messages;  // notes and errors for standard error
  // For a tree found in a walk: what the notes would have said, counted once for the whole run.
  bool engine_unknown = false;
  bool metadata_not_judged = false;
  // A compose project's: the Dockerfiles its services build that it linted (display paths, lexically
  // normal), so that a Dockerfile two projects build is reported once.
  std::vector<std::string> dockerfiles_linted;
  size_t templates = 0;  // Dockerfiles not linted because they are templates (DockerfileLinter::Lint)
};

class ResultCache;

// What every job reads and none changes.
struct RunContext {
  const Options& options;
  const rules::Ruleset& ruleset;
  const std::vector<const rules::Rule*>& selected;
  const std::string& stdin_text;  // what standard input held, for the path "-"
  const DockerfileLinter& dockerfile_linter;
  // Whether the run lints the Dockerfile at a display path as a job of its own: a compose project lints
  // the others its services build.
  std::function<bool(const std::string&)> is_dockerfile_job;
  // Where results are kept between runs, or null; and the hash of what judges every job of this run
  // (docklint's build, the rules, the options that change findings).
  ResultCache* cache = nullptr;
  base::ContentHash run_key;
};

// Supplies a run's jobs in output order, one at a time, so that a run need not hold them all.
class JobSource {
 public:
  virtual ~JobSource() = default;
  // The next job; false when there is none left.
  virtual bool Next(Job* job) = 0;
};

// Runs the jobs of `source` on `threads` threads and hands each with its result to `consume`, on the calling
// thread, in job order. At most `window` jobs are taken and not yet handed on at any time, which bounds the
// memory of a run whatever its number of jobs. A job whose inputs a cache entry matches is not run again.
void RunJobs(JobSource& source, const RunContext& context, unsigned threads, size_t window,
             const std::function<void(Job& job, JobResult& result)>& consume);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_JOBS_H_
