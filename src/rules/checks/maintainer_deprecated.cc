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
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kMaintainer}; }
  void OnInstruction(const DockerfileContext&, const model::InstructionRef& maintainer, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    findings->push_back(
        FindingAt(maintainer->keyword_span,
                  "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=..."));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeMaintainerDeprecated() {
  return std::make_unique<MaintainerDeprecated>();
}

}  // namespace docklint::rules::checks
