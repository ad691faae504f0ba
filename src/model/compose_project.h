// A Compose project as `docker compose` builds it from its files, in compose-go's order: each file's YAML
// documents read (parsers/yaml), its string values interpolated from the project's .env
// (model/compose_interpolation), then merged over the files before it with compose-go's merge rules
// (override/merge.go: mappings key by key, sequences appended, `command`, `entrypoint` and `healthcheck.test`
// replaced, `environment`, `labels` and the like merged as KEY=VALUE lists, `build` and `depends_on` short
// forms widened first), `!reset` and `!override` honoured. Every value keeps the node where it was written,
// so a finding points into the file that decided it, through anchors and overrides.
//
// Each file's `include` is read first (the included projects' resources join the file's, its own definitions
// merged over theirs), then its services' `extends` (the base service, from the same file or another, with
// the extending one merged over it), then the file is merged over the ones before it. Missing files, cycles
// and unknown base services stop the load, as they stop compose.
//
// Keys the specification does not allow, values of the wrong type and a required `env_file` that is missing
// are refused (model/compose_schema.h) and the model is still built, so its rules still run. After the merge,
// lists are de-duplicated by key as compose-go's EnforceUnicity does (volumes by target, environment by
// name). Not done: the second de-duplication compose-go runs after it rewrites short syntax into long, where
// `8080:80` and `{target: 80, published: 8080}` would meet.
#ifndef DOCKLINT_MODEL_COMPOSE_PROJECT_H_
#define DOCKLINT_MODEL_COMPOSE_PROJECT_H_

#include <deque>
#include <functional>
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
  // A scalar's type, as go-yaml v3 resolves it and compose-go's casts of known keys then make it.
  enum class Type { kString, kInteger, kFloat, kBoolean };
  std::string value;  // a scalar's text, after interpolation
  Type type = Type::kString;
  bool is_string = true;                  // type == kString
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

// What a service's locally built image says of itself: its Dockerfile (`build:` context and dockerfile,
// or dockerfile_inline), read at the stage `build.target` names (the last by default) and the stages it is
// built FROM. An image from elsewhere (`image:` alone, a remote context) has none: what it holds is unknown.
struct ComposeBuild {
  const ComposeNode* at = nullptr;  // the service's `build` value
  std::string dockerfile;           // the path read ("" for dockerfile_inline)
  bool read = false;                // false: the Dockerfile could not be read (missing, unreadable)
  std::string error;                // why not
  // The last USER of the stage chain, as written ("" when none sets one: the base image's user applies);
  // `user_from_image` when the chain starts at an image (not scratch), which may set its own.
  std::string user;
  const base::SourceFile* file = nullptr;  // the Dockerfile, when read
  base::SourceSpan user_at;                // where that USER is
  bool user_from_image = false;
  // A HEALTHCHECK in the chain: `healthcheck` for a test, `healthcheck_none` for HEALTHCHECK NONE (the
  // nearest one decides).
  bool healthcheck = false;
  bool healthcheck_none = false;
};

struct ComposeService {
  std::string name;
  const parsers::YamlNode* name_at = nullptr;  // the service's key in the file that first defined it
  const ComposeNode* definition = nullptr;     // a mapping
  std::vector<std::string> profiles;           // empty: always started
  std::optional<ComposeBuild> build;           // a locally built image
};

// One input of the project.
struct ComposeFile {
  const base::SourceFile* source = nullptr;
  // Where the file is read from, that the paths it names are joined to before read_file reads them; "" for
  // the source's own path (a host tree's files are read by their path in the tree, named by the host's).
  std::string path;

  const std::string& Path() const { return path.empty() ? source->path() : path; }
};

// What reading a file that `extends`, `include` or `env_file` names gave.
struct ComposeRead {
  const base::SourceFile* file = nullptr;  // null when it could not be read
  bool missing = false;                    // it does not exist
  std::string error;                       // why it could not be read
};

struct ComposeProjectInputs {
  std::vector<ComposeFile> files;            // in the order compose reads them (the main file, overrides)
  const base::SourceFile* dotenv = nullptr;  // the project's .env, when it has one
  // Reads a file by a path the model makes: as written when absolute, else joined to the folder it is
  // relative to (that of the naming file's project, or of an extended file). The SourceFile must live as long
  // as the project. Unset: every such file is missing.
  std::function<ComposeRead(const std::string& path)> read_file;
};

// A file the project read, with its YAML (which the values of the project point into).
struct ComposeSource {
  const base::SourceFile* file = nullptr;
  parsers::YamlFile yaml;
};

struct ComposeProject {
  std::deque<base::SourceFile> inline_dockerfiles;  // dockerfile_inline texts, that builds point into
  // Every compose file read: the inputs, then those `include` and `extends` name, in reading order. A deque,
  // so that the nodes `at` points to never move.
  std::deque<ComposeSource> files;
  ComposeNode root;                      // the merged top level
  std::vector<ComposeService> services;  // in the order of the merged `services` mapping
  // Where the project starts, for findings about it as a whole: the first file's start.
  base::SourceSpan anchor;
  // Diagnostics: kInvalidComposeYaml, kComposeFileRefused (interpolation, merge, structure, types),
  // kInvalidDotenv mean docker compose does not run the project; kComposeWarning is what it warns about.
  base::Diagnostics diagnostics;
  bool refused = false;   // docker compose does not run the project
  bool complete = false;  // the model was built to the end (refused or not): its rules can run
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
