// hadolint DL3025, BuildKit JSONArgsRecommended: CMD or ENTRYPOINT in shell form.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ShellFormCommand : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "shell-form-command"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    for (const model::Stage& stage : dockerfile.model.stages()) {
      bool shell_set = false;  // after SHELL, shell form is a deliberate choice of interpreter
      for (const model::Instruction* instruction : stage.body) {
        if (instruction->keyword == "shell") shell_set = true;
        if (shell_set || instruction->json_form) continue;
        if (instruction->keyword != "cmd" && instruction->keyword != "entrypoint") continue;
        if (instruction->args.empty()) continue;
        std::string upper = instruction->keyword == "cmd" ? "CMD" : "ENTRYPOINT";
        findings->push_back(FindingAt(instruction->keyword_span,
                                      upper + " in shell form runs under /bin/sh -c, so the program does not get "
                                              "SIGTERM on docker stop; write it as a JSON array"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeShellFormCommand() { return std::make_unique<ShellFormCommand>(); }

}  // namespace docklint::rules::checks
