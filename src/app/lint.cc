#include "app/lint.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "app/config.h"
#include "app/dockerfile_lint.h"
#include "app/plan.h"
#include "app/result_cache.h"
#include "base/content_hash.h"
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
  selection.include_opt_in = selection.include_opt_in || options.list_rules;
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

namespace {

// Which build of docklint this is: a rebuilt binary of the same version must not reuse its predecessor's
// results. The executable's size and modification time tell builds apart without reading it.
std::string BuildIdentity() {
  struct stat info {};
  if (stat("/proc/self/exe", &info) != 0) return "";
  return std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
         std::to_string(info.st_mtim.tv_nsec);
}

// What judges every job of a run the same way: docklint's build, the rules (with any ruleset files) and the
// options that change a job's findings. The configuration's severities and ignores are applied after the
// cache, so they are not part of it.
base::ContentHash RunKey(const Options& options, const SelectedRules& rules) {
  base::ContentHasher key;
  key.Add(DOCKLINT_VERSION).Add(BuildIdentity());
  for (const std::string& path : options.rulesets) {
    std::string text, error;
    base::ReadFileToString(path, &text, &error);
    key.Add(path).Add(text);
  }
  key.Add(rules.selected.size());
  for (const rules::Rule* rule : rules.selected) key.Add(rule->id);
  key.Add(options.docker_version).Add(options.trusted_registries.size());
  for (const std::string& registry : options.trusted_registries) key.Add(registry);
  key.Add(options.label_schema.strict ? 1 : 0).Add(options.label_schema.labels.size());
  for (const auto& [label, type] : options.label_schema.labels) key.Add(label).Add(type);
  key.Add(options.disable_peer_pragmas ? 1 : 0).Add(options.summary ? 1 : 0).Add(options.shellcheck ? 1 : 0);
  return key.Finish();
}

std::string Plural(size_t count, const char* one, const char* many) { return count == 1 ? one : many; }

}  // namespace

bool LintJobs(const Options& options, const SelectedRules& rules, const std::function<void(LintedJob&)>& sink,
              LintTotals* totals, std::ostream& err) {
  const rules::Ruleset& ruleset = rules.ruleset;
  const std::vector<const rules::Rule*>& selected = rules.selected;
  ConfigFilter filter;
  if (!filter.Resolve(options.config, ruleset, err)) return false;
  Plan plan;
  if (!PlanJobs(options, &plan, err)) return false;
  for (const std::string& e : plan.errors) err << "docklint: error: " << e << '\n';
  totals->incomplete = !plan.errors.empty();
  unsigned threads = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  DockerfileLinter dockerfile_linter(ruleset, selected, options.trusted_registries, true,
                                     options.label_schema);
  dockerfile_linter.set_peer_pragmas(!options.disable_peer_pragmas);
  dockerfile_linter.EnableShellcheck();
  std::optional<ResultCache> cache;
  if (!options.cache_dir.empty()) cache.emplace(options.cache_dir, ruleset);
  RunContext context{options,
                     ruleset,
                     selected,
                     plan.stdin_text,
                     dockerfile_linter,
                     [&plan](const std::string& path) { return plan.IsDockerfileJob(path); },
                     cache ? &*cache : nullptr,
                     RunKey(options, rules)};
  size_t walked_trees = 0, engine_unknown = 0, metadata_not_judged = 0, templates = 0;
  std::set<std::string> compose_dockerfiles;  // the Dockerfiles compose projects reported on so far
  PlanJobSource source(plan, options);
  // Enough finished jobs to keep every thread busy behind a slow one, few enough to bound memory.
  size_t window = std::max<size_t>(64, 16 * static_cast<size_t>(threads));
  RunJobs(source, context, threads, window, [&](Job& job, JobResult& result) {
    err << job.plan_messages << result.messages;
    totals->incomplete = totals->incomplete || job.plan_error;
    if (job.found_in_walk) {
      ++walked_trees;
      engine_unknown += result.engine_unknown;
      metadata_not_judged += result.metadata_not_judged;
    }
    templates += result.templates;
    totals->files_read += result.files_read;
    totals->incomplete = totals->incomplete || result.unreadable;
    if (options.summary && job.kind == model::JobKind::kComposeProject && result.outcomes.empty() &&
        !job.compose_files.empty()) {
      // A project compose refused before it was built (or an unreadable file) judges no service.
      result.outcomes = rules::ComposeRulesNotJudged(selected, job.compose_files.front().display_path);
    }
    std::vector<Finding>& findings = result.findings;
    // A Dockerfile that two compose projects build is reported by the first.
    std::set<std::string> reported;
    for (const std::string& dockerfile : result.dockerfiles_linted) {
      if (!compose_dockerfiles.insert(dockerfile).second) reported.insert(dockerfile);
    }
    if (!reported.empty()) {
      std::erase_if(findings, [&](const Finding& f) {
        return reported.contains(std::filesystem::path(f.location.file).lexically_normal().string());
      });
    }
    std::sort(findings.begin(), findings.end(), base::FindingLess);
    findings.erase(std::unique(findings.begin(), findings.end(),
                               [](const Finding& a, const Finding& b) {
                                 return !base::FindingLess(a, b) && !base::FindingLess(b, a) &&
                                        a.location.range == b.location.range;
                               }),
                   findings.end());
    filter.Apply(&findings);
    std::unordered_map<std::string_view, const base::SourceFile*> files;
    for (const auto& file : result.files) files.emplace(file->path(), file.get());
    base::SourceLookup sources = [&files](const std::string& path) -> const base::SourceFile* {
      auto it = files.find(path);
      return it == files.end() ? nullptr : it->second;
    };
    LintedJob linted{job, result, sources};
    sink(linted);
  });
  if (templates > 0) {
    err << "docklint: note: " << templates << Plural(templates, " file", " files")
        << " named like a Dockerfile " << Plural(templates, "is a template", "are templates")
        << " ({{ }}, {% %}, <% %}) that a generator fills in, not linted\n";
  }
  if (dockerfile_linter.shellcheck_missing()) {
    err << "docklint: note: shellcheck is not installed (or cannot be run): RUN instructions were not "
           "checked by it (install the shellcheck package)\n";
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
  if (cache) {
    if (std::string note = cache->Note(); !note.empty()) err << "docklint: note: " << note << '\n';
  }
  return true;
}

bool Lint(const Options& options, const SelectedRules& rules, Linted* linted, std::ostream& err) {
  LintTotals totals;
  auto collect = [linted](LintedJob& job) {
    std::move(job.result.findings.begin(), job.result.findings.end(), std::back_inserter(linted->findings));
    std::vector<Finding>().swap(job.result.findings);
    if (!job.result.outcomes.empty()) linted->outcomes.push_back(std::move(job.result.outcomes));
    for (const auto& file : job.result.files) linted->files.emplace(file->path(), file.get());
    linted->results.push_back(std::move(job.result));  // owns the files the map points to
  };
  if (!LintJobs(options, rules, collect, &totals, err)) return false;
  linted->files_read = totals.files_read;
  linted->incomplete = totals.incomplete;
  std::vector<Finding>& findings = linted->findings;
  std::sort(findings.begin(), findings.end(), base::FindingLess);
  return true;
}

}  // namespace docklint::app
