// CIS 4.10: COPY or ADD of a private key or credentials file from the build context. *.key and *.pem also
// name public material (GPG signing keys, certificates), so those are left out when the file or its
// destination says so: a name part such as pub, cert, ca, gpg, signing or release, or a destination that is
// a .pub/.asc/.gpg/.crt file or a keyring directory.
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

std::string_view BaseName(std::string_view path) {
  while (path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "jenkins.io-2026.key" -> parts jenkins, io, 2026 (split at . - _ before the extension).
bool StemHasPart(std::string_view name, std::initializer_list<std::string_view> parts) {
  std::string stem = base::Lower(name.substr(0, name.rfind('.')));
  size_t start = 0;
  while (start <= stem.size()) {
    size_t end = stem.find_first_of(".-_", start);
    if (end == std::string::npos) end = stem.size();
    std::string_view part = std::string_view(stem).substr(start, end - start);
    for (std::string_view p : parts) {
      if (part == p) return true;
    }
    start = end + 1;
  }
  return false;
}

bool IsPublicDestination(std::string_view destination) {
  std::string lowered = base::Lower(destination);
  for (std::string_view ext : {".pub", ".asc", ".gpg", ".crt"}) {
    if (lowered.ends_with(ext)) return true;
  }
  return lowered.find("keyring") != std::string::npos || lowered.find("trusted.gpg") != std::string::npos ||
         lowered.find("rpm-gpg") != std::string::npos;
}

// True when `path`, copied to `destination`, is a private key or a credentials file.
bool IsSecretFile(std::string_view path, std::string_view destination) {
  std::string_view name = BaseName(path);
  for (std::string_view exact : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".netrc", ".npmrc",
                                 ".pypirc", ".git-credentials", "credentials.json", ".dockercfg"}) {
    if (name == exact) return true;
  }
  auto has_ext = [&](std::string_view ext) { return name.size() > ext.size() && name.ends_with(ext); };
  if (has_ext(".p12") || has_ext(".pfx")) return true;
  if (!has_ext(".pem") && !has_ext(".key")) return false;
  if (IsPublicDestination(destination)) return false;
  // nginx_signing.key, Release.key: the public keys of package repositories.
  if (StemHasPart(name, {"pub", "public", "gpg", "pgp", "signing", "release", "archive"})) return false;
  // ca.pem, cert.pem, fullchain.pem: certificates (but ca.key is the CA's private key).
  return !(has_ext(".pem") &&
           StemHasPart(name, {"ca", "cert", "certificate", "chain", "fullchain", "bundle"}));
}

class SecretFileCopied : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-file-copied"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kCopy, model::Keyword::kAdd};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& copy, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    if (copy->FindFlag("from") != nullptr) return;  // from another stage, not the build context
    if (copy->args.size() < 2) return;
    std::string destination = model.Arg(*copy, copy->args.size() - 1);
    for (size_t i = 0; i + 1 < copy->args.size(); ++i) {
      const parsers::DockerfileWord& source = copy->args[i];
      std::string path = model.Arg(*copy, i);
      // A URL or git repository is not the build context (ADD https://.../Release.key is a public key).
      if (ClassifySource(path) != SourceKind::kLocal || !IsSecretFile(path, destination)) continue;
      findings->push_back(FindingAt(source.span, path + " is a key or credentials file: once copied it stays "
                                                        "in a layer; use a secret or ssh mount"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSecretFileCopied() { return std::make_unique<SecretFileCopied>(); }

}  // namespace docklint::rules::checks
