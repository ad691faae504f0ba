// Inline suppressions in Dockerfiles, as hadolint has them: `# docklint ignore=DKL3002,add-instead-of-copy
// [reason]` on the line(s) above an instruction silences those rules for that instruction;
// `# docklint global ignore=...` anywhere silences them for the file. Rules are named by id or name.
#ifndef DOCKLINT_RULES_SUPPRESSIONS_H_
#define DOCKLINT_RULES_SUPPRESSIONS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "parsers/dockerfile.h"
#include "rules/ruleset.h"

namespace docklint::rules {

class Suppressions {
 public:
  // Reads the comments of `dockerfile`. A name that is no rule is reported (DKL0009) and ignored.
  Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset, base::Diagnostics* diagnostics);

  bool Suppresses(const base::Finding& finding) const;

 private:
  struct Local {
    uint32_t last_line = 0;
    std::set<std::string, std::less<>> rule_ids;
  };
  std::string file_;
  // Sets and a map by first line, not lists: a finding was checked against every comment (8,000
  // suppressions took a second).
  std::set<std::string, std::less<>> global_;
  std::map<uint32_t, Local> local_;  // by first line; comments above the same instruction merged
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_SUPPRESSIONS_H_
