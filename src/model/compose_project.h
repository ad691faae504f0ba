// A Compose project as `docker compose` builds it from its files, in compose-go's order: each file's YAML
// documents read (parsers/yaml), its string values interpolated from the project's .env
// (model/compose_interpolation), then merged over the files before it with compose-go's merge rules
// (override/merge.go: mappings key by key, sequences appended, `command`, `entrypoint` and `healthcheck.test`
// replaced, `environment`, `labels` and the like merged as KEY=VALUE lists, `build` and `depends_on` short
// forms widened first), `!reset` and `!override` honoured. Every value keeps the node where it was written,
// so a finding points into the file that decided it, through anchors and overrides.
//
// Keys the specification does not allow are refused (model/compose_schema.h). Not yet read: `extends`,
// `include`, the schema's value types, and compose-go's de-duplication of ports and volumes after the merge
// (it removes exact repeats only).
#ifndef DOCKLINT_MODEL_COMPOSE_PROJECT_H_
#define DOCKLINT_MODEL_COMPOSE_PROJECT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/yaml.h"

namespace docklint::model {

struct ComposeEntry;

// A value of the merged project.
struct ComposeNode {
  enum class Kind { kNull, kScalar, kMapping, kSequence };
  Kind kind = Kind::kNull;
  std::string value;      // a scalar's text, after interpolation
  bool is_string = true;  // the scalar is a YAML string (quoted, or plain text that is no number or bool)
  const parsers::YamlNode* at = nullptr;  // where it was written; null for values the merge made
  std::string origin_note;                // for an interpolated value: which variables gave it
  std::vector<ComposeNode> items;
  std::vector<ComposeEntry> entries;

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMapping() const { return kind == Kind::kMapping; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  const ComposeNode* Find(std::string_view key) const;
  // The place to report about this value: where it was written, else `fallback`.
  base::SourceSpan Span(const base::SourceSpan& fallback) const;
};

struct ComposeEntry {
  std::string key;
  const parsers::YamlNode* key_at = nullptr;
  ComposeNode value;
};

struct ComposeService {
  std::string name;
  const parsers::YamlNode* name_at = nullptr;  // the service's key in the file that first defined it
  const ComposeNode* definition = nullptr;     // a mapping
  std::vector<std::string> profiles;           // empty: always started
};

// One input of the project.
struct ComposeFile {
  const base::SourceFile* source = nullptr;
};

struct ComposeProjectInputs {
  std::vector<ComposeFile> files;            // in the order compose reads them (the main file, overrides)
  const base::SourceFile* dotenv = nullptr;  // the project's .env, when it has one
};

struct ComposeProject {
  std::vector<parsers::YamlFile> yaml;   // owns the nodes that `at` points to
  ComposeNode root;                      // the merged top level
  std::vector<ComposeService> services;  // in the order of the merged `services` mapping
  // Where the project starts, for findings about it as a whole: the first file's start.
  base::SourceSpan anchor;
  // Diagnostics: kInvalidComposeYaml, kComposeFileRefused (interpolation, merge, structure),
  // kInvalidDotenv; any of them means docker compose does not run the project.
  base::Diagnostics diagnostics;
  bool refused = false;
};

// A variable of a project's .env, with where its value was written.
struct ComposeVariable {
  std::string value;
  base::SourceSpan span;
};
using ComposeVariables = std::map<std::string, ComposeVariable, std::less<>>;

// The variables of a project's .env, each expanded with those before it, as compose-go reads them. Lines
// compose refuses are kInvalidDotenv diagnostics; bare names (taken from the shell) are left out.
ComposeVariables ReadComposeDotenv(const base::SourceFile& dotenv, base::Diagnostics* diagnostics);

// The files COMPOSE_FILE names, separated by COMPOSE_PATH_SEPARATOR (':' by default), as written (relative
// to the project folder); empty when it is not set.
std::vector<std::string> ComposeFileVariable(const ComposeVariables& variables);

// Builds the project from its inputs; the result refers to their SourceFiles.
ComposeProject LoadComposeProject(const ComposeProjectInputs& inputs);

// compose-go's boolean reading of a value: true/false, and y/yes/on, n/no/off (any case); nullopt otherwise.
std::optional<bool> ComposeBool(const ComposeNode& node);

// The compose file names docker compose looks for in a project folder, in order of preference, and the
// override files it loads after the first found.
const std::vector<std::string_view>& DefaultComposeFileNames();
const std::vector<std::string_view>& ComposeOverrideFileNames();

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_COMPOSE_PROJECT_H_
