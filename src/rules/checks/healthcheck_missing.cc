// CIS 4.6: the final stage of an image that serves on the network has no HEALTHCHECK, or turns it off.
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/final_image.h"

namespace docklint::rules::checks {
namespace {

class HealthcheckMissing : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "healthcheck-missing"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    FinalImage image = DescribeFinalImage(dockerfile.model);
    if (image.stage == nullptr || image.files_only) return;  // nothing runs in it
    const model::Instruction* healthcheck = nullptr;
    for (const model::Stage* stage : image.chain) {
      for (auto it = stage->body.rbegin(); it != stage->body.rend() && healthcheck == nullptr; ++it) {
        if (it->keyword == model::Keyword::kHealthcheck) healthcheck = it->instruction;
      }
      if (healthcheck != nullptr) break;
    }
    if (healthcheck == nullptr) {
      // Only a service has a health to check: an image that EXPOSEs a port. A base, SDK, tooling or job
      // image without one gets no finding.
      if (!image.exposes || image.kubernetes) return;
      findings->push_back(
          FindingAt(image.stage->from->keyword_span,
                    ShippedStageTitle(dockerfile.model, image, true) +
                        " serves on a port (EXPOSE) but has no HEALTHCHECK: nothing tells the engine whether "
                        "the service works"));
      return;
    }
    if (!healthcheck->args.empty() && base::Lower(healthcheck->args.front().value) == "none") {
      findings->push_back(
          FindingAt(healthcheck->span, "HEALTHCHECK NONE turns off the base image's health check"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeHealthcheckMissing() { return std::make_unique<HealthcheckMissing>(); }

}  // namespace docklint::rules::checks
