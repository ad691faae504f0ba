// CIS 4.10, BuildKit SecretsUsedInArgOrEnv: an ARG or ENV whose name says it holds a secret. Same tokens as
// BuildKit, matched as a whole `_`-separated part of the name, case-insensitive. BuildKit lets `public` parts
// go; so do we, and also names that say the value is about a secret but not one (a GPG/PGP key fingerprint,
// a file, directory, path, URL or version), values that are absolute paths (where a secret is, not it), and
// ENV values that are empty or true/false.
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/secret_patterns.h"

namespace docklint::rules::checks {
namespace {

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
      // As BuildKit: an ARG before the first FROM only feeds FROM lines; a stage sees its value (and keeps it
      // in its history) only when it declares the ARG again, and that ARG is judged.
      if (instruction.stage < 0) return;
      for (size_t i = 0; i < instruction->args.size(); ++i) {
        const parsers::DockerfileWord& word = instruction->args[i];
        size_t eq = word.value.find('=');
        std::string name = word.value.substr(0, eq);
        if (!NamesSecret(name)) continue;
        if (eq != std::string::npos && IsAbsolutePath(model.Arg(*instruction, i).substr(eq + 1))) continue;
        Report("ARG", name, word, findings);
      }
    } else {
      for (size_t i = 0; i < instruction->args.size(); i += 2) {  // key, value, key, value, ...
        const std::string& name = instruction->args[i].value;
        if (!NamesSecret(name)) continue;
        // What an ENV sets in the image config may hold nothing (`ENV PASSWORD=`, filled in by docker run
        // -e), a switch or a path. An ARG is different: --build-arg gives it its value.
        if (i + 1 < instruction->args.size() && HoldsNoSecret(model.Arg(*instruction, i + 1))) continue;
        Report("ENV", name, instruction->args[i], findings);
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
