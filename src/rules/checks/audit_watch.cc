#include "rules/checks/audit_watch.h"

#include "rules/checks/rule_path.h"

namespace docklint::rules::checks {

bool AuditWatch::Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const {
  // Without any audit rules file the host does not configure auditd at all: nothing to judge here.
  if (!host.audit) return false;
  std::string path = RulePath(host, rule);
  if (path.empty()) return false;
  // Binaries and files of other releases or distributions (docker-runc, /etc/sysconfig/docker on Debian)
  // need no audit rule where they do not exist.
  if (auto it = rule.params.find("if_present");
      it != rule.params.end() && it->second == "true" && host.path_exists && !host.path_exists(path)) {
    return false;
  }
  if (host.audit->FindCoveringRule(path) != nullptr) return true;
  base::Finding finding;
  finding.message = "no audit rule records writes to " + path + "; add \"-w " + path + " -p wa -k docker\"";
  finding.location = base::Location::Of(host.audit->anchor);
  findings->push_back(std::move(finding));
  return true;
}

std::string AuditWatch::CheckParams(const std::map<std::string, std::string>& params) const {
  return CheckPathParams(params, {"path", "path_setting", "path_from", "if_present"}, true);
}

}  // namespace docklint::rules::checks
