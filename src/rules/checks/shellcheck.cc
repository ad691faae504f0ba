// hadolint's Shellcheck rule: ShellCheck on every shell-form RUN. Running a program is I/O, so the work is
// done by the app (app/shellcheck_runner.h) for the rule whose check this is; the check itself reads
// nothing, and asks for no RUN to be parsed as shell.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class Shellcheck : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "shellcheck"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeShellcheck() { return std::make_unique<Shellcheck>(); }

}  // namespace docklint::rules::checks
