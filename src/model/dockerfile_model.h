// A parsed Dockerfile as the image rules see it: its instructions with their keywords, its stages (FROM to
// FROM), what each is built from, and the commands each RUN's shell runs, parsed once on first use and only
// for the RUNs a rule asks about.
#ifndef DOCKLINT_MODEL_DOCKERFILE_MODEL_H_
#define DOCKLINT_MODEL_DOCKERFILE_MODEL_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/dockerfile_keyword.h"
#include "model/run_word_filter.h"
#include "parsers/dockerfile.h"
#include "parsers/shell_commands.h"

namespace docklint::model {

using Instruction = parsers::DockerfileInstruction;

// One instruction with what the model decided about it once, when it was built. It reads like a pointer to
// the instruction (ref->args, *ref), so a rule that had an Instruction* reads its keyword as ref.keyword.
struct InstructionRef {
  const Instruction* instruction = nullptr;
  Keyword keyword = Keyword::kUnknown;
  // The stage it belongs to: a FROM to the stage it starts, an ONBUILD trigger to its ONBUILD's stage; -1
  // before the first FROM.
  int stage = -1;
  // An ONBUILD's instruction: it runs in images built FROM this one, not in this build.
  bool trigger = false;

  const Instruction& operator*() const { return *instruction; }
  const Instruction* operator->() const { return instruction; }
};

struct Stage {
  size_t index = 0;
  std::string name;  // the AS name, lower-cased as BuildKit compares them; "" when unnamed
  const Instruction* from = nullptr;
  std::string base;  // the image or stage FROM names, as written
  // `base` with the defaults of the ARGs before the first FROM substituted, as BuildKit expands FROM when no
  // --build-arg overrides them; "" when a variable in it has no default or uses an expansion not handled.
  std::string resolved_base;
  int base_stage = -1;  // the earlier stage it is built FROM (after substitution), or -1 for an image
  std::vector<InstructionRef> body;  // the instructions after FROM, up to the next FROM (no ONBUILD triggers)
};

class DockerfileModel {
 public:
  // With a filter, RUN instructions whose text holds none of its words have no commands (they are not parsed
  // as shell); without one, every RUN is parsed.
  explicit DockerfileModel(const parsers::Dockerfile& file, const RunWordFilter* run_filter = nullptr);
  DockerfileModel(const DockerfileModel&) = delete;
  DockerfileModel& operator=(const DockerfileModel&) = delete;

  const parsers::Dockerfile& file() const { return file_; }
  const std::vector<Stage>& stages() const { return stages_; }
  const Stage* final_stage() const { return stages_.empty() ? nullptr : &stages_.back(); }
  // The stage whose image the file ships: the final stage; but when that stage is named for development or
  // tests (dev, development, dev-envs, devcontainer, debug, test), the stage it is built FROM, and so on.
  // Null when there is no stage, or when a development stage is built FROM an image: which stage is shipped
  // is then not in the file.
  const Stage* shipped_stage() const {
    return shipped_stage_ < 0 ? nullptr : &stages_[static_cast<size_t>(shipped_stage_)];
  }
  // Whether stage `index` is named for development or tests (IsDevelopmentStageName) and the shipped stage is
  // not built FROM it: it builds a developer's environment, as a dev container's Dockerfile does.
  bool IsUnshippedDevelopmentStage(size_t index) const;
  // ARGs before the first FROM.
  const std::vector<const Instruction*>& global_args() const { return global_args_; }
  // Every instruction in file order, each ONBUILD's trigger right after it (triggers run in images built
  // FROM this one, and their text is this file's).
  const std::vector<InstructionRef>& all_instructions() const { return all_; }

  // The stage that `reference` (a name or a 0-based index) names among the stages before `before`, or -1.
  int FindStage(std::string_view reference, size_t before) const;
  // The stage that `reference` names anywhere in the file, or -1.
  int FindAnyStage(std::string_view reference) const;

  // args[index] of `instruction` as BuildKit uses it: quotes removed (UnquoteWord with this file's escape
  // character) unless the arguments were a JSON array, whose strings are decoded already.
  std::string Arg(const Instruction& instruction, size_t index) const;

  // The commands a RUN runs: its shell-form text, or its heredoc scripts when the command is a shell
  // reading them (`RUN <<EOF`, `RUN bash <<EOF`), or its exec-form argv as one command. Parsed once, on
  // first use; none when the run filter rules the RUN out.
  const std::vector<parsers::ShellCommand>& RunCommands(const Instruction& run) const;

 private:
  const parsers::Dockerfile& file_;
  const RunWordFilter* run_filter_;
  std::vector<Stage> stages_;
  // The first stage of each name: FindStage by name scanned every stage (quadratic in 8,000 stages).
  std::unordered_map<std::string, size_t> first_stage_named_;
  std::vector<const Instruction*> global_args_;
  int shipped_stage_ = -1;
  std::vector<InstructionRef> all_;
  mutable std::unordered_map<const Instruction*, std::vector<parsers::ShellCommand>> run_commands_;
};

// A word after quote removal as BuildKit's shell lexer does it for FROM, COPY, ADD, WORKDIR, USER, ARG and
// ENV words: '...' verbatim, "..." with escape+" escape+$ escape+escape decoded, `escape`+c outside quotes
// giving c. Variables are left as written, not expanded.
std::string UnquoteWord(std::string_view word, char escape);

// Whether a stage's (lower-cased) name says it is for development or tests: dev, development, dev-envs (as
// Docker's dev environments name it), devcontainer, debug, test, tests.
bool IsDevelopmentStageName(std::string_view name);

// True for the names of shells that read a script (sh, bash, dash, ash, zsh, ksh, mksh, busybox sh).
bool IsShellName(std::string_view name);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_DOCKERFILE_MODEL_H_
