// CIS 4.1: the image the Dockerfile ships (its final stage) runs as root.
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// Images whose names say they already run as an unprivileged user (distroless :nonroot,
// nginx-unprivileged, ...): a final stage FROM one of them without USER is not root. Microsoft's .NET
// -chiseled images set USER app themselves.
bool NamedNonRoot(std::string_view image) {
  for (std::string_view marker : {"nonroot", "non-root", "unprivileged", "rootless", "chiseled"}) {
    if (image.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

bool IsRoot(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

class FinalStageUser : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "final-stage-user"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    const model::Stage* final_stage = model.final_stage();
    if (final_stage == nullptr || IsFilesOnlyStage(model, *final_stage)) return;  // nothing runs in it
    // The last USER of the final stage, else of the stage it is built FROM, and so on.
    const model::Instruction* user = nullptr;
    const model::Stage* stage = final_stage;
    std::set<size_t> seen;
    while (stage != nullptr && user == nullptr && seen.insert(stage->index).second) {
      for (auto it = stage->body.rbegin(); it != stage->body.rend() && user == nullptr; ++it) {
        if (it->keyword == model::Keyword::kUser && !(*it)->args.empty()) user = it->instruction;
      }
      if (user == nullptr && stage->base_stage < 0 &&
          (NamedNonRoot(stage->base) || NamedNonRoot(stage->resolved_base))) {
        return;
      }
      stage = stage->base_stage >= 0 ? &model.stages()[static_cast<size_t>(stage->base_stage)] : nullptr;
    }
    if (user == nullptr) {
      findings->push_back(
          FindingAt(final_stage->from->keyword_span,
                    "the final stage (FROM " + final_stage->base +
                        ") sets no USER: the image runs as its base image's user, which is root "
                        "for most images; add a USER that is not root"));
      return;
    }
    const parsers::DockerfileWord& value = user->args.front();
    std::string name = model.Arg(*user, 0);
    if (name.find('$') != std::string::npos) return;  // from a variable: not known to be root
    if (IsRoot(name)) {
      findings->push_back(FindingAt(value.span, "the final stage runs as root (USER " + value.value +
                                                    "); switch to an unprivileged user before the end"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeFinalStageUser() { return std::make_unique<FinalStageUser>(); }

}  // namespace docklint::rules::checks
