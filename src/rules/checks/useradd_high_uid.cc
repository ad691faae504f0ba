// hadolint DL3046: useradd with a UID of more than 5 digits and without -l (--no-log-init): useradd then
// grows /var/log/lastlog and faillog to a sparse file sized by the UID, which the layer stores in full.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// useradd's short options that take a value.
constexpr std::string_view kValueLetters = "bcdefgGkKpPRsuZ";

// The word giving the UID (-u N, -uN, --uid N, --uid=N), or nullptr.
const parsers::ShellWord* UidWord(const parsers::ShellCommand& command, size_t name, std::string* value) {
  for (size_t i = name + 1; i < command.argv.size(); ++i) {
    const parsers::ShellWord& word = command.argv[i];
    if (!word.is_static) continue;
    std::string_view text = word.value;
    if (text == "--") break;
    if (text == "--uid" || text == "-u") {
      if (i + 1 >= command.argv.size()) return nullptr;
      *value = command.argv[i + 1].is_static ? command.argv[i + 1].value : "";
      return &command.argv[i + 1];
    }
    if (text.starts_with("--uid=")) {
      *value = std::string(text.substr(6));
      return &word;
    }
    if (text.size() < 2 || text[0] != '-' || text[1] == '-') continue;
    for (size_t k = 1; k < text.size(); ++k) {
      if (kValueLetters.find(text[k]) == std::string_view::npos) continue;
      if (text[k] != 'u') break;  // another option's value takes the rest of the word
      if (k + 1 < text.size()) {
        *value = std::string(text.substr(k + 1));
        return &word;
      }
      if (i + 1 >= command.argv.size()) return nullptr;
      *value = command.argv[i + 1].is_static ? command.argv[i + 1].value : "";
      return &command.argv[i + 1];
    }
  }
  return nullptr;
}

class UseraddHighUid : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "useradd-high-uid"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"useradd"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    // Parsing the RUN as shell is the cost; a RUN whose text never says useradd has no useradd command.
    if (InstructionText(model, *run).find("useradd") == std::string_view::npos) return;
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (parsers::CommandBaseName(command.argv[name]) != "useradd") return;
      std::string uid;
      const parsers::ShellWord* at = UidWord(command, name, &uid);
      // A UID from a variable is not known here; hadolint counts the characters of `$UID` as written.
      if (at == nullptr || uid.size() <= 5) return;
      if (parsers::HasOption(command, name, "l", {"no-log-init"}, kValueLetters)) return;
      findings->push_back(FindingAt(SpanOf(model, at->begin, at->end),
                                    "useradd -u " + uid +
                                        " without -l (--no-log-init) writes a lastlog/faillog entry sized "
                                        "by the UID into the layer; add -l"));
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeUseraddHighUid() { return std::make_unique<UseraddHighUid>(); }

}  // namespace docklint::rules::checks
