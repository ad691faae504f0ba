#include "rules/checks/rule_path.h"

#include <algorithm>
#include <optional>

#include "parsers/dockerd_flag_catalog.h"

namespace docklint::rules::checks {

std::string RulePath(const HostContext& host, const Rule& rule) {
  std::string path;
  if (auto it = rule.params.find("path"); it != rule.params.end()) path = it->second;
  if (auto it = rule.params.find("path_setting"); it != rule.params.end()) {
    if (host.config.IsUnknown(it->second)) return "";  // no path to judge
    nlohmann::json value = host.config.ValueOrDefault(it->second);
    if (value.is_string()) path = value.get<std::string>();
  }
  if (auto it = rule.params.find("path_from"); it != rule.params.end()) {
    if (std::optional<model::FileRole> role = model::ParseFileRole(it->second)) {
      auto found = host.paths.find(*role);
      if (found != host.paths.end()) path = found->second;
    }
  }
  return path;
}

std::string CheckPathParams(const std::map<std::string, std::string>& params,
                            std::initializer_list<std::string_view> allowed, bool need_path) {
  for (const auto& [key, value] : params) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string names;
      for (std::string_view name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
      return "unknown param '" + key + "' (this check takes " + names + ")";
    }
  }
  if (auto it = params.find("path_setting");
      it != params.end() && parsers::FindFlagByJsonKey(it->second) == nullptr) {
    return "path_setting '" + it->second + "' is not a daemon.json key";
  }
  if (auto it = params.find("path_from"); it != params.end() && !model::ParseFileRole(it->second)) {
    return "path_from '" + it->second + "' names no file the host model finds (it takes " +
           model::FileRoleNames() + ")";
  }
  if (need_path && !params.contains("path") && !params.contains("path_setting") &&
      !params.contains("path_from")) {
    return "needs one of path, path_setting, path_from";
  }
  return "";
}

}  // namespace docklint::rules::checks
