// CIS 4.11: package managers and downloaders told not to check signatures or certificates, by an option of
// a command in RUN, or by an environment variable the tool reads (set on the command, exported in RUN, or
// given by ENV or by an ARG default, which RUN commands see as environment too).
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool FalseLike(std::string_view v) { return IsOneOf(base::Lower(v), {"false", "0", "no", "off"}); }
bool TrueLike(std::string_view v) { return IsOneOf(base::Lower(v), {"true", "1", "yes", "on"}); }

// NAME=value in the environment of a tool that then skips verification. git checks only that
// GIT_SSL_NO_VERIFY is set (http.c: getenv), so any value counts, "0" and "" included.
bool InsecureEnvironment(std::string_view name, std::string_view value) {
  if (name == "GIT_SSL_NO_VERIFY") return true;
  if (name == "NODE_TLS_REJECT_UNAUTHORIZED" || name == "PYTHONHTTPSVERIFY") return value == "0";
  if (base::Lower(name) == "npm_config_strict_ssl") return FalseLike(value);
  if (name == "PIP_TRUSTED_HOST") return !value.empty();
  return false;
}

// `yum --setopt=epel.sslverify=0`, `--setopt=gpgcheck=False`: a repository option turning checks off.
bool InsecureRepoOption(std::string_view setting) {
  size_t eq = setting.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view key = setting.substr(0, eq);
  if (size_t dot = key.rfind('.'); dot != std::string_view::npos) key = key.substr(dot + 1);
  return IsOneOf(base::Lower(key), {"gpgcheck", "sslverify", "localpkg_gpgcheck"}) &&
         FalseLike(setting.substr(eq + 1));
}

// npm/yarn/pnpm `config set strict-ssl false` (or `set ...`, `strict-ssl=false`, yarn 2's enableStrictSsl).
const parsers::ShellWord* StrictSslOff(const std::vector<parsers::ShellWord>& argv, size_t name) {
  size_t i = name + 1;
  if (i < argv.size() && argv[i].value == "config") ++i;
  bool setting = i < argv.size() && argv[i].value == "set";
  for (size_t j = name + 1; j < argv.size(); ++j) {
    std::string_view word = argv[j].value;
    if (word.starts_with("--strict-ssl=") && FalseLike(word.substr(13))) return &argv[j];
    if (!setting || j <= i) continue;
    for (std::string_view key : {"strict-ssl", "enableStrictSsl"}) {
      if (word == key && j + 1 < argv.size() && FalseLike(argv[j + 1].value)) return &argv[j];
      if (word.starts_with(key) && word.size() > key.size() && word[key.size()] == '=' &&
          FalseLike(word.substr(key.size() + 1))) {
        return &argv[j];
      }
    }
  }
  return nullptr;
}

// The word of `command` that turns verification off, or nullptr.
const parsers::ShellWord* Offending(const parsers::ShellCommand& command, size_t name) {
  std::string_view program = parsers::CommandBaseName(command.argv[name]);
  const auto& argv = command.argv;
  if (IsOneOf(program, {"npm", "yarn", "pnpm"})) return StrictSslOff(argv, name);
  for (size_t i = name + 1; i < argv.size(); ++i) {
    std::string_view word = argv[i].value;
    if (IsOneOf(program, {"apt-get", "apt", "aptitude"})) {
      if (IsOneOf(word, {"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"}))
        return &argv[i];
      for (std::string_view setting :
           {"AllowInsecureRepositories=", "AllowUnauthenticated=", "AllowDowngradeToInsecureRepositories="}) {
        size_t at = word.find(setting);
        if (at != std::string_view::npos && TrueLike(word.substr(at + setting.size()))) return &argv[i];
      }
      for (std::string_view setting : {"Verify-Peer=", "Verify-Host="}) {
        size_t at = word.find(setting);
        if (at != std::string_view::npos && FalseLike(word.substr(at + setting.size()))) return &argv[i];
      }
    } else if (IsOneOf(program, {"yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper", "yum-config-manager"})) {
      if (IsOneOf(word, {"--nogpgcheck", "--no-gpg-checks"})) return &argv[i];
      if (word.starts_with("--setopt=") && InsecureRepoOption(word.substr(9))) return &argv[i];
      if (word == "--setopt" && i + 1 < argv.size() && InsecureRepoOption(argv[i + 1].value))
        return &argv[i + 1];
    } else if (program == "rpm") {
      if (IsOneOf(word, {"--nosignature", "--nodigest", "--nogpgcheck"})) return &argv[i];
    } else if (program == "apk") {
      if (word == "--allow-untrusted") return &argv[i];
    } else if (program == "curl") {
      if (word == "--insecure") return &argv[i];
      if (word.size() > 1 && word[0] == '-' && word[1] != '-') {
        // Combined short options: a letter that takes a value ends the group (-o, -H, -u, ...).
        for (char c : word.substr(1)) {
          if (c == 'k') return &argv[i];
          if (std::string_view("oHudeEFAbcCrTwxXYyzmKDQU").find(c) != std::string_view::npos) break;
        }
      }
    } else if (program == "wget") {
      if (word == "--no-check-certificate") return &argv[i];
    } else if (IsOneOf(program, {"pip", "pip3", "pipenv", "uv"})) {
      if (word == "--trusted-host" || word.starts_with("--trusted-host=")) return &argv[i];
      if (word.ends_with(".trusted-host") && i >= 2 && argv[i - 1].value == "set")
        return &argv[i];  // pip config
    } else if (program == "git") {
      std::string lowered = base::Lower(word);
      if (lowered == "http.sslverify=false" || lowered == "http.sslverify=0") return &argv[i];
      if (lowered == "http.sslverify" && i + 1 < argv.size() && FalseLike(argv[i + 1].value)) return &argv[i];
    }
  }
  return nullptr;
}

