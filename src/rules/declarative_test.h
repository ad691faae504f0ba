// Evaluates a rule's declarative test on the host model, with aquasecurity/docker-bench's operators but on
// effective settings: a setting nothing sets is compared by dockerd's default.
#ifndef DOCKLINT_RULES_DECLARATIVE_TEST_H_
#define DOCKLINT_RULES_DECLARATIVE_TEST_H_

#include <string>
#include <vector>

#include "base/finding.h"
#include "model/host_config.h"
#include "rules/rule.h"

namespace docklint::rules {

// The text docker-bench would compare: bools as true/false, lists joined by ",", maps as k=v joined by ",".
std::string ValueText(const nlohmann::json& value);

// Applies one compare operator to an actual value text.
bool Compare(const TestItem& item, const std::string& actual);

enum class TestResult {
  kPassed,
  kFailed,
  kUndecided,  // a setting it reads has a value dockerd rejects: the rejection is the finding
};

// Runs `rule.test` and, when it fails, appends one finding per place that decides the failure (each
// offending list element, the last scalar assignment, or the file or ExecStart line where the default
// applies).
TestResult EvaluateTest(const Rule& rule, const model::HostConfig& config,
                        std::vector<base::Finding>* findings);

// Whether `test` passes, without findings (for applies_when and manual controls).
bool TestPasses(const Test& test, const model::HostConfig& config);

// "rootless unset (default false), userns-remap=default": what the files say about these settings.
std::string DescribeSettings(const std::vector<std::string>& keys, const model::HostConfig& config);

// Where a finding about the host as a whole points: the start of daemon.json, else the ExecStart line.
base::SourceSpan HostWidePlace(const model::HostConfig& config);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DECLARATIVE_TEST_H_
