#include "app/config.h"

#include <fnmatch.h>

#include <filesystem>

#include "app/hadolint_config.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "base/toml.h"
#include "base/toml_parse.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

std::string Place(const std::string& path, const toml::source_region& where) {
  return path + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column) + ": ";
}

bool StringList(const std::string& path, const toml::node& node, const std::string& key,
                std::vector<std::string>* out, std::string* error) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    *error = Place(path, node.source()) + "'" + key + "' must be an array of strings";
    return false;
  }
  for (const toml::node& item : *array) {
    if (!item.is_string()) {
      *error = Place(path, item.source()) + "'" + key + "' must be an array of strings";
      return false;
    }
    out->push_back(item.as_string()->get());
  }
  return true;
}

// [dockerfile]: label-schema = { name = "type", ... } and strict-labels = true|false.
bool ReadDockerfileTable(const std::string& path, const toml::node& node, ConfigFile* config,
                         std::string* error) {
  rules::LabelSchema* schema = &config->label_schema;
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    *error = Place(path, node.source()) + "[dockerfile] must be a table";
    return false;
  }
  for (const auto& [key, value] : *table) {
    if (key.str() == "strict-labels" && value.is_boolean()) {
      schema->strict = value.as_boolean()->get();
    } else if (key.str() == "shellcheck" && value.is_boolean()) {
      config->shellcheck = value.as_boolean()->get();
    } else if (key.str() == "lint-test-files" && value.is_boolean()) {
      config->lint_test_files = value.as_boolean()->get();
    } else if (key.str() == "label-schema" && value.is_table()) {
      for (const auto& [label, type] : *value.as_table()) {
        if (!type.is_string() || !rules::IsLabelType(type.as_string()->get())) {
          *error = Place(path, type.source()) +
                   "a label's type must be text, url, spdx, rfc3339, hash, semver or email";
          return false;
        }
        schema->labels[std::string(label.str())] = type.as_string()->get();
      }
    } else {
      *error = Place(path, key.source()) +
               "[dockerfile] takes label-schema = { label = \"type\", ... }, strict-labels = true|false, "
               "shellcheck = true|false and lint-test-files = true|false";
      return false;
    }
  }
  return true;
}

