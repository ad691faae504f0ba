// CIS 4.6: the final stage has no HEALTHCHECK, or turns it off.
#include <set>

#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

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
    const model::DockerfileModel& model = dockerfile.model;
    const model::Stage* final_stage = model.final_stage();
    if (final_stage == nullptr || IsFilesOnlyStage(model, *final_stage)) return;  // nothing runs in it
    const model::Instruction* healthcheck = nullptr;
    const model::Stage* stage = final_stage;
    std::set<size_t> seen;
    while (stage != nullptr && healthcheck == nullptr && seen.insert(stage->index).second) {
      for (auto it = stage->body.rbegin(); it != stage->body.rend() && healthcheck == nullptr; ++it) {
        if (it->keyword == model::Keyword::kHealthcheck) healthcheck = it->instruction;
      }
      stage = stage->base_stage >= 0 ? &model.stages()[static_cast<size_t>(stage->base_stage)] : nullptr;
    }
    if (healthcheck == nullptr) {
      findings->push_back(
          FindingAt(final_stage->from->keyword_span,
                    "the final stage (FROM " + final_stage->base +
                        ") has no HEALTHCHECK: nothing tells the engine whether the service works"));
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
