// A rule as a ruleset declares it: identity, severity, docs, benchmark references, and how it is decided
// (a declarative test on the host model, a named C++ check, or a diagnostic a parser reports).
#ifndef DOCKLINT_RULES_RULE_H_
#define DOCKLINT_RULES_RULE_H_

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"

namespace docklint::rules {

struct RuleDocs {
  std::string what;     // What it checks
  std::string why;      // Why it matters
  std::string example;  // Example
  std::string fix;      // Fix
};

// How op = regex patterns are compiled (the TOML loader and the generated built-in rules alike).
// __polynomial, a libstdc++ extension, matches with a breadth-first automaton: no recursion per character
// and no exponential backtracking, so a long or hostile value in a host file can neither overflow the
// stack (the default executor recursed once per character: a 15 KB string in daemon.json did) nor hang
// the run. It refuses back-references, which the loader reports as an invalid regex.
inline constexpr std::regex::flag_type kRegexFlags =
    std::regex::ECMAScript | std::regex::optimize | std::regex_constants::__polynomial;

// One condition on a setting, in the form of aquasecurity/docker-bench's test items. The test states
// when the host PASSES; the rule fires when it does not.
struct TestItem {
  std::string setting;      // daemon.json key or long flag name
  std::optional<bool> set;  // set = false: passes when nothing sets it; true: passes when something does
  std::string op;           // eq noteq gt gte lt lte has nothave regex valid_elements bitmask (empty: none)
  std::string value;
  std::optional<std::regex> regex;  // compiled once at load for op = regex
};

struct Test {
  enum class BinOp { kAnd, kOr };
  BinOp bin_op = BinOp::kAnd;
  std::vector<TestItem> items;
};

// What a rule judges: one host's model, one Dockerfile, or one compose project.
enum class RuleTarget { kHost, kDockerfile, kCompose };

struct Rule {
  std::string id;    // DKLnnnn
  std::string name;  // kebab-case
  base::Severity severity = base::Severity::kWarning;
  std::string title;
  std::string message;  // may use {value} and {setting}
  RuleDocs docs;
  std::vector<std::string> references;
  // The control id this rule has in `benchmark` ("2.2" for "cis-docker-1.6.0"), or "" when it has none.
  // cis-docker-1.7.0 shares the ids of cis-docker-1.6.0.
  std::string ControlId(std::string_view benchmark) const {
    if (benchmark == "cis-docker-1.7.0") benchmark = "cis-docker-1.6.0";
    for (const std::string& ref : references) {
      if (ref.size() > benchmark.size() && ref.compare(0, benchmark.size(), benchmark) == 0 &&
          ref[benchmark.size()] == ':') {
        return ref.substr(benchmark.size() + 1);
      }
    }
    return "";
  }
  std::optional<bool> scored;
  int level = 0;  // CIS profile level, 0 when the benchmark gives none
  std::optional<Test> test;
  // When present and failing, the rule does not apply to this host (N/A in the summary).
  std::optional<Test> applies_when;
  // A control the files cannot decide: unless its test passes, it is reported once, as the rule's
  // severity, with what the files say about the `evidence` settings. Reported only when asked for (a
  // --benchmark that references it, --select, --summary).
  bool manual = false;
  // A rule whose findings most projects would not act on (an absence-based control that fires on nearly
  // every service, a pedantic one): like a manual control, it runs only when asked for.
  bool opt_in = false;
  // A Dockerfile rule that judges the image a service ships (its size, its runtime user): Dockerfiles of
  // dev containers (a `.devcontainer` folder) build a workstation, not a shipped image, and skip it.
  bool shipped_image_only = false;
  // A host rule that does not apply to a node of a swarm (live-restore, which swarm mode refuses): N/A
  // where dockerd keeps swarm state.
  bool not_in_swarm = false;
  // Its findings point at text the program reads past (a key dockerd ignores, a line systemd skips, a
  // suppression that silences nothing): editors fade that text (LSP's Unnecessary tag).
  bool unnecessary = false;
  std::vector<std::string> evidence;
  std::map<std::string, std::string> params;  // parameters of `check` (e.g. the path an audit check needs)
  std::string check;                          // name of a C++ check
  RuleTarget target = RuleTarget::kHost;      // what `check` reads: a host, a Dockerfile, a compose project
  bool fatal = false;                         // its findings mean dockerd will not start
  // What a fatal finding means, said before its message; "" means "dockerd will not start".
  std::string fatal_effect;
  bool reported_by_parser = false;  // decided where the input is read (syntax errors, conflicts)
  std::string defined_in;           // ruleset path, for errors
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_RULE_H_
