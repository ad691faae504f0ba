// CIS 4.10, BuildKit SecretsUsedInArgOrEnv: an ARG or ENV whose name says it holds a secret. Same tokens
// and allow-list as BuildKit: a whole `_`-separated part of the name, case-insensitive.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool HasPart(std::string_view lowered, std::initializer_list<std::string_view> parts) {
  size_t start = 0;
  while (start <= lowered.size()) {
    size_t end = lowered.find('_', start);
    if (end == std::string_view::npos) end = lowered.size();
    std::string_view part = lowered.substr(start, end - start);
    for (std::string_view p : parts) {
      if (part == p) return true;
    }
    start = end + 1;
  }
  return false;
}

bool NamesSecret(std::string_view name) {
  std::string lowered(name);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return HasPart(lowered, {"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd",
                           "secret", "token"}) &&
         !HasPart(lowered, {"public"});
}

class SecretInArgOrEnv : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-in-arg-or-env"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    for (const model::Instruction* instruction : dockerfile.model.all_instructions()) {
      if (instruction->keyword == "arg") {
        for (const parsers::DockerfileWord& word : instruction->args) {
          std::string name = word.value.substr(0, word.value.find('='));
          if (NamesSecret(name)) Report("ARG", name, word, findings);
        }
      } else if (instruction->keyword == "env") {
        for (size_t i = 0; i < instruction->args.size(); i += 2) {  // key, value, key, value, ...
          if (NamesSecret(instruction->args[i].value)) Report("ENV", instruction->args[i].value, instruction->args[i], findings);
        }
      }
    }
  }

 private:
  static void Report(const std::string& keyword, const std::string& name, const parsers::DockerfileWord& word,
                     std::vector<base::Finding>* findings) {
    findings->push_back(FindingAt(word.span, keyword + " " + name + " looks like a secret: " + keyword +
                                                 " values stay in the image; use a secret mount "
                                                 "(RUN --mount=type=secret)"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSecretInArgOrEnv() { return std::make_unique<SecretInArgOrEnv>(); }

}  // namespace docklint::rules::checks
