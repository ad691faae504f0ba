// hadolint DL3003, narrowed: only a RUN that starts with cd to an absolute path, which is exactly what
// WORKDIR is for. A cd in the middle of a RUN (into an unpacked source tree) is ordinary shell. Only stages
// whose layers end up in the image are judged (the final stage and those it is built FROM), as for the cache
// rules: a builder stage's working directory is nobody's concern. ONBUILD triggers are judged wherever they
// are.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class CdInsteadOfWorkdir : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "cd-instead-of-workdir"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"cd"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (run->json_form) return;
    const model::DockerfileModel& model = dockerfile.model;
    if (!run.trigger && !StageReachesImage(model, run.stage)) return;
    const std::vector<parsers::ShellCommand>& commands = model.RunCommands(*run);
    if (commands.empty()) return;
    const parsers::ShellCommand& first = commands.front();
    if (first.argv.size() != 2 || first.argv[0].value != "cd") return;
    const parsers::ShellWord& dir = first.argv[1];
    if (!dir.is_static || !dir.value.starts_with('/')) return;
    findings->push_back(FindingAt(
        SpanOf(model, first.begin, first.end),
        "RUN starts with cd " + dir.value + "; use WORKDIR " + dir.value + ", which lasts beyond this RUN"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCdInsteadOfWorkdir() { return std::make_unique<CdInsteadOfWorkdir>(); }

}  // namespace docklint::rules::checks
