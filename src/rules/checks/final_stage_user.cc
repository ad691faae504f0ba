// CIS 4.1: the image the Dockerfile ships (its final stage) runs as root.
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/final_image.h"

namespace docklint::rules::checks {
namespace {

bool IsRoot(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

class FinalStageUser : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "final-stage-user"; }
  // finds = "root": the last USER is root; "no-user": no USER at all (the base image's user).
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("finds");
    if (params.size() != 1 || it == params.end() || (it->second != "root" && it->second != "no-user"))
      return "needs the param finds = \"root\" or \"no-user\"";
    return "";
  }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule& rule,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    bool finds_no_user = rule.params.at("finds") == "no-user";
    FinalImage image = DescribeFinalImage(model);
    // Nothing runs in a files-only image; a Windows image has no root user in this sense; an entrypoint
    // that drops root itself (gosu, su-exec) is how the official images run their service.
    if (image.stage == nullptr || image.files_only || image.windows || image.drops_privileges) return;
    // The last USER of the final stage, else of the stage it is built FROM, and so on.
    const model::Instruction* user = nullptr;
    for (const model::Stage* stage : image.chain) {
      for (auto it = stage->body.rbegin(); it != stage->body.rend() && user == nullptr; ++it) {
        if (it->keyword == model::Keyword::kUser && !(*it)->args.empty()) user = it->instruction;
      }
      if (user != nullptr) break;
      if (stage->base_stage < 0 && (NamedNonRoot(stage->base) || NamedNonRoot(stage->resolved_base))) return;
    }
    if ((user == nullptr) != finds_no_user) return;
    if (user == nullptr) {
      // Only an image that starts a program of its own: a base, SDK or tooling image leaves the user to the
      // images built FROM it, and one that keeps its base image's command keeps how the base starts it (the
      // official images' entrypoints drop root themselves).
      if (!image.runs_program || UsesPrivilegeDropTool(model, image)) return;
      findings->push_back(
          FindingAt(image.stage->from->keyword_span,
                    ShippedStageTitle(model, image, true) +
                        " sets no USER: the image runs as its base image's user, which is root "
                        "for most images; add a USER that is not root"));
      return;
    }
    const parsers::DockerfileWord& value = user->args.front();
    std::string name = model.Arg(*user, 0);
    if (name.find('$') != std::string::npos) return;  // from a variable: not known to be root
    // An explicit USER root in a base or tooling image (no program of its own) is that image's documented
    // choice (gradle, cypress switch back to root on purpose): as with no USER, whoever runs it decides.
    if (IsRoot(name) && image.runs_program && !UsesPrivilegeDropTool(model, image)) {
      findings->push_back(FindingAt(value.span, ShippedStageTitle(model, image, false) +
                                                    " runs as root (USER " + value.value +
                                                    "); switch to an unprivileged user before the end"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeFinalStageUser() { return std::make_unique<FinalStageUser>(); }

}  // namespace docklint::rules::checks
