#include "rules/checks/audit_watch.h"

namespace docklint::rules::checks {

bool AuditWatch::Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const {
  // Without any audit rules file the host does not configure auditd at all: nothing to judge here.
  if (host.audit == nullptr) return false;
  std::string path;
  if (auto it = rule.params.find("path"); it != rule.params.end()) path = it->second;
  if (auto it = rule.params.find("path_setting"); it != rule.params.end()) {
    nlohmann::json value = host.config.ValueOrDefault(it->second);
    if (value.is_string()) path = value.get<std::string>();
  }
  if (auto it = rule.params.find("path_from"); it != rule.params.end()) {
    auto found = host.unit_paths.find(it->second);
    if (found != host.unit_paths.end()) {
      path = found->second;
    } else if (path.empty()) {
      return false;  // no such unit on this host, and no default path
    }
  }
  if (path.empty()) return false;
  // Binaries and files of other releases or distributions (docker-runc, /etc/sysconfig/docker on Debian)
  // need no audit rule where they do not exist.
  if (auto it = rule.params.find("if_present");
      it != rule.params.end() && it->second == "true" && host.path_exists && !host.path_exists(path)) {
    return false;
  }
  if (host.audit->rules.FindCoveringRule(path) != nullptr) return true;
  base::Finding finding;
  finding.message = "no audit rule records writes to " + path + "; add \"-w " + path + " -p wa -k docker\"";
  finding.location = base::Location::Of(host.audit->anchor);
  findings->push_back(std::move(finding));
  return true;
}

}  // namespace docklint::rules::checks
