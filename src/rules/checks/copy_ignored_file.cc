// BuildKit CopyIgnoredFile: COPY or ADD of a build-context path that the context's .dockerignore excludes
// (the build then fails: the file is not sent). As BuildKit, only when the .dockerignore has no `!`
// exceptions (they make a static answer unsure), and `.` or `/` only when a pattern excludes everything.
#include "model/dockerignore.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IgnoresWholeContext(const model::DockerIgnore& ignore) {
  for (const std::string& pattern : ignore.Patterns()) {
    if (pattern == "*" || pattern == "**" || pattern == "**/*") return true;
  }
  return false;
}

class CopyIgnoredFile : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "copy-ignored-file"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kCopy, model::Keyword::kAdd};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerIgnore* ignore = dockerfile.dockerignore;
    if (ignore == nullptr || ignore->empty() || ignore->HasExclusions()) return;
    if (instruction.trigger || instruction->FindFlag("from") != nullptr || instruction->args.size() < 2)
      return;
    bool copy = instruction.keyword == model::Keyword::kCopy;
    for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
      std::string source = dockerfile.model.Arg(*instruction, i);
      if (source.find('$') != std::string::npos || source.starts_with("<<")) continue;
      if (ClassifySource(source) != SourceKind::kLocal) continue;
      std::string path = model::CleanPath(source);
      if ((path == "." || path == "/") && !IgnoresWholeContext(*ignore)) continue;
      if (!ignore->MatchesOrParentMatches(path)) continue;
      findings->push_back(FindingAt(instruction->args[i].span,
                                    std::string(copy ? "COPY" : "ADD") + " of " + path +
                                        ", which .dockerignore excludes from the build context: the build "
                                        "does not find it"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyIgnoredFile() { return std::make_unique<CopyIgnoredFile>(); }

}  // namespace docklint::rules::checks
