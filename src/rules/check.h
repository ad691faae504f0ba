// The interface of rules decided by C++ code: one class per file in rules/checks/, registered by name
// in check_registry.cc.
#ifndef DOCKLINT_RULES_CHECK_H_
#define DOCKLINT_RULES_CHECK_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "model/host_config.h"
#include "parsers/audit_rules.h"
#include "rules/rule.h"

namespace docklint::rules {

// Everything a check may read about the host.
// The host's audit rules as auditd loads them (rules.d merged by augenrules, else audit.rules).
struct AuditContext {
  parsers::AuditRules rules;
  base::SourceSpan anchor;  // the start of the first rules file, for findings about a missing rule
};

struct HostContext {
  const model::HostConfig& config;
  const AuditContext* audit = nullptr;  // null when the host has no audit rules files
  // "docker.service" / "docker.socket" -> the unit file systemd loads; "dockerd" -> ExecStart's executable.
  std::map<std::string, std::string> unit_paths;
  // Whether an absolute path exists on the host; null when only some files were given (unknown).
  std::function<bool(const std::string&)> path_exists;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view Name() const = 0;
  // Appends findings for `rule` (id, severity, references are filled in by the engine). Returns false when
  // the control does not apply to this host (N/A), e.g. a socket check on a host without docker.socket.
  virtual bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const = 0;
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_CHECK_H_
