#include "app/run.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "app/baseline.h"
#include "app/config.h"
#include "app/dockerfile_lint.h"
#include "app/engine_version.h"
#include "app/jobs.h"
#include "app/plan.h"
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
// row per project and service (the same project linted twice is merged the same way).
std::vector<rules::RuleOutcome> MergeOutcomes(const std::vector<std::vector<rules::RuleOutcome>>& jobs) {
  if (jobs.size() == 1) return jobs.front();
  auto rank = [](rules::RuleStatus status) {
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
  };
  std::vector<rules::RuleOutcome> merged;
  using Key = std::tuple<const rules::Rule*, std::string_view, std::string_view, std::string_view>;
  std::map<Key, size_t> index;
  for (const auto& outcomes : jobs) {
    for (const rules::RuleOutcome& outcome : outcomes) {
      // The key views the outcome's own strings (a std::tuple of copies would leave it dangling).
      auto [it, added] =
          index.emplace(Key(outcome.rule, outcome.host, outcome.project, outcome.service), merged.size());
      if (added) {
        merged.push_back(outcome);
      } else if (rank(outcome.status) > rank(merged[it->second].status)) {
        merged[it->second].status = outcome.status;
      }
    }
  }
  return merged;
}

}  // namespace

int Run(const Options& options, std::ostream& out, std::ostream& err) {
  rules::Ruleset ruleset;
  std::vector<std::string> errors;
  ruleset.LoadBuiltin(&errors);
  for (const std::string& path : options.rulesets) {
    std::string text, error;
    if (!base::ReadFileToString(path, &text, &error)) {
      errors.push_back(path + ": error: cannot read ruleset: " + error);
      continue;
    }
    ruleset.Load(path, text, &errors);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) err << e << '\n';
    return kExitUsage;
  }
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
  rules::Selection selection = options.selection;
  selection.include_manual = selection.include_manual || options.summary || options.list_rules;
  std::vector<const rules::Rule*> selected;
  std::string selection_error;
  if (!rules::SelectRules(ruleset, selection, &selected, &selection_error)) {
    err << "docklint: error: " << selection_error << '\n';
    return kExitUsage;
  }
  if (options.shellcheck) {
    // --shellcheck adds the opt-in shellcheck rule to whatever else is selected (unless --ignore drops it).
    rules::Selection only = selection;
    only.benchmark.clear();
    only.checks.clear();
    only.select = {"shellcheck"};
    std::vector<const rules::Rule*> shellcheck;
    std::string ignored;
    if (rules::SelectRules(ruleset, only, &shellcheck, &ignored)) {
      for (const rules::Rule* rule : shellcheck) {
        if (rule->check == "shellcheck" &&
            std::find(selected.begin(), selected.end(), rule) == selected.end())
          selected.push_back(rule);
      }
    }
  }
  if (options.list_rules) {
    report::WriteRuleList(selected, options.format, selection.benchmark, out);
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
  Plan plan;
  if (!PlanJobs(options, &plan, err)) return kExitUsage;
  for (const std::string& e : plan.errors) err << "docklint: error: " << e << '\n';
  unsigned threads = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  DockerfileLinter dockerfile_linter(ruleset, selected, options.trusted_registries, true,
                                     options.label_schema);
  dockerfile_linter.set_peer_pragmas(!options.disable_peer_pragmas);
  dockerfile_linter.EnableShellcheck();
  std::set<std::string> dockerfile_jobs;
  for (const Job& job : plan.jobs) {
    if (job.kind == model::JobKind::kDockerfile)
      dockerfile_jobs.insert(std::filesystem::path(job.dockerfile.display_path).lexically_normal().string());
  }
  RunContext context{options, ruleset, selected, plan.stdin_text, dockerfile_linter, dockerfile_jobs};
  std::vector<JobResult> results = RunJobs(plan.jobs, context, threads);

  // Merged in job order, then sorted: the same output whichever thread finished first. (std::sort is
  // deterministic for a given input order, and unlike stable_sort needs no second copy of the findings.)
  std::vector<Finding> findings;
  size_t total = 0;
  for (const JobResult& result : results) total += result.findings.size();
  findings.reserve(total);
  std::unordered_map<std::string, const SourceFile*> files;
  std::vector<std::vector<rules::RuleOutcome>> job_outcomes;  // hosts' and compose projects'

  size_t files_read = 0, walked_trees = 0, engine_unknown = 0, metadata_not_judged = 0;
  bool unreadable = false;
  for (size_t i = 0; i < results.size(); ++i) {
    JobResult& result = results[i];
    err << result.messages;
    if (plan.jobs[i].found_in_walk) {
      ++walked_trees;
      engine_unknown += result.engine_unknown;
      metadata_not_judged += result.metadata_not_judged;
    }
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(findings));
    std::vector<Finding>().swap(result.findings);
    for (const auto& file : result.files) files.emplace(file->path(), file.get());
    if (options.summary && plan.jobs[i].kind == model::JobKind::kComposeProject && result.outcomes.empty() &&
        !plan.jobs[i].compose_files.empty()) {
      // A project compose refused before it was built (or an unreadable file) judges no service.
      result.outcomes =
          rules::ComposeRulesNotJudged(selected, plan.jobs[i].compose_files.front().display_path);
    }
    if (!result.outcomes.empty()) job_outcomes.push_back(std::move(result.outcomes));
    files_read += result.files_read;
    unreadable = unreadable || result.unreadable;
  }
  if (size_t templates = dockerfile_linter.templates_seen(); templates > 0) {
    err << "docklint: note: " << templates << " file" << (templates == 1 ? "" : "s")
        << " named like a Dockerfile " << (templates == 1 ? "is a template" : "are templates")
        << " ({{ }}, {% %}, <% %}) that a generator fills in, not linted\n";
  }
  if (dockerfile_linter.shellcheck_missing()) {
    err << "docklint: note: shellcheck is not installed (or cannot be run): RUN instructions were not "
           "checked "
           "by it (install the shellcheck package)\n";
  }
  if (engine_unknown > 0) {
    err << "docklint: note: " << engine_unknown << " of the " << walked_trees
        << " host trees found in the directories have no var/lib/dpkg/status to tell their Docker Engine: "
           "judged for the newest (see --docker-version)\n";
  }
  if (metadata_not_judged > 0) {
    err << "docklint: note: " << metadata_not_judged << " of the " << walked_trees
        << " host trees found in the directories were not copied with their owners (etc/ is not owned by "
           "root): owners and modes are not judged\n";
  }
  auto find_file = [&files](const std::string& path) -> const SourceFile* {
    auto it = files.find(path);
    return it == files.end() ? nullptr : it->second;
  };
  std::sort(findings.begin(), findings.end(), base::FindingLess);
  // A file two jobs read (a Dockerfile that two compose projects build) is reported once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return !base::FindingLess(a, b) && !base::FindingLess(b, a) &&
                                      a.location.range == b.location.range;
                             }),
                 findings.end());
  if (!ApplyConfig(options.config, ruleset, &findings, err)) return kExitUsage;
  if (!options.baseline_write.empty() || !options.baseline.empty()) {
    std::vector<std::string> fingerprints = base::Fingerprints(findings, find_file);
    std::string error;
    if (!options.baseline_write.empty() &&
        !WriteBaseline(options.baseline_write, findings, fingerprints, &error)) {
      err << "docklint: error: " << options.baseline_write << ": " << error << '\n';
      return kExitUsage;
    }
    if (!options.baseline.empty()) {
      Baseline baseline;
      if (!ReadBaseline(options.baseline, &baseline, &error)) {
        err << "docklint: error: " << options.baseline << ": " << error << '\n';
        return kExitUsage;
      }
      ApplyBaseline(baseline, &findings, fingerprints);
    }
  }
  std::vector<report::ControlRow> rows;
  if (options.summary) rows = report::BuildControlRows(MergeOutcomes(job_outcomes), selection.benchmark);
  report::Report report{findings, report::RunSummary{files_read}, find_file, &ruleset,
                        options.summary ? &rows : nullptr};
  report::Write(*format, report, options.text_style, out);
  if (options.summary && *format == report::Format::kText) {
    report::WriteSummary(rows, selection.benchmark, options.remediations, out);
  }
  if (!plan.errors.empty() || unreadable) return kExitUsage;
  bool failing = !options.never_fail && std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.severity >= options.failure_threshold;
  });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace docklint::app
