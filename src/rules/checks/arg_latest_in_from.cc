// FROM names its image through an ARG whose default makes it :latest (`ARG TAG=latest` then
// `FROM node:${TAG}`, or `ARG IMAGE=node:latest` then `FROM ${IMAGE}`): without a --build-arg the build
// follows :latest, which DKL3014 (FROM ...:latest) cannot see behind the variable. Read as BuildKit
// expands FROM, with the defaults of the ARGs before the first FROM; a digest pins it.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ArgLatestInFrom : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "arg-latest-in-from"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    for (const model::Stage& stage : dockerfile.model.stages()) {
      if (stage.from == nullptr || stage.from->args.empty() || stage.base_stage >= 0) continue;
      if (stage.base.find('$') == std::string::npos || stage.resolved_base.empty()) continue;
      const std::string& image = stage.resolved_base;
      if (image.find('@') != std::string::npos) continue;
      size_t slash = image.rfind('/');
      size_t colon = image.find(':', slash == std::string::npos ? 0 : slash);
      if (colon == std::string::npos || image.substr(colon + 1) != "latest") continue;
      findings->push_back(FindingAt(stage.from->args.front().span,
                                    "FROM " + stage.base + " is " + image +
                                        " with the ARG defaults: :latest moves; give the ARG a version "
                                        "tag as its default"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeArgLatestInFrom() { return std::make_unique<ArgLatestInFrom>(); }

}  // namespace docklint::rules::checks
