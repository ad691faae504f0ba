#include "app/dockerfile_lint.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string_view>

#include "app/shellcheck_runner.h"
#include "base/strings.h"
#include "model/dockerfile_model.h"
#include "parsers/dockerfile.h"
#include "rules/check_registry.h"
#include "rules/engine.h"
#include "rules/suppressions.h"

namespace docklint::app {

namespace {

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

// Whether a folder element of `path` (not the file name) is one of `folders`, compared without case.
bool InFolderNamed(std::string_view path, std::initializer_list<std::string_view> folders) {
  size_t slash = path.rfind('/');  // the file name itself is not a folder
  for (size_t start = 0; slash != std::string_view::npos && start < slash;) {
    size_t end = std::min(path.find('/', start), slash);
    std::string lowered = base::Lower(path.substr(start, end - start));
    for (std::string_view folder : folders) {
      if (lowered == folder) return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

bool IsUnbuiltFolderPath(std::string_view path) {
  return InFolderNamed(path, {"test", "tests", "testdata", "testfiles", "fixtures", "__tests__",
                              "__fixtures__", "test-fixtures", "integration", "e2e", "archive", "archived",
                              "deprecated", "obsolete", "unmaintained", "unsupported", "unsupported_images"});
}

bool IsDevContainerPath(std::string_view path) { return InFolderNamed(path, {".devcontainer"}); }

void DockerfileLinter::EnableShellcheck() {
  for (const rules::Rule* rule : selected_) {
    if (rule->target == rules::RuleTarget::kDockerfile && rule->check == "shellcheck")
      shellcheck_rule_ = rule;
  }
}

void DockerfileLinter::Lint(const base::SourceFile& file, std::vector<base::Finding>* findings,
                            const model::DockerIgnore* dockerignore, std::string* messages) const {
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  base::Diagnostics diagnostics = std::move(dockerfile.diagnostics);
  rules::Suppressions suppressions(dockerfile, ruleset_, &diagnostics, peer_pragmas_);
  std::vector<base::Finding> produced;
  rules::AddSelectedFindings(ruleset_, selected_, diagnostics, &produced);
  model::DockerfileModel model(dockerfile, run_filter_ ? &*run_filter_ : nullptr);
  (IsDevContainerPath(file.path()) ? dev_container_rules_ : rules_)
      .Evaluate(rules::DockerfileContext{model, trusted_registries_, &label_schema_, dockerignore},
                &produced);
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
}

std::optional<model::DockerIgnore> ReadDockerIgnoreFor(const std::string& disk_path) {
  std::filesystem::path dockerfile(disk_path);
  for (const std::filesystem::path& candidate :
       {std::filesystem::path(disk_path + ".dockerignore"), dockerfile.parent_path() / ".dockerignore"}) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(candidate, error)) continue;
    std::ifstream in(candidate, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    return model::DockerIgnore::Parse(text.str());
  }
  return std::nullopt;
}

void LintDockerfile(const base::SourceFile& file, const rules::Ruleset& ruleset,
                    const std::vector<const rules::Rule*>& selected, std::vector<base::Finding>* findings,
                    const std::vector<std::string>& trusted_registries) {
  DockerfileLinter(ruleset, selected, trusted_registries).Lint(file, findings);
}

}  // namespace docklint::app
