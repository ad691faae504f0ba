#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {

void ForEachRunCommand(
    const model::DockerfileModel& model,
    const std::function<void(const model::Instruction& run, const parsers::ShellCommand& command,
                             size_t name_index)>& visit) {
  for (const model::Instruction* instruction : model.all_instructions()) {
    if (instruction->keyword != "run") continue;
    for (const parsers::ShellCommand& command : model.RunCommands(*instruction)) {
      parsers::Unwrapped real = parsers::UnwrapCommand(command);
      if (real.name_index >= command.argv.size()) continue;
      visit(*instruction, command, real.name_index);
    }
  }
}

base::SourceSpan SpanOf(const model::DockerfileModel& model, uint32_t begin, uint32_t end) {
  return base::SourceSpan{model.file().file, begin, end};
}

}  // namespace docklint::rules::checks
