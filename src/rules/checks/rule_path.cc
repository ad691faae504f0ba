#include "rules/checks/rule_path.h"

namespace docklint::rules::checks {

std::string RulePath(const HostContext& host, const Rule& rule) {
  std::string path;
  if (auto it = rule.params.find("path"); it != rule.params.end()) path = it->second;
  if (auto it = rule.params.find("path_setting"); it != rule.params.end()) {
    nlohmann::json value = host.config.ValueOrDefault(it->second);
    if (value.is_string()) path = value.get<std::string>();
  }
  if (auto it = rule.params.find("path_from"); it != rule.params.end()) {
    auto found = host.found_paths.find(it->second);
    if (found != host.found_paths.end()) path = found->second;
  }
  return path;
}

}  // namespace docklint::rules::checks
