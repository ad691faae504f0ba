// hadolint DL3004: sudo in RUN.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class SudoInRun : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "sudo-in-run"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    for (const model::Instruction* instruction : model.all_instructions()) {
      if (instruction->keyword != "run") continue;
      for (const parsers::ShellCommand& command : model.RunCommands(*instruction)) {
        for (const parsers::ShellWord& word : command.argv) {
          if (parsers::CommandBaseName(word) != "sudo") continue;
          findings->push_back(FindingAt(SpanOf(model, word.begin, word.end),
                                        "sudo in a build step: switch USER for the steps that need root"));
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSudoInRun() { return std::make_unique<SudoInRun>(); }

}  // namespace docklint::rules::checks
