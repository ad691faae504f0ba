// hadolint DL3025, BuildKit JSONArgsRecommended: CMD or ENTRYPOINT in shell form.
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ShellFormCommand : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "shell-form-command"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void Run(const DockerfileContext& dockerfile, const Rule&,
           std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    for (const model::Stage& stage : model.stages()) {
      // After SHELL, shell form is a deliberate choice of interpreter; a stage inherits the SHELL of the
      // stage it is built FROM (BuildKit's JSONArgsRecommended looks the same way).
      bool shell_set = InheritsShell(model, stage);
      for (const model::Instruction* instruction : stage.body) {
        if (instruction->keyword == "shell") shell_set = true;
        if (shell_set || instruction->json_form) continue;
        if (instruction->keyword != "cmd" && instruction->keyword != "entrypoint") continue;
        if (instruction->args.empty() || StartsWithExec(*instruction)) continue;
        std::string upper = instruction->keyword == "cmd" ? "CMD" : "ENTRYPOINT";
        findings->push_back(FindingAt(instruction->keyword_span,
                                      upper +
                                          " in shell form runs under /bin/sh -c, so the program does not get "
                                          "SIGTERM on docker stop; write it as a JSON array"));
      }
    }
  }

 private:
  static bool InheritsShell(const model::DockerfileModel& model, const model::Stage& stage) {
    std::set<size_t> seen{stage.index};
    for (int base = stage.base_stage; base >= 0 && seen.insert(static_cast<size_t>(base)).second;) {
      const model::Stage& parent = model.stages()[static_cast<size_t>(base)];
      for (const model::Instruction* instruction : parent.body) {
        if (instruction->keyword == "shell") return true;
      }
      base = parent.base_stage;
    }
    return false;
  }
  // `CMD exec nginx -g 'daemon off;'`: the shell replaces itself with the program, which then is PID 1 and
  // gets the signals.
  static bool StartsWithExec(const model::Instruction& instruction) {
    std::string_view text = instruction.args.front().value;
    return text == "exec" || text.starts_with("exec ") || text.starts_with("exec\t");
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeShellFormCommand() { return std::make_unique<ShellFormCommand>(); }

}  // namespace docklint::rules::checks
