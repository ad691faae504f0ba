// hadolint DL3059: a RUN right after another RUN with the same flags, when each runs one command (hadolint
// counts each command twice and lets RUNs of more than two through): one RUN would make one layer. Any other
// instruction in between (comments aside) breaks the run of RUNs.
#include <algorithm>
#include <utility>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

struct PreviousRun {
  bool present = false;
  std::vector<std::pair<std::string, std::string>> flags;
  size_t commands = 0;
};

std::vector<std::pair<std::string, std::string>> FlagsOf(const model::Instruction& run) {
  std::vector<std::pair<std::string, std::string>> flags;
  for (const parsers::DockerfileFlag& flag : run.flags)
    flags.emplace_back(flag.name, flag.value.value_or(""));
  std::sort(flags.begin(), flags.end());
  return flags;
}

class ConsecutiveRun : public DockerfileCheckWithState<PreviousRun> {
 public:
  std::string_view Name() const override { return "consecutive-run"; }
  std::vector<model::Keyword> Keywords() const override {
    std::vector<model::Keyword> all;
    for (size_t k = 0; k < model::kKeywordCount; ++k) all.push_back(static_cast<model::Keyword>(k));
    return all;
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            PreviousRun* previous, std::vector<base::Finding>* findings) const override {
    if (instruction.keyword != model::Keyword::kRun || instruction.trigger) {
      previous->present = false;
      return;
    }
    size_t commands = 0;
    for (const parsers::ShellCommand& command : dockerfile.model.RunCommands(*instruction))
      commands += command.shell_depth == 0;
    std::vector<std::pair<std::string, std::string>> flags = FlagsOf(*instruction);
    if (previous->present && previous->flags == flags && commands <= 1 && previous->commands <= 1) {
      findings->push_back(
          FindingAt(instruction->keyword_span,
                    "a one-command RUN right after another one-command RUN with the same flags; "
                    "consider joining them with && into one layer"));
      return;  // hadolint keeps the earlier RUN as the one to compare with
    }
    *previous = {true, std::move(flags), commands};
  }
  void Done(const DockerfileContext&, const Rule&, PreviousRun*, std::vector<base::Finding>*) const override {
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeConsecutiveRun() { return std::make_unique<ConsecutiveRun>(); }

}  // namespace docklint::rules::checks
