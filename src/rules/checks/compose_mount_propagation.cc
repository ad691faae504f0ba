// CIS 5.20 (1.13: 5.19): a bind mount with shared or rshared propagation, in the short volume syntax
// (SOURCE:TARGET:MODE, where MODE is a comma-separated list) or the long one (bind: {propagation: ...}).
#include <sstream>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsShared(std::string_view mode) { return mode == "shared" || mode == "rshared"; }

class ComposeMountPropagation : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-mount-propagation"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* volumes = service.definition->Find("volumes");
      if (volumes == nullptr || !volumes->IsSequence()) continue;
      for (const model::ComposeNode& volume : volumes->items) {
        if (volume.IsScalar()) {
          size_t first = volume.value.find(':');
          size_t second = first == std::string::npos ? first : volume.value.find(':', first + 1);
          if (second == std::string::npos) continue;
          std::stringstream modes(volume.value.substr(second + 1));
          for (std::string mode; std::getline(modes, mode, ',');) {
            if (IsShared(base::Lower(base::Trim(mode))))
              findings->push_back(
                  ServiceFinding(compose.project, service, &volume, volume.value + ": " + what));
          }
        } else if (volume.IsMapping()) {
          const model::ComposeNode* bind = volume.Find("bind");
          const model::ComposeNode* propagation = bind != nullptr ? bind->Find("propagation") : nullptr;
          if (propagation != nullptr && IsShared(base::Lower(propagation->value))) {
            findings->push_back(ServiceFinding(compose.project, service, propagation,
                                               "propagation: " + propagation->value + ": " + what));
          }
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeMountPropagation() {
  return std::make_unique<ComposeMountPropagation>();
}

}  // namespace docklint::rules::checks
