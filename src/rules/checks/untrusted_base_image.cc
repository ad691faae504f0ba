// CIS 4.2, hadolint DL3026: images come only from the registries the configuration trusts (trusted-registries
// in .docklint.toml, or --trusted-registry): FROM, COPY --from and RUN --mount from= images, earlier stages
// aside. Silent when none are configured: what is trusted is the user's policy, not ours. References are
// normalized as the engine does: "debian" is docker.io/library/debian.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// "debian:12" -> "docker.io/library/debian", "ghcr.io/org/app@sha256:..." -> "ghcr.io/org/app".
std::string Normalize(std::string_view image) {
  size_t at = image.find('@');
  if (at != std::string_view::npos) image = image.substr(0, at);
  size_t slash = image.rfind('/');
  size_t colon = image.find(':', slash == std::string_view::npos ? 0 : slash);
  if (colon != std::string_view::npos) image = image.substr(0, colon);
  std::string name(image);
  size_t first_slash = name.find('/');
  std::string first = name.substr(0, first_slash);
  bool has_registry =
      first_slash != std::string::npos &&
      (first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost");
  if (has_registry) {
    // Docker Hub's other names, as hadolint accepts hub.docker.com for it.
    for (std::string_view hub : {"index.docker.io", "registry-1.docker.io", "hub.docker.com"}) {
      if (first == hub) return "docker.io" + name.substr(first_slash);
    }
    return name;
  }
  return "docker.io/" + (first_slash == std::string::npos ? "library/" + name : name);
}

// An entry is a registry or a registry/repository prefix ("docker.io/library"), or, as in hadolint, a
// pattern: "*" trusts everything, "*.example.com" a registry by its suffix, "registry.example.*" by prefix.
bool Trusted(const std::string& image, const std::vector<std::string>& trusted) {
  std::string_view registry = std::string_view(image).substr(0, image.find('/'));
  for (std::string prefix : trusted) {
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (prefix == "*") return true;
    if (prefix.starts_with('*')) {
      if (registry.ends_with(std::string_view(prefix).substr(1))) return true;
      continue;
    }
    if (prefix.ends_with('*')) {
      if (image.starts_with(std::string_view(prefix).substr(0, prefix.size() - 1))) return true;
      continue;
    }
    std::string normalized_prefix = prefix.find('/') == std::string::npos ? prefix : Normalize(prefix + ":x");
    if (prefix.find('/') == std::string::npos && prefix == "hub.docker.com") normalized_prefix = "docker.io";
    if (image == normalized_prefix || image.starts_with(normalized_prefix + "/")) return true;
  }
  return false;
}

class UntrustedBaseImage : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "untrusted-base-image"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kCopy, model::Keyword::kRun};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    if (dockerfile.trusted_registries.empty() || instruction.trigger || instruction.stage < 0) return;
    for (const parsers::DockerfileFlag& flag : instruction->flags) {
      if (!flag.value) continue;
      std::string from;
      if (instruction.keyword == model::Keyword::kCopy && flag.name == "from") from = *flag.value;
      if (instruction.keyword == model::Keyword::kRun && flag.name == "mount") {
        size_t at = ("," + *flag.value).find(",from=");  // type=bind,from=image,target=/x
        if (at != std::string::npos) {
          std::string rest = flag.value->substr(at + 5);
          from = rest.substr(0, rest.find(','));
        }
      }
      // Earlier stages (by name or index) and variables are not images to judge.
      if (from.empty() || from.find('$') != std::string::npos || from == "scratch") continue;
      if (dockerfile.model.FindStage(from, static_cast<size_t>(instruction.stage)) >= 0) continue;
      if (std::all_of(from.begin(), from.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
      Check(dockerfile, from, "--from=" + from, flag.span, findings);
    }
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    if (dockerfile.trusted_registries.empty()) return;
    for (const model::Stage& stage : dockerfile.model.stages()) {
      if (stage.base_stage >= 0 || stage.from->args.empty()) continue;
      const std::string& image = stage.base;
      if (image == "scratch" || image.find('$') != std::string::npos) continue;
      Check(dockerfile, image, "FROM " + image, stage.from->args.front().span, findings);
    }
  }

 private:
  static void Check(const DockerfileContext& dockerfile, const std::string& image, const std::string& written,
                    const base::SourceSpan& at, std::vector<base::Finding>* findings) {
    std::string normalized = Normalize(image);
    if (Trusted(normalized, dockerfile.trusted_registries)) return;
    findings->push_back(FindingAt(at, written + " (" + normalized +
                                          ") is not from a trusted registry (trusted-registries in "
                                          ".docklint.toml)"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeUntrustedBaseImage() { return std::make_unique<UntrustedBaseImage>(); }

}  // namespace docklint::rules::checks
