// CIS 5.15 (1.13.0: 5.14): a restart policy that restarts a failing container without end: `always`,
// `unless-stopped`, or `on-failure` with more than 5 retries or none given (docker's MaximumRetryCount 0
// means no maximum). Read as docker compose's getRestartPolicy reads it: `deploy.restart_policy` (condition
// any or always, on-failure, unless-stopped; max_attempts), when present, replaces `restart`
// (no|always|on-failure[:N]|unless-stopped). A policy of no or none, a deploy.restart_policy without a
// condition (no restart outside swarm), and values that do not parse are not reported.
#include <charconv>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"
#include "rules/checks/compose_values.h"

namespace docklint::rules::checks {
namespace {

constexpr int kMaxRetries = 5;

std::optional<int> Count(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

class ComposeRestartPolicy : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-restart-policy"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      auto report = [&](const model::ComposeNode* at, const std::string& shown) {
        findings->push_back(ServiceFinding(compose.project, service, at, shown + ": " + what));
      };
      const model::ComposeNode* policy = FindPath(*service.definition, {"deploy", "restart_policy"});
      if (policy != nullptr && policy->IsMapping()) {
        const model::ComposeNode* condition = policy->Find("condition");
        const model::ComposeNode* attempts = policy->Find("max_attempts");
        if (condition == nullptr || !condition->IsScalar()) continue;
        std::string name(base::Trim(condition->value));
        std::string shown = "deploy.restart_policy.condition: " + name;
        if (name == "any" || name == "always" || name == "unless-stopped") {
          report(condition, shown);
        } else if (name == "on-failure") {
          if (attempts == nullptr || attempts->IsNull()) {
            report(condition, shown + " without max_attempts");
          } else if (std::optional<int> n =
                         attempts->IsScalar() ? Count(base::Trim(attempts->value)) : std::nullopt;
                     n && (*n == 0 || *n > kMaxRetries)) {
            report(attempts, "deploy.restart_policy.max_attempts: " + attempts->value);
          }
        }
        continue;
      }
      const model::ComposeNode* restart = service.definition->Find("restart");
      if (restart == nullptr || !restart->IsScalar()) continue;
      std::string_view value = base::Trim(restart->value);
      std::string_view name = value.substr(0, value.find(':'));
      std::string shown = "restart: " + std::string(value);
      if (name == "always" || name == "unless-stopped") {
        report(restart, shown);
      } else if (name == "on-failure") {
        if (name.size() == value.size()) {
          report(restart, shown + " without a maximum");
        } else if (std::optional<int> n = Count(value.substr(name.size() + 1));
                   n && (*n == 0 || *n > kMaxRetries)) {
          report(restart, shown);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeRestartPolicy() { return std::make_unique<ComposeRestartPolicy>(); }

}  // namespace docklint::rules::checks
