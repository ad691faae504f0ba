// hadolint DL3000, BuildKit WorkdirRelativePath. As BuildKit does, a relative WORKDIR after an absolute one
// in the same stage, or in a stage built FROM one that set an absolute WORKDIR, is fine: it is then relative
// to a known directory.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsAbsolute(std::string_view path) {
  if (path.starts_with('/') || path.starts_with('$')) return true;  // a variable may hold an absolute path
  // Windows images: C:\app or C:/app.
  return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
         (path[2] == '\\' || path[2] == '/');
}

// Whether a stage built FROM an earlier stage gets an absolute WORKDIR from it (or from the stages that
// one is built FROM): BuildKit's WorkdirRelativePath carries what the base stage set.
bool InheritsAbsoluteWorkdir(const model::DockerfileModel& model, size_t stage) {
  const auto& stages = model.stages();
  for (int base = stages.at(stage).base_stage; base >= 0 && static_cast<size_t>(base) < stage;
       stage = static_cast<size_t>(base), base = stages[stage].base_stage) {
    for (const model::InstructionRef& instruction : stages[static_cast<size_t>(base)].body) {
      if (instruction.keyword != model::Keyword::kWorkdir || instruction->args.empty()) continue;
      if (IsAbsolute(model.Arg(*instruction, 0)) || IsAbsolute(instruction->args.front().value)) return true;
    }
  }
  return false;
}

// Whether the stage being walked has had an absolute WORKDIR yet.
struct WorkdirState {
  int stage = -1;
  bool absolute_seen = false;
};

class RelativeWorkdir : public DockerfileCheckWithState<WorkdirState> {
 public:
  std::string_view Name() const override { return "relative-workdir"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kWorkdir}; }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& workdir, const Rule&,
            WorkdirState* state, std::vector<base::Finding>* findings) const override {
    // The WORKDIRs of this build's stages: not one before the first FROM, not an ONBUILD's.
    if (workdir.stage < 0 || workdir.trigger || workdir->args.empty()) return;
    if (workdir.stage != state->stage) {
      *state = {workdir.stage, InheritsAbsoluteWorkdir(dockerfile.model, static_cast<size_t>(workdir.stage))};
    }
    const parsers::DockerfileWord& path = workdir->args.front();
    // WORKDIR "/app" is absolute once BuildKit removes the quotes. C:\app loses its backslash to the
    // default escape character, but that is a Windows path written as one.
    if (IsAbsolute(dockerfile.model.Arg(*workdir, 0)) || IsAbsolute(path.value)) {
      state->absolute_seen = true;
    } else if (!state->absolute_seen) {
      findings->push_back(FindingAt(path.span, "WORKDIR " + path.value +
                                                   " is relative to the base image's working directory; "
                                                   "use an absolute path"));
    }
  }
  void Done(const DockerfileContext&, const Rule&, WorkdirState*,
            std::vector<base::Finding>*) const override {}
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeRelativeWorkdir() { return std::make_unique<RelativeWorkdir>(); }

}  // namespace docklint::rules::checks
