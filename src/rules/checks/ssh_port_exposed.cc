// trivy DS004: EXPOSE 22.
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class SshPortExposed : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "ssh-port-exposed"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kExpose}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& expose, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    for (size_t i = 0; i < expose->args.size(); ++i) {
      const parsers::DockerfileWord& port = expose->args[i];
      std::string value = base::Lower(dockerfile.model.Arg(*expose, i));
      if (value == "22" || value == "22/tcp") {
        findings->push_back(FindingAt(port.span, "EXPOSE " + port.value + " offers SSH into the container"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSshPortExposed() { return std::make_unique<SshPortExposed>(); }

}  // namespace docklint::rules::checks
