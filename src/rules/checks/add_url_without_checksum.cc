// CIS 4.9: ADD fetches an http(s) URL and nothing checks what it got. Git sources are left out (a commit
// pins them), and so are sources that start with a variable.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class AddUrlWithoutChecksum : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "add-url-without-checksum"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void Run(const DockerfileContext& dockerfile, const Rule&,
           std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    for (const model::Instruction* instruction : model.all_instructions()) {
      if (instruction->keyword != "add" || instruction->FindFlag("checksum") != nullptr) continue;
      for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
        const parsers::DockerfileWord& source = instruction->args[i];
        std::string url = model.Arg(*instruction, i);
        if (ClassifySource(url) != SourceKind::kUrl) continue;
        findings->push_back(FindingAt(
            source.span,
            "ADD fetches " + url + " without --checksum: the build trusts whatever the server sends"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddUrlWithoutChecksum() {
  return std::make_unique<AddUrlWithoutChecksum>();
}

}  // namespace docklint::rules::checks
