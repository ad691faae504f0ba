// The host path a path-taking check looks at, from the rule's params: `path` (a literal), `path_setting`
// (a setting that holds a path, e.g. data-root or tlscacert; its default counts), or `path_from` (a file
// the host model found: the unit file systemd loads for "docker.service" / "docker.socket", the ExecStart
// executable for "dockerd"), which wins over `path`.
#ifndef DOCKLINT_RULES_CHECKS_RULE_PATH_H_
#define DOCKLINT_RULES_CHECKS_RULE_PATH_H_

#include <string>

#include "rules/check.h"

namespace docklint::rules::checks {

// Empty when the params name nothing on this host (an unset setting without default, a missing unit).
std::string RulePath(const HostContext& host, const Rule& rule);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_RULE_PATH_H_
