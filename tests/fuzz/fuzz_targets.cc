#include "fuzz/fuzz_targets.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "app/config.h"
#include "app/daemon_json_fix.h"
#include "app/dockerfile_lint.h"
#include "app/hadolint_config.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "base/text_edit.h"
#include "lsp/json_rpc.h"
#include "lsp/server.h"
#include "model/audit_model.h"
#include "model/compose_project.h"
#include "model/dockerd_command.h"
#include "model/host_builder.h"
#include "model/host_config.h"
#include "parsers/audit_rules.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "parsers/env_file.h"
#include "parsers/exec_command.h"
#include "parsers/systemd_unit.h"
#include "parsers/yaml.h"
#include "report/reporter.h"
#include "rules/check.h"
#include "rules/engine.h"
#include "rules/ruleset.h"
#include "rules/selection.h"
#include "rules/suppressions.h"
#include "testing/rule_of.h"

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
      Fail(test_support::RuleOf(d) + " has a span [" + std::to_string(d.span.begin) + ", " +
           std::to_string(d.span.end) + ") outside its file of " +
           std::to_string(d.span.file->content().size()) + " bytes");
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

// The host model of `inputs`, built as the run builds it, its diagnostics added to `findings`.
model::HostModel Build(const std::vector<model::HostInput>& inputs, std::vector<Finding>* findings) {
  model::HostModel host = model::BuildHostModel(inputs, {});
  AddDiagnostics(host.diagnostics, Builtin(), findings);
  return host;
}

// A host tree with daemon.json `daemon_json` in which `other` is found at each of `paths` (nothing else
// exists): the rules that read a tree's other files (fstab, group, passwd, a seccomp profile, containerd's
// config.toml) judge the fuzzer's bytes, and every finding goes through the reporters.
void LintTreeReading(const SourceFile& other, const std::vector<std::string>& paths,
                     std::string daemon_json) {
  SourceFile config("/etc/docker/daemon.json", std::move(daemon_json));
  auto found = [paths](const std::string& path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  model::HostBuildOptions options{.whole_tree = true};
  options.path_exists = found;
  options.read_file = [&other, found](const std::string& path) { return found(path) ? &other : nullptr; };
  options.list_dir = [](const std::string&) { return std::vector<std::string>{}; };
  model::HostModel host =
      model::BuildHostModel({{model::InputKind::kDaemonJson, "/etc/docker/daemon.json", &config}}, options);
  std::vector<Finding> findings;
  AddDiagnostics(host.diagnostics, Builtin(), &findings);
  size_t parser_findings = findings.size();
  rules::EvaluateHostRules(BuiltinRules(), host, &findings);
  Report(findings, {&other, &config}, parser_findings);
}

// dockerd's flags from one ExecStart= into a scratch model: every ExecStart= systemd could run, not only
// the effective one the builder picks, so that each command line is exercised.
void AddExecStart(const parsers::UnitEntry& exec_start, const model::ServiceEnvironment& environment,
                  model::HostConfig* config, Diagnostics* diagnostics) {
  std::optional<model::DockerdCommand> command =
      model::ResolveDockerdCommand(exec_start, environment, diagnostics);
  if (!command || !command->is_dockerd) return;
  parsers::DockerdArgs args =
      parsers::ParseDockerdArgs(command->args, diagnostics, config->engine_version(), command->is_rhel_fork);
  config->AddFlags(args, diagnostics);
}

}  // namespace

void FuzzDaemonJson(std::string_view data) {
  SourceFile file("/etc/docker/daemon.json", std::string(data));
  std::vector<Finding> findings;
  model::HostModel host =
      Build({{model::InputKind::kDaemonJson, "/etc/docker/daemon.json", &file}}, &findings);
  if (host.daemon_json_root) host.daemon_json_root->ToJson();
  size_t parser_findings = findings.size();
  rules::EvaluateHostRules(BuiltinRules(), host, &findings);
  if (host.daemon_json_root) {
    // --fix with every edit it can make; a fix it returns must itself parse.
    app::DaemonJsonEdits edits{.set = {{"icc", "false"},
                                       {"no-new-privileges", "true"},
                                       {"live-restore", "true"},
                                       {"userland-proxy", "false"}},
                               .remove = {"insecure-registries"}};
    std::string error;
    if (std::optional<std::string> fixed = app::FixDaemonJson(file, *host.daemon_json_root, edits, &error)) {
      SourceFile check("/etc/docker/daemon.json", *fixed);
      Diagnostics reparse;
      if (!parsers::ParseDaemonJson(check, &reparse).root)
        Fail("--fix returned a daemon.json that does not parse");
    }
    // The fixes host jobs attach: each applies to the file as read.
    app::AttachDaemonJsonFixes(host, &findings);
    for (const Finding& f : findings) {
      for (const base::Fix& fix : f.fixes) {
        if (!base::ApplyTextEdits(file, fix.edits, &error)) Fail("a finding's fix does not apply");
      }
    }
  }
  Report(findings, {&file}, parser_findings);
  // The same bytes as the seccomp profile daemon.json names.
  LintTreeReading(SourceFile("/etc/docker/seccomp.json", std::string(data)), {"/etc/docker/seccomp.json"},
                  "{\"seccomp-profile\": \"/etc/docker/seccomp.json\"}\n");
}

