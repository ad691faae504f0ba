// Loading rulesets (TOML) into rules, with errors that name file:line:column.
#ifndef DOCKLINT_RULES_RULESET_H_
#define DOCKLINT_RULES_RULESET_H_

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace docklint::rules {

class Ruleset {
 public:
  // Parses one ruleset file and adds its rules. On error returns false and appends messages of the form
  // "path:line:column: error: ..." to `errors`; rules loaded before the error stay.
  bool Load(std::string_view path, std::string_view text, std::vector<std::string>* errors);
  // Adds the rules of rulesets/*.toml, checked and compiled into the binary when it was built.
  bool LoadBuiltin(std::vector<std::string>* errors);

  const std::vector<Rule>& rules() const { return rules_; }
  const Rule* FindById(std::string_view id) const;
  const Rule* FindByName(std::string_view name) const;

 private:
  std::vector<Rule> rules_;
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_RULESET_H_
