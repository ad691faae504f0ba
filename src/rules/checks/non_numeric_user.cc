// hadolint DL3066: USER by name rather than by numeric UID. A name is resolved from the image's
// /etc/passwd at run time; Kubernetes' runAsNonRoot cannot verify a name and refuses such an image.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class NonNumericUser : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "non-numeric-user"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kUser}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& user, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (user->args.empty()) return;
    std::string value = dockerfile.model.Arg(*user, 0);
    std::string uid = value.substr(0, value.find(':'));
    // A variable may hold a number (hadolint only lets ARGs by); an empty name is not a user.
    if (uid.empty() || value.find('$') != std::string::npos) return;
    if (std::all_of(uid.begin(), uid.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    findings->push_back(FindingAt(user->args[0].span, "USER " + uid +
                                                          " is a name; a numeric UID is resolvable without "
                                                          "the image's /etc/passwd and checkable by "
                                                          "runAsNonRoot"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeNonNumericUser() { return std::make_unique<NonNumericUser>(); }

}  // namespace docklint::rules::checks
