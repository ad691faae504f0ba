// CIS 4.10, BuildKit SecretsUsedInArgOrEnv: an ARG or ENV whose name says it holds a secret. Same tokens as
// BuildKit, matched as a whole `_`-separated part of the name, case-insensitive. BuildKit lets `public` parts
// go; so do we, and also names that say the value is about a secret but not one (a GPG/PGP key fingerprint,
// a file, directory, path, URL or version), values that are absolute paths (where a secret is, not it), and
// ENV values that are empty or true/false.
#include "base/strings.h"
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
  std::string lowered = base::Lower(name);
  if (!HasPart(lowered, {"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd",
                         "secret", "token"})) {
    return false;
  }
  if (HasPart(lowered, {"public"})) return false;  // BuildKit's allow-list
  // GPG_KEY, PGP_KEY_IDS: fingerprints of the public keys downloads are verified with (unless private).
  if (HasPart(lowered, {"gpg", "pgp"}) && !HasPart(lowered, {"private", "passphrase", "secret"}))
    return false;
  // PASSWORD_FILE (the docker secrets convention), KEY_DIR, AUTH_URL, DOCKER_AUTH_VERSION.
  return !HasPart(lowered, {"file", "dir", "path", "url", "version"});
}

class SecretInArgOrEnv : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-in-arg-or-env"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kArg, model::Keyword::kEnv};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    if (instruction.keyword == model::Keyword::kArg) {
      for (size_t i = 0; i < instruction->args.size(); ++i) {
        const parsers::DockerfileWord& word = instruction->args[i];
        size_t eq = word.value.find('=');
        std::string name = word.value.substr(0, eq);
        if (!NamesSecret(name)) continue;
        if (eq != std::string::npos && IsPath(model.Arg(*instruction, i).substr(eq + 1))) continue;
        Report("ARG", name, word, findings);
      }
    } else {
      for (size_t i = 0; i < instruction->args.size(); i += 2) {  // key, value, key, value, ...
        const std::string& name = instruction->args[i].value;
        if (!NamesSecret(name)) continue;
        if (i + 1 < instruction->args.size() && NotASecret(model.Arg(*instruction, i + 1))) continue;
        Report("ENV", name, instruction->args[i], findings);
      }
    }
  }

 private:
  // An absolute path without spaces: ENV AUTH_KEYS=/root/.ssh/authorized_keys names a file, not a secret.
  static bool IsPath(std::string_view value) {
    return value.size() > 1 && value.front() == '/' && value.find_first_of(" \t") == std::string_view::npos;
  }
  // What an ENV sets in the image config: nothing (`ENV PASSWORD=`, filled in by docker run -e), a switch
  // (USE_GKE_GCLOUD_AUTH_PLUGIN=True) or a path. An ARG is different: --build-arg gives it its value.
  static bool NotASecret(std::string_view value) {
    std::string lowered = base::Lower(value);
    return value.empty() || lowered == "true" || lowered == "false" || IsPath(value);
  }
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
