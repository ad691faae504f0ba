#include "fuzz/fuzz_targets.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>

#include "app/config.h"
#include "app/daemon_json_fix.h"
#include "app/dockerfile_lint.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "model/dockerd_command.h"
#include "model/host_config.h"
#include "parsers/audit_rules.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "parsers/env_file.h"
#include "parsers/exec_command.h"
#include "parsers/systemd_unit.h"
#include "report/reporter.h"
#include "rules/check.h"
#include "rules/engine.h"
#include "rules/ruleset.h"
#include "rules/selection.h"

namespace docklint::fuzz {
namespace {

using base::Diagnostics;
using base::Finding;
using base::SourceFile;

// A broken promise is reported like a crash, so libFuzzer keeps the input.
[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "docklint fuzz target: %s\n", what.c_str());
  std::abort();
}

const rules::Ruleset& Builtin() {
  static const rules::Ruleset* ruleset = [] {
    auto* loaded = new rules::Ruleset;
    std::vector<std::string> errors;
    if (!loaded->LoadBuiltin(&errors)) Fail("the built-in rulesets do not load");
    return loaded;
  }();
  return *ruleset;
}

std::vector<const rules::Rule*> AllRules(const rules::Ruleset& ruleset) {
  std::vector<const rules::Rule*> all;
  for (const rules::Rule& rule : ruleset.rules()) all.push_back(&rule);
  return all;
}

const std::vector<const rules::Rule*>& BuiltinRules() {
  static const auto* all = new std::vector<const rules::Rule*>(AllRules(Builtin()));
  return *all;
}

// Every span a parser reports must lie inside its file: reporters and fixes cut the text with it.
void CheckSpans(const Diagnostics& diagnostics) {
  for (const base::Diagnostic& d : diagnostics) {
    if (!d.span.valid()) continue;
    if (d.span.begin > d.span.end || d.span.end > d.span.file->content().size()) {
      Fail(d.code + " has a span [" + std::to_string(d.span.begin) + ", " + std::to_string(d.span.end) +
           ") outside its file of " + std::to_string(d.span.file->content().size()) + " bytes");
    }
  }
}

void AddDiagnostics(const Diagnostics& diagnostics, const rules::Ruleset& ruleset,
                    std::vector<Finding>* findings) {
  CheckSpans(diagnostics);
  for (const base::Diagnostic& d : diagnostics) findings->push_back(rules::FindingFromDiagnostic(ruleset, d));
}

// What the run loop does last: every finding through the text reporter, which cuts code frames out of the
// source; the first of the `escaped` findings (those whose messages quote the input) through JSON and SARIF.
void Report(const std::vector<Finding>& findings, const std::vector<const SourceFile*>& files,
            size_t escaped) {
  for (const Finding& f : findings) {
    if (f.rule_id == "DKL0000") Fail("internal error finding: " + f.message);
    const base::Range& r = f.location.range;
    if (std::tie(r.end.line, r.end.column) < std::tie(r.begin.line, r.begin.column))
      Fail(f.rule_id + " ends before it begins");
  }
  base::SourceLookup sources = [&files](const std::string& path) -> const SourceFile* {
    for (const SourceFile* file : files) {
      if (file->path() == path) return file;
    }
    return nullptr;
  };
  std::ostringstream out;
  report::WriteText(report::Report{.findings = findings, .summary = {}, .sources = sources},
                    report::TextStyle{.color = true, .code_frames = true}, out);
  // A few are enough to exercise the escaping; all of them made JSON dominate the run time.
  constexpr size_t kMaxEscaped = 16;
  std::vector<Finding> quoted(
      findings.begin(),
      findings.begin() + static_cast<ptrdiff_t>(std::min({escaped, findings.size(), kMaxEscaped})));
  report::Report report{.findings = quoted, .summary = {}, .sources = sources};
  report::WriteJson(report, out);
  report::WriteSarif(report, out);
}

// Host rules over a model, as the run loop evaluates them when there is a host to judge.
void EvaluateHost(const model::HostConfig& config, const rules::AuditContext* audit,
                  const std::vector<const rules::Rule*>& rules, std::vector<Finding>* findings) {
  rules::HostContext host{.config = config,
                          .audit = audit,
                          .found_paths = {{"docker.service", "/lib/systemd/system/docker.service"},
                                          {"docker.socket", "/lib/systemd/system/docker.socket"},
                                          {"daemon.json", "/etc/docker/daemon.json"},
                                          {"dockerd", "/usr/bin/dockerd"}}};
  config.Conflicts();
  rules::EvaluateHostRules(rules, host, findings);
}

// dockerd's flags from one ExecStart= into the model, as BuildModel does.
void AddExecStart(const parsers::UnitEntry& exec_start, const model::ServiceEnvironment& environment,
                  model::HostConfig* config, Diagnostics* diagnostics) {
  std::optional<model::DockerdCommand> command =
      model::ResolveDockerdCommand(exec_start, environment, diagnostics);
  if (!command || !command->is_dockerd) return;
  parsers::DockerdArgs args =
      parsers::ParseDockerdArgs(command->args, diagnostics, config->engine_version(), command->is_rhel_fork);
  config->AddFlags(args, diagnostics);
}

void AddEnvironment(const parsers::UnitEntry& entry, model::ServiceEnvironment* environment,
                    Diagnostics* diagnostics) {
  if (entry.value.empty()) {
    environment->clear();
    return;
  }
  std::vector<base::MappedText> words;
  if (!parsers::SplitWords(entry.value, &words, diagnostics)) return;
  for (const base::MappedText& word : words) {
    size_t eq = word.text().find('=');
    if (eq == std::string::npos || !parsers::IsValidEnvName(std::string_view(word.text()).substr(0, eq)))
      continue;
    (*environment)[word.text().substr(0, eq)] = word.Substr(eq + 1);
  }
}

}  // namespace

