// The run: the options of one docklint invocation, and Run, which plans the jobs, runs them, merges their
// findings and reports.
#ifndef DOCKLINT_APP_RUN_H_
#define DOCKLINT_APP_RUN_H_

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/config.h"
#include "app/discovery.h"
#include "app/unsaved_files.h"
#include "base/finding.h"
#include "report/reporter.h"
#include "rules/selection.h"

namespace docklint::app {

struct Options {
  std::vector<std::string> paths;  // files and directories to lint
  std::string root;                // host tree
  std::string stdin_filename;      // the name of the file read from standard input (the path "-")
  std::string format = "text";     // a report::Format name (or markdown, for --list-rules)
  report::TextStyle text_style;    // color and code frames, for a terminal
  base::Severity failure_threshold = base::Severity::kStyle;
  bool never_fail = false;            // failure-threshold "none": findings never make the exit status 1
  bool disable_peer_pragmas = false;  // hadolint's disable-ignore-pragma: `# hadolint ignore=` is not read
  std::vector<std::string> rulesets;  // extra ruleset files
  rules::Selection selection;         // --benchmark, --check, --select, --ignore
  bool list_rules = false;            // print the selected rules instead of linting
  std::string explain;                // print this rule's docs instead of linting
  bool summary = false;               // add the per-control table
  bool remediations = true;           // the summary shows how to fix what fails
  bool fix = false;                   // edit daemon.json where the fix is certain
  bool unsafe_fixes = false;          // also fixes that change what the host does beyond the control
  std::string baseline;               // report only findings this baseline file does not record
  std::string baseline_write;         // record today's findings in this file
  std::string docker_version;         // judge for this engine release; "" = the tree's, else the newest
  unsigned jobs = 0;                  // threads to lint with; 0: one per core
  bool shellcheck = false;            // run ShellCheck on RUN instructions (the shellcheck rule, DKL3260)
  bool lint_test_files = false;       // a walk lints Dockerfiles in test and archive folders too
  bool force_exclude = false;  // Dockerfiles named on the command line are skipped where a walk skips them
  // Where results are kept between runs (app/result_cache.h); "": none. The command line's default is
  // $XDG_CACHE_HOME/docklint.
  std::string cache_dir;
  // From the configuration file (app/config.h).
  std::vector<std::string> trusted_registries;  // where FROM images may come from (empty: anywhere)
  rules::LabelSchema label_schema;              // labels images must carry ([dockerfile], --require-label)
  HostMapping host_mapping;                     // where the repository keeps host files
  ConfigEffects config;                         // severity overrides and per-file ignores
  // The language server's open buffers: read instead of the files on disk.
  std::shared_ptr<const UnsavedFiles> unsaved;
};

// Sets what `config` says in `options`: selection, severities, per-file ignores, the host mapping, the
// Dockerfile settings. Not its rulesets (the command line adds its own to them) nor its failure threshold.
void ApplyConfigFile(const ConfigFile& config, Options* options);
// An id of a peer's in the selection's ignore list (hadolint:DL3008) drops the findings that cite it; it
// selects no rule: moves it to the configuration's ignored references.
void MovePeerIgnores(Options* options);

// Exit codes.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

int Run(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_RUN_H_
