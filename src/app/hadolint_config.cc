#include "app/hadolint_config.h"

#include <filesystem>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/yaml.h"
#include "rules/suppressions.h"

namespace docklint::app {
namespace {

std::string Place(const base::SourceSpan& span) {
  base::Range range = span.range();
  return span.file->path() + ":" + std::to_string(range.begin.line) + ":" +
         std::to_string(range.begin.column) + ": ";
}

bool Strings(const parsers::YamlNode& node, std::string_view key, std::vector<std::string>* out,
             std::string* error) {
  if (node.IsNull()) return true;
  if (!node.IsSequence()) {
    *error = Place(node.span) + "'" + std::string(key) + "' must be a list of strings";
    return false;
  }
  for (const parsers::YamlNode* item : node.items) {
    if (!item->IsScalar()) {
      *error = Place(item->span) + "'" + std::string(key) + "' must be a list of strings";
      return false;
    }
    out->push_back(item->value);
  }
  return true;
}

bool Boolean(const parsers::YamlNode& node, std::string_view key, bool* out, std::string* error) {
  if (node.IsScalar() && (node.value == "true" || node.value == "false")) {
    *out = node.value == "true";
    return true;
  }
  *error = Place(node.span) + "'" + std::string(key) + "' must be true or false";
  return false;
}

}  // namespace

bool IsHadolintConfigPath(std::string_view path) {
  std::string name = std::filesystem::path(path).filename().string();
  return name == ".hadolint.yaml" || name == ".hadolint.yml" || name == "hadolint.yaml" ||
         name == "hadolint.yml";
}

bool LoadHadolintConfigText(const std::string& path, std::string_view text, ConfigFile* config,
                            std::string* error) {
  config->path = path;
  config->from_hadolint = true;
  base::SourceFile file(path, std::string(text));
  base::Diagnostics diagnostics;
  parsers::YamlFile yaml = parsers::ParseYaml(file, base::DiagnosticCode::kInvalidComposeYaml, &diagnostics);
  if (!diagnostics.empty()) {
    *error = Place(diagnostics.front().span) + diagnostics.front().message;
    return false;
  }
  if (yaml.documents.empty() || yaml.documents.front().root == nullptr) return true;  // empty: defaults
  const parsers::YamlNode& root = *yaml.documents.front().root;
  if (!root.IsMapping()) {
    *error = Place(root.span) + "hadolint's configuration must be a mapping (ignored, override, ...)";
    return false;
  }
  for (const parsers::YamlPair& pair : root.pairs) {
    const std::string& key = pair.key->value;
    const parsers::YamlNode& value = *pair.value;
    if (key == "ignored") {
      std::vector<std::string> codes;
      if (!Strings(value, key, &codes, error)) return false;
      for (const std::string& code : codes)
        config->ignored_references.push_back(rules::HadolintReference(code));
    } else if (key == "trustedRegistries") {
      if (!Strings(value, key, &config->trusted_registries, error)) return false;
    } else if (key == "override") {
      if (value.IsNull()) continue;
      if (!value.IsMapping()) {
        *error = Place(value.span) + "'override' must map error, warning, info or style to lists of rules";
        return false;
      }
      for (const parsers::YamlPair& level : value.pairs) {
        const std::string& severity = level.key->value;
        if (severity != "error" && severity != "warning" && severity != "info" && severity != "style") {
          *error = Place(level.key->span) + "'override' takes error, warning, info or style, not '" +
                   severity + "'";
          return false;
        }
        std::vector<std::string> codes;
        if (!Strings(*level.value, severity, &codes, error)) return false;
        for (const std::string& code : codes) config->severity[rules::HadolintReference(code)] = severity;
      }
    } else if (key == "failure-threshold") {
      const std::string& threshold = value.value;
      if (!value.IsScalar() || !(threshold == "error" || threshold == "warning" || threshold == "info" ||
                                 threshold == "style" || threshold == "ignore" || threshold == "none")) {
        *error = Place(value.span) + "failure-threshold must be error, warning, info, style, ignore or none";
        return false;
      }
      config->failure_threshold = threshold == "ignore" ? "none" : threshold;
    } else if (key == "no-fail") {
      bool no_fail = false;
      if (!Boolean(value, key, &no_fail, error)) return false;
      if (no_fail) config->failure_threshold = "none";
    } else if (key == "label-schema") {
      if (value.IsNull()) continue;
      if (!value.IsMapping()) {
        *error = Place(value.span) + "'label-schema' must map label names to types";
        return false;
      }
      for (const parsers::YamlPair& label : value.pairs) {
        if (!label.value->IsScalar()) {
          *error = Place(label.value->span) + "a label's type must be a string (text, url, rfc3339, ...)";
          return false;
        }
        config->label_schema.labels[label.key->value] = label.value->value;
      }
    } else if (key == "strict-labels") {
      bool strict = false;
      if (!Boolean(value, key, &strict, error)) return false;
      config->label_schema.strict = strict;
    } else if (key == "disable-ignore-pragma") {
      bool disable = false;
      if (!Boolean(value, key, &disable, error)) return false;
      config->disable_peer_pragmas = disable;
    }
    // format, formats, no-color, verbose: hadolint's output, not ours.
  }
  return true;
}

}  // namespace docklint::app
