// A service setting that has one of the values a control forbids: `privileged: true`, `network_mode: host`,
// `pid: host`, `security_opt: [seccomp:unconfined]`, `cap_add: [ALL]`, any `devices`. Params: `key` (a
// service key), and `when = "true"` (compose-go's boolean reading: true, y, yes, on), `when = "set"` (any
// value but an empty one; for a list, each item), `when = "not-true"` (the key is missing, reported at the
// service's name, or reads as false; a value that is no boolean is not judged) or `any_of` (comma-separated
// values; a scalar or any item of a list matches, ignoring case, "seccomp=unconfined" matching
// "seccomp:unconfined").

#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  for (std::string_view word : base::SplitCommaList(text)) out.push_back(base::Lower(word));
  return out;
}

// security_opt takes "seccomp:unconfined" and "seccomp=unconfined" alike; capabilities may carry CAP_.
std::string Normalize(std::string_view value) {
  std::string out = base::Lower(base::Trim(value));
  if (size_t eq = out.find('='); eq != std::string::npos && out.find(':') == std::string::npos) out[eq] = ':';
  if (out.starts_with("cap_")) out = out.substr(4);
  return out;
}

class ComposeServiceSetting : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-service-setting"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    const std::string& key = rule.params.at("key");
    auto when = rule.params.find("when");
    std::vector<std::string> any_of;
    if (auto it = rule.params.find("any_of"); it != rule.params.end()) {
      for (const std::string& value : SplitList(it->second)) any_of.push_back(Normalize(value));
    }
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      auto report = [&](const model::ComposeNode& at, const std::string& shown) {
        findings->push_back(ServiceFinding(compose.project, service, &at, key + ": " + shown + ": " + what));
      };
      const model::ComposeNode* value = service.definition->Find(key);
      if (when != rule.params.end() && when->second == "not-true") {
        if (value == nullptr || value->IsNull()) {
          findings->push_back(
              ServiceFinding(compose.project, service, nullptr, key + " is not set: " + what));
        } else if (model::ComposeBool(*value) == false) {
          report(*value, value->value);
        }
        continue;
      }
      if (value == nullptr) continue;
      if (when != rule.params.end() && when->second == "set") {
        if (value->IsSequence()) {
          for (const model::ComposeNode& item : value->items) {
            std::string shown = item.IsScalar() ? item.value : "an entry";
            report(item, shown);
          }
        } else if (value->IsScalar() && !value->value.empty()) {
          report(*value, value->value);
        }
        continue;
      }
      if (when != rule.params.end()) {
        if (model::ComposeBool(*value) == true) {
          report(*value, value->value);
        }
        continue;
      }
      auto matches = [&](const model::ComposeNode& node) {
        return node.IsScalar() &&
               std::find(any_of.begin(), any_of.end(), Normalize(node.value)) != any_of.end();
      };
      if (value->IsSequence()) {
        for (const model::ComposeNode& item : value->items) {
          if (matches(item)) report(item, item.value);
        }
      } else if (matches(*value)) {
        report(*value, value->value);
      }
    }
  }

  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    for (const auto& [name, value] : params) {
      if (name != "key" && name != "when" && name != "any_of")
        return "unknown param '" + name + "' (this check takes key, when, any_of)";
    }
    if (!params.contains("key")) return "needs key, the service setting to read";
    if (params.contains("when") == params.contains("any_of")) return "needs exactly one of when, any_of";
    if (auto it = params.find("when");
        it != params.end() && it->second != "true" && it->second != "set" && it->second != "not-true")
      return "when takes \"true\" (the setting is enabled), \"set\" (it has a value) or \"not-true\" (it is "
             "missing or false)";
    return "";
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeServiceSetting() {
  return std::make_unique<ComposeServiceSetting>();
}

}  // namespace docklint::rules::checks
