// The compose checks, one class per file beside this header; each file defines its class in an anonymous
// namespace and exposes only its factory here, for the one sorted list in check_registry.cc.
#ifndef DOCKLINT_RULES_CHECKS_COMPOSE_CHECKS_H_
#define DOCKLINT_RULES_CHECKS_COMPOSE_CHECKS_H_

#include <memory>

#include "rules/compose_check.h"

namespace docklint::rules::checks {

std::unique_ptr<ComposeCheck> MakeComposeBuiltImage();
std::unique_ptr<ComposeCheck> MakeComposeHealthcheckDisabled();
std::unique_ptr<ComposeCheck> MakeComposeHostPathMounted();
std::unique_ptr<ComposeCheck> MakeComposeImageTag();
std::unique_ptr<ComposeCheck> MakeComposeMountPropagation();
std::unique_ptr<ComposeCheck> MakeComposeNoNewPrivileges();
std::unique_ptr<ComposeCheck> MakeComposePublishedPort();
std::unique_ptr<ComposeCheck> MakeComposeResourceLimit();
std::unique_ptr<ComposeCheck> MakeComposeRestartPolicy();
std::unique_ptr<ComposeCheck> MakeComposeRootUser();
std::unique_ptr<ComposeCheck> MakeComposeSecretInEnvironment();
std::unique_ptr<ComposeCheck> MakeComposeServiceSetting();

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_COMPOSE_CHECKS_H_
