// The project configuration file, `.docklint.toml`: found by walking up from the working directory (or
// named with --config). Command-line options win over it. A folder without one but with hadolint's
// `.hadolint.yaml` (or `.yml`) gives that instead (app/hadolint_config.h).
//
//   benchmark = "cis-docker-1.6.0"
//   select = ['DKL1', 'DKL3']            # ids, names or id prefixes, as --select
//   ignore = ['DKL3002']
//   failure-threshold = "warning"
//   rulesets = ["policy/site.toml"]      # relative to this file
//   trusted-registries = ["registry.example.com", "docker.io/library"]   # where FROM images may come from
//   [dockerfile]                          # hadolint's label schema (DL3049-DL3058)
//   label-schema = { "org.opencontainers.image.created" = "rfc3339", author = "text" }
//   strict-labels = true                  # labels not in the schema are superfluous
//   shellcheck = true                     # ShellCheck on RUN instructions (DKL3260), as --shellcheck
//   [severity]                            # per rule, by id or name
//   DKL3019 = "style"
//   [per-file-ignores]                    # glob (`*` also crosses `/`) -> rules
//   "legacy/*/Dockerfile" = ['DKL3001']
//   [host]                                # where this repository keeps host files
//   root = "rootfs"                       # a folder that mirrors the host's /
//   [host.paths]                          # single files: host path = repository path
//   "/etc/docker/daemon.json" = "roles/docker/files/daemon.json"
#ifndef DOCKLINT_APP_CONFIG_H_
#define DOCKLINT_APP_CONFIG_H_

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/finding.h"
#include "rules/dockerfile_check.h"
#include "rules/ruleset.h"

namespace docklint::app {

struct ConfigFile {
  std::string path;
  std::optional<std::string> benchmark;
  std::optional<std::string> failure_threshold;
  std::optional<std::vector<std::string>> select;
  std::optional<std::vector<std::string>> ignore;
  std::vector<std::string> rulesets;  // resolved against the config file's folder
  std::map<std::string, std::string> severity;
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
  std::vector<std::string> trusted_registries;
  // Peer ids whose findings are dropped ("hadolint:DL3008", "shellcheck:SC2086"): from `ignore` entries
  // with a ':', and hadolint's `ignored`. `severity` keys may be such ids too.
  std::vector<std::string> ignored_references;
  bool disable_peer_pragmas = false;              // hadolint's disable-ignore-pragma
  bool from_hadolint = false;                     // read from hadolint's configuration file
  rules::LabelSchema label_schema;                // [dockerfile] label-schema, strict-labels
  bool shellcheck = false;                        // [dockerfile] shellcheck
  bool lint_test_files = false;                   // [dockerfile] lint-test-files
  std::string host_root;                          // absolute, normalized; "" when not set
  std::map<std::string, std::string> host_files;  // absolute repository path -> host path
};

// The nearest .docklint.toml in `start_dir` or a folder above it (or, in a folder without one, hadolint's
// .hadolint.yaml / .hadolint.yml), or "".
std::string FindConfigFile(const std::string& start_dir);

// False with "path:line:col: message" when the file cannot be read or says something docklint does not
// know (an unknown key is an error, as a misspelt setting would otherwise be silently ignored).
bool LoadConfigFile(const std::string& path, ConfigFile* config, std::string* error);
// The same for text already read; `path` names it in errors and anchors relative paths.
bool LoadConfigText(const std::string& path, std::string_view text, ConfigFile* config, std::string* error);

// Whether `path` matches `glob` (`*` and `?` match any characters, `/` included; `[...]` classes).
bool GlobMatches(const std::string& glob, const std::string& path);

// What the configuration does to a run's findings, by rule id or name.
struct ConfigEffects {
  std::string config_path;                                // names the file in errors
  std::map<std::string, std::string> severity_overrides;  // rule -> severity name
  std::vector<std::string> ignored_references;            // findings citing one of these peer ids are dropped
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;  // glob -> rules
};

// The severity overrides and per-file ignores, resolved once and applied to each job's findings. A name with
// a ':' is a peer id (`hadolint:DL3008`): it applies to the findings that cite it, and may match none.
class ConfigFilter {
 public:
  // False (with a message on `err`) when the configuration names a rule that does not exist.
  bool Resolve(const ConfigEffects& effects, const rules::Ruleset& ruleset, std::ostream& err);
  // Drops the ignored findings and sets the overridden severities, in place.
  void Apply(std::vector<base::Finding>* findings) const;

 private:
  std::map<std::string, base::Severity> severity_;            // by rule id
  std::map<std::string, base::Severity> reference_severity_;  // by peer id
  std::vector<std::string> ignored_references_;
  std::vector<std::pair<std::string, std::vector<std::string>>> ignores_;  // glob -> rule ids
};

}  // namespace docklint::app

#endif  // DOCKLINT_APP_CONFIG_H_
