// CIS 4.11: package managers and downloaders told not to check signatures or certificates.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool In(std::string_view word, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (word == s) return true;
  }
  return false;
}

bool FalseLike(std::string_view v) { return In(v, {"false", "0", "no", "off", "False", "FALSE"}); }
bool TrueLike(std::string_view v) { return In(v, {"true", "1", "yes", "on", "True", "TRUE"}); }

// The word of `command` that turns verification off, or nullptr.
const parsers::ShellWord* Offending(const parsers::ShellCommand& command, size_t name) {
  std::string_view program = parsers::CommandBaseName(command.argv[name]);
  const auto& argv = command.argv;
  for (size_t i = name + 1; i < argv.size(); ++i) {
    std::string_view word = argv[i].value;
    if (In(program, {"apt-get", "apt", "aptitude"})) {
      if (In(word, {"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"})) return &argv[i];
      for (std::string_view setting : {"AllowInsecureRepositories=", "AllowUnauthenticated=", "AllowDowngradeToInsecureRepositories="}) {
        size_t at = word.find(setting);
        if (at != std::string_view::npos && TrueLike(word.substr(at + setting.size()))) return &argv[i];
      }
      for (std::string_view setting : {"Verify-Peer=", "Verify-Host="}) {
        size_t at = word.find(setting);
        if (at != std::string_view::npos && FalseLike(word.substr(at + setting.size()))) return &argv[i];
      }
    } else if (In(program, {"yum", "dnf", "microdnf", "tdnf", "zypper"})) {
      if (In(word, {"--nogpgcheck", "--no-gpg-checks"})) return &argv[i];
      if (word.starts_with("--setopt=") && (word.ends_with("gpgcheck=0") || word.ends_with("sslverify=0") ||
                                            word.ends_with("sslverify=false") || word.ends_with("gpgcheck=false")))
        return &argv[i];
    } else if (program == "rpm") {
      if (In(word, {"--nosignature", "--nodigest", "--nogpgcheck"})) return &argv[i];
    } else if (program == "apk") {
      if (word == "--allow-untrusted") return &argv[i];
    } else if (program == "curl") {
      if (word == "--insecure") return &argv[i];
      if (word.size() > 1 && word[0] == '-' && word[1] != '-' && word.find('k') != std::string_view::npos) {
        // Combined short options: a letter that takes a value ends the group (-o, -H, -u, ...).
        for (char c : word.substr(1)) {
          if (c == 'k') return &argv[i];
          if (std::string_view("oHudeEFAbcCrTwxXYyzmKDQU").find(c) != std::string_view::npos) break;
        }
      }
    } else if (program == "wget") {
      if (word == "--no-check-certificate") return &argv[i];
    } else if (In(program, {"pip", "pip3", "pipenv", "uv"})) {
      if (word == "--trusted-host" || word.starts_with("--trusted-host=")) return &argv[i];
    } else if (In(program, {"npm", "yarn", "pnpm"})) {
      if (word == "strict-ssl" && i + 1 < argv.size() && FalseLike(argv[i + 1].value)) return &argv[i];
      if (word == "--strict-ssl=false") return &argv[i];
    } else if (program == "git") {
      if (word == "http.sslVerify=false" || word == "http.sslverify=false") return &argv[i];
      if ((word == "http.sslVerify" || word == "http.sslverify") && i + 1 < argv.size() && FalseLike(argv[i + 1].value))
        return &argv[i];
    }
  }
  return nullptr;
}

class VerificationDisabled : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "verification-disabled"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    ForEachRunCommand(model, [&](const model::Instruction&, const parsers::ShellCommand& command, size_t name) {
      for (const parsers::ShellWord& assignment : command.assignments) {
        std::string_view text = assignment.value;
        if ((text.starts_with("GIT_SSL_NO_VERIFY=") && TrueLike(text.substr(18))) ||
            (text.starts_with("NODE_TLS_REJECT_UNAUTHORIZED=") && text.substr(29) == "0") ||
            (text.starts_with("PYTHONHTTPSVERIFY=") && text.substr(18) == "0")) {
          findings->push_back(FindingAt(SpanOf(model, assignment.begin, assignment.end),
                                        std::string(text) + " turns off certificate checks for this command"));
        }
      }
      if (const parsers::ShellWord* word = Offending(command, name)) {
        findings->push_back(FindingAt(SpanOf(model, word->begin, word->end),
                                      std::string(parsers::CommandBaseName(command.argv[name])) + " " + word->value +
                                          " turns off signature or certificate checks: anyone on the network path "
                                          "can swap what is installed"));
      }
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeVerificationDisabled() { return std::make_unique<VerificationDisabled>(); }

}  // namespace docklint::rules::checks
