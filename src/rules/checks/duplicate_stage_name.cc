// hadolint DL3024, BuildKit DuplicateStageName: two stages share a name (BuildKit refuses the file).
#include <unordered_map>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class DuplicateStageName : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "duplicate-stage-name"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const auto& stages = dockerfile.model.stages();
    std::unordered_map<std::string_view, size_t>
        first_named;  // comparing with every earlier stage was quadratic
    for (size_t i = 0; i < stages.size(); ++i) {
      if (stages[i].name.empty()) continue;
      auto [first, inserted] = first_named.emplace(stages[i].name, i);
      if (inserted) continue;
      const auto& args = stages[i].from->args;
      base::Finding finding = FindingAt(args.size() >= 3 ? args[2].span : stages[i].from->span,
                                        "stage name '" + stages[i].name + "' is already used by line " +
                                            std::to_string(stages[first->second].from->start_line));
      findings->push_back(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeDuplicateStageName() { return std::make_unique<DuplicateStageName>(); }

}  // namespace docklint::rules::checks
