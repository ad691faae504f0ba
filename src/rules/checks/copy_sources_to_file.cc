// hadolint DL3021: COPY of several sources to a destination that does not end with '/', which the Dockerfile
// reference requires (the legacy builder stops there; BuildKit copies each source onto that one path unless
// it is an existing directory).
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class CopySourcesToFile : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "copy-sources-to-file"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kCopy}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& copy, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (copy->args.size() <= 2) return;
    std::string dest = dockerfile.model.Arg(*copy, copy->args.size() - 1);
    // A Windows destination may end with its own separator: C:\\app\\ (the Windows builder accepts it).
    if (dest == "." || dest.ends_with('/') || dest.ends_with('\\')) return;  // BuildKit reads . as ./
    // A destination ending in a variable may end with '/' once expanded.
    size_t dollar = dest.rfind('$');
    if (dollar != std::string::npos && dest.find('/', dollar) == std::string::npos) return;
    findings->push_back(
        FindingAt(copy->args.back().span,
                  "COPY of " + std::to_string(copy->args.size() - 1) +
                      " sources needs a directory destination written with a trailing '/': " + dest + "/"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopySourcesToFile() { return std::make_unique<CopySourcesToFile>(); }

}  // namespace docklint::rules::checks
