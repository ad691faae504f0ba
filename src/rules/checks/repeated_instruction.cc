// hadolint DL3012/DL4003/DL4004, BuildKit MultipleInstructionsDisallowed: a stage repeats CMD, ENTRYPOINT or
// HEALTHCHECK (param `instruction`), and only the last one takes effect.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class RepeatedInstruction : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "repeated-instruction"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("instruction");
    if (params.size() != 1 || it == params.end()) return "needs exactly the param 'instruction'";
    model::Keyword keyword = model::KeywordOf(it->second);
    if (keyword != model::Keyword::kCmd && keyword != model::Keyword::kEntrypoint &&
        keyword != model::Keyword::kHealthcheck) {
      return "instruction must be cmd, entrypoint or healthcheck";
    }
    return "";
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule& rule,
              std::vector<base::Finding>* findings) const override {
    model::Keyword keyword = model::KeywordOf(rule.params.at("instruction"));
    std::string upper(model::KeywordName(keyword));
    for (const model::Stage& stage : dockerfile.model.stages()) {
      std::vector<const model::Instruction*> found;
      for (const model::InstructionRef& instruction : stage.body) {
        if (instruction.keyword == keyword) found.push_back(instruction.instruction);
      }
      for (size_t i = 0; i + 1 < found.size(); ++i) {
        findings->push_back(
            FindingAt(found[i]->keyword_span, "only the last " + upper +
                                                  " of a stage takes effect: this one is replaced by line " +
                                                  std::to_string(found.back()->start_line)));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeRepeatedInstruction() { return std::make_unique<RepeatedInstruction>(); }

}  // namespace docklint::rules::checks
