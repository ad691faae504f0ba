// The interface of rules decided by C++ code: one class per file in rules/checks/, registered by name
// in check_registry.cc.
#ifndef DOCKLINT_RULES_CHECK_H_
#define DOCKLINT_RULES_CHECK_H_

#include <functional>
#include <map>
#include <optional>
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

// Owner and mode of a file of the host tree, for the Benchmark's section 3.
struct FileStatus {
  bool is_directory = false;
  unsigned mode = 0;  // 07777
  unsigned uid = 0;
  unsigned gid = 0;
  std::string user;   // the name the tree's etc/passwd gives the uid ("root" for 0), else empty
  std::string group;  // likewise from etc/group
  std::string display_path;
};

// The files of a host tree as far as checks may look at them; absolute host paths.
struct HostFiles {
  // nullopt when the path does not exist (or is a link loop).
  std::function<std::optional<FileStatus>(const std::string&)> stat;
  std::function<std::vector<std::string>(const std::string&)> regular_files_under;
};

struct HostContext {
  const model::HostConfig& config;
  const AuditContext* audit = nullptr;  // null when the host has no audit rules files
  // Files the host model found, by role: "docker.service" / "docker.socket" -> the unit file systemd loads;
  // "dockerd" -> ExecStart's executable; "daemon.json" -> the configuration file dockerd reads.
  std::map<std::string, std::string> found_paths = {};
  // Whether an absolute path exists on the host; null when only some files were given (unknown).
  std::function<bool(const std::string&)> path_exists = {};
  // Drop-ins applied to a unit ("docker.service" -> host paths), in the order systemd applies them.
  std::map<std::string, std::vector<std::string>> unit_dropin_paths = {};
  // Null when only some files were given, or when the tree's owners and modes are not the host's.
  const HostFiles* files = nullptr;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view Name() const = 0;
  // Appends findings for `rule` (id, severity, references are filled in by the engine). Returns false when
  // the control does not apply to this host (N/A), e.g. a socket check on a host without docker.socket.
  virtual bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const = 0;
  // Called when a ruleset is loaded: an error message for params this check cannot use, else "". A
  // mistake in a user's ruleset must stop the load, not make the rule silently N/A.
  virtual std::string CheckParams(const std::map<std::string, std::string>& params) const {
    return params.empty() ? "" : "check '" + std::string(Name()) + "' takes no params";
  }
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_CHECK_H_
