// Lints Dockerfiles: parse each, run the selected image rules on its model, drop what its inline
// suppressions silence.
#ifndef DOCKLINT_APP_DOCKERFILE_LINT_H_
#define DOCKLINT_APP_DOCKERFILE_LINT_H_

#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/source_file.h"
#include "model/dockerfile_model.h"
#include "model/dockerignore.h"
#include "model/run_word_filter.h"
#include "parsers/dockerfile.h"
#include "rules/dockerfile_check.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint::app {

// What linting needs from the run, prepared once for every file: which RUNs the selected checks can act on.
class DockerfileLinter {
 public:
  // `filter_runs` false parses every RUN as shell, selected checks or not (to test that the filter loses
  // nothing).
  DockerfileLinter(const rules::Ruleset& ruleset, const std::vector<const rules::Rule*>& selected,
                   std::vector<std::string> trusted_registries = {}, bool filter_runs = true,
                   rules::LabelSchema label_schema = {});
  // Whether the peers' pragmas (`# hadolint ignore=`, `# check=skip=`, `# trivy:ignore:`) are read; on by
  // default.
  void set_peer_pragmas(bool read) { peer_pragmas_ = read; }
  // Safe to call from several threads at once. `dockerignore`: the build context's, when known. Notes
  // (shellcheck failed on this file) go to `messages`. A dev container's Dockerfile (IsDevContainerPath of
  // the file's path) skips the rules that judge a shipped image.
  // False, linting nothing, when the file is a template (IsTemplate) that a generator turns into
  // Dockerfiles: the run counts them in a note.
  bool Lint(const base::SourceFile& file, std::vector<base::Finding>* findings,
            const model::DockerIgnore* dockerignore = nullptr, std::string* messages = nullptr) const;
  // Runs shellcheck for the shellcheck rule (DKL3260) when it is selected. Off until called: a process per
  // file is for a docklint run, not for callers that lint in-process (the fuzz targets select every rule).
  void EnableShellcheck();
  // True once a file's RUNs could not be checked because no shellcheck program could be started (Run says
  // so once, not per file).
  bool shellcheck_missing() const { return shellcheck_missing_; }

 private:
  void DropShippedImageFindingsInDevelopmentStages(const model::DockerfileModel& model, size_t first,
                                                   std::vector<base::Finding>* findings) const;

  const rules::Ruleset& ruleset_;
  const std::vector<const rules::Rule*>& selected_;
  rules::DockerfileRules rules_;                // selected_'s Dockerfile rules with their checks
  rules::DockerfileRules dev_container_rules_;  // the same without the shipped_image_only rules
  std::set<std::string, std::less<>> shipped_image_only_ids_;  // the selected shipped_image_only rules
  std::vector<std::string> trusted_registries_;
  rules::LabelSchema label_schema_;
  std::optional<model::RunWordFilter> run_filter_;  // none: some selected check may act on any RUN
  bool peer_pragmas_ = true;
  const rules::Rule* shellcheck_rule_ = nullptr;  // the selected rule of the shellcheck check, if any
  mutable std::atomic<bool> shellcheck_missing_ = false;
};

// The .dockerignore BuildKit would use for the Dockerfile at `disk_path` when its folder is the build
// context: `<Dockerfile>.dockerignore` beside it, else the folder's `.dockerignore`; none when neither is a
// readable file.
std::optional<model::DockerIgnore> ReadDockerIgnoreFor(const std::string& disk_path);

// Whether `path` (relative to the folder a walk started from) lies in a folder whose Dockerfiles are not
// built into images anyone ships: test inputs (test, tests, testdata, fixtures, integration, e2e, ...) and
// retired images (archive, deprecated, obsolete, unsupported, ...), by whole folder names in any case. A
// walk does not lint the Dockerfiles there (a parser fixture is broken on purpose, a retired image is not
// maintained) unless --lint-test-files; a file named on the command line is linted wherever it is, as ruff
// lints an excluded file it is given.
bool IsUnbuiltFolderPath(std::string_view path);

// Whether a file named like a Dockerfile is a template a generator fills in (Jinja, Go templates, Cottle,
// ERB, Template Toolkit): an instruction starts with a template tag ({{, {%, {#, <%, [%), which BuildKit
// would refuse, so every line of it would be an error of no use to anyone.
bool IsTemplate(const parsers::Dockerfile& dockerfile);

// Whether `path` lies in a `.devcontainer` folder: the Dockerfile builds a development workstation, so the
// rules that judge a shipped image (its size, its runtime user: Rule::shipped_image_only) do not apply.
bool IsDevContainerPath(std::string_view path);

// One file, for callers that lint one.
void LintDockerfile(const base::SourceFile& file, const rules::Ruleset& ruleset,
                    const std::vector<const rules::Rule*>& selected, std::vector<base::Finding>* findings,
                    const std::vector<std::string>& trusted_registries = {});

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DOCKERFILE_LINT_H_
