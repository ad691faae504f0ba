// hadolint DL3001: commands that make no sense in a build step (an interactive editor, process and system
// tools, ssh), wherever a RUN runs them, wrappers (sudo, env, ...) stripped.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ContainerIrrelevantCommand : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "container-irrelevant-command"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return {{"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"}};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      const parsers::ShellWord& word = command.argv[name];
      std::string_view program = parsers::CommandBaseName(word);
      if (!IsOneOf(program, {"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"}))
        return;
      findings->push_back(FindingAt(SpanOf(model, word.begin, word.end),
                                    std::string(program) +
                                        " makes no sense in a build step: nothing it acts on or shows "
                                        "outlives the RUN"));
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeContainerIrrelevantCommand() {
  return std::make_unique<ContainerIrrelevantCommand>();
}

}  // namespace docklint::rules::checks
