// Reading values of a merged compose service for the compose checks: nested keys, numbers, and whether a
// value was written literally or came from a variable.
#ifndef DOCKLINT_RULES_CHECKS_COMPOSE_VALUES_H_
#define DOCKLINT_RULES_CHECKS_COMPOSE_VALUES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/compose_project.h"

namespace docklint::rules::checks {

// The value at a path of keys below `node` ({"deploy", "resources", "limits", "pids"}), or null.
const model::ComposeNode* FindPath(const model::ComposeNode& node, const std::vector<std::string_view>& keys);

// The path as compose's error messages spell it: "deploy.resources.limits.pids".
std::string PathName(const std::vector<std::string_view>& keys);

// Whether the value was interpolated from a variable (of the project's .env, or unset there and so left to
// the shell that runs compose).
inline bool IsInterpolated(const model::ComposeNode& node) { return !node.origin_note.empty(); }

// The number a scalar starts with ("512" of "512m", "-1", "0.5"), or nullopt when it starts with none.
std::optional<double> LeadingNumber(const model::ComposeNode& node);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_COMPOSE_VALUES_H_
