// CIS 5.11 memory, 5.12 CPU priority and 5.29 PIDs (1.13.0: 5.10, 5.11, 5.28): whether a service's container
// gets a limit on a resource, from every key compose turns into that limit. A key with a positive number sets
// one. docker compose passes no 0 on (pkg/compose/create.go), nor a deploy.resources.limits.pids of 0 or
// less: those read as not written. A negative pids_limit is the engine's "unlimited"; anything else (a size
// compose will read, or a value left empty by an unset variable) is not judged, and then neither is the
// service. Params: `resource` ("memory", "cpu" or "pids") and `when`, a comma-separated list of "unlimited"
// (a key says no limit, and none sets one: reported at that key) and "missing" (no key is written: reported
// at the service's name).
#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"
#include "rules/checks/compose_values.h"

namespace docklint::rules::checks {
namespace {

using Path = std::vector<std::string_view>;

struct Resource {
  std::string_view name;
  std::vector<Path> keys;  // the deploy keys first: compose applies them last, so they decide
  std::string_view missing;
};

const std::vector<Resource>& Resources() {
  static const std::vector<Resource> kResources = {
      {"memory",
       {{"deploy", "resources", "limits", "memory"}, {"mem_limit"}},
       "no mem_limit or deploy.resources.limits.memory"},
      {"cpu",
       {{"deploy", "resources", "limits", "cpus"},
        {"deploy", "resources", "reservations", "cpus"},
        {"cpus"},
        {"cpu_shares"},
        {"cpu_quota"}},
       "no cpu_shares, cpus, cpu_quota or deploy.resources cpus"},
      {"pids",
       {{"deploy", "resources", "limits", "pids"}, {"pids_limit"}},
       "no pids_limit or deploy.resources.limits.pids"},
  };
  return kResources;
}

const Resource* FindResource(std::string_view name) {
  for (const Resource& resource : Resources()) {
    if (resource.name == name) return &resource;
  }
  return nullptr;
}

bool ListHas(std::string_view list, std::string_view word) {
  std::vector<std::string_view> words = base::SplitCommaList(list);
  return std::find(words.begin(), words.end(), word) != words.end();
}

class ComposeResourceLimit : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-resource-limit"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    const Resource& resource = *FindResource(rule.params.at("resource"));
    bool report_unlimited = ListHas(rule.params.at("when"), "unlimited");
    bool report_missing = ListHas(rule.params.at("when"), "missing");
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      bool written = false, limited = false, unjudged = false;
      const model::ComposeNode* unlimited = nullptr;
      std::string unlimited_key;
      for (const Path& key : resource.keys) {
        const model::ComposeNode* value = FindPath(*service.definition, key);
        if (value == nullptr || value->IsNull()) continue;
        std::optional<double> number = LeadingNumber(*value);
        bool passed_on = !number || *number > 0 || (*number < 0 && key.size() == 1);
        if (!passed_on) continue;  // compose leaves it out: the engine's default applies
        written = true;
        if (!number) {
          unjudged = true;
        } else if (*number > 0) {
          limited = true;
        } else if (unlimited == nullptr) {
          unlimited = value;
          unlimited_key = PathName(key);
        }
      }
      if (limited || unjudged) continue;
      if (unlimited != nullptr && report_unlimited) {
        findings->push_back(ServiceFinding(compose.project, service, unlimited,
                                           unlimited_key + ": " + unlimited->value + ": " + what));
      } else if (!written && report_missing) {
        findings->push_back(
            ServiceFinding(compose.project, service, nullptr, std::string(resource.missing) + ": " + what));
      }
    }
  }

  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    for (const auto& [name, value] : params) {
      if (name != "resource" && name != "when")
        return "unknown param '" + name + "' (this check takes resource, when)";
    }
    auto resource = params.find("resource");
    if (resource == params.end() || FindResource(resource->second) == nullptr)
      return "needs resource = \"memory\", \"cpu\" or \"pids\"";
    auto when = params.find("when");
    if (when == params.end()) return "needs when, a list of \"unlimited\" and \"missing\"";
    std::vector<std::string_view> words = base::SplitCommaList(when->second);
    for (std::string_view word : words) {
      if (word != "unlimited" && word != "missing")
        return "when takes \"unlimited\" and \"missing\", not '" + std::string(word) + "'";
    }
    return words.empty() ? "needs when, a list of \"unlimited\" and \"missing\"" : "";
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeResourceLimit() { return std::make_unique<ComposeResourceLimit>(); }

}  // namespace docklint::rules::checks
