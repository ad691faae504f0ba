// hadolint DL3025, BuildKit JSONArgsRecommended: CMD or ENTRYPOINT in shell form.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ShellFormCommand : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "shell-form-command"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    // After SHELL, shell form is a deliberate choice of interpreter; a stage inherits the SHELL of the
    // stage it is built FROM (BuildKit's JSONArgsRecommended looks the same way). A stage is built only
    // FROM an earlier one, so one pass in order decides every stage (walking each stage's ancestry was
    // quadratic: a chain of 5,000 stages took seconds).
    std::vector<bool> sets_shell, inherits_shell;
    for (const model::Stage& stage : model.stages()) {
      int base = stage.base_stage;
      inherits_shell.push_back(
          base >= 0 && (sets_shell[static_cast<size_t>(base)] || inherits_shell[static_cast<size_t>(base)]));
      sets_shell.push_back(
          std::any_of(stage.body.begin(), stage.body.end(),
                      [](const model::InstructionRef& i) { return i.keyword == model::Keyword::kShell; }));
    }
    for (const model::Stage& stage : model.stages()) {
      bool shell_set = inherits_shell[stage.index];
      for (const model::InstructionRef& instruction : stage.body) {
        if (instruction.keyword == model::Keyword::kShell) shell_set = true;
        if (shell_set || instruction->json_form) continue;
        if (instruction.keyword != model::Keyword::kCmd && instruction.keyword != model::Keyword::kEntrypoint)
          continue;
        if (instruction->args.empty() || StartsWithExec(*instruction)) continue;
        findings->push_back(
            FindingAt(instruction->keyword_span,
                      std::string(model::KeywordName(instruction.keyword)) +
                          " in shell form runs under /bin/sh -c: unless that shell execs the "
                          "command (dash and ash do not), the program is not PID 1 and does not "
                          "get SIGTERM on docker stop; write it as a JSON array, or start it "
                          "with exec"));
      }
    }
  }

 private:
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
