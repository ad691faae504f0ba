// COPY --from=<image> naming an image (not a stage of the file, by name or index) by a path with a
// registry or namespace, without a tag or digest: the files come from whatever :latest is that day, as an
// untagged FROM (DKL3013) would take it. Bare names are left to copy-from-stage (DKL3023), which calls
// them a likely typo of a stage name; values with a variable are left out. A name given with `--build-context
// NAME=...` replaces the image, which the Dockerfile cannot tell; such a name is reported too.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class CopyFromImageTag : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "copy-from-image-tag"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kCopy}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& copy, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (copy.trigger || copy.stage < 0) return;  // an ONBUILD COPY runs among another file's stages
    const parsers::DockerfileFlag* from = copy->FindFlag("from");
    if (from == nullptr || !from->value || from->value->empty()) return;
    const std::string& image = *from->value;
    if (image.find('$') != std::string::npos || image == "scratch") return;
    if (std::all_of(image.begin(), image.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    const model::DockerfileModel& model = dockerfile.model;
    if (model.FindStage(image, static_cast<size_t>(copy.stage) + 1) >= 0 || model.FindAnyStage(image) >= 0)
      return;
    // A bare name is DKL3023's (copy-from-stage): most likely a typo of a stage name.
    if (image.find_first_of("/.:") == std::string::npos) return;
    if (image.find('@') != std::string::npos) return;
    size_t slash = image.rfind('/');
    if (image.find(':', slash == std::string::npos ? 0 : slash) != std::string::npos) return;
    findings->push_back(FindingAt(from->value_span, "COPY --from=" + image +
                                                        " takes files from an image without a tag or "
                                                        "digest: whatever :latest is that day; pin a tag or "
                                                        "digest"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyFromImageTag() { return std::make_unique<CopyFromImageTag>(); }

}  // namespace docklint::rules::checks
