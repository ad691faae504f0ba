// hadolint DL3044: an ENV pair whose value refers to a variable another pair of the same ENV defines
// (`ENV A=1 B=$A/x`). BuildKit expands every value of one ENV with the variables as they were before it,
// so B does not see A=1. A name defined by an earlier ENV or ARG is known, and a pair that refers to its
// own name (`ENV PATH=/x:$PATH`) is fine.
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsNameChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Whether `value` (as written, quotes kept) expands $name or ${name}: hadolint's matching, except that
// text in '...' and an escaped $ are not expansions.
bool RefersTo(std::string_view value, std::string_view name, char escape) {
  bool single = false, dquote = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (single) {
      single = c != '\'';
      continue;
    }
    if (c == escape) {
      ++i;
      continue;
    }
    if (c == '\'' && !dquote) {
      single = true;
      continue;
    }
    if (c == '"') {
      dquote = !dquote;
      continue;
    }
    if (c != '$') continue;
    std::string_view rest = value.substr(i + 1);
    if (rest.starts_with('{') && rest.substr(1).starts_with(name) &&
        rest.substr(1 + name.size()).starts_with('}'))
      return true;
    if (rest.starts_with(name) && (rest.size() == name.size() || !IsNameChar(rest[name.size()]))) return true;
  }
  return false;
}

struct Defined {
  std::set<std::string, std::less<>> names;  // by an earlier ENV or ARG anywhere above
};

class EnvRefersToSameEnv : public DockerfileCheckWithState<Defined> {
 public:
  std::string_view Name() const override { return "env-refers-to-same-env"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kEnv, model::Keyword::kArg};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            Defined* defined, std::vector<base::Finding>* findings) const override {
    if (instruction.trigger) return;
    const std::vector<parsers::DockerfileWord>& args = instruction->args;
    if (instruction.keyword == model::Keyword::kArg) {
      for (const parsers::DockerfileWord& word : args)
        defined->names.insert(word.value.substr(0, word.value.find('=')));
      return;
    }
    char escape = dockerfile.model.file().escape;
    bool reported = false;
    for (size_t key = 0; key + 1 < args.size() && !reported; key += 2) {
      const std::string& name = args[key].value;
      if (name.empty() || defined->names.contains(name)) continue;
      for (size_t other = 0; other + 1 < args.size(); other += 2) {
        if (other == key || !RefersTo(args[other + 1].value, name, escape)) continue;
        findings->push_back(FindingAt(args[other + 1].span,
                                      "refers to " + name +
                                          ", which this same ENV defines: the value expands with " + name +
                                          " as it was before this ENV; set it in an ENV of its own first"));
        reported = true;
        break;
      }
    }
    for (size_t key = 0; key + 1 < args.size(); key += 2) defined->names.insert(args[key].value);
  }
  void Done(const DockerfileContext&, const Rule&, Defined*, std::vector<base::Finding>*) const override {}
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeEnvRefersToSameEnv() { return std::make_unique<EnvRefersToSameEnv>(); }

}  // namespace docklint::rules::checks
