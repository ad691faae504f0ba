// CIS 4.10: COPY or ADD of a private key or credentials file from the build context.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsSecretFile(std::string_view path) {
  while (path.ends_with('/')) path.remove_suffix(1);
  std::string_view name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  for (std::string_view exact : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".netrc", ".npmrc", ".pypirc",
                                 ".git-credentials", "credentials.json", ".dockercfg"}) {
    if (name == exact) return true;
  }
  for (std::string_view ext : {".pem", ".key", ".p12", ".pfx"}) {
    if (name.size() > ext.size() && name.ends_with(ext)) return true;
  }
  return false;
}

class SecretFileCopied : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-file-copied"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    for (const model::Instruction* instruction : dockerfile.model.all_instructions()) {
      if (instruction->keyword != "copy" && instruction->keyword != "add") continue;
      if (instruction->FindFlag("from") != nullptr) continue;  // from another stage, not the build context
      for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
        const parsers::DockerfileWord& source = instruction->args[i];
        if (!IsSecretFile(source.value)) continue;
        findings->push_back(FindingAt(source.span, source.value +
                                                       " is a key or credentials file: once copied it stays in a "
                                                       "layer; use a secret or ssh mount"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSecretFileCopied() { return std::make_unique<SecretFileCopied>(); }

}  // namespace docklint::rules::checks
