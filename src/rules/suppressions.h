// Inline suppressions, as hadolint has them: `# docklint ignore=DKL3002,add-instead-of-copy [reason]` on the
// line(s) above an element (a Dockerfile instruction, a compose key with its value) silences those rules for
// that element; `# docklint global ignore=...` anywhere silences them for the file. Rules are named by id or
// name.
#ifndef DOCKLINT_RULES_SUPPRESSIONS_H_
#define DOCKLINT_RULES_SUPPRESSIONS_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "parsers/dockerfile.h"
#include "parsers/yaml.h"
#include "rules/ruleset.h"

namespace docklint::rules {

// A comment of a file: its text after the '#', and its span from the '#'.
struct SuppressionComment {
  std::string_view text;
  base::SourceSpan span;
};

// The first and last line of the element that starts after `line` (the one a comment above it is about),
// or nullopt when there is none.
using ElementBelow = std::function<std::optional<std::pair<uint32_t, uint32_t>>(uint32_t line)>;

class Suppressions {
 public:
  // Reads the comments of `dockerfile`. A name that is no rule is reported (DKL0009) and ignored.
  Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset, base::Diagnostics* diagnostics);
  // The same for any file's comments.
  Suppressions(std::string file, const std::vector<SuppressionComment>& comments, const ElementBelow& below,
               const Ruleset& ruleset, base::Diagnostics* diagnostics);

  bool Suppresses(const base::Finding& finding) const;

 private:
  struct Local {
    uint32_t last_line = 0;
    std::set<std::string, std::less<>> rule_ids;
  };
  void Read(const std::vector<SuppressionComment>& comments, const ElementBelow& below,
            const Ruleset& ruleset, base::Diagnostics* diagnostics);

  std::string file_;
  // Sets and a map by first line, not lists: a finding was checked against every comment (8,000
  // suppressions took a second).
  std::set<std::string, std::less<>> global_;
  std::map<uint32_t, Local> local_;  // by first line; comments above the same instruction merged
};

// The suppressions of a YAML file (a compose file): comments on lines of their own, each about the key (with
// its value) or the list item that starts below it.
Suppressions YamlSuppressions(const base::SourceFile& file, const parsers::YamlFile& yaml,
                              const Ruleset& ruleset, base::Diagnostics* diagnostics);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_SUPPRESSIONS_H_
