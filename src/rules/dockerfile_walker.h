// The one walk over a Dockerfile that drives the selected Dockerfile checks, as hadolint's simpleRule does:
// each instruction goes to the checks that registered for its keyword, then each check's whole-file hook
// runs. No check walks the file itself.
#ifndef DOCKLINT_RULES_DOCKERFILE_WALKER_H_
#define DOCKLINT_RULES_DOCKERFILE_WALKER_H_

#include <array>
#include <vector>

#include "base/finding.h"
#include "model/dockerfile_keyword.h"
#include "rules/dockerfile_check.h"
#include "rules/rule.h"

namespace docklint::rules {

class DockerfileWalker {
 public:
  // A selected rule and the check that decides it.
  struct Selected {
    const Rule* rule = nullptr;
    const DockerfileCheck* check = nullptr;
  };

  explicit DockerfileWalker(std::vector<Selected> selected);

  // Walks model.all_instructions() once, ONBUILD triggers included, calling each selected check for the
  // instructions of its Keywords() and then its whole-file hook. Returns one list of findings per selected
  // rule, in the order given, each in the order its check made them (not stamped with the rule).
  std::vector<std::vector<base::Finding>> Walk(const DockerfileContext& dockerfile) const;

 private:
  std::vector<Selected> selected_;
  // For each keyword, the indexes in selected_ of the checks that read it, in order.
  std::array<std::vector<size_t>, model::kKeywordCount> readers_;
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DOCKERFILE_WALKER_H_
