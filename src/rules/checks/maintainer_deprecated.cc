// hadolint DL4000, BuildKit MaintainerDeprecated.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class MaintainerDeprecated : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "maintainer-deprecated"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void Run(const DockerfileContext& dockerfile, const Rule&,
           std::vector<base::Finding>* findings) const override {
    for (const model::Instruction* instruction : dockerfile.model.all_instructions()) {
      if (instruction->keyword != "maintainer") continue;
      findings->push_back(
          FindingAt(instruction->keyword_span,
                    "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=..."));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeMaintainerDeprecated() {
  return std::make_unique<MaintainerDeprecated>();
}

}  // namespace docklint::rules::checks
