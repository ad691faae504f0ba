#include "app/dockerfile_lint.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>

#include "app/read_log.h"
#include "app/shellcheck_runner.h"
#include "base/strings.h"
#include "model/dockerfile_model.h"
#include "parsers/dockerfile.h"
#include "rules/check_registry.h"
#include "rules/engine.h"
#include "rules/suppressions.h"

namespace docklint::app {

namespace {

std::set<std::string, std::less<>> ShippedImageRuleIds(const std::vector<const rules::Rule*>& selected) {
  std::set<std::string, std::less<>> ids;
  for (const rules::Rule* rule : selected) {
    if (rule->shipped_image_only) ids.insert(rule->id);
  }
  return ids;
}

std::vector<const rules::Rule*> WithoutShippedImageRules(const std::vector<const rules::Rule*>& selected) {
  std::vector<const rules::Rule*> kept;
  for (const rules::Rule* rule : selected) {
    if (!rule->shipped_image_only) kept.push_back(rule);
  }
  return kept;
}

}  // namespace

DockerfileLinter::DockerfileLinter(const rules::Ruleset& ruleset,
                                   const std::vector<const rules::Rule*>& selected,
                                   std::vector<std::string> trusted_registries, bool filter_runs,
                                   rules::LabelSchema label_schema)
    : ruleset_(ruleset),
      selected_(selected),
      rules_(selected),
      dev_container_rules_(WithoutShippedImageRules(selected)),
      shipped_image_only_ids_(ShippedImageRuleIds(selected)),
      trusted_registries_(std::move(trusted_registries)),
      label_schema_(std::move(label_schema)) {
  if (!filter_runs) return;
  std::vector<std::string_view> words;
  for (const rules::Rule* rule : selected) {
    const rules::DockerfileCheck* check =
        rule->target == rules::RuleTarget::kDockerfile ? rules::FindDockerfileCheck(rule->check) : nullptr;
    if (check == nullptr) continue;
    std::optional<std::vector<std::string_view>> acts_on = check->RunWords();
    if (!acts_on) return;  // it may act on any RUN: parse them all
    words.insert(words.end(), acts_on->begin(), acts_on->end());
  }
  run_filter_.emplace(words);
}

namespace {

// Whether a folder element of `path` (not the file name), lower-cased, satisfies `matches`.
template <typename Matches>
bool AnyFolder(std::string_view path, Matches matches) {
  size_t slash = path.rfind('/');  // the file name itself is not a folder
  for (size_t start = 0; slash != std::string_view::npos && start < slash;) {
    size_t end = std::min(path.find('/', start), slash);
    if (matches(base::Lower(path.substr(start, end - start)))) return true;
    start = end + 1;
  }
  return false;
}

bool IsOneOf(std::string_view folder, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), folder) != names.end();
}

}  // namespace

bool IsUnbuiltFolderPath(std::string_view path) {
  return AnyFolder(path, [](const std::string& folder) {
    // Named for its tests (networkdb-test/, integration_tests/), or one of the usual folders of test inputs
    // and retired images.
    for (std::string_view suffix : {"-test", "_test", "-tests", "_tests"}) {
      if (folder.size() > suffix.size() && folder.ends_with(suffix)) return true;
    }
    return IsOneOf(folder, {"test", "tests", "testdata", "testfiles", "fixtures", "__tests__", "__fixtures__",
                            "test-fixtures", "integration", "e2e", "archive", "archived", "deprecated",
                            "obsolete", "unmaintained", "unsupported", "unsupported_images"});
  });
}

bool IsTemplate(const parsers::Dockerfile& dockerfile) {
  return std::any_of(dockerfile.instructions.begin(), dockerfile.instructions.end(),
                     [](const parsers::DockerfileInstruction& instruction) {
                       std::string_view keyword = instruction.keyword;
                       return keyword.starts_with("{{") || keyword.starts_with("{%") ||
                              keyword.starts_with("{#") || keyword.starts_with("<%") ||
                              keyword.starts_with("[%");
                     });
}

bool IsDevContainerPath(std::string_view path) {
  return AnyFolder(path, [](const std::string& folder) { return folder == ".devcontainer"; });
}

