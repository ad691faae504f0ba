// BuildKit ConsistentInstructionCasing: instruction keywords written in mixed case (`From`), or in the case
// the file's majority does not use. Counted as BuildKit counts them: each FROM and each instruction of a
// stage (not the ARGs before the first FROM, not ONBUILD triggers) that is all lower or all upper case; the
// majority is lower case only when strictly more are.
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

class InstructionCasing : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "instruction-casing"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    std::vector<const model::Instruction*> counted;
    for (const model::InstructionRef& ref : dockerfile.model.all_instructions()) {
      // BuildKit refuses a file with an unknown instruction (a template's `{{...}}` line) before it lints.
      if (ref.trigger || ref.stage < 0 || ref.keyword == model::Keyword::kUnknown) continue;
      counted.push_back(ref.instruction);
    }
    size_t lower = 0, upper = 0;
    for (const model::Instruction* instruction : counted) {
      std::string_view keyword = instruction->keyword_span.text();
      if (keyword == base::Lower(keyword)) {
        ++lower;
      } else if (keyword == Upper(keyword)) {
        ++upper;
      }
    }
    bool majority_lower = lower > upper;
    for (const model::Instruction* instruction : counted) {
      std::string_view keyword = instruction->keyword_span.text();
      std::string expected = majority_lower ? base::Lower(keyword) : Upper(keyword);
      if (keyword == expected) continue;
      findings->push_back(FindingAt(instruction->keyword_span,
                                    "'" + std::string(keyword) + "' should match the case of the file's " +
                                        (majority_lower ? "lowercase" : "uppercase") + " instructions: '" +
                                        expected + "'"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeInstructionCasing() { return std::make_unique<InstructionCasing>(); }

}  // namespace docklint::rules::checks
