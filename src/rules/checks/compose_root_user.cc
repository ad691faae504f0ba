// CIS 4.1 for the container rather than the image: a service that runs as root by name, `user: root`, `0`,
// `root:root`, `0:0` (any USER[:GROUP] whose user is root or uid 0). A service without `user` runs as its
// image's USER, which the compose file does not say: not reported. A value left empty by an unset variable
// (`user: ${UID}:${GID}`) is not judged.
#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

class ComposeRootUser : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-root-user"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* user = service.definition->Find("user");
      if (user == nullptr || !user->IsScalar()) continue;
      std::string_view value = base::Trim(user->value);
      std::string_view name = value.substr(0, value.find(':'));
      if (name == "root" || name == "0") {
        findings->push_back(
            ServiceFinding(compose.project, service, user, "user: " + std::string(value) + ": " + what));
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeRootUser() { return std::make_unique<ComposeRootUser>(); }

}  // namespace docklint::rules::checks
