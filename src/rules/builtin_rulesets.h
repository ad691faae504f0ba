// The rulesets compiled into the binary (rulesets/*.toml, embedded by cmake/embed_rulesets.cmake).
#ifndef DOCKLINT_RULES_BUILTIN_RULESETS_H_
#define DOCKLINT_RULES_BUILTIN_RULESETS_H_

#include <string_view>
#include <vector>

namespace docklint::rules {

struct EmbeddedRuleset {
  std::string_view path;     // as shown in errors: "rulesets/<name>.toml"
  std::string_view content;  // the TOML text
};

const std::vector<EmbeddedRuleset>& BuiltinRulesets();

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_BUILTIN_RULESETS_H_