void FuzzSystemdUnit(std::string_view data) {
  SourceFile file("/lib/systemd/system/docker.service", std::string(data));
  std::vector<Finding> findings;
  // The same text as docker.service and as docker.socket: [Service] and [Socket] entries both count.
  model::HostModel host =
      Build({{model::InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &file},
             {model::InputKind::kSocketUnit, "/lib/systemd/system/docker.socket", &file}},
            &findings);
  Diagnostics diagnostics;
  parsers::UnitFile unit = parsers::ParseSystemdUnit(file, &diagnostics);
  std::vector<const parsers::UnitEntry*> exec_starts = unit.Find("Service", "ExecStart");
  model::HostConfig scratch;
  for (const parsers::UnitEntry* exec_start : exec_starts) {
    parsers::SplitExecCommands(exec_start->value, &diagnostics);
    AddExecStart(*exec_start, {}, &scratch, &diagnostics);
  }
  CheckSpans(diagnostics);
  size_t parser_findings = findings.size();
  rules::EvaluateHostRules(BuiltinRules(), host, &findings);
  Report(findings, {&file}, parser_findings);
}

void FuzzEnvFile(std::string_view data) {
  SourceFile file("/etc/default/docker", std::string(data));
  Diagnostics ignored;
  parsers::EnvFile env = parsers::ParseEnvFile(file, &ignored);
  // Each variable used the two ways units use them: $NAME splits into words, ${NAME} is one argument.
  std::string exec_start =
      "[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/bin/dockerd -H fd://";
  size_t used = 0;
  for (const parsers::EnvAssignment& a : env.assignments) {
    if (++used <= 32) exec_start += " $" + a.name + " ${" + a.name + "}";
  }
  SourceFile unit_file("/lib/systemd/system/docker.service", exec_start + "\n");
  std::vector<Finding> findings;
  model::HostModel host =
      Build({{model::InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit_file},
             {model::InputKind::kEnvFile, "/etc/default/docker", &file}},
            &findings);
  size_t parser_findings = findings.size();
  rules::EvaluateHostRules(BuiltinRules(), host, &findings);
  Report(findings, {&file, &unit_file}, parser_findings);
  // The same lines as the tree's fstab, group and passwd (CIS 1.1.1, 1.1.2).
  LintTreeReading(SourceFile("/etc/fstab", std::string(data)), {"/etc/fstab", "/etc/group", "/etc/passwd"},
                  "{\"userns-remap\": \"default\"}\n");
}

