// The interface of Dockerfile rules decided by C++ code: one class per file in rules/checks/, registered
// by name in check_registry.cc beside the host checks. A check does not walk the file itself: the walker
// (dockerfile_walker.h) hands it the instructions of the keywords it reads, one at a time, as hadolint's
// simpleRule does, then calls its whole-file hook.
#ifndef DOCKLINT_RULES_DOCKERFILE_CHECK_H_
#define DOCKLINT_RULES_DOCKERFILE_CHECK_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "model/dockerfile_model.h"
#include "model/dockerignore.h"
#include "rules/rule.h"

namespace docklint::rules {

// hadolint's label schema (its `label-schema` and `strict-labels` settings): the labels every image must
// carry, each with the form its value must have: "text" (any), "url", "spdx", "rfc3339", "hash" (a git
// commit), "semver" or "email".
struct LabelSchema {
  std::map<std::string, std::string> labels;  // label name -> type
  bool strict = false;                        // labels not in the schema are superfluous
};
// Whether `type` is one of the label types above.
inline bool IsLabelType(std::string_view type) {
  return type == "text" || type == "url" || type == "spdx" || type == "rfc3339" || type == "hash" ||
         type == "semver" || type == "email";
}

struct DockerfileContext {
  const model::DockerfileModel& model;
  // Registries (and repository prefixes) base images may come from, from the configuration; empty: any.
  const std::vector<std::string>& trusted_registries;
  // The label schema from the configuration; none: the rules that need one stay silent.
  const LabelSchema* label_schema = nullptr;
  // The .dockerignore of the build context (`<Dockerfile>.dockerignore` beside the file, else `.dockerignore`
  // in its folder, as BuildKit prefers them), when the file was read from disk and one exists; else null.
  const model::DockerIgnore* dockerignore = nullptr;
};

class DockerfileCheck {
 public:
  // What a check keeps from one instruction to the next while the walker goes through one file; see
  // DockerfileCheckWithState.
  class WalkState {
   public:
    virtual ~WalkState() = default;
  };

  virtual ~DockerfileCheck() = default;
  virtual std::string_view Name() const = 0;

  // The keywords of the instructions OnInstruction reads; none: the check has only its whole-file hook.
  virtual std::vector<model::Keyword> Keywords() const { return {}; }
  // Called for each instruction with one of Keywords(), in file order, ONBUILD triggers included (right after
  // their ONBUILD; instruction.trigger says which). Appends findings for `rule` (id, severity, references are
  // filled in by the engine).
  virtual void OnInstruction(const DockerfileContext&, const model::InstructionRef&, const Rule&,
                             std::vector<base::Finding>*) const {}
  // Called once the walk is over, for what needs the whole model: the stage graph, the final stage, the
  // instructions of a stage taken together. Its findings come after OnInstruction's.
  virtual void OnFile(const DockerfileContext&, const Rule&, std::vector<base::Finding>*) const {}

  // The words in RUN text this check acts on (command and environment variable names, any case); nullopt:
  // it may act on any RUN. A RUN that holds none of the selected checks' words is not parsed as shell
  // (model/run_word_filter.h), so a check that reads no RUN command says so with an empty list.
  virtual std::optional<std::vector<std::string_view>> RunWords() const { return std::nullopt; }
  // Called when a ruleset is loaded: an error message for params this check cannot use, else "".
  virtual std::string CheckParams(const std::map<std::string, std::string>& params) const {
    return params.empty() ? "" : "check '" + std::string(Name()) + "' takes no params";
  }

  // The walker's entry points for one rule over one file: StartWalk once, Visit for each instruction with
  // one of Keywords(), Finish at the end, each given back what StartWalk made. They call OnInstruction and
  // OnFile; DockerfileCheckWithState passes its State along instead.
  virtual std::unique_ptr<WalkState> StartWalk() const { return nullptr; }
  virtual void Visit(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule& rule, WalkState*, std::vector<base::Finding>* findings) const {
    OnInstruction(dockerfile, instruction, rule, findings);
  }
  virtual void Finish(const DockerfileContext& dockerfile, const Rule& rule, WalkState*,
                      std::vector<base::Finding>* findings) const {
    OnFile(dockerfile, rule, findings);
  }
};

// A check that carries something from one instruction to the next (hadolint's customRule): the walker makes
// a fresh State for each file, hands it to Step with each instruction of Keywords() and to Done at the end.
// Checks are shared by the threads that lint files, so this is where such a check keeps what it gathers.
template <typename State>
class DockerfileCheckWithState : public DockerfileCheck {
 public:
  virtual void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                    const Rule& rule, State* state, std::vector<base::Finding>* findings) const = 0;
  virtual void Done(const DockerfileContext& dockerfile, const Rule& rule, State* state,
                    std::vector<base::Finding>* findings) const = 0;

  std::unique_ptr<WalkState> StartWalk() const final { return std::make_unique<Holder>(); }
  void Visit(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule& rule,
             WalkState* state, std::vector<base::Finding>* findings) const final {
    Step(dockerfile, instruction, rule, &static_cast<Holder*>(state)->state, findings);
  }
  void Finish(const DockerfileContext& dockerfile, const Rule& rule, WalkState* state,
              std::vector<base::Finding>* findings) const final {
    Done(dockerfile, rule, &static_cast<Holder*>(state)->state, findings);
  }

 private:
  struct Holder : WalkState {
    State state;
  };
};

// A finding at `span` with `message`.
base::Finding FindingAt(const base::SourceSpan& span, std::string message);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DOCKERFILE_CHECK_H_
