// hadolint DL3000, BuildKit WorkdirRelativePath. As BuildKit does, a relative WORKDIR after an absolute one
// in the same stage is fine: it is then relative to a known directory.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsAbsolute(std::string_view path) {
  if (path.starts_with('/') || path.starts_with('$')) return true;  // a variable may hold an absolute path
  // Windows images: C:\app or C:/app.
  return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
         (path[2] == '\\' || path[2] == '/');
}

class RelativeWorkdir : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "relative-workdir"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void Run(const DockerfileContext& dockerfile, const Rule&,
           std::vector<base::Finding>* findings) const override {
    for (const model::Stage& stage : dockerfile.model.stages()) {
      bool absolute_seen = false;
      for (const model::Instruction* instruction : stage.body) {
        if (instruction->keyword != "workdir" || instruction->args.empty()) continue;
        const parsers::DockerfileWord& path = instruction->args.front();
        // WORKDIR "/app" is absolute once BuildKit removes the quotes. C:\app loses its backslash to the
        // default escape character, but that is a Windows path written as one.
        if (IsAbsolute(dockerfile.model.Arg(*instruction, 0)) || IsAbsolute(path.value)) {
          absolute_seen = true;
        } else if (!absolute_seen) {
          findings->push_back(FindingAt(path.span, "WORKDIR " + path.value +
                                                       " is relative to the base image's working directory; "
                                                       "use an absolute path"));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeRelativeWorkdir() { return std::make_unique<RelativeWorkdir>(); }

}  // namespace docklint::rules::checks
