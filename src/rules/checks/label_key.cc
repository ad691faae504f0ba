// hadolint DL3048: a LABEL key that is not of Docker's recommended form: lower-case letters, digits, '.',
// '-', '_' and '/', starting with a letter and ending with a letter or digit, no ".." or "--", and none of
// the namespaces Docker reserves (com.docker., io.docker., org.dockerproject.).
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// Why `key` is not a valid label key, or "" when it is.
std::string KeyProblem(std::string_view key) {
  if (key.empty()) return "";
  for (std::string_view reserved : {"com.docker.", "io.docker.", "org.dockerproject."}) {
    if (key.starts_with(reserved))
      return "uses the namespace " + std::string(reserved) + " that Docker reserves";
  }
  for (char c : key) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/';
    if (!ok) return std::string("holds '") + c + "': use lower-case letters, digits, '.', '-', '_' and '/'";
  }
  if (key.front() < 'a' || key.front() > 'z') return "does not start with a lower-case letter";
  char last = key.back();
  if (!((last >= 'a' && last <= 'z') || (last >= '0' && last <= '9')))
    return "does not end with a lower-case letter or a digit";
  if (key.find("..") != std::string_view::npos || key.find("--") != std::string_view::npos)
    return "has two separators in a row";
  return "";
}

class LabelKey : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "label-key"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kLabel}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& label, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (label.trigger) return;  // hadolint reads no ONBUILD LABEL
    for (size_t i = 0; i < label->args.size(); i += 2) {
      std::string key = dockerfile.model.Arg(*label, i);
      std::string problem = KeyProblem(key);
      if (problem.empty()) continue;
      findings->push_back(FindingAt(label->args[i].span, "label key '" + key + "' " + problem));
      break;  // one finding per LABEL, as hadolint
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeLabelKey() { return std::make_unique<LabelKey>(); }

}  // namespace docklint::rules::checks
