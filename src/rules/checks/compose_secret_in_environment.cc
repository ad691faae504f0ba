// CIS 4.10 for compose files: a secret written literally as a service's environment value, in the mapping
// (`POSTGRES_PASSWORD: hunter2`) or the list form (`- POSTGRES_PASSWORD=hunter2`). Fires when the value has
// the form of a credential (rules/checks/secret_patterns.h: AWS key ids, private keys, GitHub and Slack
// tokens), whatever the name; or when the name says it holds a secret (the Dockerfile rule's NamesSecret)
// and, unlike there, also ends with the secret's noun: POSTGRES_PASSWORD and API_KEY hold one,
// KEY_CONVERTER, AUTH_METHOD and ALLOW_EMPTY_PASSWORD say something about one. Left out: a value
// interpolated from .env or the shell (the recommended practice), a value without a secret (empty, a switch,
// an absolute path, a <placeholder>), an access key's id (…_ACCESS_KEY), and names ending in AUTH or
// CREDENTIALS, which as often name a mode or a file. The finding never shows the value.
#include <algorithm>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"
#include "rules/checks/compose_values.h"
#include "rules/checks/secret_patterns.h"

namespace docklint::rules::checks {
namespace {

bool EndsWithSecretNoun(std::string_view name) {
  std::string lowered = base::Lower(name);
  size_t underscore = lowered.rfind('_');
  std::string_view last =
      std::string_view(lowered).substr(underscore == std::string::npos ? 0 : underscore + 1);
  if (lowered.ends_with("access_key")) return false;  // the key's id, as in MINIO_ACCESS_KEY
  for (std::string_view noun : {"apikey", "key", "password", "passwd", "pword", "secret", "token"}) {
    if (last == noun) return true;
  }
  return false;
}

// A value that holds no secret whatever its name: the Dockerfile rule's (empty, true/false, an absolute
// path), compose's other booleans, and a placeholder such as <YOUR-TOKEN>.
bool NoSecretIn(std::string_view value) {
  std::string lowered = base::Lower(base::Trim(value));
  if (lowered.size() >= 2 && (lowered.front() == '\'' || lowered.front() == '"') &&
      lowered.back() == lowered.front()) {
    lowered = lowered.substr(1, lowered.size() - 2);
  }
  if (HoldsNoSecret(lowered)) return true;
  if (lowered == "yes" || lowered == "no" || lowered == "on" || lowered == "off" || lowered == "y" ||
      lowered == "n")
    return true;
  return lowered.size() >= 2 && lowered.front() == '<' && lowered.back() == '>';
}

class ComposeSecretInEnvironment : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-secret-in-environment"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* environment = service.definition->Find("environment");
      if (environment == nullptr) continue;
      auto judge = [&](std::string_view name, const model::ComposeNode& value, std::string_view text) {
        if (IsInterpolated(value) || text.find("${") != std::string_view::npos) return;
        std::vector<SecretMatch> matches = FindSecretValues(text);
        std::string shown = "environment: " + std::string(name);
        if (!matches.empty()) {
          findings->push_back(
              ServiceFinding(compose.project, service, &value,
                             shown + " holds what looks like " + matches.front().what + ": " + what));
        } else if (NamesSecret(name) && EndsWithSecretNoun(name) && !NoSecretIn(text)) {
          findings->push_back(ServiceFinding(compose.project, service, &value,
                                             shown + " has its value written in the compose file: " + what));
        }
      };
      if (environment->IsMapping()) {
        for (const model::ComposeEntry& entry : environment->entries) {
          if (entry.value.IsScalar()) judge(entry.key, entry.value, entry.value.value);
        }
      } else if (environment->IsSequence()) {
        for (const model::ComposeNode& item : environment->items) {
          size_t eq = item.IsScalar() ? item.value.find('=') : std::string::npos;
          if (eq == std::string::npos) continue;  // KEY alone: taken from the shell
          judge(std::string_view(item.value).substr(0, eq), item,
                std::string_view(item.value).substr(eq + 1));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeSecretInEnvironment() {
  return std::make_unique<ComposeSecretInEnvironment>();
}

}  // namespace docklint::rules::checks