// The findings of ENV and ARG instructions, kept until the walk is over: they follow those of the RUNs.
struct EnvFindings {
  std::vector<base::Finding> findings;
};

class VerificationDisabled : public DockerfileCheckWithState<EnvFindings> {
 public:
  std::string_view Name() const override { return "verification-disabled"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return {{"apt-get",
             "apt",
             "aptitude",
             "yum",
             "dnf",
             "dnf5",
             "microdnf",
             "tdnf",
             "zypper",
             "yum-config-manager",
             "rpm",
             "apk",
             "curl",
             "wget",
             "pip",
             "pip3",
             "pipenv",
             "uv",
             "git",
             "npm",
             "yarn",
             "pnpm",
             "export",
             "GIT_SSL_NO_VERIFY",
             "NODE_TLS_REJECT_UNAUTHORIZED",
             "PYTHONHTTPSVERIFY",
             "npm_config_strict_ssl",
             "PIP_TRUSTED_HOST"}};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kRun, model::Keyword::kEnv, model::Keyword::kArg};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            EnvFindings* later, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    if (instruction.keyword == model::Keyword::kRun) {
      ForEachRunCommand(model, *instruction, [&](const parsers::ShellCommand& command, size_t name) {
        for (const parsers::ShellWord& assignment : command.assignments) {
          ReportEnvironment(assignment.value, SpanOf(model, assignment.begin, assignment.end),
                            "for this command", findings);
        }
        if (parsers::CommandBaseName(command.argv[0]) == "export") {
          for (size_t i = 1; i < command.argv.size(); ++i) {
            const parsers::ShellWord& word = command.argv[i];
            ReportEnvironment(word.value, SpanOf(model, word.begin, word.end), "for the rest of this RUN",
                              findings);
          }
        }
        if (const parsers::ShellWord* word = Offending(command, name)) {
          findings->push_back(
              FindingAt(SpanOf(model, word->begin, word->end),
                        std::string(parsers::CommandBaseName(command.argv[name])) + " " + word->value +
                            " turns off signature or certificate checks: anyone on the network "
                            "path can swap what is installed"));
        }
      });
    } else if (instruction.keyword == model::Keyword::kEnv) {
      for (size_t i = 0; i + 1 < instruction->args.size(); i += 2) {
        ReportEnvironment(instruction->args[i].value + "=" + model.Arg(*instruction, i + 1),
                          instruction->args[i].span, "for every later RUN and in the container",
                          &later->findings);
      }
    } else {
      for (size_t i = 0; i < instruction->args.size(); ++i) {
        std::string word = model.Arg(*instruction, i);
        if (word.find('=') == std::string::npos) continue;  // no default: set only if the build passes it
        ReportEnvironment(word, instruction->args[i].span, "for every later RUN of the stage",
                          &later->findings);
      }
    }
  }
  void Done(const DockerfileContext&, const Rule&, EnvFindings* later,
            std::vector<base::Finding>* findings) const override {
    for (base::Finding& finding : later->findings) findings->push_back(std::move(finding));
  }

 private:
  // A finding when `text` (NAME=value) sets a variable that turns verification off, `how` saying for what.
  static void ReportEnvironment(std::string_view text, const base::SourceSpan& span, std::string_view how,
                                std::vector<base::Finding>* findings) {
    size_t eq = text.find('=');
    if (eq == std::string_view::npos || !InsecureEnvironment(text.substr(0, eq), text.substr(eq + 1))) return;
    findings->push_back(
        FindingAt(span, std::string(text) + " turns off certificate checks " + std::string(how)));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeVerificationDisabled() {
  return std::make_unique<VerificationDisabled>();
}

}  // namespace docklint::rules::checks
