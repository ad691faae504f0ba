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
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kAdd}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& add, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (add->FindFlag("checksum") != nullptr) return;
    for (size_t i = 0; i + 1 < add->args.size(); ++i) {
      const parsers::DockerfileWord& source = add->args[i];
      std::string url = dockerfile.model.Arg(*add, i);
      if (ClassifySource(url) != SourceKind::kUrl) continue;
      findings->push_back(FindingAt(
          source.span,
          "ADD fetches " + url + " without --checksum: the build trusts whatever the server sends"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddUrlWithoutChecksum() {
  return std::make_unique<AddUrlWithoutChecksum>();
}

}  // namespace docklint::rules::checks
