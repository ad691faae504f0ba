// Plans a run: which jobs (app/jobs.h) the options ask for. --root's tree, or the files given by path, make
// one host; each directory walked adds its Dockerfiles and compose projects one job each and its host files
// grouped by host. Each host tree adds the compose projects it keeps or its units run
// (DiscoverComposeProjects).
#ifndef DOCKLINT_APP_PLAN_H_
#define DOCKLINT_APP_PLAN_H_

#include <ostream>
#include <string>
#include <vector>

#include "app/jobs.h"
#include "app/run.h"

namespace docklint::app {

struct Plan {
  std::vector<Job> jobs;            // hosts first: they are few and the slowest
  std::vector<std::string> errors;  // "path: message" for what cannot be linted
  std::string stdin_text;           // what standard input held, when a path is "-"
};

// Fills `plan`; false (with a message on `err`) when the run cannot start: a --root that is neither a
// folder nor a tarball, standard input of an unknown kind or too large.
bool PlanJobs(const Options& options, Plan* plan, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_PLAN_H_
