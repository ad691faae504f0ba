// A run's two halves that do not print: the rules it judges by (LoadRules), and the jobs' findings merged,
// sorted and filtered by the configuration (Lint). The command line reports what Lint returns; the language
// server publishes it.
#ifndef DOCKLINT_APP_LINT_H_
#define DOCKLINT_APP_LINT_H_

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

// Plans and runs the jobs the options ask for. Notes and errors go to `err`. False when the run cannot
// start (a bad --root, a configuration naming an unknown rule): a usage error.
bool Lint(const Options& options, const SelectedRules& rules, Linted* linted, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_LINT_H_
