// BuildKit InvalidDefinitionDescription (experimental): the comment right above an ARG or a named FROM reads
// as its description, and then should start with the name it describes. As BuildKit's parser gathers them:
// the comment lines since the previous instruction (blank lines do not end the run, an empty `#` does), the
// last of them judged.
#include <algorithm>

#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

class DefinitionDescription : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "definition-description"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const parsers::Dockerfile& file = dockerfile.model.file();
    size_t next_comment = 0;
    uint32_t previous_end = 0;
    for (const parsers::DockerfileInstruction& instruction : file.instructions) {
      // The comments between the previous instruction and this one, an empty `#` starting over.
      std::optional<std::string_view> last;
      for (; next_comment < file.comments.size() &&
             file.comments[next_comment].span.begin < instruction.span.begin;
           ++next_comment) {
        const parsers::DockerfileComment& comment = file.comments[next_comment];
        if (comment.span.begin < previous_end) continue;  // inside the previous instruction's continuation
        std::string_view text = TrimSpace(comment.text);
        last = text.empty() ? std::nullopt : std::optional<std::string_view>(text);
      }
      previous_end = instruction.span.end;
      if (!last) continue;
      model::Keyword keyword = model::KeywordOf(instruction.keyword);
      std::vector<std::string> names;
      if (keyword == model::Keyword::kArg) {
        for (const parsers::DockerfileWord& word : instruction.args) {
          names.push_back(word.value.substr(0, word.value.find('=')));
        }
      } else if (keyword == model::Keyword::kFrom && instruction.args.size() == 3 &&
                 base::Lower(instruction.args[1].value) == "as") {
        names.push_back(base::Lower(instruction.args[2].value));
      }
      if (names.empty()) continue;
      std::string_view first = last->substr(0, last->find(' '));
      if (std::find(names.begin(), names.end(), first) != names.end()) continue;
      std::string example = names.size() == 1 ? names[0] : "<arg_key>";
      std::string upper(model::KeywordName(keyword));
      findings->push_back(
          FindingAt(instruction.keyword_span, "the comment above this " + upper +
                                                  " reads as its description: write `# " + example +
                                                  " <description>`, or put an empty `#` line between"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeDefinitionDescription() {
  return std::make_unique<DefinitionDescription>();
}

}  // namespace docklint::rules::checks
