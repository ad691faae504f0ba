// The host path a path-taking check looks at, from the rule's params: `path` (a literal), `path_setting`
// (a setting that holds a path, e.g. data-root or tlscacert; its default counts), or `path_from` (a file
// the host model found: the unit file systemd loads for "docker.service" / "docker.socket", the ExecStart
// executable for "dockerd"), which wins over `path`.
#ifndef DOCKLINT_RULES_CHECKS_RULE_PATH_H_
#define DOCKLINT_RULES_CHECKS_RULE_PATH_H_

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "rules/check.h"

namespace docklint::rules::checks {

// Empty when the params name nothing on this host (an unset setting without default, a missing unit).
std::string RulePath(const HostContext& host, const Rule& rule);

// An error for a param outside `allowed` (a null-terminated list), or for a path_setting that is no
// setting, or for none of path/path_setting/path_from when `need_path`; else "".
std::string CheckPathParams(const std::map<std::string, std::string>& params,
                            std::initializer_list<std::string_view> allowed, bool need_path);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_RULE_PATH_H_
