// hadolint DL3045: COPY to a relative destination in a stage where no WORKDIR was set, in the stage or in
// the earlier stages it is built FROM. The files then land in whatever directory the base image left.
#include <vector>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

struct WorkdirSet {
  std::vector<bool> stages;  // by stage index: a WORKDIR was set in it or in a stage it is built FROM
};

class CopyRelativeWithoutWorkdir : public DockerfileCheckWithState<WorkdirSet> {
 public:
  std::string_view Name() const override { return "copy-relative-without-workdir"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kFrom, model::Keyword::kWorkdir, model::Keyword::kCopy};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            WorkdirSet* state, std::vector<base::Finding>* findings) const override {
    if (instruction.trigger || instruction.stage < 0) return;
    const model::DockerfileModel& model = dockerfile.model;
    size_t stage = static_cast<size_t>(instruction.stage);
    if (state->stages.size() <= stage) state->stages.resize(stage + 1, false);
    switch (instruction.keyword) {
      case model::Keyword::kFrom: {
        int base = model.stages()[stage].base_stage;
        state->stages[stage] = base >= 0 && state->stages[static_cast<size_t>(base)];
        return;
      }
      case model::Keyword::kWorkdir:
        state->stages[stage] = true;
        return;
      default:
        break;
    }
    if (state->stages[stage] || instruction->args.size() < 2) return;
    std::string dest = model.Arg(*instruction, instruction->args.size() - 1);
    if (dest.starts_with('/') || dest.starts_with('$')) return;
    bool windows_drive = dest.size() >= 2 && dest[1] == ':' &&
                         ((dest[0] >= 'a' && dest[0] <= 'z') || (dest[0] >= 'A' && dest[0] <= 'Z'));
    if (windows_drive) return;
    findings->push_back(FindingAt(instruction->args.back().span,
                                  "COPY to the relative path " + dest +
                                      " with no WORKDIR set in this stage: it lands in whatever directory "
                                      "the base image left; set WORKDIR or copy to an absolute path"));
  }
  void Done(const DockerfileContext&, const Rule&, WorkdirSet*, std::vector<base::Finding>*) const override {}
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyRelativeWithoutWorkdir() {
  return std::make_unique<CopyRelativeWithoutWorkdir>();
}

}  // namespace docklint::rules::checks
