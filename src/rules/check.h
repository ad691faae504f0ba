// The interface of host rules decided by C++ code: one class per file in rules/checks/, registered by name
// in check_registry.cc. A check reads the host model and appends findings.
#ifndef DOCKLINT_RULES_CHECK_H_
#define DOCKLINT_RULES_CHECK_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "model/host_model.h"
#include "rules/rule.h"

namespace docklint::rules {

// Everything a check may read about the host: the host model (model/host_model.h).
using HostContext = model::HostModel;

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
