// hadolint DL4006: a shell-form RUN with a pipe, while the stage's SHELL does not set -o pipefail: a
// pipeline's status is its last command's, so `curl ... | tar x` goes on when the download fails.
//
// As hadolint: a SHELL of bash, zsh or ash (any path) with an option cluster holding `o` and an argument
// `pipefail` sets it; a SHELL whose program is pwsh, powershell or cmd (not a POSIX shell) turns the rule
// off until the next SHELL; `sh -o pipefail` does not count (dash has no pipefail). Unlike hadolint:
// a stage built FROM an earlier stage inherits that stage's SHELL (BuildKit passes it on; hadolint
// starts every stage afresh); `set -o pipefail` (or -eo, -euo ...) in the RUN before its first pipe
// counts; the program of a non-POSIX SHELL is matched by its basename (`C:\...\powershell.exe`); pipes in
// `sh -c '...'` scripts and exec-form RUNs (which use no SHELL) are not read; ONBUILD RUNs are not read,
// as in hadolint. Also unlike hadolint, a pipeline fed only by echo or printf (`echo "$SUM  f" | sha256sum
// -c -`) is not reported: they cannot fail in a way pipefail would catch, and the last command's failure
// fails the pipeline anyway.
#include <algorithm>
#include <cctype>
#include <map>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

enum class ShellState { kNoPipefail, kPipefail, kNotPosix };

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether the words after argv[first] hold an option cluster with `o` (-o, -eo, -euxo) and the word
// pipefail.
template <typename Words, typename Value>
bool SetsPipefail(const Words& words, size_t first, Value value) {
  bool has_o = false, has_pipefail = false;
  for (size_t i = first; i < words.size(); ++i) {
    std::string_view word = value(words[i]);
    if (word.size() > 1 && word[0] == '-' && word[1] != '-' && word.find('o') != std::string_view::npos)
      has_o = true;
    if (word == "pipefail") has_pipefail = true;
  }
  return has_o && has_pipefail;
}

ShellState ReadShell(const model::DockerfileModel& model, const model::Instruction& shell) {
  if (shell.args.empty()) return ShellState::kNoPipefail;
  std::string program = model.Arg(shell, 0);
  size_t cut = program.find_last_of("/\\");
  std::string base = Lower(cut == std::string::npos ? program : program.substr(cut + 1));
  if (base.starts_with("pwsh") || base.starts_with("powershell") || base.starts_with("cmd"))
    return ShellState::kNotPosix;
  if (base != "bash" && base != "zsh" && base != "ash") return ShellState::kNoPipefail;
  return SetsPipefail(shell.args, 1,
                      [](const parsers::DockerfileWord& w) { return std::string_view(w.value); })
             ? ShellState::kPipefail
             : ShellState::kNoPipefail;
}

class PipefailMissing : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "pipefail-missing"; }
  // A pipe is no word: every RUN is parsed when this rule runs.
  std::optional<std::vector<std::string_view>> RunWords() const override { return std::nullopt; }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    std::vector<ShellState> final_state;
    for (const model::Stage& stage : model.stages()) {
      ShellState state = stage.base_stage >= 0 ? final_state[stage.base_stage] : ShellState::kNoPipefail;
      for (const model::InstructionRef& ref : stage.body) {
        if (ref.keyword == model::Keyword::kShell) state = ReadShell(model, *ref);
        if (ref.keyword != model::Keyword::kRun || ref->json_form || state != ShellState::kNoPipefail)
          continue;
        const std::vector<parsers::ShellCommand>& commands = model.RunCommands(*ref);
        // The last element of each pipeline: a failure there already fails the pipeline.
        std::map<int, int> last;
        for (const parsers::ShellCommand& command : commands) {
          if (command.pipeline >= 0 && command.shell_depth == 0)
            last[command.pipeline] = std::max(last[command.pipeline], command.pipeline_index);
        }
        bool pipefail = false;  // a `set -o pipefail` came first
        for (const parsers::ShellCommand& command : commands) {
          if (command.shell_depth != 0) continue;
          if (!command.argv.empty() && command.argv[0].value == "set" &&
              SetsPipefail(command.argv, 1,
                           [](const parsers::ShellWord& w) { return std::string_view(w.value); }))
            pipefail = true;
          if (command.pipeline < 0 || command.pipeline_index == last[command.pipeline]) continue;
          if (pipefail) break;
          // echo and printf of words cannot fail in a way pipefail would catch.
          if (!command.argv.empty() && IsOneOf(command.argv[0].value, {"echo", "printf"})) continue;
          findings->push_back(FindingAt(SpanOf(model, command.begin, command.end),
                                        std::string(parsers::CommandBaseName(command.argv[0])) +
                                            " feeds a pipe without pipefail: the RUN succeeds when it fails; "
                                            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] first"));
          break;
        }
      }
      final_state.push_back(state);
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePipefailMissing() { return std::make_unique<PipefailMissing>(); }

}  // namespace docklint::rules::checks
