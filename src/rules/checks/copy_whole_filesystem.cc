// hadolint DL3067: COPY --from=<stage or image> / /, the whole filesystem of another stage over this one.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class CopyWholeFilesystem : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "copy-whole-filesystem"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kCopy}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& copy, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const parsers::DockerfileFlag* from = copy->FindFlag("from");
    if (from == nullptr || copy->args.size() < 2) return;
    const model::DockerfileModel& model = dockerfile.model;
    if (model.Arg(*copy, copy->args.size() - 1) != "/") return;
    for (size_t i = 0; i + 1 < copy->args.size(); ++i) {
      if (model.Arg(*copy, i) != "/") continue;
      findings->push_back(
          FindingAt(copy->keyword_span, "COPY --from=" + from->value.value_or("") +
                                            " / / copies a whole filesystem over this stage; copy the "
                                            "directories it needs"));
      return;
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyWholeFilesystem() { return std::make_unique<CopyWholeFilesystem>(); }

}  // namespace docklint::rules::checks
