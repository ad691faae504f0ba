#include "model/compose_project.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <utility>

#include "base/strings.h"
#include "model/compose_interpolation.h"
#include "model/compose_schema.h"
#include "model/dockerfile_model.h"
#include "parsers/dockerfile.h"
#include "parsers/dotenv.h"

namespace docklint::model {
namespace {

using base::DiagnosticCode;
using parsers::YamlNode;
using Path = std::vector<std::string>;

// Values made while reading one file, through aliases included: past this a file is refused, as its
// expansion would not end in reasonable time (compose-go bounds its own walk too).
constexpr size_t kMaxNodes = 1'000'000;

// Includes within includes, and services each extending the next: past this the project is refused, so that
// a folder linked into itself (`include: [loop/compose.yaml]`) cannot exhaust the stack. Real projects nest a
// few levels.
constexpr size_t kMaxNesting = 100;

bool Matches(const Path& path, std::initializer_list<std::string_view> pattern) {
  if (path.size() != pattern.size()) return false;
  size_t i = 0;
  for (std::string_view part : pattern) {
    if (part != "*" && part != path[i]) return false;
    ++i;
  }
  return true;
}

std::string PathText(const Path& path) {
  std::string out;
  for (const std::string& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

// A variable's value, or nullopt when it is not set.
std::optional<std::string> ValueOf(const ComposeVariables& variables, std::string_view name) {
  auto it = variables.find(name);
  if (it == variables.end()) return std::nullopt;
  return it->second.value;
}

// The folder a file's relative paths start from, when the file is its project's first.
std::string FolderOf(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// `path` as written when absolute, else joined to `folder`; lexically normalized ("./a/../b" is "b").
std::string JoinPath(const std::string& folder, const std::string& path) {
  std::filesystem::path joined = std::filesystem::path(path).is_absolute()
                                     ? std::filesystem::path(path)
                                     : std::filesystem::path(folder) / path;
  std::string out = joined.lexically_normal().string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? "." : out;
}

// One compose project being read: the main one, or one that `include` names.
struct ProjectContext {
  const ComposeVariables* variables = nullptr;
  std::string folder;                  // where its relative paths start
  std::vector<std::string> including;  // the files whose `include` led here, for cycles
};

// compose-go's casts (loader/interpolate.go): a string at one of these paths is read as that type, and a
// string that is not one makes compose refuse the project.
enum class Cast { kNone, kBool, kInt, kFloat };
Cast CastAt(const Path& p) {
  for (std::string_view key : {"init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty"}) {
    if (Matches(p, {"services", "*", key})) return Cast::kBool;
  }
  if (Matches(p, {"services", "*", "depends_on", "*", "required"}) ||
      Matches(p, {"services", "*", "depends_on", "*", "restart"}) ||
      Matches(p, {"services", "*", "healthcheck", "disable"}) ||
      Matches(p, {"services", "*", "volumes", "*", "read_only"}) ||
      Matches(p, {"services", "*", "volumes", "*", "volume", "nocopy"}))
    return Cast::kBool;
  for (std::string_view top : {"networks", "volumes", "secrets", "configs"}) {
    if (Matches(p, {top, "*", "external"})) return Cast::kBool;
  }
  for (std::string_view key : {"internal", "attachable", "enable_ipv4", "enable_ipv6"}) {
    if (Matches(p, {"networks", "*", key})) return Cast::kBool;
  }
  for (std::string_view key : {"cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
                               "cpu_shares", "oom_score_adj", "pids_limit", "scale"}) {
    if (Matches(p, {"services", "*", key})) return Cast::kInt;
  }
  if (Matches(p, {"services", "*", "deploy", "replicas"}) ||
      Matches(p, {"services", "*", "deploy", "update_config", "parallelism"}) ||
      Matches(p, {"services", "*", "deploy", "rollback_config", "parallelism"}) ||
      Matches(p, {"services", "*", "deploy", "restart_policy", "max_attempts"}) ||
      Matches(p, {"services", "*", "deploy", "placement", "max_replicas_per_node"}) ||
      Matches(p, {"services", "*", "healthcheck", "retries"}) ||
      Matches(p, {"services", "*", "ports", "*", "target"}) ||
      Matches(p, {"services", "*", "ulimits", "*"}) ||
      Matches(p, {"services", "*", "ulimits", "*", "hard"}) ||
      Matches(p, {"services", "*", "ulimits", "*", "soft"}))
    return Cast::kInt;
  if (Matches(p, {"services", "*", "cpu_percent"}) || Matches(p, {"services", "*", "cpus"}) ||
      Matches(p, {"services", "*", "deploy", "update_config", "max_failure_ratio"}) ||
      Matches(p, {"services", "*", "deploy", "rollback_config", "max_failure_ratio"}))
    return Cast::kFloat;
  return Cast::kNone;
}

// Go's strconv.ParseInt(value, 10, 64): an optional sign and decimal digits.
bool IsGoInt(std::string_view value) {
  if (!value.empty() && (value[0] == '+' || value[0] == '-')) value.remove_prefix(1);
  if (value.empty() || value.size() > 19) return false;
  return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Go's strconv.ParseFloat for the forms people write: decimal with an optional fraction and exponent, and
// inf/infinity/nan in any case.
bool IsGoFloat(std::string_view value) {
  std::string lower = base::Lower(value);
  std::string_view v = lower;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) v.remove_prefix(1);
  if (v == "inf" || v == "infinity" || v == "nan") return true;
  size_t i = 0, digits = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, ++digits;
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < v.size() && v[i] == 'e') {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    size_t exponent = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == exponent) return false;
  }
  return i == v.size();
}

class Loader {
 public:
  Loader(const ComposeProjectInputs& inputs, ComposeProject* project) : inputs_(inputs), project_(project) {}

  void Run() {
    ComposeVariables variables;
    if (inputs_.dotenv != nullptr) {
      size_t before = project_->diagnostics.size();
      variables = ReadComposeDotenv(*inputs_.dotenv, &project_->diagnostics);
      if (project_->diagnostics.size() > before) project_->refused = true;
    }
    if (inputs_.files.empty()) return;
    const base::SourceFile& first = *inputs_.files.front().source;
    project_->anchor = base::SourceSpan{&first, 0, first.content().empty() ? 0u : 1u};
    folder_ = FolderOf(inputs_.files.front().Path());
    ProjectContext context{&variables, folder_, {}};
    project_->root = LoadModel(inputs_.files, context);
    if (stopped_) {
      project_->refused = true;
      return;
    }
    // compose-go refuses a project whose files hold nothing (an empty file, or only `version`).
    if (std::none_of(project_->root.entries.begin(), project_->root.entries.end(),
                     [](const ComposeEntry& e) { return e.key != "version"; }))
      Refuse(project_->anchor, "empty compose file");
    EnforceUnicity();
    CheckModel();
    CollectServices();
    project_->complete = !stopped_;
  }

 private:
  // What stops the load: the model cannot be built further, so no rule runs.
  void Stop(const base::SourceSpan& span, std::string message,
            DiagnosticCode code = DiagnosticCode::kComposeFileRefused) {
    if (stopped_) return;
    stopped_ = true;
    project_->refused = true;
    project_->diagnostics.push_back({code, std::move(message), span});
  }

  // What compose refuses in a model that is otherwise whole: reported, and the rules still run.
  void Refuse(const base::SourceSpan& span, std::string message) {
    project_->refused = true;
    project_->diagnostics.push_back({DiagnosticCode::kComposeFileRefused, std::move(message), span});
  }

  void Warn(const base::SourceSpan& span, DiagnosticCode code, std::string message) {
    project_->diagnostics.push_back({code, std::move(message), span});
  }

  // Reads a compose file's YAML into the project; null when it stopped the load (kInvalidComposeYaml).
  const parsers::YamlFile* ReadYaml(const base::SourceFile& file) {
    size_t before = project_->diagnostics.size();
    project_->files.push_back(
        {&file, parsers::ParseYaml(file, DiagnosticCode::kInvalidComposeYaml, &project_->diagnostics)});
    if (project_->diagnostics.size() > before) {
      stopped_ = true;  // docker compose stops at a file it cannot read
      project_->refused = true;
    }
    return &project_->files.back().yaml;
  }

  // The model of one project's files (the inputs, or an included project's): each document read, its
  // includes and extends applied, and merged over the ones before it.
  ComposeNode LoadModel(const std::vector<ComposeFile>& files, const ProjectContext& context) {
    ComposeNode root;
    root.kind = ComposeNode::Kind::kMapping;
    for (const ComposeFile& file : files) {
      const parsers::YamlFile* yaml = ReadYaml(*file.source);
      for (const parsers::YamlDocument& document : yaml->documents) {
        if (document.root == nullptr) continue;
        ComposeNode converted = ConvertDocument(*document.root, *context.variables);
        if (stopped_) return root;
        std::vector<Path> resets = std::move(resets_);
        ApplyInclude(&converted, file.Path(), context);
        if (stopped_) return root;
        ApplyExtends(&converted, file.Path(), context.folder, context.variables, resets);
        if (stopped_) return root;
        for (const Path& reset : resets) Remove(&root, reset, 0);
        Merge(&root, std::move(converted), {});
        if (stopped_) return root;
      }
      if (stopped_) return root;
    }
    return root;
  }

  ComposeNode ConvertDocument(const YamlNode& root, const ComposeVariables& variables) {
    if (!root.IsMapping()) {
      Stop(root.span, "the top level of a compose file must be a mapping");
      return {};
    }
    resets_.clear();
    nodes_ = 0;
    variables_ = &variables;
    return Convert(root, {});
  }

  ComposeNode Convert(const YamlNode& node, const Path& path) {
    ComposeNode out;
    out.at = &node;
    if (stopped_) return out;
    if (++nodes_ > kMaxNodes) {
      Stop(node.span, "the compose file expands to more than a million values through its aliases");
      return out;
    }
    if (node.tag == "!reset" || node.tag == "!override") resets_.push_back(path);
    if (node.IsMapping()) {
      out.kind = ComposeNode::Kind::kMapping;
      for (const parsers::YamlPair& pair : node.pairs) {
        Path next = path;
        next.push_back(pair.key->value);
        if (pair.value->tag == "!reset") {
          resets_.push_back(next);
          continue;  // a reset value is not part of this file's model
        }
        out.entries.push_back({pair.key->value, pair.key, Convert(*pair.value, next)});
      }
      return out;
    }
    if (node.IsSequence()) {
      out.kind = ComposeNode::Kind::kSequence;
      for (size_t i = 0; i < node.items.size(); ++i) {
        Path next = path;
        next.push_back(std::to_string(i));
        if (node.items[i]->tag == "!reset") continue;
        out.items.push_back(Convert(*node.items[i], next));
      }
      return out;
    }
    std::string_view tag = parsers::ResolvedTag(node);
    if (tag == "!!null") return out;
    out.kind = ComposeNode::Kind::kScalar;
    out.value = node.value;
    out.type = tag == "!!int"     ? ComposeNode::Type::kInteger
               : tag == "!!float" ? ComposeNode::Type::kFloat
               : tag == "!!bool"  ? ComposeNode::Type::kBoolean
                                  : ComposeNode::Type::kString;
    if (out.type == ComposeNode::Type::kString) {
      bool known = node.value.find('$') == std::string::npos || InterpolateScalar(node, path, &out);
      CastScalar(path, known, &out);
    }
    out.is_string = out.type == ComposeNode::Type::kString;
    return out;
  }

  // Returns whether the value is known: false when a variable it uses is unset here (the shell that runs
  // compose may set it).
  bool InterpolateScalar(const YamlNode& node, const Path& path, ComposeNode* out) {
    InterpolatedValue result =
        model::Interpolate(node.value, [&](std::string_view name) { return ValueOf(*variables_, name); });
    if (!result.error.empty()) {
      Stop(node.span, PathText(path) + ": " + result.error);
      return false;
    }
    bool known = true;
    out->value = std::move(result.value);
    for (const InterpolatedValue::Use& use : result.variables) {
      std::string note = use.name;
      auto it = variables_->find(use.name);
      if (it != variables_->end()) {
        base::Range r = it->second.span.range();
        note += " from " + it->second.span.file->path() + ":" + std::to_string(r.begin.line);
      } else {
        note += " unset";
        known = false;
      }
      out->origin_note += (out->origin_note.empty() ? "" : ", ") + note;
    }
    return known;
  }

  // A string where compose-go expects a boolean or a number is cast, after interpolation. A value that
  // is not `known` stays a string when it does not cast: its variable's value will decide.
  void CastScalar(const Path& path, bool known, ComposeNode* out) {
    base::SourceSpan span = out->Span(project_->anchor);
    switch (CastAt(path)) {
      case Cast::kNone:
        return;
      case Cast::kBool: {
        std::string lower = base::Lower(out->value);
        if (lower == "true" || lower == "false") {
          out->type = ComposeNode::Type::kBoolean;
        } else if (std::optional<bool> value = ComposeBool(*out)) {
          Warn(span, DiagnosticCode::kComposeYaml11Boolean,
               PathText(path) + ": \"" + out->value + "\" is read as " + (*value ? "true" : "false") +
                   ", with a warning: YAML 1.2 has no such boolean");
          out->type = ComposeNode::Type::kBoolean;
        } else if (known) {
          Refuse(span, PathText(path) + ": invalid boolean: " + out->value);
        }
        return;
      }
      case Cast::kInt:
        if (IsGoInt(out->value)) {
          out->type = ComposeNode::Type::kInteger;
        } else if (known) {
          Refuse(span, PathText(path) + ": failed to cast to expected type: invalid integer: " + out->value);
        }
        return;
      case Cast::kFloat:
        if (IsGoFloat(out->value)) {
          out->type = ComposeNode::Type::kFloat;
        } else if (known) {
          Refuse(span, PathText(path) + ": failed to cast to expected type: invalid number: " + out->value);
        }
        return;
    }
  }

  // Top-level `include` (compose-go loader/include.go): each entry's project is loaded with its own .env
  // and folder, and its services, networks, volumes, secrets, configs and models join this file's, this
  // file's own definitions merged over theirs.
  void ApplyInclude(ComposeNode* model, const std::string& file, const ProjectContext& context) {
    auto it = std::find_if(model->entries.begin(), model->entries.end(),
                           [](const ComposeEntry& e) { return e.key == "include"; });
    if (it == model->entries.end()) return;
    ComposeNode include = std::move(it->value);
    model->entries.erase(it);
    if (include.IsNull()) return;
    if (!include.IsSequence()) return Stop(include.Span(project_->anchor), "`include` must be a list");
    std::vector<std::string> including = context.including;
    including.push_back(JoinPath(".", file));
    if (including.size() > kMaxNesting)
      return Stop(include.Span(project_->anchor),
                  "include: more than " + std::to_string(kMaxNesting) + " projects include one another");
    for (const ComposeNode& entry : include.items) {
      IncludeProject(entry, model, context, including);
      if (stopped_) return;
    }
  }

  void IncludeProject(const ComposeNode& entry, ComposeNode* model, const ProjectContext& context,
                      const std::vector<std::string>& including) {
    base::SourceSpan span = entry.Span(project_->anchor);
    std::vector<std::string> paths, env_files;
    std::string project_directory;
    auto strings = [&](const ComposeNode* node, std::vector<std::string>* out) {
      if (node == nullptr || node->IsNull()) return true;
      if (node->IsScalar()) {
        out->push_back(node->value);
        return true;
      }
      if (!node->IsSequence()) return false;
      for (const ComposeNode& item : node->items) {
        if (!item.IsScalar()) return false;
        out->push_back(item.value);
      }
      return true;
    };
    if (entry.IsScalar()) {
      paths.push_back(entry.value);
    } else if (entry.IsMapping()) {
      const ComposeNode* directory = entry.Find("project_directory");
      if (!strings(entry.Find("path"), &paths) || !strings(entry.Find("env_file"), &env_files) ||
          (directory != nullptr && !directory->IsScalar()))
        return Stop(span, "include: `path` and `env_file` must be a path or a list of them");
      if (directory != nullptr) project_directory = directory->value;
    }
    if (paths.empty()) return Stop(span, "include: an entry needs a `path`");
    for (std::string& path : paths) path = JoinPath(context.folder, path);
    std::string folder =
        project_directory.empty() ? FolderOf(paths.front()) : JoinPath(context.folder, project_directory);
    if (std::find(including.begin(), including.end(), paths.front()) != including.end()) {
      std::string chain;
      for (const std::string& path : including) chain += path + " includes ";
      return Stop(span, "include cycle: " + chain + paths.front());
    }
    // The included project's variables: this one's, with its own .env (or its env_file list) over them.
    ComposeVariables variables = *context.variables;
    bool default_env = env_files.empty();
    if (default_env) {
      env_files.push_back(JoinPath(folder, ".env"));
    } else {
      for (std::string& env_file : env_files) {
        if (env_file != "/dev/null") env_file = JoinPath(context.folder, env_file);
      }
    }
    for (const std::string& env_file : env_files) {
      if (env_file == "/dev/null") continue;
      ComposeRead read = Read(env_file);
      if (read.file == nullptr) {
        if (read.missing && default_env) continue;  // the included project has no .env
        return Stop(span, "include: cannot read env_file " + env_file + ": " + read.error);
      }
      size_t before = project_->diagnostics.size();
      for (auto& [name, value] : ReadComposeDotenv(*read.file, &project_->diagnostics))
        variables[name] = std::move(value);
      if (project_->diagnostics.size() > before) project_->refused = true;
    }
    std::vector<ComposeFile> files;
    for (const std::string& path : paths) {
      ComposeRead read = Read(path);
      if (read.file == nullptr) return Stop(span, "include: cannot read " + path + ": " + read.error);
      files.push_back({read.file, path});
    }
    const ComposeVariables* outer = variables_;
    ComposeNode imported = LoadModel(files, {&variables, folder, including});
    variables_ = outer;
    if (stopped_) return;
    for (std::string_view key : {"services", "volumes", "networks", "secrets", "configs", "models"})
      ImportResources(&imported, model, key);
  }

  void ImportResources(ComposeNode* imported, ComposeNode* model, std::string_view key) {
    ComposeNode* from = MutableFind(imported, key);
    if (from == nullptr || !from->IsMapping()) return;
    ComposeNode* to = MutableFind(model, key);
    if (to == nullptr) {
      model->entries.push_back({std::string(key), nullptr, ComposeNode{}});
      to = &model->entries.back().value;
    }
    if (to->IsNull()) to->kind = ComposeNode::Kind::kMapping;
    if (!to->IsMapping()) return;  // the schema check reports it
    for (ComposeEntry& entry : from->entries) {
      ComposeNode* local = MutableFind(to, entry.key);
      if (local == nullptr) {
        to->entries.push_back(std::move(entry));
        continue;
      }
      // Since compose-go 2.10 (docker compose 2.41), the including file's definition is merged over the
      // included one; earlier versions refused a name defined twice.
      ComposeNode merged = std::move(entry.value);
      Merge(&merged, std::move(*local), {std::string(key), entry.key});
      *local = std::move(merged);
      if (stopped_) return;
    }
  }

  static ComposeNode* MutableFind(ComposeNode* node, std::string_view key) {
    for (ComposeEntry& entry : node->entries) {
      if (entry.key == key) return &entry.value;
    }
    return nullptr;
  }

  ComposeRead Read(const std::string& path) {
    if (!inputs_.read_file) return {nullptr, true, "no such file"};
    return inputs_.read_file(path);
  }

  // A compose file that `extends` names: its documents merged, without its includes and extends (those of
  // its services are followed when a service extends them).
  struct ExtendedFile {
    ComposeNode root;
    std::string folder;
  };

  ExtendedFile* LoadExtendedFile(const std::string& path, const ComposeVariables* variables,
                                 const base::SourceSpan& span) {
    auto cached = extended_files_.find(path);
    if (cached != extended_files_.end()) return &cached->second;
    ComposeRead read = Read(path);
    if (read.file == nullptr) {
      Stop(span, "extends: cannot read " + path + ": " + read.error);
      return nullptr;
    }
    ExtendedFile loaded{ComposeNode{}, FolderOf(path)};
    loaded.root.kind = ComposeNode::Kind::kMapping;
    const parsers::YamlFile* yaml = ReadYaml(*read.file);
    for (const parsers::YamlDocument& document : yaml->documents) {
      if (stopped_ || document.root == nullptr) continue;
      ComposeNode converted = ConvertDocument(*document.root, *variables);
      if (stopped_) break;
      for (const Path& reset : resets_) Remove(&loaded.root, reset, 0);
      Merge(&loaded.root, std::move(converted), {});
    }
    if (stopped_) return nullptr;
    return &extended_files_.emplace(path, std::move(loaded)).first->second;
  }

  // `extends` of every service of a document (compose-go loader/extends.go).
  void ApplyExtends(ComposeNode* model, const std::string& file, const std::string& folder,
                    const ComposeVariables* variables, const std::vector<Path>& resets) {
    ComposeNode* services = MutableFind(model, "services");
    if (services == nullptr || !services->IsMapping()) return;
    for (size_t i = 0; i < services->entries.size() && !stopped_; ++i) {
      std::vector<std::string> chain;
      ResolveExtends(services->entries[i].key, services, file, folder, variables, resets, &chain);
    }
  }

  // Makes service `name` of `services` (written in `file`, its paths relative to `folder`) its base merged
  // with itself; returns it, or null when there is no such service.
  const ComposeNode* ResolveExtends(const std::string& name, ComposeNode* services, const std::string& file,
                                    const std::string& folder, const ComposeVariables* variables,
                                    const std::vector<Path>& resets, std::vector<std::string>* chain) {
    ComposeNode* service = MutableFind(services, name);
    if (service == nullptr || !service->IsMapping()) return service;
    CheckEnvFiles(*service, folder);
    auto extends_at = std::find_if(service->entries.begin(), service->entries.end(),
                                   [](const ComposeEntry& e) { return e.key == "extends"; });
    if (extends_at == service->entries.end()) return service;
    const ComposeNode& extends = extends_at->value;
    base::SourceSpan span = extends.Span(project_->anchor);
    std::string ref, base_path;
    if (extends.IsScalar()) {
      ref = extends.value;
    } else if (extends.IsMapping()) {
      const ComposeNode* ref_node = extends.Find("service");
      if (ref_node == nullptr || !ref_node->IsScalar()) {
        Stop(span, "services." + name + ".extends.service is required");
        return nullptr;
      }
      ref = ref_node->value;
      if (const ComposeNode* file_node = extends.Find("file"); file_node && file_node->IsScalar())
        base_path = JoinPath(folder, file_node->value);
    } else {
      Stop(span, "services." + name + ".extends must be a service name or a mapping");
      return nullptr;
    }
    ComposeNode* base_services = services;
    std::string base_file = file, base_folder = folder;
    std::vector<Path> base_resets = resets;
    if (!base_path.empty()) {
      ExtendedFile* extended = LoadExtendedFile(base_path, variables, span);
      if (extended == nullptr) return nullptr;
      base_services = MutableFind(&extended->root, "services");
      if (base_services == nullptr || !base_services->IsMapping()) {
        Stop(span, "cannot extend service " + name + ": " + base_path + " has no services");
        return nullptr;
      }
      base_file = base_path;
      base_folder = extended->folder;
      base_resets.clear();
    }
    if (MutableFind(base_services, ref) == nullptr) {
      Stop(span, "cannot extend service " + name + " in " + file + ": service " + ref + " not found" +
                     (base_path.empty() ? "" : " in " + base_path));
      return nullptr;
    }
    std::string link = base_file + ": " + name;
    if (std::find(chain->begin(), chain->end(), link) != chain->end()) {
      std::string cycle;
      for (const std::string& step : *chain) cycle += step + " extends ";
      Stop(span, "extends cycle: " + cycle + link);
      return nullptr;
    }
    if (chain->size() >= kMaxNesting) {
      Stop(span, "extends: more than " + std::to_string(kMaxNesting) + " services extend one another");
      return nullptr;
    }
    chain->push_back(link);
    const ComposeNode* base =
        ResolveExtends(ref, base_services, base_file, base_folder, variables, base_resets, chain);
    if (stopped_ || base == nullptr) return service;
    // The base, with what this document resets in the service removed, under the service.
    ComposeNode merged;
    merged.kind = ComposeNode::Kind::kMapping;
    merged.entries.push_back({name, nullptr, *base});
    ComposeNode wrapper;
    wrapper.kind = ComposeNode::Kind::kMapping;
    wrapper.entries.push_back({"services", nullptr, std::move(merged)});
    for (const Path& reset : resets) Remove(&wrapper, reset, 0);
    ComposeNode result = std::move(wrapper.entries.front().value.entries.front().value);
    if (base_folder != folder) RebaseBuildContext(&result, base_folder, folder);
    service->entries.erase(extends_at);
    Merge(&result, std::move(*service), {"services", name});
    *service = std::move(result);
    return service;
  }

  // A build context from an extended file is relative to that file's folder: made relative to `to`.
  static void RebaseBuildContext(ComposeNode* service, const std::string& from, const std::string& to) {
    ComposeNode* build = MutableFind(service, "build");
    if (build == nullptr) return;
    ComposeNode* context = build->IsScalar() ? build : MutableFind(build, "context");
    if (context == nullptr || !context->IsScalar() || IsRemoteContext(context->value) ||
        std::filesystem::path(context->value).is_absolute())
      return;
    std::string rebased = std::filesystem::path(JoinPath(from, context->value))
                              .lexically_relative(to)
                              .lexically_normal()
                              .string();
    if (!rebased.empty()) context->value = rebased;
  }

  // A build context compose hands to BuildKit as a URL (git, https), not a folder here.
  static bool IsRemoteContext(std::string_view context) {
    return context.find("://") != std::string_view::npos || context.starts_with("git@") ||
           context.starts_with("github.com/");
  }

  // The Dockerfile a service builds, read at its target stage and the stages that one is built FROM.
  std::optional<ComposeBuild> ReadBuild(const ComposeNode& definition) {
    const ComposeNode* build = definition.Find("build");
    if (build == nullptr || build->IsNull()) return std::nullopt;
    ComposeBuild out;
    out.at = build;
    std::string context = ".";
    const ComposeNode* dockerfile = nullptr;
    const ComposeNode* inline_text = nullptr;
    const ComposeNode* target = nullptr;
    if (build->IsScalar()) {
      context = build->value;
    } else if (build->IsMapping()) {
      if (const ComposeNode* c = build->Find("context"); c != nullptr && c->IsScalar()) context = c->value;
      dockerfile = build->Find("dockerfile");
      inline_text = build->Find("dockerfile_inline");
      target = build->Find("target");
    } else {
      return std::nullopt;
    }
    if (IsRemoteContext(context)) return std::nullopt;
    const base::SourceFile* file = nullptr;
    if (inline_text != nullptr && inline_text->IsScalar()) {
      project_->inline_dockerfiles.emplace_back(JoinPath(folder_, context) + " (dockerfile_inline)",
                                                inline_text->value);
      file = &project_->inline_dockerfiles.back();
    } else {
      std::string name = dockerfile != nullptr && dockerfile->IsScalar() ? dockerfile->value : "Dockerfile";
      out.dockerfile = JoinPath(JoinPath(folder_, context), name);
      ComposeRead read = Read(out.dockerfile);
      if (read.file == nullptr) {
        out.error = read.error;
        return out;
      }
      file = read.file;
    }
    out.read = true;
    out.file = file;
    parsers::Dockerfile parsed = parsers::ParseDockerfile(*file);
    DockerfileModel model(parsed);
    int stage = model.stages().empty() ? -1 : static_cast<int>(model.stages().size()) - 1;
    if (target != nullptr && target->IsScalar()) stage = model.FindAnyStage(base::Lower(target->value));
    if (stage < 0) {
      out.read = false;  // no stage to build: BuildKit refuses it, and there is nothing to judge
      out.error = model.stages().empty() ? "it has no FROM" : "it has no stage " + target->value;
      return out;
    }
    bool user_found = false, healthcheck_found = false;
    for (int hops = 0; stage >= 0 && hops <= static_cast<int>(model.stages().size()); ++hops) {
      const Stage& current = model.stages()[static_cast<size_t>(stage)];
      for (auto it = current.body.rbegin(); it != current.body.rend(); ++it) {
        const Instruction& instruction = **it;
        if (!user_found && instruction.keyword == "user" && !instruction.args.empty()) {
          user_found = true;
          out.user = model.Arg(instruction, 0);
          out.user_at = instruction.span;
        }
        if (!healthcheck_found && instruction.keyword == "healthcheck") {
          healthcheck_found = true;
          bool none = !instruction.args.empty() && base::Lower(model.Arg(instruction, 0)) == "none";
          out.healthcheck = !none;
          out.healthcheck_none = none;
        }
      }
      if (current.base_stage < 0) {
        out.user_from_image = !user_found && base::Lower(current.base) != "scratch";
        break;
      }
      stage = current.base_stage;
    }
    return out;
  }

  // A required `env_file` that does not exist makes compose refuse the project.
  void CheckEnvFiles(const ComposeNode& service, const std::string& folder) {
    const ComposeNode* env_file = service.Find("env_file");
    if (env_file == nullptr) return;
    std::vector<const ComposeNode*> entries;
    if (env_file->IsSequence()) {
      for (const ComposeNode& item : env_file->items) entries.push_back(&item);
    } else {
      entries.push_back(env_file);
    }
    for (const ComposeNode* entry : entries) {
      const ComposeNode* path = entry;
      bool required = true;
      if (entry->IsMapping()) {
        path = entry->Find("path");
        if (const ComposeNode* flag = entry->Find("required"); flag != nullptr)
          required = ComposeBool(*flag).value_or(true);
      }
      if (path == nullptr || !path->IsScalar() || !required) continue;
      std::string full = JoinPath(folder, path->value);
      if (!checked_env_files_.insert(full).second) continue;
      ComposeRead read = Read(full);
      if (read.file == nullptr && read.missing)
        Refuse(path->Span(project_->anchor),
               "env file " + full + " not found (`required: false` lets compose go on without it)");
    }
  }

  // Deletes what `path` names, before a file whose value there is tagged !reset or !override.
  void Remove(ComposeNode* node, const Path& path, size_t depth) {
    if (depth + 1 > path.size()) return;
    if (node->IsMapping()) {
      auto it = std::find_if(node->entries.begin(), node->entries.end(),
                             [&](const ComposeEntry& e) { return e.key == path[depth]; });
      if (it == node->entries.end()) return;
      if (depth + 1 == path.size()) {
        node->entries.erase(it);
      } else {
        Remove(&it->value, path, depth + 1);
      }
    }
  }
  // Which of compose-go's special merges applies at `path`.
  enum class Special { kNone, kOverride, kToSequence, kExtraHosts, kBuild, kToMapping, kLogging };
  static Special SpecialAt(const Path& p) {
    if (Matches(p, {"services", "*", "command"}) || Matches(p, {"services", "*", "entrypoint"}) ||
        Matches(p, {"services", "*", "healthcheck", "test"}) || Matches(p, {"services", "*", "ulimits", "*"}))
      return Special::kOverride;
    for (std::string_view key : {"annotations", "dns", "dns_opt", "dns_search", "env_file", "label_file",
                                 "environment", "labels", "sysctls", "tmpfs"}) {
      if (Matches(p, {"services", "*", key})) return Special::kToSequence;
    }
    if (Matches(p, {"services", "*", "build", "args"}) ||
        Matches(p, {"services", "*", "build", "additional_contexts"}) ||
        Matches(p, {"services", "*", "build", "labels"}) ||
        Matches(p, {"services", "*", "deploy", "labels"}) ||
        Matches(p, {"services", "*", "volumes", "*", "volume", "labels"}) ||
        Matches(p, {"networks", "*", "labels"}) || Matches(p, {"volumes", "*", "labels"}))
      return Special::kToSequence;
    if (Matches(p, {"services", "*", "extra_hosts"}) || Matches(p, {"services", "*", "build", "extra_hosts"}))
      return Special::kExtraHosts;
    if (Matches(p, {"services", "*", "build"})) return Special::kBuild;
    if (Matches(p, {"services", "*", "depends_on"}) || Matches(p, {"services", "*", "networks"}) ||
        Matches(p, {"services", "*", "models"}))
      return Special::kToMapping;
    if (Matches(p, {"services", "*", "logging"})) return Special::kLogging;
    return Special::kNone;
  }

  // convertIntoSequence: a mapping becomes sorted KEY=VALUE items (KEY alone for a null value).
  static ComposeNode ToSequence(ComposeNode node) {
    if (node.IsScalar()) {
      ComposeNode seq;
      seq.kind = ComposeNode::Kind::kSequence;
      seq.at = node.at;
      seq.items.push_back(std::move(node));
      return seq;
    }
    if (node.IsSequence()) return node;
    ComposeNode seq;  // a null value (`environment:` with nothing after it) is an empty list
    seq.kind = ComposeNode::Kind::kSequence;
    seq.at = node.at;
    for (ComposeEntry& entry : node.entries) {
      auto add = [&](const ComposeNode& value) {
        ComposeNode item = value;
        item.kind = ComposeNode::Kind::kScalar;
        item.is_string = true;
        item.value = value.IsNull() ? entry.key : entry.key + "=" + value.value;
        if (item.at == nullptr) item.at = entry.key_at;
        seq.items.push_back(std::move(item));
      };
      if (entry.value.IsSequence()) {
        for (const ComposeNode& value : entry.value.items) add(value);
      } else {
        add(entry.value);
      }
    }
    std::stable_sort(seq.items.begin(), seq.items.end(),
                     [](const ComposeNode& a, const ComposeNode& b) { return a.value < b.value; });
    return seq;
  }

  // convertIntoMapping: a list of names becomes a mapping of them (depends_on, networks).
  static ComposeNode ToMapping(ComposeNode node) {
    if (!node.IsSequence()) return node;
    ComposeNode map;
    map.kind = ComposeNode::Kind::kMapping;
    map.at = node.at;
    for (ComposeNode& item : node.items) {
      ComposeNode value;
      value.at = item.at;
      map.entries.push_back({item.value, item.at, std::move(value)});
    }
    return map;
  }

  void Merge(ComposeNode* base, ComposeNode other, const Path& path) {
    switch (SpecialAt(path)) {
      case Special::kOverride:
        *base = std::move(other);
        return;
      case Special::kToSequence: {
        ComposeNode merged = ToSequence(std::move(*base));
        ComposeNode more = ToSequence(std::move(other));
        for (ComposeNode& item : more.items) merged.items.push_back(std::move(item));
        *base = std::move(merged);
        return;
      }
      case Special::kExtraHosts: {
        ComposeNode merged = ToSequence(std::move(*base));
        ComposeNode more = ToSequence(std::move(other));
        for (ComposeNode& item : more.items) {
          bool present = std::any_of(merged.items.begin(), merged.items.end(),
                                     [&](const ComposeNode& m) { return m.value == item.value; });
          if (!present) merged.items.push_back(std::move(item));
        }
        *base = std::move(merged);
        return;
      }
      case Special::kBuild: {
        auto widen = [](ComposeNode node) {
          if (!node.IsScalar()) return node;
          ComposeNode map;
          map.kind = ComposeNode::Kind::kMapping;
          map.at = node.at;
          map.entries.push_back({"context", node.at, std::move(node)});
          return map;
        };
        *base = widen(std::move(*base));
        MergeMappings(base, widen(std::move(other)), path);
        return;
      }
      case Special::kToMapping:
        *base = ToMapping(std::move(*base));
        MergeMappings(base, ToMapping(std::move(other)), path);
        return;
      case Special::kLogging: {
        const ComposeNode* theirs = other.Find("driver");
        const ComposeNode* ours = base->Find("driver");
        if (theirs == nullptr || ours == nullptr || theirs->value == ours->value) {
          MergeMappings(base, std::move(other), path);
        } else {
          *base = std::move(other);
        }
        return;
      }
      case Special::kNone:
        break;
    }
    if (other.IsNull()) return;
    if (base->IsMapping()) {
      if (!other.IsMapping()) {
        Stop(other.Span(project_->anchor), "cannot override " + PathText(path) +
                                               ": a mapping is merged with " +
                                               (other.IsSequence() ? "a list" : "a value"));
        return;
      }
      MergeMappings(base, std::move(other), path);
    } else if (base->IsSequence()) {
      if (!other.IsSequence()) {
        Stop(other.Span(project_->anchor), "cannot override " + PathText(path) + ": a list is merged with " +
                                               (other.IsMapping() ? "a mapping" : "a value"));
        return;
      }
      for (ComposeNode& item : other.items) base->items.push_back(std::move(item));
    } else {
      *base = std::move(other);
    }
  }

  void MergeMappings(ComposeNode* base, ComposeNode other, const Path& path) {
    if (!base->IsMapping()) {
      *base = std::move(other);
      return;
    }
    for (ComposeEntry& entry : other.entries) {
      auto it = std::find_if(base->entries.begin(), base->entries.end(),
                             [&](const ComposeEntry& e) { return e.key == entry.key; });
      if (it == base->entries.end()) {
        base->entries.push_back(std::move(entry));
        continue;
      }
      Path next = path;
      next.push_back(entry.key);
      Merge(&it->value, std::move(entry.value), next);
      if (stopped_) return;
    }
  }

  // compose-go's EnforceUnicity (override/uncity.go), after the merge: in these lists, a later item with the
  // key of an earlier one replaces it in its place (an override's `./fake.sock:/var/run/docker.sock` replaces
  // the base's socket mount; `PASSWORD=${PASSWORD}` the base's literal).
  enum class UniqueBy { kKeyValue, kTarget, kDevice, kPort, kMount, kSecret, kPath };
  static std::optional<std::string> UniqueKey(const ComposeNode& item, UniqueBy by) {
    if (item.IsScalar()) {
      const std::string& v = item.value;
      switch (by) {
        case UniqueBy::kKeyValue:
          return v.substr(0, v.find('='));
        case UniqueBy::kTarget: {
          // A short volume: SOURCE:TARGET[:MODE], or TARGET alone (a Windows drive letter is not a
          // separator).
          std::vector<std::string> parts;
          size_t start = 0;
          for (size_t i = 0; i <= v.size(); ++i) {
            bool drive = i == start + 1 && i < v.size() &&
                         std::isalpha(static_cast<unsigned char>(v[start])) && i + 1 < v.size() &&
                         (v[i + 1] == '\\' || v[i + 1] == '/');
            if (i == v.size() || (v[i] == ':' && !drive)) {
              parts.push_back(v.substr(start, i - start));
              start = i + 1;
            }
          }
          return parts.size() == 1 ? parts[0] : parts[1];
        }
        case UniqueBy::kDevice: {
          size_t colon = v.find(':');
          if (colon == std::string::npos) return v;
          return v.substr(colon + 1, v.find(':', colon + 1) - colon - 1);
        }
        case UniqueBy::kMount:
          return "/" + v;
        case UniqueBy::kSecret:
          return "/run/secrets/" + v;
        case UniqueBy::kPort:
        case UniqueBy::kPath:
          return v;
      }
    }
    if (!item.IsMapping()) return std::nullopt;
    auto text = [&](std::string_view key, std::string fallback) {
      const ComposeNode* value = item.Find(key);
      return value != nullptr && value->IsScalar() ? value->value : fallback;
    };
    switch (by) {
      case UniqueBy::kTarget:
      case UniqueBy::kDevice:
        if (item.Find("target") == nullptr) return std::nullopt;
        return text("target", "");
      case UniqueBy::kPort:
        if (item.Find("target") == nullptr) return std::nullopt;
        return text("host_ip", "0.0.0.0") + ":" + text("published", "") + ":" + text("target", "") + "/" +
               text("protocol", "tcp");
      case UniqueBy::kMount:
        return item.Find("target") != nullptr ? text("target", "") : "/" + text("source", "");
      case UniqueBy::kSecret:
        return item.Find("target") != nullptr ? text("target", "") : "/run/secrets/" + text("source", "");
      case UniqueBy::kPath:
        if (item.Find("path") == nullptr) return std::nullopt;
        return text("path", "");
      case UniqueBy::kKeyValue:
        return std::nullopt;
    }
    return std::nullopt;
  }

  static void MakeUnique(ComposeNode* list, UniqueBy by) {
    if (list == nullptr || !list->IsSequence()) return;
    std::vector<ComposeNode> kept;
    std::map<std::string, size_t> index;
    for (ComposeNode& item : list->items) {
      std::optional<std::string> key = UniqueKey(item, by);
      if (!key) {
        kept.push_back(std::move(item));
        continue;
      }
      auto [it, added] = index.emplace(*key, kept.size());
      if (added) {
        kept.push_back(std::move(item));
      } else {
        kept[it->second] = std::move(item);
      }
    }
    list->items = std::move(kept);
  }

  void EnforceUnicity() {
    ComposeNode* services = MutableFind(&project_->root, "services");
    if (services == nullptr || !services->IsMapping()) return;
    static const std::vector<std::pair<std::string_view, UniqueBy>> kLists = {
        {"annotations", UniqueBy::kKeyValue}, {"cap_add", UniqueBy::kKeyValue},
        {"cap_drop", UniqueBy::kKeyValue},    {"dns", UniqueBy::kKeyValue},
        {"dns_opt", UniqueBy::kKeyValue},     {"dns_search", UniqueBy::kKeyValue},
        {"environment", UniqueBy::kKeyValue}, {"labels", UniqueBy::kKeyValue},
        {"links", UniqueBy::kKeyValue},       {"profiles", UniqueBy::kKeyValue},
        {"sysctls", UniqueBy::kKeyValue},     {"tmpfs", UniqueBy::kKeyValue},
        {"expose", UniqueBy::kPort},          {"ports", UniqueBy::kPort},
        {"volumes", UniqueBy::kTarget},       {"devices", UniqueBy::kDevice},
        {"configs", UniqueBy::kMount},        {"secrets", UniqueBy::kSecret},
        {"env_file", UniqueBy::kPath}};
    for (ComposeEntry& service : services->entries) {
      for (const auto& [key, by] : kLists) MakeUnique(MutableFind(&service.value, key), by);
      if (ComposeNode* build = MutableFind(&service.value, "build"); build != nullptr && build->IsMapping()) {
        for (std::string_view key : {"args", "additional_contexts", "platforms", "tags", "labels"})
          MakeUnique(MutableFind(build, key), UniqueBy::kKeyValue);
      }
    }
  }

  // A size as docker's units.RAMInBytes reads it ("512m", "1.5GiB", "1024"): binary multiples.
  static std::optional<double> Bytes(const ComposeNode& value) {
    if (!value.IsScalar()) return std::nullopt;
    std::string text = base::Lower(value.value);
    size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
      ++digits;
    if (digits == 0 || !IsGoFloat(text.substr(0, digits))) return std::nullopt;
    double number = std::stod(text.substr(0, digits));
    std::string_view unit = std::string_view(text).substr(digits);
    if (unit.starts_with(' ')) unit.remove_prefix(1);
    static const std::string_view kUnits = "kmgtp";
    double scale = 1;
    if (!unit.empty() && kUnits.find(unit[0]) != std::string_view::npos) {
      for (size_t i = 0; i <= kUnits.find(unit[0]); ++i) scale *= 1024;
      unit.remove_prefix(1);
      if (unit.starts_with('i')) unit.remove_prefix(1);
    }
    if (unit.starts_with('b')) unit.remove_prefix(1);
    if (!unit.empty()) return std::nullopt;
    return number * scale;
  }

  static std::optional<double> Number(const ComposeNode& value) {
    if (!value.IsScalar() || !IsGoFloat(value.value)) return std::nullopt;
    return std::stod(value.value);
  }

  // compose-go's loader/validate.go: a limit given both as a service key and in deploy.resources must say the
  // same (a deploy block without it says 0).
  void CheckLimits(const ComposeEntry& service) {
    const ComposeNode* resources = service.value.Find("deploy");
    resources = resources != nullptr ? resources->Find("resources") : nullptr;
    if (resources == nullptr) return;
    struct Pair {
      std::string_view key, block, deploy_key;
      bool bytes;
    };
    static const Pair kPairs[] = {{"cpus", "limits", "cpus", false},
                                  {"mem_limit", "limits", "memory", true},
                                  {"mem_reservation", "reservations", "memory", true},
                                  {"pids_limit", "limits", "pids", false}};
    for (const Pair& pair : kPairs) {
      const ComposeNode* own = service.value.Find(pair.key);
      const ComposeNode* block = resources->Find(pair.block);
      if (own == nullptr || block == nullptr || !block->IsMapping() || !own->origin_note.empty()) continue;
      std::optional<double> value = pair.bytes ? Bytes(*own) : Number(*own);
      if (!value || *value == 0) continue;
      const ComposeNode* deploy = block->Find(pair.deploy_key);
      std::optional<double> deploy_value = 0.0;
      if (deploy != nullptr) {
        if (!deploy->origin_note.empty()) continue;
        deploy_value = pair.bytes ? Bytes(*deploy) : Number(*deploy);
      }
      if (!deploy_value || *deploy_value == *value) continue;
      Refuse(own->Span(project_->anchor), "services." + service.key + ": can't set distinct values on '" +
                                              std::string(pair.key) + "' and 'deploy.resources." +
                                              std::string(pair.block) + "." + std::string(pair.deploy_key) +
                                              "'");
    }
  }

  // compose-go validates the merged model against compose-spec.json, which allows no other keys at the top
  // level and in a service than its own and `x-` extensions, each of its types.
  void CheckModel() {
    for (const ComposeEntry& entry : project_->root.entries) {
      if (!IsComposeTopLevelKey(entry.key))
        Refuse(KeySpan(entry), "additional property '" + entry.key + "' is not allowed at the top level");
      if (entry.key == "version")
        Warn(KeySpan(entry), DiagnosticCode::kComposeObsoleteVersion,
             "the attribute `version` is obsolete, it will be ignored");
    }
    const ComposeNode* services = project_->root.Find("services");
    if (services == nullptr || !services->IsMapping()) return;
    for (const ComposeEntry& service : services->entries) {
      CheckLimits(service);
      for (const ComposeEntry& entry : service.value.entries) {
        unsigned types = ComposeServiceKeyTypes(entry.key);
        if (!IsComposeServiceKey(entry.key)) {
          Refuse(KeySpan(entry),
                 "additional property '" + entry.key + "' is not allowed in services." + service.key);
        } else if (types != 0 && !HasType(entry.value, types)) {
          Refuse(entry.value.Span(KeySpan(entry)),
                 "services." + service.key + "." + entry.key + " must be a " + ComposeTypeNames(types));
        }
      }
    }
  }

  // Whether `value` is of one of `types`; a null value is left to compose (it drops most of them).
  static bool HasType(const ComposeNode& value, unsigned types) {
    switch (value.kind) {
      case ComposeNode::Kind::kNull:
        return true;
      case ComposeNode::Kind::kMapping:
        return types & ComposeType::kObject;
      case ComposeNode::Kind::kSequence:
        return types & ComposeType::kArray;
      case ComposeNode::Kind::kScalar:
        break;
    }
    switch (value.type) {
      case ComposeNode::Type::kString:
        return types & ComposeType::kString;
      case ComposeNode::Type::kInteger:
        return types & (ComposeType::kInteger | ComposeType::kNumber);
      case ComposeNode::Type::kFloat:
        return types & ComposeType::kNumber;
      case ComposeNode::Type::kBoolean:
        return types & ComposeType::kBoolean;
    }
    return true;
  }

  base::SourceSpan KeySpan(const ComposeEntry& entry) const {
    return entry.key_at != nullptr ? entry.key_at->span : project_->anchor;
  }

  void CollectServices() {
    const ComposeNode* services = project_->root.Find("services");
    if (services == nullptr || services->IsNull()) return;
    if (!services->IsMapping()) {
      Stop(services->Span(project_->anchor), "services must be a mapping of service names");
      return;
    }
    for (const ComposeEntry& entry : services->entries) {
      if (!entry.value.IsMapping() && !entry.value.IsNull()) {
        Stop(entry.value.Span(project_->anchor), "service " + entry.key + " must be a mapping");
        return;
      }
      ComposeService service{entry.key, entry.key_at, &entry.value, {}, ReadBuild(entry.value)};
      if (const ComposeNode* profiles = entry.value.Find("profiles"); profiles && profiles->IsSequence()) {
        for (const ComposeNode& profile : profiles->items) service.profiles.push_back(profile.value);
      }
      project_->services.push_back(std::move(service));
    }
  }

  const ComposeProjectInputs& inputs_;
  ComposeProject* project_;
  const ComposeVariables* variables_ = nullptr;  // those of the project being read
  std::string folder_;                           // the project's folder
  std::vector<Path> resets_;
  std::map<std::string, ExtendedFile> extended_files_;
  std::set<std::string> checked_env_files_;
  size_t nodes_ = 0;
  bool stopped_ = false;
};

}  // namespace

const ComposeNode* ComposeNode::Find(std::string_view key) const {
  for (const ComposeEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

base::SourceSpan ComposeNode::Span(const base::SourceSpan& fallback) const {
  return at != nullptr ? at->span : fallback;
}

ComposeVariables ReadComposeDotenv(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  ComposeVariables variables;
  parsers::Dotenv dotenv = parsers::ParseDotenv(file, DiagnosticCode::kInvalidDotenv, diagnostics);
  auto lookup = [&variables](std::string_view name) { return ValueOf(variables, name); };
  for (const parsers::DotenvEntry& entry : dotenv.entries) {
    if (entry.inherited || entry.name.empty()) continue;  // from the shell that runs compose: unknown here
    std::string value = entry.value;
    if (entry.expand) value = Interpolate(value, lookup).value;
    variables[entry.name] = {std::move(value), entry.value_span};
  }
  return variables;
}

std::vector<std::string> ComposeFileVariable(const ComposeVariables& variables) {
  auto file = variables.find("COMPOSE_FILE");
  if (file == variables.end()) return {};
  std::string separator = ":";
  if (auto it = variables.find("COMPOSE_PATH_SEPARATOR"); it != variables.end() && !it->second.value.empty())
    separator = it->second.value;
  std::vector<std::string> files;
  std::string_view rest = file->second.value;
  while (!rest.empty()) {
    size_t at = rest.find(separator);
    std::string_view part = rest.substr(0, at);
    if (!part.empty()) files.emplace_back(part);
    if (at == std::string_view::npos) break;
    rest = rest.substr(at + separator.size());
  }
  return files;
}

ComposeProject LoadComposeProject(const ComposeProjectInputs& inputs) {
  ComposeProject project;
  Loader(inputs, &project).Run();
  return project;
}

std::optional<bool> ComposeBool(const ComposeNode& node) {
  if (!node.IsScalar()) return std::nullopt;
  std::string value = base::Lower(node.value);
  if (value == "true" || value == "y" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "n" || value == "no" || value == "off") return false;
  return std::nullopt;
}

const std::vector<std::string_view>& DefaultComposeFileNames() {
  static const std::vector<std::string_view> kNames = {"compose.yaml", "compose.yml", "docker-compose.yml",
                                                       "docker-compose.yaml"};
  return kNames;
}

const std::vector<std::string_view>& ComposeOverrideFileNames() {
  static const std::vector<std::string_view> kNames = {"compose.override.yml", "compose.override.yaml",
                                                       "docker-compose.override.yml",
                                                       "docker-compose.override.yaml"};
  return kNames;
}

}  // namespace docklint::model
