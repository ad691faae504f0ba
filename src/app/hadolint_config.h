// hadolint's configuration file (`.hadolint.yaml`, `.hadolint.yml`), read as a docklint configuration when
// no `.docklint.toml` is found first, so that a repository that lints with hadolint keeps its choices:
//   ignored: [DL3008, SC2086]          -> the findings that cite those ids are dropped
//   override: {error: [DL3001], ...}   -> those findings take that severity (error, warning, info, style)
//   trustedRegistries: [docker.io]     -> trusted-registries
//   failure-threshold: warning         -> failure-threshold ("none" and "ignore": never fail)
//   no-fail: true                      -> failure-threshold "none"
//   label-schema: {...}, strict-labels -> the label rules' schema
// hadolint's ids are matched through the references of our rules (`hadolint:DL3008`, `shellcheck:SC2086`).
// Keys about hadolint's own output (format, no-color, verbose) mean nothing here and are skipped.
#ifndef DOCKLINT_APP_HADOLINT_CONFIG_H_
#define DOCKLINT_APP_HADOLINT_CONFIG_H_

#include <string>
#include <string_view>

#include "app/config.h"

namespace docklint::app {

// Whether `path` names a hadolint configuration file (by its name).
bool IsHadolintConfigPath(std::string_view path);

// Reads hadolint's configuration `text` (from `path`) into `config`; false with "path:line:col: message"
// for what hadolint itself refuses (invalid YAML, a key of the wrong type, an unknown severity).
bool LoadHadolintConfigText(const std::string& path, std::string_view text, ConfigFile* config,
                            std::string* error);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_HADOLINT_CONFIG_H_
