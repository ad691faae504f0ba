// CIS 5.28 (1.13.0: 5.27), as hadolint DL3006/DL3007 read FROM: a service whose image has no tag (so
// :latest) or the :latest tag, and no digest. The value is read after interpolation (`app:${TAG:-latest}`
// is :latest unless the shell sets TAG; the finding names the variable). A service that also has `build`
// names the image it builds, not one it pulls: left out, as is a service that runs an image another service
// builds, an image left empty or cut short by an unset variable (`app:${TAG}`), and a value that still holds
// a '$'.
#include <set>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

// Where the tag of an image reference starts (its ':' after the last '/'), or npos.
size_t TagColon(std::string_view name) {
  size_t last_slash = name.rfind('/');
  return name.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
}

std::string WithTag(std::string_view name) {
  return std::string(name) + (TagColon(name) == std::string_view::npos ? ":latest" : "");
}

class ComposeImageTag : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-image-tag"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    // The images the project builds: a service that runs one of them runs what compose built.
    std::set<std::string> built;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* image = service.definition->Find("image");
      if (image != nullptr && image->IsScalar() && service.definition->Find("build") != nullptr)
        built.insert(WithTag(base::Trim(image->value)));
    }
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* image = service.definition->Find("image");
      if (image == nullptr || !image->IsScalar() || service.definition->Find("build") != nullptr) continue;
      std::string_view name = base::Trim(image->value);
      if (name.empty() || name.find_first_of("$@ ") != std::string_view::npos) continue;  // a digest pins it
      size_t colon = TagColon(name);
      if (name.back() == '/' || (colon != std::string_view::npos && colon + 1 == name.size())) continue;
      if (built.contains(WithTag(name))) continue;
      if (colon == std::string_view::npos) {
        findings->push_back(
            ServiceFinding(compose.project, service, image,
                           "image: " + std::string(name) + " has no tag (so :latest): " + what));
      } else if (name.substr(colon + 1) == "latest") {
        findings->push_back(
            ServiceFinding(compose.project, service, image, "image: " + std::string(name) + ": " + what));
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeImageTag() { return std::make_unique<ComposeImageTag>(); }

}  // namespace docklint::rules::checks