void FuzzDaemonJson(std::string_view data) {
  SourceFile file("/etc/docker/daemon.json", std::string(data));
  Diagnostics diagnostics;
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(file, &diagnostics);
  model::HostConfig config;
  if (parsed.root) {
    parsed.root->ToJson();
    config.AddDaemonJson(*parsed.root, &diagnostics);
  }
  config.Validate(&diagnostics);
  std::vector<Finding> findings;
  AddDiagnostics(diagnostics, Builtin(), &findings);
  size_t parser_findings = findings.size();
  if (parsed.root) {
    EvaluateHost(config, nullptr, BuiltinRules(), &findings);
    // --fix with every edit it can make; a fix it returns must itself parse.
    app::DaemonJsonEdits edits{.set = {{"icc", "false"},
                                       {"no-new-privileges", "true"},
                                       {"live-restore", "true"},
                                       {"userland-proxy", "false"}},
                               .remove = {"insecure-registries"}};
    std::string error;
    if (std::optional<std::string> fixed = app::FixDaemonJson(file, *parsed.root, edits, &error)) {
      SourceFile check("/etc/docker/daemon.json", *fixed);
      Diagnostics reparse;
      if (!parsers::ParseDaemonJson(check, &reparse).root)
        Fail("--fix returned a daemon.json that does not parse");
    }
  }
  Report(findings, {&file}, parser_findings);
}

void FuzzSystemdUnit(std::string_view data) {
  SourceFile file("/lib/systemd/system/docker.service", std::string(data));
  Diagnostics diagnostics;
  parsers::UnitFile unit = parsers::ParseSystemdUnit(file, &diagnostics);
  std::vector<const parsers::UnitEntry*> exec_starts;
  model::ServiceEnvironment environment;
  model::HostConfig config;
  for (const parsers::UnitEntry& entry : unit.entries) {
    if (entry.section == "Service" && entry.key == "ExecStart") exec_starts.push_back(&entry);
    if (entry.section == "Service" && entry.key == "Environment")
      AddEnvironment(entry, &environment, &diagnostics);
    if (entry.section == "Socket" && entry.key == "ListenStream") {
      config.socket_listeners.push_back({entry.value.text(), entry.value.SpanOf(0, entry.value.size())});
    }
    if (entry.section == "Socket" && entry.key == "SocketMode") {
      config.socket_ownership.unit_present = true;
      config.socket_ownership.mode = entry.value.text();
      config.socket_ownership.mode_span = entry.value.SpanOf(0, entry.value.size());
    }
  }
  model::SurplusExecStarts(exec_starts);
  // Every ExecStart= systemd could run, not only the effective one, so each command line is exercised.
  for (const parsers::UnitEntry* exec_start : exec_starts) {
    parsers::SplitExecCommands(exec_start->value, &diagnostics);
    AddExecStart(*exec_start, environment, &config, &diagnostics);
  }
  model::EffectiveExecStart(exec_starts);
  config.Validate(&diagnostics);
  std::vector<Finding> findings;
  AddDiagnostics(diagnostics, Builtin(), &findings);
  size_t parser_findings = findings.size();
  EvaluateHost(config, nullptr, BuiltinRules(), &findings);
  Report(findings, {&file}, parser_findings);
}

