#include "rules/engine.h"

#include <algorithm>

#include "rules/check_registry.h"
#include "rules/declarative_test.h"
#include "rules/diagnostic_rules.h"
#include "rules/dockerfile_walker.h"
#include "rules/selection.h"

namespace docklint::rules {

void Stamp(const Rule& rule, base::Finding* finding) {
  finding->rule_id = rule.id;
  finding->rule_name = rule.name;
  finding->severity = rule.severity;
  finding->references = rule.references;
  finding->fatal = rule.fatal;
  finding->fatal_effect = rule.fatal_effect.empty() ? "dockerd will not start" : rule.fatal_effect;
}

namespace {

RuleStatus Decide(const Rule& rule, const HostContext& host, std::vector<base::Finding>* produced) {
  const model::HostConfig& config = host.config;
  if (rule.not_in_swarm && host.swarm_node.value_or(false)) return RuleStatus::kNotApplicable;
  // A rule whose condition or evidence reads a setting the files cannot decide is not judged.
  auto reads_unknown = [&config](const std::vector<std::string>& keys) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const std::string& key) { return config.IsUnknown(key); });
  };
  if (rule.applies_when) {
    std::vector<std::string> keys;
    for (const TestItem& item : rule.applies_when->items) keys.push_back(item.setting);
    if (reads_unknown(keys)) return RuleStatus::kNotApplicable;
    if (!TestPasses(*rule.applies_when, config)) return RuleStatus::kNotApplicable;
  }
  if (reads_unknown(rule.evidence)) return RuleStatus::kNotApplicable;
  if (rule.manual && !rule.check.empty()) {
    // A manual control decided by a check: what it reports is for a reviewer, not a failure.
    const Check* check = FindCheck(rule.check);
    if (check == nullptr || !check->Run(host, rule, produced)) return RuleStatus::kNotApplicable;
    return produced->empty() ? RuleStatus::kPass : RuleStatus::kManual;
  }
  if (rule.manual) {
    if (rule.test && TestPasses(*rule.test, config)) return RuleStatus::kPass;
    base::Finding finding;
    finding.message = (rule.message.empty() ? rule.title : rule.message) + " (manual check";
    finding.message +=
        rule.evidence.empty() ? ")" : "; the files say: " + DescribeSettings(rule.evidence, config) + ")";
    base::SourceSpan place = HostWidePlace(config);
    for (const std::string& key : rule.evidence) {
      const model::Setting* setting = config.Find(key);
      if (setting != nullptr && !setting->EffectiveItems().empty()) {
        place = setting->EffectiveItems().back()->origin.whole;
        break;
      }
    }
    finding.location = base::Location::Of(place);
    produced->push_back(std::move(finding));
    return RuleStatus::kManual;
  }
  if (rule.test) {
    switch (EvaluateTest(rule, config, produced)) {
      case TestResult::kPassed:
        return RuleStatus::kPass;
      case TestResult::kFailed:
        return RuleStatus::kFail;
      case TestResult::kUndecided:
        return RuleStatus::kNotApplicable;
    }
  }
  if (const Check* check = FindCheck(rule.check)) {
    if (!check->Run(host, rule, produced)) return RuleStatus::kNotApplicable;
    return produced->empty() ? RuleStatus::kPass : RuleStatus::kFail;
  }
  return RuleStatus::kNotApplicable;
}

}  // namespace

std::vector<RuleOutcome> EvaluateHostRules(const std::vector<const Rule*>& rules, const HostContext& host,
                                           std::vector<base::Finding>* findings) {
  std::vector<RuleOutcome> outcomes;
  for (const Rule* rule : rules) {
    if (rule->reported_by_parser || rule->target != RuleTarget::kHost) continue;
    if (!host.judgeable) {
      outcomes.push_back({.rule = rule, .status = RuleStatus::kNotApplicable});
      continue;
    }
    std::vector<base::Finding> produced;
    outcomes.push_back({.rule = rule, .status = Decide(*rule, host, &produced)});
    for (base::Finding& finding : produced) {
      Stamp(*rule, &finding);
      findings->push_back(std::move(finding));
    }
  }
  return outcomes;
}

base::Finding FindingFromDiagnostic(const Ruleset& ruleset, const base::Diagnostic& diagnostic) {
  base::Finding finding;
  if (const Rule* rule = ruleset.FindById(RuleIdFor(diagnostic.code))) {
    Stamp(*rule, &finding);
  } else {
    finding.rule_id = kInternalErrorRuleId;
    finding.rule_name = "internal-unknown-diagnostic";
    finding.severity = base::Severity::kError;
  }
  finding.message = diagnostic.message;
  finding.location = base::Location::Of(diagnostic.span);
  for (const base::RelatedSpan& related : diagnostic.related)
    finding.related.push_back({base::Location::Of(related.span), related.message});
  return finding;
}

namespace {

std::vector<DockerfileWalker::Selected> MatchDockerfileChecks(const std::vector<const Rule*>& rules) {
  std::vector<DockerfileWalker::Selected> selected;
  for (const Rule* rule : rules) {
    if (rule->target != RuleTarget::kDockerfile) continue;
    const DockerfileCheck* check = FindDockerfileCheck(rule->check);
    if (check == nullptr) continue;  // the loader refuses such a rule
    selected.push_back({rule, check});
  }
  return selected;
}

}  // namespace

