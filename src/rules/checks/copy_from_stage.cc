// hadolint DL3022/DL3023: COPY --from (or RUN --mount from=) naming no earlier stage. An unknown bare name
// is pulled from Docker Hub by BuildKit, which is almost always a typo of a stage name. When a stage is named
// by a variable (FROM busybox AS ${NAME}), a name no stage has as written may be that stage: not reported.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

std::optional<std::string> Problem(const model::DockerfileModel& model, const std::string& from,
                                   size_t stage) {
  if (from.empty() || from.find('$') != std::string::npos) return std::nullopt;
  if (model.FindStage(from, stage) >= 0) return std::nullopt;
  int anywhere = model.FindAnyStage(from);
  if (anywhere == static_cast<int>(stage)) return "--from=" + from + " names the stage it is in";
  if (anywhere > static_cast<int>(stage))
    return "--from=" + from + " names a later stage; only earlier stages can be copied from";
  bool numeric = std::all_of(from.begin(), from.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (numeric) return "--from=" + from + " is not the index of an earlier stage";
  // FROM busybox AS ${SECOND_STAGE}: a stage named by a variable may be the one `from` names.
  bool variable_name = std::any_of(model.stages().begin(), model.stages().end(), [](const model::Stage& s) {
    return s.name.find('$') != std::string::npos;
  });
  if (variable_name) return std::nullopt;
  if (from.find_first_of("/:@.") == std::string::npos) {
    return "--from=" + from + " names no stage, so BuildKit pulls the image docker.io/library/" + from +
           ":latest; name an earlier stage (or a tagged image)";
  }
  return std::nullopt;
}

class CopyFromStage : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "copy-from-stage"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kCopy, model::Keyword::kRun};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    // Stage references are judged in this build's stages: not before the first FROM, not in ONBUILD.
    if (instruction.stage < 0 || instruction.trigger) return;
    for (const parsers::DockerfileFlag& flag : instruction->flags) {
      if (!flag.value) continue;
      std::string from;
      if (instruction.keyword == model::Keyword::kCopy && flag.name == "from") from = *flag.value;
      if (instruction.keyword == model::Keyword::kRun && flag.name == "mount") {
        // type=bind,from=build,source=/out: the from= field
        size_t at = ("," + *flag.value).find(",from=");
        if (at != std::string::npos) {
          std::string rest = flag.value->substr(at + 5);
          from = rest.substr(0, rest.find(','));
        }
      }
      if (auto problem = Problem(dockerfile.model, from, static_cast<size_t>(instruction.stage))) {
        findings->push_back(FindingAt(flag.span, *problem));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyFromStage() { return std::make_unique<CopyFromStage>(); }

}  // namespace docklint::rules::checks
