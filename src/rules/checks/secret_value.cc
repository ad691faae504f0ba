// CIS 4.10: text of an instruction that looks like a credential (rules/checks/secret_patterns.h), matched
// over each instruction's own bytes, so comments between instructions are never scanned, and matches in
// comment lines inside a continuation are dropped.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/secret_patterns.h"

namespace docklint::rules::checks {
namespace {

class SecretValue : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-value"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  // The text of every instruction, whatever its keyword.
  std::vector<model::Keyword> Keywords() const override {
    std::vector<model::Keyword> all;
    for (size_t k = 0; k < model::kKeywordCount; ++k) all.push_back(static_cast<model::Keyword>(k));
    return all;
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    if (instruction.trigger) return;  // its text is its ONBUILD's, read there
    const base::SourceFile* file = dockerfile.model.file().file;
    const std::vector<parsers::DockerfileComment>& comments = dockerfile.model.file().comments;
    std::string_view text = instruction->span.text();
    for (const SecretMatch& match : FindSecretValues(text)) {
      // A comment line inside a continuation is dropped by BuildKit: it is in no layer.
      uint32_t at = instruction->span.begin + static_cast<uint32_t>(match.begin);
      if (std::any_of(comments.begin(), comments.end(), [&](const parsers::DockerfileComment& comment) {
            return at >= comment.span.begin && at < comment.span.end;
          })) {
        continue;
      }
      base::SourceSpan span{file, instruction->span.begin + static_cast<uint32_t>(match.begin),
                            instruction->span.begin + static_cast<uint32_t>(match.end)};
      findings->push_back(FindingAt(span, "this looks like " + match.what +
                                              ": it is in the repository and in every image built from it; "
                                              "remove and rotate it"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSecretValue() { return std::make_unique<SecretValue>(); }

}  // namespace docklint::rules::checks
