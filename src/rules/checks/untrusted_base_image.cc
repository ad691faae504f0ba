// CIS 4.2: base images come only from the registries the configuration trusts (trusted-registries in
// .docklint.toml, or --trusted-registry). Silent when none are configured: what is trusted is the user's
// policy, not ours. References are normalized as the engine does: "debian" is docker.io/library/debian.
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
  if (has_registry) return name;
  return "docker.io/" + (first_slash == std::string::npos ? "library/" + name : name);
}

bool Trusted(const std::string& image, const std::vector<std::string>& trusted) {
  for (std::string prefix : trusted) {
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (image == prefix || image.starts_with(prefix + "/")) return true;
  }
  return false;
}

class UntrustedBaseImage : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "untrusted-base-image"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    if (dockerfile.trusted_registries.empty()) return;
    for (const model::Stage& stage : dockerfile.model.stages()) {
      if (stage.base_stage >= 0 || stage.from->args.empty()) continue;
      const std::string& image = stage.base;
      if (image == "scratch" || image.find('$') != std::string::npos) continue;
      std::string normalized = Normalize(image);
      if (Trusted(normalized, dockerfile.trusted_registries)) continue;
      findings->push_back(
          FindingAt(stage.from->args.front().span,
                    "FROM " + image + " (" + normalized +
                        ") is not from a trusted registry (trusted-registries in .docklint.toml)"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeUntrustedBaseImage() { return std::make_unique<UntrustedBaseImage>(); }

}  // namespace docklint::rules::checks