// A development stage the shipped image does not build on (`FROM production AS dev-envs`) is a developer's
// environment, judged as a dev container's Dockerfile is: without the shipped_image_only rules.
void DockerfileLinter::DropShippedImageFindingsInDevelopmentStages(
    const model::DockerfileModel& model, size_t first, std::vector<base::Finding>* findings) const {
  std::vector<std::pair<uint32_t, uint32_t>> development_lines;  // [FROM's line, next stage's FROM line)
  const std::vector<model::Stage>& stages = model.stages();
  for (size_t i = 0; i < stages.size(); ++i) {
    if (!model.IsUnshippedDevelopmentStage(i)) continue;
    uint32_t begin = base::Location::Of(stages[i].from->span).range.begin.line;
    uint32_t end = i + 1 < stages.size() ? base::Location::Of(stages[i + 1].from->span).range.begin.line
                                         : std::numeric_limits<uint32_t>::max();
    development_lines.emplace_back(begin, end);
  }
  if (development_lines.empty()) return;
  auto in_development_stage = [&](const base::Finding& finding) {
    uint32_t line = finding.location.range.begin.line;
    return shipped_image_only_ids_.contains(finding.rule_id) &&
           std::any_of(development_lines.begin(), development_lines.end(),
                       [line](const std::pair<uint32_t, uint32_t>& lines) {
                         return line >= lines.first && line < lines.second;
                       });
  };
  findings->erase(std::remove_if(findings->begin() + static_cast<std::ptrdiff_t>(first), findings->end(),
                                 in_development_stage),
                  findings->end());
}

void DockerfileLinter::EnableShellcheck() {
  for (const rules::Rule* rule : selected_) {
    if (rule->target == rules::RuleTarget::kDockerfile && rule->check == "shellcheck")
      shellcheck_rule_ = rule;
  }
}

bool DockerfileLinter::Lint(const base::SourceFile& file, std::vector<base::Finding>* findings,
                            const model::DockerIgnore* dockerignore, std::string* messages) const {
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  // A template (Jinja, Go, Cottle) that a generator turns into Dockerfiles: not linted (a note counts them).
  if (IsTemplate(dockerfile)) return false;
  base::Diagnostics diagnostics = std::move(dockerfile.diagnostics);
  rules::Suppressions suppressions(dockerfile, ruleset_, &diagnostics, peer_pragmas_);
  std::vector<base::Finding> produced;
  rules::AddSelectedFindings(ruleset_, selected_, diagnostics, &produced);
  model::DockerfileModel model(dockerfile, run_filter_ ? &*run_filter_ : nullptr);
  size_t first_of_rules = produced.size();
  (IsDevContainerPath(file.path()) ? dev_container_rules_ : rules_)
      .Evaluate(rules::DockerfileContext{model, trusted_registries_, &label_schema_, dockerignore},
                &produced);
  DropShippedImageFindingsInDevelopmentStages(model, first_of_rules, &produced);
  if (shellcheck_rule_ != nullptr && !shellcheck_missing_) {
    std::vector<ShellcheckScript> scripts = BuildShellcheckScripts(dockerfile);
    ShellcheckRun run = RunShellcheck(scripts);
    if (run.missing) {
      shellcheck_missing_ = true;
    } else if (run.failed) {
      if (messages != nullptr)
        *messages +=
            "docklint: note: " + file.path() + ": RUNs not checked by shellcheck: " + run.error + "\n";
    }
    for (const ShellcheckComment& comment : run.comments) {
      base::Finding finding;
      rules::Stamp(*shellcheck_rule_, &finding);
      finding.severity = ShellcheckSeverity(comment.level);
      std::string code = "SC" + std::to_string(comment.code);
      finding.message = code + ": " + comment.message;
      finding.references.push_back("shellcheck:" + code);
      finding.location = base::Location::Of(MapShellcheckComment(scripts[comment.script], comment, file));
      produced.push_back(std::move(finding));
    }
  }
  for (base::Finding& finding : produced) {
    if (suppressions.Suppresses(finding)) continue;
    suppressions.Adjust(&finding);
    findings->push_back(std::move(finding));
  }
  rules::AddSelectedFindings(ruleset_, selected_, suppressions.Unused(selected_), findings);
  return true;
}

std::optional<model::DockerIgnore> ReadDockerIgnoreFor(const std::string& disk_path) {
  std::filesystem::path dockerfile(disk_path);
  for (const std::filesystem::path& candidate :
       {std::filesystem::path(disk_path + ".dockerignore"), dockerfile.parent_path() / ".dockerignore"}) {
    // Asked through the read log: the file is one of the job's inputs, which a cached result depends on.
    if (AskDisk(ReadOp::kDiskIsRegularFile, candidate.string()) != "1") continue;
    std::string read = AskDisk(ReadOp::kDiskRead, candidate.string());
    if (!read.starts_with('+')) continue;
    return model::DockerIgnore::Parse(std::string_view(read).substr(1));
  }
  return std::nullopt;
}

void LintDockerfile(const base::SourceFile& file, const rules::Ruleset& ruleset,
                    const std::vector<const rules::Rule*>& selected, std::vector<base::Finding>* findings,
                    const std::vector<std::string>& trusted_registries) {
  DockerfileLinter(ruleset, selected, trusted_registries).Lint(file, findings);
}

}  // namespace docklint::app
