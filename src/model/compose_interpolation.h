// Compose's variable interpolation in a value ($VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:+alt}, ${VAR+alt}, ${VAR:?error}, ${VAR?error}, nested templates, $$ for a dollar), as compose-go's
// template package does it, including its corners: a braced form with an operator runs to the last '}' of
// the line and is then cut at its matching brace; `$` before anything else is kept; "${" that starts no
// valid form is an invalid template. Every variable read is recorded, so a finding can say where a value
// came from.
#ifndef DOCKLINT_MODEL_COMPOSE_INTERPOLATION_H_
#define DOCKLINT_MODEL_COMPOSE_INTERPOLATION_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::model {

// A variable's value, or nullopt when it is not set.
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

struct InterpolatedValue {
  std::string value;
  struct Use {
    std::string name;
    bool set = false;
  };
  std::vector<Use> variables;  // every variable looked up, in order
  // What Compose refuses whatever the environment, as its message: an invalid template.
  std::string error;
  // A required variable (${VAR:?message}) without a value here: Compose refuses unless the shell that runs
  // it sets the variable, which a file at rest cannot tell.
  std::string required_missing;
  std::vector<std::string> unset_warnings;  // variables used without a value or a default
};

InterpolatedValue Interpolate(std::string_view text, const VariableLookup& lookup);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_COMPOSE_INTERPOLATION_H_
