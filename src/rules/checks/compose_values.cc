#include "rules/checks/compose_values.h"

#include <cctype>
#include <cstdlib>

#include "base/strings.h"

namespace docklint::rules::checks {

const model::ComposeNode* FindPath(const model::ComposeNode& node,
                                   const std::vector<std::string_view>& keys) {
  const model::ComposeNode* at = &node;
  for (std::string_view key : keys) {
    if (!at->IsMapping()) return nullptr;
    at = at->Find(key);
    if (at == nullptr) return nullptr;
  }
  return at;
}

std::string PathName(const std::vector<std::string_view>& keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += '.';
    out += key;
  }
  return out;
}

std::optional<double> LeadingNumber(const model::ComposeNode& node) {
  if (!node.IsScalar()) return std::nullopt;
  std::string text(base::Trim(node.value));
  size_t digits = text.find_first_of("0123456789");
  // Only a sign or a point may come before the first digit: "-1", "+2", ".5", "-.5".
  if (digits == std::string::npos || text.find_first_not_of("+-.") < digits) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  return value;
}

}  // namespace docklint::rules::checks
