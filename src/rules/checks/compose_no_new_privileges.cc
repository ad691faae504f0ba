// CIS 5.26 (1.13.0: 5.25): a service whose processes may gain privileges (setuid binaries, file
// capabilities) because its `security_opt` has no `no-new-privileges` (also `no-new-privileges:true` and
// `no-new-privileges=true`), or says `no-new-privileges:false`. dockerd's `no-new-privileges: true` makes it
// every container's default: in a host tree whose dockerd sets it, only an explicit `no-new-privileges:false`
// is reported; elsewhere the daemon is unknown and the rule is opt-in. A list with an entry that is not a
// literal (left empty by an unset variable) is not judged.
#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

class ComposeNoNewPrivileges : public ComposeCheck {
 public:
  static bool DaemonSetsIt(const ComposeContext& compose) {
    if (compose.daemon == nullptr) return false;
    nlohmann::json value = compose.daemon->ValueOrDefault("no-new-privileges");
    return value.is_boolean() && value.get<bool>();
  }

  std::string_view Name() const override { return "compose-no-new-privileges"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* options = service.definition->Find("security_opt");
      bool set = false, unjudged = false;
      const model::ComposeNode* disabled = nullptr;
      if (options != nullptr && options->IsSequence()) {
        for (const model::ComposeNode& option : options->items) {
          std::string text = option.IsScalar() ? base::Lower(base::Trim(option.value)) : "";
          if (text.empty()) {
            unjudged = true;
            continue;
          }
          if (!text.starts_with("no-new-privileges")) continue;
          std::string_view rest = std::string_view(text).substr(17);
          // dockerd reads the value with Go's strconv.ParseBool; the option alone means true.
          std::string_view flag = rest.empty() ? "true" : rest.substr(1);
          if (!rest.empty() && rest[0] != ':' && rest[0] != '=') continue;  // another option's name
          // compose-go appends the files' lists and dockerd keeps the last value: the last entry decides.
          if (flag == "true" || flag == "t" || flag == "1") {
            set = true;
            disabled = nullptr;
          } else if (flag == "false" || flag == "f" || flag == "0") {
            set = false;
            disabled = &option;
          } else {
            unjudged = true;
          }
        }
      } else if (options != nullptr && !options->IsNull()) {
        unjudged = true;
      }
      if (set || unjudged || (disabled == nullptr && DaemonSetsIt(compose))) continue;
      if (disabled != nullptr) {
        findings->push_back(ServiceFinding(compose.project, service, disabled,
                                           "security_opt: " + disabled->value + ": " + what));
      } else {
        findings->push_back(ServiceFinding(compose.project, service, nullptr,
                                           "no security_opt no-new-privileges:true: " + what));
      }
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeNoNewPrivileges() {
  return std::make_unique<ComposeNoNewPrivileges>();
}

}  // namespace docklint::rules::checks
