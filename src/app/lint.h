// A run's two halves that do not print: the rules it judges by (LoadRules), and the jobs' findings, each
// job's sorted and filtered by the configuration, handed on in output order as they come (LintJobs). The
// command line reports each job's as it comes; the language server collects them all (Lint).
#ifndef DOCKLINT_APP_LINT_H_
#define DOCKLINT_APP_LINT_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/jobs.h"
#include "app/run.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "rules/ruleset.h"
#include "rules/selection.h"

namespace docklint::app {

// The built-in rulesets with the options' extra ones, and the rules the options select. Not movable: the
// selection points into the ruleset.
struct SelectedRules {
  rules::Ruleset ruleset;
  rules::Selection selection;  // the options' selection, with manual rules for --summary and --list-rules
  std::vector<const rules::Rule*> selected;
  SelectedRules() = default;
  SelectedRules(const SelectedRules&) = delete;
  SelectedRules& operator=(const SelectedRules&) = delete;
};

// Fills `rules`; false with the messages on `err` when a ruleset cannot be read or the selection names no
// rule.
bool LoadRules(const Options& options, SelectedRules* rules, std::ostream& err);

// One job's findings as a run hands them on.
struct LintedJob {
  const Job& job;
  JobResult& result;  // its findings sorted, filtered by the configuration, none an earlier job reported
  const base::SourceLookup& sources;  // the text of the files they point into
};

struct LintTotals {
  size_t files_read = 0;
  bool incomplete = false;  // a path could not be planned or a file could not be read
};

// Plans and runs the jobs the options ask for and hands each to `sink` as soon as every earlier job was
// (app/jobs.h's RunJobs: memory stays bounded whatever the number of files). Notes and errors go to `err`,
// each job's as it is handed on, the run's at the end. False when the run cannot start (a bad --root, a
// configuration naming an unknown rule): a usage error.
bool LintJobs(const Options& options, const SelectedRules& rules, const std::function<void(LintedJob&)>& sink,
              LintTotals* totals, std::ostream& err);

// Every finding of a run at once, for the language server: its runs are a file or a host tree.
struct Linted {
  std::vector<JobResult> results;  // own the files the findings point into
  std::vector<base::Finding> findings;
  std::unordered_map<std::string, const base::SourceFile*> files;  // by display path
  std::vector<std::vector<rules::RuleOutcome>> outcomes;           // hosts' and compose projects'
  size_t files_read = 0;
  bool incomplete = false;  // a path could not be planned or a file could not be read

  const base::SourceFile* FindFile(const std::string& path) const {
    auto it = files.find(path);
    return it == files.end() ? nullptr : it->second;
  }
};

// LintJobs, with every job's findings collected and sorted by place.
bool Lint(const Options& options, const SelectedRules& rules, Linted* linted, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_LINT_H_
