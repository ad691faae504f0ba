#include "model/compose_schema.h"

#include <algorithm>

namespace docklint::model {

const std::vector<std::string_view>& ComposeTopLevelKeys() {
  static const std::vector<std::string_view> kKeys = {"configs", "include",  "models",  "name",   "networks",
                                                      "secrets", "services", "version", "volumes"};
  return kKeys;
}

const std::vector<std::string_view>& ComposeServiceKeys() {
  static const std::vector<std::string_view> kKeys = {"annotations",
                                                      "attach",
                                                      "blkio_config",
                                                      "build",
                                                      "cap_add",
                                                      "cap_drop",
                                                      "cgroup",
                                                      "cgroup_parent",
                                                      "command",
                                                      "configs",
                                                      "container_name",
                                                      "cpu_count",
                                                      "cpu_percent",
                                                      "cpu_period",
                                                      "cpu_quota",
                                                      "cpu_rt_period",
                                                      "cpu_rt_runtime",
                                                      "cpu_shares",
                                                      "cpus",
                                                      "cpuset",
                                                      "credential_spec",
                                                      "depends_on",
                                                      "deploy",
                                                      "develop",
                                                      "device_cgroup_rules",
                                                      "devices",
                                                      "dns",
                                                      "dns_opt",
                                                      "dns_search",
                                                      "domainname",
                                                      "entrypoint",
                                                      "env_file",
                                                      "environment",
                                                      "expose",
                                                      "extends",
                                                      "external_links",
                                                      "extra_hosts",
                                                      "gpus",
                                                      "group_add",
                                                      "healthcheck",
                                                      "hostname",
                                                      "image",
                                                      "init",
                                                      "ipc",
                                                      "isolation",
                                                      "label_file",
                                                      "labels",
                                                      "links",
                                                      "logging",
                                                      "mac_address",
                                                      "mem_limit",
                                                      "mem_reservation",
                                                      "mem_swappiness",
                                                      "memswap_limit",
                                                      "models",
                                                      "network_mode",
                                                      "networks",
                                                      "oom_kill_disable",
                                                      "oom_score_adj",
                                                      "pid",
                                                      "pids_limit",
                                                      "platform",
                                                      "ports",
                                                      "post_start",
                                                      "pre_start",
                                                      "pre_stop",
                                                      "privileged",
                                                      "profiles",
                                                      "provider",
                                                      "pull_policy",
                                                      "pull_refresh_after",
                                                      "read_only",
                                                      "restart",
                                                      "runtime",
                                                      "scale",
                                                      "secrets",
                                                      "security_opt",
                                                      "shm_size",
                                                      "stdin_open",
                                                      "stop_grace_period",
                                                      "stop_signal",
                                                      "storage_opt",
                                                      "sysctls",
                                                      "tmpfs",
                                                      "tty",
                                                      "ulimits",
                                                      "use_api_socket",
                                                      "user",
                                                      "userns_mode",
                                                      "uts",
                                                      "volumes",
                                                      "volumes_from",
                                                      "working_dir"};
  return kKeys;
}

bool IsComposeTopLevelKey(std::string_view key) {
  const auto& keys = ComposeTopLevelKeys();
  return key.starts_with("x-") || std::binary_search(keys.begin(), keys.end(), key);
}

bool IsComposeServiceKey(std::string_view key) {
  const auto& keys = ComposeServiceKeys();
  return key.starts_with("x-") || std::binary_search(keys.begin(), keys.end(), key);
}

}  // namespace docklint::model
