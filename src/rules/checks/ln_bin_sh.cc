// hadolint DL4005: a RUN replaces /bin/sh with a link (`ln -sf /bin/bash /bin/sh`) to change the shell the
// following RUNs use; SHELL says it. Unlike hadolint, which fires on any `ln` with an argument /bin/sh,
// only /bin/sh as the link being made counts (the last operand, without -t): `ln -s /bin/sh /usr/bin/sh`
// leaves /bin/sh alone.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// The link `ln` at argv[name] makes when its last operand names it, or nullptr (-t DIR given, fewer than
// two operands, a word that is not static).
const parsers::ShellWord* LinkName(const parsers::ShellCommand& command, size_t name) {
  std::vector<const parsers::ShellWord*> operands;
  bool options = true;
  for (size_t i = name + 1; i < command.argv.size(); ++i) {
    const parsers::ShellWord& word = command.argv[i];
    std::string_view value = word.value;
    if (options && value == "--") {
      options = false;
      continue;
    }
    if (options && value.starts_with("--")) {
      if (value.starts_with("--target-directory")) return nullptr;
      if (value == "--suffix") ++i;
      continue;
    }
    if (options && value.size() > 1 && value[0] == '-') {
      size_t t = value.find_first_of("tS");
      if (t != std::string_view::npos && value[t] == 't') return nullptr;
      if (t != std::string_view::npos && t + 1 == value.size()) ++i;  // -S SUFFIX
      continue;
    }
    operands.push_back(&word);
  }
  if (operands.size() < 2 || !operands.back()->is_static) return nullptr;
  return operands.back();
}

class LnBinSh : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "ln-bin-sh"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"ln"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    ForEachRunCommand(dockerfile.model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (parsers::CommandBaseName(command.argv[name]) != "ln") return;
      const parsers::ShellWord* link = LinkName(command, name);
      if (link == nullptr || link->value != "/bin/sh") return;
      findings->push_back(FindingAt(SpanOf(dockerfile.model, command.begin, command.end),
                                    "this replaces /bin/sh; use SHELL to choose the shell RUN uses"));
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeLnBinSh() { return std::make_unique<LnBinSh>(); }

}  // namespace docklint::rules::checks
