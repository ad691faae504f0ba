#include "app/lint.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>
#include <thread>
#include <utility>

#include "app/config.h"
#include "app/dockerfile_lint.h"
#include "app/plan.h"
#include "rules/engine.h"

namespace docklint::app {

using base::Finding;

bool LoadRules(const Options& options, SelectedRules* rules, std::ostream& err) {
  std::vector<std::string> errors;
  rules->ruleset.LoadBuiltin(&errors);
  for (const std::string& path : options.rulesets) {
    std::string text, error;
    if (!base::ReadFileToString(path, &text, &error)) {
      errors.push_back(path + ": error: cannot read ruleset: " + error);
      continue;
    }
    rules->ruleset.Load(path, text, &errors);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) err << e << '\n';
    return false;
  }
  if (!options.explain.empty()) return true;  // --explain looks a rule up; it selects none
  rules::Selection& selection = rules->selection;
  selection = options.selection;
  selection.include_manual = selection.include_manual || options.summary || options.list_rules;
  std::vector<const rules::Rule*>& selected = rules->selected;
  std::string selection_error;
  if (!rules::SelectRules(rules->ruleset, selection, &selected, &selection_error)) {
    err << "docklint: error: " << selection_error << '\n';
    return false;
  }
  if (options.shellcheck) {
    // --shellcheck adds the opt-in shellcheck rule to whatever else is selected (unless --ignore drops it).
    rules::Selection only = selection;
    only.benchmark.clear();
    only.checks.clear();
    only.select = {"shellcheck"};
    std::vector<const rules::Rule*> shellcheck;
    std::string ignored;
    if (rules::SelectRules(rules->ruleset, only, &shellcheck, &ignored)) {
      for (const rules::Rule* rule : shellcheck) {
        if (rule->check == "shellcheck" &&
            std::find(selected.begin(), selected.end(), rule) == selected.end())
          selected.push_back(rule);
      }
    }
  }
  return true;
}

bool Lint(const Options& options, const SelectedRules& rules, Linted* linted, std::ostream& err) {
  const rules::Ruleset& ruleset = rules.ruleset;
  const std::vector<const rules::Rule*>& selected = rules.selected;
  Plan plan;
  if (!PlanJobs(options, &plan, err)) return false;
  for (const std::string& e : plan.errors) err << "docklint: error: " << e << '\n';
  linted->incomplete = !plan.errors.empty();
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
  linted->results = RunJobs(plan.jobs, context, threads);

  // Merged in job order, then sorted: the same output whichever thread finished first. (std::sort is
  // deterministic for a given input order, and unlike stable_sort needs no second copy of the findings.)
  std::vector<Finding>& findings = linted->findings;
  size_t total = 0;
  for (const JobResult& result : linted->results) total += result.findings.size();
  findings.reserve(total);
  size_t walked_trees = 0, engine_unknown = 0, metadata_not_judged = 0;
  for (size_t i = 0; i < linted->results.size(); ++i) {
    JobResult& result = linted->results[i];
    err << result.messages;
    if (plan.jobs[i].found_in_walk) {
      ++walked_trees;
      engine_unknown += result.engine_unknown;
      metadata_not_judged += result.metadata_not_judged;
    }
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(findings));
    std::vector<Finding>().swap(result.findings);
    for (const auto& file : result.files) linted->files.emplace(file->path(), file.get());
    if (options.summary && plan.jobs[i].kind == model::JobKind::kComposeProject && result.outcomes.empty() &&
        !plan.jobs[i].compose_files.empty()) {
      // A project compose refused before it was built (or an unreadable file) judges no service.
      result.outcomes =
          rules::ComposeRulesNotJudged(selected, plan.jobs[i].compose_files.front().display_path);
    }
    if (!result.outcomes.empty()) linted->outcomes.push_back(std::move(result.outcomes));
    linted->files_read += result.files_read;
    linted->incomplete = linted->incomplete || result.unreadable;
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
  std::sort(findings.begin(), findings.end(), base::FindingLess);
  // A file two jobs read (a Dockerfile that two compose projects build) is reported once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return !base::FindingLess(a, b) && !base::FindingLess(b, a) &&
                                      a.location.range == b.location.range;
                             }),
                 findings.end());
  return ApplyConfig(options.config, ruleset, &findings, err);
}

}  // namespace docklint::app
