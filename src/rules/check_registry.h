// The one registry of checks written in C++, host and Dockerfile checks each in one sorted list
// (check_registry.cc): rulesets name a check, and the loader and the engine find it here.
#ifndef DOCKLINT_RULES_CHECK_REGISTRY_H_
#define DOCKLINT_RULES_CHECK_REGISTRY_H_

#include <string_view>

#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/dockerfile_check.h"

namespace docklint::rules {

// The check registered under `name`, or nullptr.
const Check* FindCheck(std::string_view name);
// The Dockerfile check registered under `name`, or nullptr.
const DockerfileCheck* FindDockerfileCheck(std::string_view name);
// The compose check registered under `name`, or nullptr.
const ComposeCheck* FindComposeCheck(std::string_view name);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_CHECK_REGISTRY_H_
