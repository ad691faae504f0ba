// One fuzz entry point per kind of input docklint reads: each feeds the bytes through the real parser and
// then through what the linter does with its result (model, rules, reporters), as far as that is cheap.
// Used by the libFuzzer executables (tests/fuzz/*_fuzzer.cc) and by the regression test, which replays
// every input under tests/fuzz/regressions/<kind>/ through FuzzTargetFor(<kind>).
//
// Besides crashing under the sanitizers, a target aborts when the linter breaks one of its own promises
// on that input: a finding of DKL0000 (a diagnostic no rule owns) or a finding placed outside its file.
#ifndef DOCKLINT_TESTS_FUZZ_FUZZ_TARGETS_H_
#define DOCKLINT_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <string_view>
#include <utility>
#include <vector>

namespace docklint::fuzz {

// /etc/docker/daemon.json: parse, HostConfig::AddDaemonJson, Validate, host rules, --fix edits; then the
// same bytes as the seccomp profile it names.
void FuzzDaemonJson(std::string_view data);
// docker.service / docker.socket and drop-ins: parse, Environment=, every ExecStart= resolved and its
// dockerd flags parsed into the model, socket listeners, host rules.
void FuzzSystemdUnit(std::string_view data);
// /etc/default/docker and the like: parse, then expanded into a typical ExecStart= and parsed as flags;
// then the same lines as a tree's fstab, group and passwd.
void FuzzEnvFile(std::string_view data);
// audit.rules and rules.d/*.rules: parse, merge as augenrules does, coverage lookups, audit rules.
void FuzzAuditRules(std::string_view data);
// Dockerfiles: app::LintDockerfile with every built-in rule (parser, model, tree-sitter-bash, checks).
void FuzzDockerfile(std::string_view data);
// A user ruleset TOML: Ruleset::Load on top of the built-in rules, then its rules run on a fixed host.
void FuzzRuleset(std::string_view data);
// .docklint.toml: the loader, then rule selection, severity overrides and per-file-ignore globs; first the
// same TOML as containerd's config.toml in a host tree.
void FuzzConfig(std::string_view data);
// Compose files: the YAML reader (every node's span and resolved tag), then the project model, its rules
// and suppressions, and the findings through the reporters.
void FuzzYaml(std::string_view data);
// The language server's input: the framing reader, then each message through the server (documents
// opened and edited with fuzzed ranges, requests on them), never linted.
void FuzzLsp(std::string_view data);

using FuzzTarget = void (*)(std::string_view data);

// Every target by kind, the name of its folder under tests/fuzz/regressions and of its fuzzer executable
// (<kind>_fuzzer).
const std::vector<std::pair<std::string_view, FuzzTarget>>& FuzzTargets();
// nullptr for an unknown kind.
FuzzTarget FuzzTargetFor(std::string_view kind);

}  // namespace docklint::fuzz

#endif  // DOCKLINT_TESTS_FUZZ_FUZZ_TARGETS_H_
