#include "model/compose_schema.h"

#include <algorithm>

namespace docklint::model {

const std::vector<std::string_view>& ComposeTopLevelKeys() {
  static const std::vector<std::string_view> kKeys = {"configs", "include",  "models",  "name",   "networks",
                                                      "secrets", "services", "version", "volumes"};
  return kKeys;
}

const std::vector<ComposeKeyTypes>& ComposeServiceKeys() {
  static const std::vector<ComposeKeyTypes> kKeys = {
      {"annotations", ComposeType::kArray | ComposeType::kObject},
      {"attach", ComposeType::kString | ComposeType::kBoolean},
      {"blkio_config", ComposeType::kObject},
      {"build", ComposeType::kString | ComposeType::kObject},
      {"cap_add", ComposeType::kArray},
      {"cap_drop", ComposeType::kArray},
      {"cgroup", ComposeType::kString},
      {"cgroup_parent", ComposeType::kString},
      {"command", ComposeType::kString | ComposeType::kArray | ComposeType::kNull},
      {"configs", ComposeType::kArray},
      {"container_name", ComposeType::kString},
      {"cpu_count", ComposeType::kString | ComposeType::kInteger},
      {"cpu_percent", ComposeType::kString | ComposeType::kInteger},
      {"cpu_period", ComposeType::kString | ComposeType::kNumber},
      {"cpu_quota", ComposeType::kString | ComposeType::kNumber},
      {"cpu_rt_period", ComposeType::kString | ComposeType::kNumber},
      {"cpu_rt_runtime", ComposeType::kString | ComposeType::kNumber},
      {"cpu_shares", ComposeType::kString | ComposeType::kNumber},
      {"cpus", ComposeType::kString | ComposeType::kNumber},
      {"cpuset", ComposeType::kString},
      {"credential_spec", ComposeType::kObject},
      {"depends_on", ComposeType::kArray | ComposeType::kObject},
      {"deploy", ComposeType::kObject | ComposeType::kNull},
      {"develop", ComposeType::kObject | ComposeType::kNull},
      {"device_cgroup_rules", ComposeType::kArray},
      {"devices", ComposeType::kArray},
      {"dns", ComposeType::kString | ComposeType::kArray},
      {"dns_opt", ComposeType::kArray},
      {"dns_search", ComposeType::kString | ComposeType::kArray},
      {"domainname", ComposeType::kString},
      {"entrypoint", ComposeType::kString | ComposeType::kArray | ComposeType::kNull},
      {"env_file", ComposeType::kString | ComposeType::kArray},
      {"environment", ComposeType::kArray | ComposeType::kObject},
      {"expose", ComposeType::kArray},
      {"extends", ComposeType::kString | ComposeType::kObject},
      {"external_links", ComposeType::kArray},
      {"extra_hosts", ComposeType::kArray | ComposeType::kObject},
      {"gpus", ComposeType::kString | ComposeType::kArray},
      {"group_add", ComposeType::kArray},
      {"healthcheck", ComposeType::kObject},
      {"hostname", ComposeType::kString},
      {"image", ComposeType::kString},
      {"init", ComposeType::kString | ComposeType::kBoolean},
      {"ipc", ComposeType::kString},
      {"isolation", ComposeType::kString},
      {"label_file", ComposeType::kString | ComposeType::kArray},
      {"labels", ComposeType::kArray | ComposeType::kObject},
      {"links", ComposeType::kArray},
      {"logging", ComposeType::kObject},
      {"mac_address", ComposeType::kString},
      {"mem_limit", ComposeType::kString | ComposeType::kNumber},
      {"mem_reservation", ComposeType::kString | ComposeType::kInteger},
      {"mem_swappiness", ComposeType::kString | ComposeType::kInteger},
      {"memswap_limit", ComposeType::kString | ComposeType::kNumber},
      {"models", ComposeType::kArray | ComposeType::kObject},
      {"network_mode", ComposeType::kString},
      {"networks", ComposeType::kArray | ComposeType::kObject},
      {"oom_kill_disable", ComposeType::kString | ComposeType::kBoolean},
      {"oom_score_adj", ComposeType::kString | ComposeType::kInteger},
      {"pid", ComposeType::kString | ComposeType::kNull},
      {"pids_limit", ComposeType::kString | ComposeType::kNumber},
      {"platform", ComposeType::kString},
      {"ports", ComposeType::kArray},
      {"post_start", ComposeType::kArray},
      {"pre_start", ComposeType::kArray},
      {"pre_stop", ComposeType::kArray},
      {"privileged", ComposeType::kString | ComposeType::kBoolean},
      {"profiles", ComposeType::kArray},
      {"provider", ComposeType::kObject},
      {"pull_policy", ComposeType::kString},
      {"pull_refresh_after", ComposeType::kString},
      {"read_only", ComposeType::kString | ComposeType::kBoolean},
      {"restart", ComposeType::kString},
      {"runtime", ComposeType::kString},
      {"scale", ComposeType::kString | ComposeType::kInteger},
      {"secrets", ComposeType::kArray},
      {"security_opt", ComposeType::kArray},
      {"shm_size", ComposeType::kString | ComposeType::kNumber},
      {"stdin_open", ComposeType::kString | ComposeType::kBoolean},
      {"stop_grace_period", ComposeType::kString},
      {"stop_signal", ComposeType::kString},
      {"storage_opt", ComposeType::kObject},
      {"sysctls", ComposeType::kArray | ComposeType::kObject},
      {"tmpfs", ComposeType::kString | ComposeType::kArray},
      {"tty", ComposeType::kString | ComposeType::kBoolean},
      {"ulimits", ComposeType::kObject},
      {"use_api_socket", ComposeType::kBoolean},
      {"user", ComposeType::kString},
      {"userns_mode", ComposeType::kString},
      {"uts", ComposeType::kString},
      {"volumes", ComposeType::kArray},
      {"volumes_from", ComposeType::kArray},
      {"working_dir", ComposeType::kString},
  };
  return kKeys;
}

bool IsComposeTopLevelKey(std::string_view key) {
  const auto& keys = ComposeTopLevelKeys();
  return key.starts_with("x-") || std::binary_search(keys.begin(), keys.end(), key);
}

unsigned ComposeServiceKeyTypes(std::string_view key) {
  const auto& keys = ComposeServiceKeys();
  auto it = std::lower_bound(keys.begin(), keys.end(), key,
                             [](const ComposeKeyTypes& row, std::string_view k) { return row.key < k; });
  return it != keys.end() && it->key == key ? it->types : 0;
}

bool IsComposeServiceKey(std::string_view key) {
  return key.starts_with("x-") || ComposeServiceKeyTypes(key) != 0;
}

std::string ComposeTypeNames(unsigned types) {
  // compose-go sorts the names and joins them with ", " and a final " or ".
  std::vector<std::string> names;
  if (types & ComposeType::kString) names.emplace_back("string");
  if (types & ComposeType::kInteger) names.emplace_back("integer");
  if (types & ComposeType::kNumber) names.emplace_back("number");
  if (types & ComposeType::kBoolean) names.emplace_back("boolean");
  if (types & ComposeType::kArray) names.emplace_back("array");
  if (types & ComposeType::kObject) names.emplace_back("mapping");
  if (types & ComposeType::kNull) names.emplace_back("null");
  std::sort(names.begin(), names.end());
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace docklint::model