DockerfileRules::DockerfileRules(const std::vector<const Rule*>& rules)
    : selected_(MatchDockerfileChecks(rules)), walker_(selected_) {}

void DockerfileRules::Evaluate(const DockerfileContext& dockerfile,
                               std::vector<base::Finding>* findings) const {
  std::vector<std::vector<base::Finding>> produced = walker_.Walk(dockerfile);
  for (size_t i = 0; i < selected_.size(); ++i) {
    for (base::Finding& finding : produced[i]) {
      Stamp(*selected_[i].rule, &finding);
      findings->push_back(std::move(finding));
    }
  }
}

void EvaluateDockerfileRules(const std::vector<const Rule*>& rules, const DockerfileContext& dockerfile,
                             std::vector<base::Finding>* findings) {
  DockerfileRules(rules).Evaluate(dockerfile, findings);
}

void AddSelectedFindings(const Ruleset& ruleset, const std::vector<const Rule*>& selected,
                         const base::Diagnostics& diagnostics, std::vector<base::Finding>* findings) {
  for (const base::Diagnostic& diagnostic : diagnostics) {
    base::Finding finding = FindingFromDiagnostic(ruleset, diagnostic);
    if (IsSelected(selected, finding.rule_id)) findings->push_back(std::move(finding));
  }
}

namespace {

// How ServiceFinding starts its message, and so how an outcome knows the service a finding is about.
std::string ServicePrefix(const model::ComposeService& service) { return "service " + service.name + ": "; }

// The service `finding` names (the longest name, should one name begin another), or null.
const model::ComposeService* ServiceOf(const model::ComposeProject& project, const base::Finding& finding) {
  const model::ComposeService* found = nullptr;
  for (const model::ComposeService& service : project.services) {
    if (finding.message.starts_with(ServicePrefix(service)) &&
        (found == nullptr || service.name.size() > found->name.size())) {
      found = &service;
    }
  }
  return found;
}

bool IsComposeRule(const Rule& rule) {
  return rule.target == RuleTarget::kCompose && !rule.reported_by_parser;
}

}  // namespace

std::vector<RuleOutcome> ComposeRulesNotJudged(const std::vector<const Rule*>& rules,
                                               const std::string& project) {
  std::vector<RuleOutcome> outcomes;
  for (const Rule* rule : rules) {
    if (IsComposeRule(*rule))
      outcomes.push_back({.rule = rule, .status = RuleStatus::kNotApplicable, .project = project});
  }
  return outcomes;
}

std::vector<RuleOutcome> EvaluateComposeRules(const std::vector<const Rule*>& rules,
                                              const ComposeContext& compose,
                                              std::vector<base::Finding>* findings) {
  const model::ComposeProject& project = compose.project;
  std::string project_name = project.anchor.valid() ? project.anchor.file->path() : "";
  if (project.services.empty()) return ComposeRulesNotJudged(rules, project_name);
  std::vector<RuleOutcome> outcomes;
  for (const Rule* rule : rules) {
    if (!IsComposeRule(*rule)) continue;
    const ComposeCheck* check = FindComposeCheck(rule->check);
    if (check == nullptr) continue;  // the loader refuses such a rule
    std::vector<base::Finding> produced;
    check->Run(compose, *rule, &produced);
    std::vector<bool> failed(project.services.size(), false);
    bool unattributed = false;
    for (base::Finding& finding : produced) {
      if (const model::ComposeService* service = ServiceOf(project, finding)) {
        failed[service - project.services.data()] = true;
      } else {
        unattributed = true;
      }
      Stamp(*rule, &finding);
      findings->push_back(std::move(finding));
    }
    for (size_t i = 0; i < project.services.size(); ++i) {
      const model::ComposeService& service = project.services[i];
      RuleStatus status = failed[i]                                ? RuleStatus::kFail
                          : check->Judges(compose, *rule, service) ? RuleStatus::kPass
                                                                   : RuleStatus::kManual;
      outcomes.push_back({.rule = rule,
                          .status = status,
                          .project = project_name,
                          .service = service.name,
                          .profiles = service.profiles});
    }
    // A finding about no service (a check that does not report with ServiceFinding) fails the project.
    if (unattributed)
      outcomes.push_back({.rule = rule, .status = RuleStatus::kFail, .project = project_name});
  }
  return outcomes;
}

base::Finding ServiceFinding(const model::ComposeProject& project, const model::ComposeService& service,
                             const model::ComposeNode* value, const std::string& message) {
  base::Finding finding;
  finding.message = ServicePrefix(service) + message;
  if (!service.profiles.empty()) {
    std::string profiles;
    for (const std::string& profile : service.profiles) profiles += (profiles.empty() ? "" : ", ") + profile;
    finding.message += " (profile " + profiles + ")";
  }
  if (value != nullptr && !value->origin_note.empty()) finding.message += " [" + value->origin_note + "]";
  base::SourceSpan fallback = service.name_at != nullptr ? service.name_at->span : project.anchor;
  finding.location = base::Location::Of(value != nullptr ? value->Span(fallback) : fallback);
  return finding;
}

base::Finding FindingAt(const base::SourceSpan& span, std::string message) {
  base::Finding finding;
  finding.location = base::Location::Of(span);
  finding.message = std::move(message);
  return finding;
}

}  // namespace docklint::rules
