// hadolint DL3004: sudo in RUN, as the command or a wrapper of it (`sudo apt-get ...`, `curl ... | sudo
// bash`, `env X=1 sudo make install`); the word "sudo" as an argument (`apt-get install sudo`, `usermod -aG
// sudo app`) is not running it.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class SudoInRun : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "sudo-in-run"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"sudo"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    for (const parsers::ShellCommand& command : model.RunCommands(*run)) {
      const parsers::Unwrapped& real = command.real;
      if (!real.via_sudo) continue;
      // The wrappers are the words before the real command (all of argv when none is named: `sudo -i`).
      for (size_t i = 0; i < std::min(real.name_index, command.argv.size()); ++i) {
        const parsers::ShellWord& word = command.argv[i];
        if (parsers::CommandBaseName(word) != "sudo") continue;
        findings->push_back(FindingAt(SpanOf(model, word.begin, word.end),
                                      "sudo in a build step: switch USER for the steps that need root"));
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSudoInRun() { return std::make_unique<SudoInRun>(); }

}  // namespace docklint::rules::checks
