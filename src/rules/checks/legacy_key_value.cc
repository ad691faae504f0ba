// BuildKit LegacyKeyValueFormat: `ENV key value` or `LABEL key value`, the legacy form without '=' that sets
// one key to the rest of the line.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class LegacyKeyValue : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "legacy-key-value-format"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kEnv, model::Keyword::kLabel};
  }
  void OnInstruction(const DockerfileContext&, const model::InstructionRef& instruction, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (instruction.trigger || !instruction->legacy_key_value || instruction->args.size() != 2) return;
    std::string keyword(model::KeywordName(instruction.keyword));
    const std::string& key = instruction->args[0].value;
    findings->push_back(
        FindingAt(instruction->keyword_span, "legacy \"" + keyword + " key value\" form: write " + keyword +
                                                 " " + key + "=... (quote the value if it holds spaces)"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeLegacyKeyValue() { return std::make_unique<LegacyKeyValue>(); }

}  // namespace docklint::rules::checks