void FuzzEnvFile(std::string_view data) {
  SourceFile file("/etc/default/docker", std::string(data));
  Diagnostics diagnostics;
  parsers::EnvFile env = parsers::ParseEnvFile(file, &diagnostics);
  model::ServiceEnvironment environment;
  // Each variable used the two ways units use them: $NAME splits into words, ${NAME} is one argument.
  std::string exec_start = "[Service]\nExecStart=/usr/bin/dockerd -H fd://";
  size_t used = 0;
  for (const parsers::EnvAssignment& a : env.assignments) {
    environment[a.name] = a.value;
    if (++used <= 32) exec_start += " $" + a.name + " ${" + a.name + "}";
  }
  SourceFile unit_file("/lib/systemd/system/docker.service", exec_start + "\n");
  parsers::UnitFile unit = parsers::ParseSystemdUnit(unit_file, &diagnostics);
  model::HostConfig config;
  for (const parsers::UnitEntry* entry : unit.Find("Service", "ExecStart"))
    AddExecStart(*entry, environment, &config, &diagnostics);
  config.Validate(&diagnostics);
  std::vector<Finding> findings;
  AddDiagnostics(diagnostics, Builtin(), &findings);
  size_t parser_findings = findings.size();
  EvaluateHost(config, nullptr, BuiltinRules(), &findings);
  Report(findings, {&file, &unit_file}, parser_findings);
}

void FuzzAuditRules(std::string_view data) {
  SourceFile file("/etc/audit/rules.d/docker.rules", std::string(data));
  Diagnostics diagnostics;
  parsers::AuditRules parsed = parsers::ParseAuditRules(file, &diagnostics);
  for (const char* path :
       {"/usr/bin/dockerd", "/var/lib/docker", "/etc/docker/daemon.json", "/run/containerd", "/", ""}) {
    parsed.FindCoveringRule(path);
  }
  rules::AuditContext audit{.rules = parsers::MergeRulesD({{"10-docker.rules", parsed}, {"9.rules", parsed}}),
                            .anchor = base::SourceSpan{&file, 0, file.content().empty() ? 0u : 1u}};
  std::vector<Finding> findings;
  AddDiagnostics(diagnostics, Builtin(), &findings);
  size_t parser_findings = findings.size();
  model::HostConfig config;
  EvaluateHost(config, &audit, BuiltinRules(), &findings);
  Report(findings, {&file}, parser_findings);
}

void FuzzDockerfile(std::string_view data) {
  SourceFile file("Dockerfile", std::string(data));
  static const std::vector<std::string> kTrusted = {"registry.example.com", "docker.io/library"};
  std::vector<Finding> findings;
  app::LintDockerfile(file, Builtin(), BuiltinRules(), &findings, kTrusted);
  Report(findings, {&file}, findings.size());
}

