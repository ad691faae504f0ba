// The interface of compose rules decided by C++ code: a check reads a compose project
// (model/compose_project.h) and appends findings, usually one per service. One class per file in
// rules/checks/, registered by name in check_registry.cc beside the host and Dockerfile checks.
#ifndef DOCKLINT_RULES_COMPOSE_CHECK_H_
#define DOCKLINT_RULES_COMPOSE_CHECK_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "model/compose_project.h"
#include "model/host_config.h"
#include "rules/rule.h"

namespace docklint::rules {

struct ComposeContext {
  const model::ComposeProject& project;
  // The configuration of the dockerd that runs the project, when the project was found in a host tree:
  // its settings are the services' defaults (no-new-privileges, the `ip` published ports bind to). Null
  // when unknown (a repository's project): a check then judges the service alone.
  const model::HostConfig* daemon = nullptr;
};

class ComposeCheck {
 public:
  virtual ~ComposeCheck() = default;
  virtual std::string_view Name() const = 0;
  // Appends findings for `rule` (id, severity, references are filled in by the engine).
  virtual void Run(const ComposeContext& compose, const Rule& rule,
                   std::vector<base::Finding>* findings) const = 0;
  // Whether the files decide `service` for `rule`; a service they do not (its image is pulled, and what it
  // holds is unknown here) is reported as INFO in the summary instead of PASS.
  virtual bool Judges(const ComposeContext& /*compose*/, const Rule& /*rule*/,
                      const model::ComposeService& /*service*/) const {
    return true;
  }
  // Called when a ruleset is loaded: an error message for params this check cannot use, else "".
  virtual std::string CheckParams(const std::map<std::string, std::string>& params) const {
    return params.empty() ? "" : "check '" + std::string(Name()) + "' takes no params";
  }
};

// A finding about `service` at `value` (the value that decides it, else the service's name), naming the
// service, its profiles and, for an interpolated value, the variables it came from.
base::Finding ServiceFinding(const model::ComposeProject& project, const model::ComposeService& service,
                             const model::ComposeNode* value, const std::string& message);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_COMPOSE_CHECK_H_