// What the table of a parsed .docklint.toml says, into `config`.
bool ReadConfigTable(const std::string& path, const toml::table& table, ConfigFile* config,
                     std::string* error) {
  config->path = path;
  fs::path folder = fs::path(path).parent_path();
  for (const auto& [key_node, value] : table) {
    std::string key(key_node.str());
    toml::source_region where = key_node.source();
    if (key == "benchmark" || key == "failure-threshold") {
      if (!value.is_string()) {
        *error = Place(path, value.source()) + "'" + key + "' must be a string";
        return false;
      }
      std::string text = value.as_string()->get();
      if (key == "failure-threshold" && !base::ParseSeverity(text) && text != "none") {
        *error =
            Place(path, value.source()) + "failure-threshold must be error, warning, info, style or none";
        return false;
      }
      (key == "benchmark" ? config->benchmark : config->failure_threshold) = text;
    } else if (key == "select" || key == "ignore") {
      std::vector<std::string> list;
      if (!StringList(path, value, key, &list, error)) return false;
      if (key == "ignore") {  // peer ids (hadolint:DL3008) drop findings, they select no rule
        for (auto it = list.begin(); it != list.end();) {
          if (it->find(':') == std::string::npos) {
            ++it;
            continue;
          }
          config->ignored_references.push_back(*it);
          it = list.erase(it);
        }
      }
      (key == "select" ? config->select : config->ignore) = std::move(list);
    } else if (key == "trusted-registries") {
      if (!StringList(path, value, key, &config->trusted_registries, error)) return false;
    } else if (key == "dockerfile") {
      if (!ReadDockerfileTable(path, value, config, error)) return false;
    } else if (key == "rulesets") {
      std::vector<std::string> list;
      if (!StringList(path, value, key, &list, error)) return false;
      for (const std::string& ruleset : list)
        config->rulesets.push_back((folder / ruleset).lexically_normal().string());
    } else if (key == "severity") {
      const toml::table* severities = value.as_table();
      if (severities == nullptr) {
        *error = Place(path, value.source()) + "[severity] must be a table of rule = severity";
        return false;
      }
      for (const auto& [rule, severity] : *severities) {
        if (!severity.is_string() || !base::ParseSeverity(severity.as_string()->get())) {
          *error = Place(path, severity.source()) + "severity must be error, warning, info or style";
          return false;
        }
        config->severity[std::string(rule.str())] = severity.as_string()->get();
      }
    } else if (key == "per-file-ignores") {
      const toml::table* ignores = value.as_table();
      if (ignores == nullptr) {
        *error = Place(path, value.source()) + "[per-file-ignores] must be a table of glob = [rules]";
        return false;
      }
      for (const auto& [glob, rules] : *ignores) {
        std::vector<std::string> list;
        if (!StringList(path, rules, std::string(glob.str()), &list, error)) return false;
        config->per_file_ignores.emplace_back(std::string(glob.str()), std::move(list));
      }
    } else if (key == "host") {
      const toml::table* host = value.as_table();
      if (host == nullptr) {
        *error = Place(path, value.source()) + "[host] must be a table";
        return false;
      }
      for (const auto& [host_key, host_value] : *host) {
        if (host_key.str() == "root" && host_value.is_string()) {
          config->host_root =
              fs::absolute(folder / host_value.as_string()->get()).lexically_normal().string();
          while (config->host_root.size() > 1 && config->host_root.back() == '/')
            config->host_root.pop_back();
        } else if (host_key.str() == "paths" && host_value.is_table()) {
          for (const auto& [host_path, repo_path] : *host_value.as_table()) {
            if (!repo_path.is_string() || !host_path.str().starts_with('/')) {
              *error = Place(path, repo_path.source()) +
                       "[host.paths] maps an absolute host path to a repository path: "
                       "\"/etc/docker/daemon.json\" = "
                       "\"files/daemon.json\"";
              return false;
            }
            std::string repo =
                fs::absolute(folder / repo_path.as_string()->get()).lexically_normal().string();
            config->host_files[repo] = std::string(host_path.str());
          }
        } else {
          *error = Place(path, host_key.source()) + "[host] takes root = \"folder\" and a [host.paths] table";
          return false;
        }
      }
    } else {
      *error =
          Place(path, where) + "unknown setting '" + key +
          "' (known: benchmark, select, ignore, failure-threshold, rulesets, [severity], [per-file-ignores], "
          "[host], [dockerfile], trusted-registries)";
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FindConfigFile(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();  // "/a/b/." normalizes to "/a/b/"
  while (!dir.empty()) {
    for (const char* name : {".docklint.toml", ".hadolint.yaml", ".hadolint.yml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

bool LoadConfigFile(const std::string& path, ConfigFile* config, std::string* error) {
  std::string text, why;
  if (!base::ReadFileToString(path, &text, &why)) {
    config->path = path;
    *error = path + ": " + why;
    return false;
  }
  return LoadConfigText(path, text, config, error);
}

bool LoadConfigText(const std::string& path, std::string_view text, ConfigFile* config, std::string* error) {
  if (IsHadolintConfigPath(path)) return LoadHadolintConfigText(path, text, config, error);
  base::TomlParse parsed = base::ParseToml(text, path);
  if (!parsed.ok) {
    config->path = path;
    *error =
        path + ":" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) + ": " + parsed.error;
    return false;
  }
  return ReadConfigTable(path, parsed.table, config, error);
}

bool GlobMatches(const std::string& glob, const std::string& path) {
  return fnmatch(glob.c_str(), path.c_str(), 0) == 0;
}

bool ConfigFilter::Resolve(const ConfigEffects& effects, const rules::Ruleset& ruleset, std::ostream& err) {
  auto resolve = [&](const std::string& name) -> const rules::Rule* {
    const rules::Rule* rule = ruleset.FindById(name);
    return rule ? rule : ruleset.FindByName(name);
  };
  for (const auto& [name, level] : effects.severity_overrides) {
    if (name.find(':') != std::string::npos) {
      reference_severity_[name] = *base::ParseSeverity(level);
      continue;
    }
    const rules::Rule* rule = resolve(name);
    if (rule == nullptr) {
      err << "docklint: error: " << effects.config_path << ": [severity] names no rule: " << name << '\n';
      return false;
    }
    severity_[rule->id] = *base::ParseSeverity(level);
  }
  for (const auto& [glob, names] : effects.per_file_ignores) {
    std::vector<std::string> ids;
    for (const std::string& name : names) {
      const rules::Rule* rule = resolve(name);
      if (rule == nullptr) {
        err << "docklint: error: " << effects.config_path << ": [per-file-ignores] names no rule: " << name
            << '\n';
        return false;
      }
      ids.push_back(rule->id);
    }
    ignores_.emplace_back(glob, std::move(ids));
  }
  ignored_references_ = effects.ignored_references;
  return true;
}

void ConfigFilter::Apply(std::vector<base::Finding>* findings) const {
  auto cites = [](const base::Finding& finding, const std::string& reference) {
    return std::find(finding.references.begin(), finding.references.end(), reference) !=
           finding.references.end();
  };
  // In place: a copy of every finding would double the memory a job's findings take.
  std::erase_if(*findings, [&](const base::Finding& finding) {
    for (const std::string& reference : ignored_references_) {
      if (cites(finding, reference)) return true;
    }
    return std::any_of(ignores_.begin(), ignores_.end(), [&](const auto& entry) {
      return GlobMatches(entry.first, finding.location.file) &&
             std::find(entry.second.begin(), entry.second.end(), finding.rule_id) != entry.second.end();
    });
  });
  for (base::Finding& finding : *findings) {
    for (const auto& [reference, level] : reference_severity_) {
      if (cites(finding, reference)) finding.severity = level;
    }
    if (auto it = severity_.find(finding.rule_id); it != severity_.end()) finding.severity = it->second;
  }
}

}  // namespace docklint::app
