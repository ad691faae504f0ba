#include "model/compose_project.h"

#include <algorithm>
#include <utility>

#include "base/strings.h"
#include "model/compose_interpolation.h"
#include "model/compose_schema.h"
#include "parsers/dotenv.h"

namespace docklint::model {
namespace {

using base::DiagnosticCode;
using parsers::YamlNode;
using Path = std::vector<std::string>;

// Values made while reading one file, through aliases included: past this a file is refused, as its
// expansion would not end in reasonable time (compose-go bounds its own walk too).
constexpr size_t kMaxNodes = 1'000'000;

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

class Loader {
 public:
  Loader(const ComposeProjectInputs& inputs, ComposeProject* project) : inputs_(inputs), project_(project) {}

  void Run() {
    if (inputs_.dotenv != nullptr) LoadDotenv(*inputs_.dotenv);
    project_->root.kind = ComposeNode::Kind::kMapping;
    project_->yaml.reserve(inputs_.files.size());
    for (const ComposeFile& file : inputs_.files) {
      if (project_->anchor.file == nullptr)
        project_->anchor = base::SourceSpan{file.source, 0, file.source->content().empty() ? 0u : 1u};
      size_t before = project_->diagnostics.size();
      project_->yaml.push_back(
          parsers::ParseYaml(*file.source, DiagnosticCode::kInvalidComposeYaml, &project_->diagnostics));
      const parsers::YamlFile& yaml = project_->yaml.back();
      bool yaml_error = project_->diagnostics.size() > before;
      for (const parsers::YamlDocument& document : yaml.documents) {
        if (document.root == nullptr) continue;
        if (!document.root->IsMapping()) {
          Fail(document.root->span, "the top level of a compose file must be a mapping");
          return Refuse();
        }
        resets_.clear();
        nodes_ = 0;
        ComposeNode converted = Convert(*document.root, {});
        if (failed_) return Refuse();
        for (const Path& reset : resets_) Remove(&project_->root, reset, 0);
        Merge(&project_->root, std::move(converted), {});
        if (failed_) return Refuse();
      }
      if (yaml_error) return Refuse();  // docker compose stops at a file it cannot read
    }
    ValidateKeys();
    if (failed_) return Refuse();
    CollectServices();
  }

 private:
  void Refuse() { project_->refused = true; }

  void Fail(const base::SourceSpan& span, std::string message,
            DiagnosticCode code = DiagnosticCode::kComposeFileRefused) {
    if (failed_) return;
    failed_ = true;
    project_->diagnostics.push_back({code, std::move(message), span});
  }

  void LoadDotenv(const base::SourceFile& file) {
    size_t before = project_->diagnostics.size();
    variables_ = ReadComposeDotenv(file, &project_->diagnostics);
    if (project_->diagnostics.size() > before) Refuse();
  }

  std::optional<std::string> Lookup(std::string_view name) const {
    auto it = variables_.find(name);
    if (it == variables_.end()) return std::nullopt;
    return it->second.value;
  }

  ComposeNode Convert(const YamlNode& node, const Path& path) {
    ComposeNode out;
    out.at = &node;
    if (failed_) return out;
    if (++nodes_ > kMaxNodes) {
      Fail(node.span, "the compose file expands to more than a million values through its aliases");
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
    out.is_string = tag != "!!int" && tag != "!!float" && tag != "!!bool";
    if (out.is_string && node.value.find('$') != std::string::npos) InterpolateScalar(node, path, &out);
    return out;
  }

  void InterpolateScalar(const YamlNode& node, const Path& path, ComposeNode* out) {
    InterpolatedValue result =
        model::Interpolate(node.value, [&](std::string_view name) { return Lookup(name); });
    if (!result.error.empty()) {
      Fail(node.span, PathText(path) + ": " + result.error);
      return;
    }
    out->value = std::move(result.value);
    for (const InterpolatedValue::Use& use : result.variables) {
      std::string note = use.name;
      auto it = variables_.find(use.name);
      if (it != variables_.end()) {
        base::Range r = it->second.span.range();
        note += " from " + it->second.span.file->path() + ":" + std::to_string(r.begin.line);
      } else {
        note += " unset";
      }
      out->origin_note += (out->origin_note.empty() ? "" : ", ") + note;
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
        Fail(other.Span(project_->anchor), "cannot override " + PathText(path) +
                                               ": a mapping is merged with " +
                                               (other.IsSequence() ? "a list" : "a value"));
        return;
      }
      MergeMappings(base, std::move(other), path);
    } else if (base->IsSequence()) {
      if (!other.IsSequence()) {
        Fail(other.Span(project_->anchor), "cannot override " + PathText(path) + ": a list is merged with " +
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
      if (failed_) return;
    }
  }

  // compose-go validates the merged model against compose-spec.json, which allows no other keys at the top
  // level and in a service than its own and `x-` extensions.
  void ValidateKeys() {
    for (const ComposeEntry& entry : project_->root.entries) {
      if (!IsComposeTopLevelKey(entry.key)) {
        Fail(KeySpan(entry), "additional property '" + entry.key + "' is not allowed at the top level");
        return;
      }
    }
    const ComposeNode* services = project_->root.Find("services");
    if (services == nullptr || !services->IsMapping()) return;
    for (const ComposeEntry& service : services->entries) {
      for (const ComposeEntry& entry : service.value.entries) {
        if (!IsComposeServiceKey(entry.key)) {
          Fail(KeySpan(entry),
               "additional property '" + entry.key + "' is not allowed in services." + service.key);
          return;
        }
      }
    }
  }

  base::SourceSpan KeySpan(const ComposeEntry& entry) const {
    return entry.key_at != nullptr ? entry.key_at->span : project_->anchor;
  }

  void CollectServices() {
    const ComposeNode* services = project_->root.Find("services");
    if (services == nullptr || services->IsNull()) return;
    if (!services->IsMapping()) {
      Fail(services->Span(project_->anchor), "services must be a mapping of service names");
      return Refuse();
    }
    for (const ComposeEntry& entry : services->entries) {
      if (!entry.value.IsMapping() && !entry.value.IsNull()) {
        Fail(entry.value.Span(project_->anchor), "service " + entry.key + " must be a mapping");
        return Refuse();
      }
      ComposeService service{entry.key, entry.key_at, &entry.value, {}};
      if (const ComposeNode* profiles = entry.value.Find("profiles"); profiles && profiles->IsSequence()) {
        for (const ComposeNode& profile : profiles->items) service.profiles.push_back(profile.value);
      }
      project_->services.push_back(std::move(service));
    }
  }

  const ComposeProjectInputs& inputs_;
  ComposeProject* project_;
  ComposeVariables variables_;
  std::vector<Path> resets_;
  size_t nodes_ = 0;
  bool failed_ = false;
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
  auto lookup = [&variables](std::string_view name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second.value;
  };
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