namespace {

// A fixed host and Dockerfile for user rulesets and configs to run on. One setting holds a value as long
// as a hostile daemon.json may give, for the patterns of op = regex to meet.
struct FixedInputs {
  SourceFile daemon_json{"/etc/docker/daemon.json",
                         R"({"icc": false, "log-driver": "json-file", "log-opts": {"max-size": "10m"},
 "insecure-registries": ["10.0.0.1:5000"], "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000,
 "Soft": 64000}}, "userns-remap": "default", "storage-driver": "overlay2", "hosts": ["unix:///run/docker.sock"],
 "registry-mirrors": ["https://mirror.example/", "https://)" +
                             std::string(32768, 'a') + R"(.example/"]})"};
  SourceFile unit{"/lib/systemd/system/docker.service",
                  "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --tlsverify --log-level=info\n"};
  SourceFile dockerfile{
      "Dockerfile",
      "FROM debian:12 AS build\nARG PASSWORD\nRUN apt-get update && apt-get install -y curl "
      "&& curl -fsSL https://x | sh\nFROM registry.example.com/base:1@sha256:abc\n"
      "COPY --from=build /out /app\nUSER app\nHEALTHCHECK CMD [\"true\"]\n"};
  model::HostConfig config;

  FixedInputs() {
    Diagnostics ignored;
    parsers::DaemonJson parsed = parsers::ParseDaemonJson(daemon_json, &ignored);
    if (!parsed.root) Fail("the fixed daemon.json does not parse");
    config.AddDaemonJson(*parsed.root, &ignored);
    parsers::UnitFile parsed_unit = parsers::ParseSystemdUnit(unit, &ignored);
    for (const parsers::UnitEntry* entry : parsed_unit.Find("Service", "ExecStart"))
      AddExecStart(*entry, {}, &config, &ignored);
    config.Validate(&ignored);
  }
};

const FixedInputs& Fixed() {
  static const FixedInputs* inputs = new FixedInputs;
  return *inputs;
}

}  // namespace

void FuzzRuleset(std::string_view data) {
  rules::Ruleset ruleset = Builtin();  // a copy: user rules add to the built-in ones
  std::vector<std::string> errors;
  if (!ruleset.Load("/work/policy/site.toml", data, &errors)) return;
  std::vector<const rules::Rule*> all = AllRules(ruleset);
  const FixedInputs& fixed = Fixed();
  std::vector<Finding> findings;
  EvaluateHost(fixed.config, nullptr, all, &findings);
  app::LintDockerfile(fixed.dockerfile, ruleset, all, &findings);
  for (const rules::Rule* rule : all) {
    if (rule != ruleset.FindById(rule->id) || rule != ruleset.FindByName(rule->name))
      Fail("rule " + rule->id + " is not found by its own id and name");
  }
  Report(findings, {&fixed.daemon_json, &fixed.unit, &fixed.dockerfile}, findings.size());
}

void FuzzConfig(std::string_view data) {
  app::ConfigFile config;
  std::string error;
  if (!app::LoadConfigText("/work/repo/.docklint.toml", data, &config, &error)) return;
  rules::Selection selection{.benchmark = config.benchmark.value_or(""),
                             .checks = {},
                             .select = config.select.value_or(std::vector<std::string>{}),
                             .ignore = config.ignore.value_or(std::vector<std::string>{})};
  std::vector<const rules::Rule*> selected;
  if (!rules::SelectRules(Builtin(), selection, &selected, &error)) return;
  for (const auto& [name, level] : config.severity) {
    if (!base::ParseSeverity(level)) Fail("the loader accepted severity '" + level + "'");
    if (Builtin().FindById(name) == nullptr) Builtin().FindByName(name);
  }
  for (const auto& [glob, names] : config.per_file_ignores) {
    app::GlobMatches(glob, "/work/repo/services/web/Dockerfile");
  }
  std::vector<Finding> findings;
  app::LintDockerfile(Fixed().dockerfile, Builtin(), selected, &findings, config.trusted_registries);
  Report(findings, {&Fixed().dockerfile}, 0);
}

const std::vector<std::pair<std::string_view, FuzzTarget>>& FuzzTargets() {
  static const std::vector<std::pair<std::string_view, FuzzTarget>> kTargets = {
      {"audit_rules", &FuzzAuditRules},  {"config", &FuzzConfig},    {"daemon_json", &FuzzDaemonJson},
      {"dockerfile", &FuzzDockerfile},   {"env_file", &FuzzEnvFile}, {"ruleset", &FuzzRuleset},
      {"systemd_unit", &FuzzSystemdUnit}};
  return kTargets;
}

FuzzTarget FuzzTargetFor(std::string_view kind) {
  for (const auto& [name, target] : FuzzTargets()) {
    if (name == kind) return target;
  }
  return nullptr;
}

}  // namespace docklint::fuzz
