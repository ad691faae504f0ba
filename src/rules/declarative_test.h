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

// Runs `rule.test` and appends one finding per place that decides the failure (each offending list
// element, the last scalar assignment, or the file or ExecStart line where the default applies).
void EvaluateTest(const Rule& rule, const model::HostConfig& config, std::vector<base::Finding>* findings);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DECLARATIVE_TEST_H_
