// A rule as a ruleset declares it: identity, severity, docs, benchmark references, and how it is decided
// (a declarative test on the host model, a named C++ check, or a diagnostic a parser reports).
#ifndef DOCKLINT_RULES_RULE_H_
#define DOCKLINT_RULES_RULE_H_

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/finding.h"

namespace docklint::rules {

struct RuleDocs {
  std::string what;     // What it checks
  std::string why;      // Why it matters
  std::string example;  // Example
  std::string fix;      // Fix
};

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

struct Rule {
  std::string id;    // DKLnnnn
  std::string name;  // kebab-case
  base::Severity severity = base::Severity::kWarning;
  std::string title;
  std::string message;  // may use {value} and {setting}
  RuleDocs docs;
  std::vector<std::string> references;
  std::optional<bool> scored;
  int level = 0;  // CIS profile level, 0 when the benchmark gives none
  std::optional<Test> test;
  std::string check;                // name of a C++ check
  bool reported_by_parser = false;  // decided where the input is read (syntax errors, conflicts)
  std::string defined_in;           // ruleset path, for errors
};

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_RULE_H_
