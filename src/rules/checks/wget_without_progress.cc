// hadolint DL3047: wget printing its default progress bar, which fills a build log with thousands of lines
// (no TTY: one line per few kilobytes), unless --progress, -q, -nv, -o or -a says otherwise.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// wget's short options that take a value (-nv, -nc, -nd, -nH and -np are words of their own).
constexpr std::string_view kValueLetters = "oaieBOtTwQPUlARDIXn";

class WgetWithoutProgress : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "wget-without-progress"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"wget"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      const parsers::ShellWord& word = command.argv[name];
      if (parsers::CommandBaseName(word) != "wget") return;
      for (size_t i = name + 1; i < command.argv.size(); ++i) {
        if (command.argv[i].value == "-nv") return;
      }
      if (parsers::HasOption(command, name, "qoa",
                             {"progress", "quiet", "no-verbose", "output-file", "append-output"},
                             kValueLetters)) {
        return;
      }
      findings->push_back(FindingAt(SpanOf(model, word.begin, word.end),
                                    "wget without --progress, -q or -nv fills the build log with its "
                                    "progress bar; use wget --progress=dot:giga (or -nv)"));
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeWgetWithoutProgress() { return std::make_unique<WgetWithoutProgress>(); }

}  // namespace docklint::rules::checks
