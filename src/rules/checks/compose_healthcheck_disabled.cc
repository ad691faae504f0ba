// CIS 5.27 (1.13.0: 5.26): a service that turns its health check off, `healthcheck: {disable: true}` or a
// test of ["NONE"] (compose-go accepts NONE only as the first word of a list; a string test runs as
// CMD-SHELL). Without a healthcheck key the image's HEALTHCHECK applies, which the compose file cannot tell:
// not reported.
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

class ComposeHealthcheckDisabled : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-healthcheck-disabled"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* healthcheck = service.definition->Find("healthcheck");
      if (healthcheck == nullptr || !healthcheck->IsMapping()) continue;
      const model::ComposeNode* disable = healthcheck->Find("disable");
      const model::ComposeNode* test = healthcheck->Find("test");
      if (disable != nullptr && model::ComposeBool(*disable) == true) {
        findings->push_back(ServiceFinding(compose.project, service, disable,
                                           "healthcheck.disable: " + disable->value + ": " + what));
      } else if (test != nullptr && test->IsSequence() && !test->items.empty() &&
                 test->items.front().IsScalar() && test->items.front().value == "NONE") {
        findings->push_back(ServiceFinding(compose.project, service, &test->items.front(),
                                           "healthcheck.test: NONE: " + what));
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeHealthcheckDisabled() {
  return std::make_unique<ComposeHealthcheckDisabled>();
}

}  // namespace docklint::rules::checks