void FuzzAuditRules(std::string_view data) {
  SourceFile file("/etc/audit/rules.d/docker.rules", std::string(data));
  Diagnostics ignored;
  parsers::AuditRules parsed = parsers::ParseAuditRules(file, &ignored);
  for (const char* path :
       {"/usr/bin/dockerd", "/var/lib/docker", "/etc/docker/daemon.json", "/run/containerd", "/", ""}) {
    model::FindCoveringRule(parsed, path);
  }
  // Twice in rules.d, merged as augenrules merges them, on a host with a daemon.json so the audit rules run.
  SourceFile daemon_json("/etc/docker/daemon.json", "{}");
  std::vector<Finding> findings;
  model::HostModel host = Build({{model::InputKind::kDaemonJson, "/etc/docker/daemon.json", &daemon_json},
                                 {model::InputKind::kAuditRules, "/etc/audit/rules.d/10-docker.rules", &file},
                                 {model::InputKind::kAuditRules, "/etc/audit/rules.d/9.rules", &file}},
                                &findings);
  size_t parser_findings = findings.size();
  rules::EvaluateHostRules(BuiltinRules(), host, &findings);
  Report(findings, {&file, &daemon_json}, parser_findings);
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
  model::HostModel host;

  FixedInputs() {
    host =
        model::BuildHostModel({{model::InputKind::kDaemonJson, "/etc/docker/daemon.json", &daemon_json},
                               {model::InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
                              {});
    if (!host.daemon_json_root) Fail("the fixed daemon.json does not parse");
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
  rules::EvaluateHostRules(all, fixed.host, &findings);
  app::LintDockerfile(fixed.dockerfile, ruleset, all, &findings);
  for (const rules::Rule* rule : all) {
    if (rule != ruleset.FindById(rule->id) || rule != ruleset.FindByName(rule->name))
      Fail("rule " + rule->id + " is not found by its own id and name");
  }
  Report(findings, {&fixed.daemon_json, &fixed.unit, &fixed.dockerfile}, findings.size());
}

void FuzzConfig(std::string_view data) {
  // The same TOML as containerd's config.toml in a host tree.
  LintTreeReading(SourceFile("/etc/containerd/config.toml", std::string(data)),
                  {"/etc/containerd/config.toml"}, "{}\n");
  // The same bytes as hadolint's configuration, which a folder without .docklint.toml gives instead.
  app::ConfigFile hadolint;
  std::string hadolint_error;
  if (app::LoadHadolintConfigText("/work/repo/.hadolint.yaml", data, &hadolint, &hadolint_error)) {
    for (const auto& [name, level] : hadolint.severity) {
      if (!base::ParseSeverity(level)) Fail("the hadolint loader accepted severity '" + level + "'");
    }
  }
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

void FuzzYaml(std::string_view data) {
  SourceFile file("compose.yaml", std::string(data));
  Diagnostics diagnostics;
  parsers::YamlFile yaml = parsers::ParseYaml(file, base::DiagnosticCode::kInvalidJson, &diagnostics);
  if (diagnostics.size() > 1) Fail("the YAML reader reported more than its first problem");
  // Every node once (aliases share nodes: walking them as a tree is what an alias bomb exploits).
  std::set<const parsers::YamlNode*> seen;
  std::vector<const parsers::YamlNode*> pending;
  for (const parsers::YamlDocument& document : yaml.documents) {
    if (document.root != nullptr) pending.push_back(document.root);
  }
  while (!pending.empty()) {
    const parsers::YamlNode* node = pending.back();
    pending.pop_back();
    if (!seen.insert(node).second) continue;
    if (node->span.file != &file || node->span.begin > node->span.end || node->span.end > data.size())
      Fail("a YAML node's span lies outside its file");
    parsers::ResolvedTag(*node);
    for (const parsers::YamlNode* item : node->items) pending.push_back(item);
    for (const parsers::YamlPair& pair : node->pairs) {
      pending.push_back(pair.key);
      pending.push_back(pair.value);
    }
  }
  // The same bytes as a compose project: merged, interpolated (from a fixed .env), its rules and
  // suppressions, as the run does it. Any other .yaml file that `extends` or `include` names holds the same
  // bytes too, so cycles and nesting are explored.
  SourceFile dotenv(".env", "TAG=1.27\nMODE=host\n");
  SourceFile other("other.yaml", std::string(data));
  model::ComposeProjectInputs inputs;
  inputs.files.push_back({&file, ""});
  inputs.dotenv = &dotenv;
  inputs.read_file = [&](const std::string& path) -> model::ComposeRead {
    if (path.ends_with(".yaml") || path.ends_with(".yml")) return {&other, false, ""};
    return {nullptr, true, "no such file"};
  };
  model::ComposeProject project = model::LoadComposeProject(inputs);
  std::vector<Finding> findings;
  AddDiagnostics(diagnostics, Builtin(), &findings);
  AddDiagnostics(project.diagnostics, Builtin(), &findings);
  if (project.complete) rules::EvaluateComposeRules(BuiltinRules(), {project}, &findings);
  Diagnostics suppression_problems;
  for (const model::ComposeSource& source : project.files) {
    rules::Suppressions suppressions =
        rules::YamlSuppressions(*source.file, source.yaml, Builtin(), &suppression_problems);
    for (const Finding& f : findings) suppressions.Suppresses(f);
  }
  AddDiagnostics(suppression_problems, Builtin(), &findings);
  Report(findings, {&file, &other, &dotenv}, findings.size());
}

void FuzzLsp(std::string_view data) {
  lsp::ServerOptions options;
  options.lint = false;
  lsp::Server server(options, [](const std::string& framed) {
    // Every message the server sends is framed.
    if (!framed.starts_with("Content-Length: ") || framed.find("\r\n\r\n") == std::string::npos) std::abort();
  });
  std::istringstream in{std::string(data)};
  lsp::MessageReader reader(in);
  std::string body, error;
  while (true) {
    lsp::MessageReader::Status status = reader.Next(&body, &error);
    if (status == lsp::MessageReader::Status::kEnd) break;
    if (status == lsp::MessageReader::Status::kBadHeader) {
      server.ReportFramingError(error);
      continue;
    }
    if (!server.Handle(body)) break;
  }
}

const std::vector<std::pair<std::string_view, FuzzTarget>>& FuzzTargets() {
  static const std::vector<std::pair<std::string_view, FuzzTarget>> kTargets = {
      {"audit_rules", &FuzzAuditRules},   {"config", &FuzzConfig},    {"daemon_json", &FuzzDaemonJson},
      {"dockerfile", &FuzzDockerfile},    {"env_file", &FuzzEnvFile}, {"ruleset", &FuzzRuleset},
      {"systemd_unit", &FuzzSystemdUnit}, {"yaml", &FuzzYaml},        {"lsp", &FuzzLsp}};
  return kTargets;
}

FuzzTarget FuzzTargetFor(std::string_view kind) {
  for (const auto& [name, target] : FuzzTargets()) {
    if (name == kind) return target;
  }
  return nullptr;
}

}  // namespace docklint::fuzz
