#include "app/run.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "app/baseline.h"
#include "app/engine_version.h"
#include "app/lint.h"
#include "report/reporter.h"
#include "report/rule_docs.h"
#include "report/summary.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint::app {
namespace {

using base::Finding;
using base::SourceFile;

// With several hosts, a control's status is its worst: FAIL on one host fails it. A compose control keeps a
// row per project and service (the same project linted twice is merged the same way). Merged as the jobs
// come, so that a run over many hosts holds one row per control, not one per host.
class OutcomeMerger {
 public:
  void Add(std::vector<rules::RuleOutcome> outcomes) {
    if (jobs_++ == 0) {
      first_ = std::move(outcomes);  // one job's rows are reported as they are
      return;
    }
    if (jobs_ == 2) Merge(std::exchange(first_, {}));
    Merge(std::move(outcomes));
  }

  std::vector<rules::RuleOutcome> Take() {
    if (jobs_ <= 1) return std::move(first_);
    return {std::make_move_iterator(merged_.begin()), std::make_move_iterator(merged_.end())};
  }

 private:
  static int Rank(rules::RuleStatus status) {
    switch (status) {
      case rules::RuleStatus::kFail:
        return 3;
      case rules::RuleStatus::kManual:
        return 2;
      case rules::RuleStatus::kPass:
        return 1;
      case rules::RuleStatus::kNotApplicable:
        return 0;
    }
    return 0;
  }

  void Merge(std::vector<rules::RuleOutcome> outcomes) {
    for (rules::RuleOutcome& outcome : outcomes) {
      auto it = index_.find(Key(outcome.rule, outcome.host, outcome.project, outcome.service));
      if (it == index_.end()) {
        // The key views the merged row's own strings, which a deque never moves.
        const rules::RuleOutcome& row = merged_.emplace_back(std::move(outcome));
        index_.emplace(Key(row.rule, row.host, row.project, row.service), merged_.size() - 1);
      } else if (Rank(outcome.status) > Rank(merged_[it->second].status)) {
        merged_[it->second].status = outcome.status;
      }
    }
  }

  using Key = std::tuple<const rules::Rule*, std::string_view, std::string_view, std::string_view>;
  size_t jobs_ = 0;
  std::vector<rules::RuleOutcome> first_;
  std::deque<rules::RuleOutcome> merged_;
  std::map<Key, size_t> index_;
};

}  // namespace

void ApplyConfigFile(const ConfigFile& config, Options* options) {
  if (config.benchmark) options->selection.benchmark = *config.benchmark;
  if (config.select) options->selection.select = *config.select;
  if (config.ignore) options->selection.ignore = *config.ignore;
  options->config.config_path = config.path;
  options->config.severity_overrides = config.severity;
  options->config.per_file_ignores = config.per_file_ignores;
  options->config.ignored_references = config.ignored_references;
  options->host_mapping = {config.host_root, config.host_files};
  options->trusted_registries = config.trusted_registries;
  options->disable_peer_pragmas = config.disable_peer_pragmas;
  options->label_schema = config.label_schema;
  options->shellcheck = config.shellcheck;
  options->lint_test_files = config.lint_test_files;
}

void MovePeerIgnores(Options* options) {
  std::erase_if(options->selection.ignore, [&](const std::string& name) {
    if (name.find(':') == std::string::npos) return false;
    options->config.ignored_references.push_back(name);
    return true;
  });
}

int Run(const Options& options, std::ostream& out, std::ostream& err) {
  SelectedRules rules;
  if (!LoadRules(options, &rules, err)) return kExitUsage;
  const rules::Ruleset& ruleset = rules.ruleset;
  if (!options.explain.empty()) {
    const rules::Rule* rule = ruleset.FindById(options.explain);
    if (rule == nullptr) rule = ruleset.FindByName(options.explain);
    if (rule == nullptr) {
      err << "docklint: error: --explain: no rule is named or numbered '" << options.explain
          << "' (see --list-rules)\n";
      return kExitUsage;
    }
    report::WriteExplanation(*rule, out);
    return kExitClean;
  }
  if (options.list_rules) {
    report::WriteRuleList(rules.selected, options.format, rules.selection.benchmark, out);
    return kExitClean;
  }
  if (!options.docker_version.empty() && !IsEngineVersion(options.docker_version)) {
    err << "docklint: error: --docker-version takes a release such as 20.10 or 24.0.7, not '"
        << options.docker_version << "'\n";
    return kExitUsage;
  }
  std::optional<report::Format> format = report::ParseFormat(options.format);
  if (!format) {
    err << "docklint: error: --format " << options.format
        << " is for --list-rules; findings come as text, json, sarif, github, gitlab, checkstyle or junit\n";
    return kExitUsage;
  }
  if (options.root.empty() && options.paths.empty()) {
    err << "docklint: error: nothing to lint: give files or directories, or --root DIR for a host tree (see "
           "--help)\n";
    return kExitUsage;
  }
  Baseline baseline;
  if (!options.baseline.empty()) {
    std::string error;
    if (!ReadBaseline(options.baseline, &baseline, &error)) {
      err << "docklint: error: " << options.baseline << ": " << error << '\n';
      return kExitUsage;
    }
  }
  BaselineWriter baseline_writer;
  if (!options.baseline_write.empty()) {
    std::string error;
    if (!baseline_writer.Open(options.baseline_write, &error)) {
      err << "docklint: error: " << options.baseline_write << ": " << error << '\n';
      return kExitUsage;
    }
  }
  // Each job's findings are written as they come. The writer starts with the first job, so that a run
  // that cannot start prints nothing on standard output.
  std::unique_ptr<report::ReportWriter> writer;
  auto start_report = [&] {
    if (!writer) writer = report::MakeReportWriter(*format, options.text_style, &ruleset, out);
  };
  report::ReportTotals totals;
  bool failing = false;
  OutcomeMerger outcomes;  // for --summary
  auto report_job = [&](LintedJob& job) {
    start_report();
    std::vector<Finding>& findings = job.result.findings;
    std::vector<std::string> fingerprints = base::Fingerprints(findings, job.sources);
    if (!options.baseline_write.empty()) baseline_writer.Add(findings, fingerprints);
    if (!options.baseline.empty()) ApplyBaseline(&baseline, &findings, &fingerprints);
    writer->Add({findings, fingerprints, job.sources});
    totals.findings += findings.size();
    for (const Finding& f : findings) {
      ++totals.by_severity[static_cast<int>(f.severity)];
      failing = failing || f.severity >= options.failure_threshold;
    }
    if (options.summary && !job.result.outcomes.empty()) outcomes.Add(std::move(job.result.outcomes));
  };
  LintTotals lint_totals;
  if (!LintJobs(options, rules, report_job, &lint_totals, err)) return kExitUsage;
  if (!options.baseline_write.empty()) {
    std::string error;
    if (!baseline_writer.Finish(&error)) {
      err << "docklint: error: " << options.baseline_write << ": " << error << '\n';
      return kExitUsage;
    }
  }
  start_report();
  std::vector<report::ControlRow> rows;
  if (options.summary) rows = report::BuildControlRows(outcomes.Take(), rules.selection.benchmark);
  totals.files = lint_totals.files_read;
  totals.controls = options.summary ? &rows : nullptr;
  writer->Finish(totals);
  if (options.summary && *format == report::Format::kText) {
    report::WriteSummary(rows, rules.selection.benchmark, options.remediations, out);
  }
  if (lint_totals.incomplete) return kExitUsage;
  return failing && !options.never_fail ? kExitFindings : kExitClean;
}

}  // namespace docklint::app
