// The interface of Dockerfile rules decided by C++ code: one class per file in rules/checks/, registered
// by name in check_registry.cc beside the host checks.
#ifndef DOCKLINT_RULES_DOCKERFILE_CHECK_H_
#define DOCKLINT_RULES_DOCKERFILE_CHECK_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "model/dockerfile_model.h"
#include "rules/rule.h"

namespace docklint::rules {

struct DockerfileContext {
  const model::DockerfileModel& model;
  // Registries (and repository prefixes) base images may come from, from the configuration; empty: any.
  const std::vector<std::string>& trusted_registries;
};

class DockerfileCheck {
 public:
  virtual ~DockerfileCheck() = default;
  virtual std::string_view Name() const = 0;
  // Appends findings for `rule` (id, severity, references are filled in by the engine).
  virtual void Run(const DockerfileContext& dockerfile, const Rule& rule,
                   std::vector<base::Finding>* findings) const = 0;
  // The words in RUN text this check acts on (command and environment variable names, any case); nullopt:
  // it may act on any RUN. A RUN that holds none of the selected checks' words is not parsed as shell
  // (model/run_word_filter.h), so a check that reads no RUN command says so with an empty list.
  virtual std::optional<std::vector<std::string_view>> RunWords() const { return std::nullopt; }
  // Called when a ruleset is loaded: an error message for params this check cannot use, else "".
  virtual std::string CheckParams(const std::map<std::string, std::string>& params) const {
    return params.empty() ? "" : "check '" + std::string(Name()) + "' takes no params";
  }
};

// A finding at `span` with `message`.
base::Finding FindingAt(const base::SourceSpan& span, std::string message);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DOCKERFILE_CHECK_H_
