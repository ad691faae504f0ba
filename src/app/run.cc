#include "app/run.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "app/baseline.h"
#include "app/config.h"
#include "app/daemon_json_fix.h"
#include "app/directory_walk.h"
#include "app/discovery.h"
#include "app/dockerfile_lint.h"
#include "app/engine_version.h"
#include "app/host_files.h"
#include "model/dockerd_command.h"
#include "model/host_config.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "parsers/env_file.h"
#include "parsers/systemd_unit.h"
#include "report/reporter.h"
#include "report/rule_docs.h"
#include "report/summary.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint::app {
namespace {

using base::Diagnostics;
using base::Finding;
using base::SourceFile;

std::string Strip(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// Reads one input (a path on disk, a file of a host tree, or standard input for "-"); when it cannot, a
// DKL0002 finding says why and the result is null.
std::unique_ptr<SourceFile> ReadInput(const InputFile& input, const std::string& stdin_text,
                                      const rules::Ruleset& ruleset, std::vector<Finding>* findings) {
  std::string content, error;
  bool ok = true;
  if (input.tree != nullptr) {
    ok = input.tree->Read(input.disk_path, &content, &error);
  } else if (input.disk_path == "-") {
    content = stdin_text;
  } else {
    ok = base::ReadFileToString(input.disk_path, &content, &error);
  }
  if (!ok) {
    Finding f;
    if (const rules::Rule* rule = ruleset.FindById("DKL0002")) rules::Stamp(*rule, &f);
    f.message = "cannot read file: " + error;
    f.location.file = input.display_path;
    findings->push_back(std::move(f));
    return nullptr;
  }
  return std::make_unique<SourceFile>(input.display_path, std::move(content));
}

// One host's worth of inputs, read and parsed, and everything found while doing so.
class HostRun {
 public:
  // `files` is null when owners and modes cannot be judged (path mode, or a tree that did not keep them).
  HostRun(const rules::Ruleset& ruleset, const std::vector<const rules::Rule*>& selected, bool tree_mode,
          std::string engine_version, const rules::HostFiles* files)
      : ruleset_(ruleset), selected_(selected), tree_mode_(tree_mode), files_meta_(files) {
    config_.set_engine_version(std::move(engine_version));
  }

  void Lint(const Discovery& discovery) {
    for (const InputFile& input : discovery.files) Read(input);
    BuildModel();
  }

  std::vector<Finding>& findings() { return findings_; }
  // --fix: edits daemon.json (given by path) where the fix is certain and drops the findings it fixed.
  // Unsafe fixes (removing insecure registries changes what the host can pull) only when asked.
  void Fix(bool unsafe, std::ostream& err) {
    if (!daemon_json_root_ || daemon_json_->input.tree != nullptr || daemon_json_->input.disk_path == "-") {
      if (daemon_json_ != nullptr) {
        err << "docklint: note: --fix edits a daemon.json given by path, not one in a host tree or on "
               "stdin\n";
      }
      return;
    }
    // The certain fixes: each sets a daemon.json key that the Benchmark's control asks for.
    struct Fixable {
      const char* rule_id;
      const char* key;
      const char* value;  // JSON text; empty: remove the key
      bool unsafe;
    };
    static constexpr Fixable kFixable[] = {{"DKL1001", "icc", "false", false},
                                           {"DKL1014", "no-new-privileges", "true", false},
                                           {"DKL1015", "live-restore", "true", false},
                                           {"DKL1016", "userland-proxy", "false", false},
                                           {"DKL1005", "insecure-registries", "", true}};
    const std::string& path = daemon_json_->file->path();
    DaemonJsonEdits edits;
    std::vector<std::string> fixed_rules;
    for (const Fixable& fixable : kFixable) {
      if (fixable.unsafe && !unsafe) continue;
      bool fires_here = false, fires_elsewhere = false;
      for (const Finding& f : findings_) {
        if (f.rule_id != fixable.rule_id) continue;
        (f.location.file == path ? fires_here : fires_elsewhere) = true;
      }
      // A value given on the command line would conflict with the file (dockerd refuses both).
      const model::Setting* setting = config_.Find(fixable.key);
      if (!fires_here || fires_elsewhere || (setting != nullptr && setting->from_flag())) continue;
      if (*fixable.value == '\0') {
        edits.remove.push_back(fixable.key);
      } else {
        edits.set.emplace_back(fixable.key, fixable.value);
      }
      fixed_rules.push_back(fixable.rule_id);
    }
    if (fixed_rules.empty()) return;
    std::string error;
    std::optional<std::string> fixed = FixDaemonJson(*daemon_json_->file, *daemon_json_root_, edits, &error);
    if (!fixed) {
      err << "docklint: note: " << path << ": not fixed: " << error << '\n';
      return;
    }
    std::ofstream out(daemon_json_->input.disk_path, std::ios::binary | std::ios::trunc);
    out << *fixed;
    if (!out) {
      err << "docklint: error: " << path << ": cannot write the fix\n";
      unreadable_ = true;
      return;
    }
    size_t before = findings_.size();
    std::erase_if(findings_, [&](const Finding& f) {
      return f.location.file == path &&
             std::find(fixed_rules.begin(), fixed_rules.end(), f.rule_id) != fixed_rules.end();
    });
    err << "docklint: fixed " << before - findings_.size() << " finding(s) in " << path << '\n';
  }

  // What standard input held, for the path "-".
  void set_stdin(const std::string* text) { stdin_ = text; }
  std::vector<rules::RuleOutcome>& outcomes() { return outcomes_; }
  std::deque<std::unique_ptr<SourceFile>>& files() { return files_; }
  bool unreadable() const { return unreadable_; }

 private:
  struct Loaded {
    InputFile input;
    const SourceFile* file;
  };

  void Read(const InputFile& input) {
    std::unique_ptr<SourceFile> file = ReadInput(input, *stdin_, ruleset_, &findings_);
    if (!file) {
      unreadable_ = true;
      if (input.kind == FileKind::kDaemonJson) config_unknown_ = true;
      return;
    }
    files_.push_back(std::move(file));
    loaded_.push_back({input, files_.back().get()});
  }

  std::vector<const Loaded*> OfKind(FileKind kind) const {
    std::vector<const Loaded*> out;
    for (const Loaded& l : loaded_) {
      if (l.input.kind == kind) out.push_back(&l);
    }
    return out;
  }

  // The env file an EnvironmentFile= path names, by host path (in path mode, default/docker and
  // sysconfig/docker get theirs from their names).
  const Loaded* FindEnvFile(const std::string& host_path) const {
    for (const Loaded& l : loaded_) {
      if (l.input.kind != FileKind::kEnvFile) continue;
      if (l.input.host_path == host_path) return &l;
    }
    return nullptr;
  }

  void BuildModel() {
    std::vector<const Loaded*> daemon_jsons = OfKind(FileKind::kDaemonJson);
    std::vector<const Loaded*> units = OfKind(FileKind::kServiceUnit);
    std::vector<const Loaded*> drop_ins = OfKind(FileKind::kServiceDropIn);
    for (const Loaded* l : daemon_jsons) {
      size_t before = diagnostics_.size();
      parsers::DaemonJson parsed = parsers::ParseDaemonJson(*l->file, &diagnostics_);
      if (parsed.root) config_.AddDaemonJson(*parsed.root, &diagnostics_);
      daemon_json_ = l;
      daemon_json_root_ = parsed.root;
      // A daemon.json that does not parse stops dockerd: no setting of this host can be judged.
      if (!parsed.root && diagnostics_.size() > before) config_unknown_ = true;
    }
    // The service's assignments in the order systemd applies them: the unit, then its drop-ins.
    std::vector<parsers::UnitFile> unit_files;
    for (const auto* group : {&units, &drop_ins}) {
      for (const Loaded* l : *group) unit_files.push_back(parsers::ParseSystemdUnit(*l->file, &diagnostics_));
    }
    for (FileKind kind : {FileKind::kSocketUnit, FileKind::kSocketDropIn}) {
      for (const Loaded* l : OfKind(kind)) AddSocketListeners(*l);
    }
    std::vector<const parsers::UnitEntry*> exec_starts;
    model::ServiceEnvironment environment;
    std::vector<const parsers::UnitEntry*> environment_files;
    std::string service_type = "simple";  // systemd's default; docker.service says notify
    for (const parsers::UnitFile& unit : unit_files) {
      for (const parsers::UnitEntry& entry : unit.entries) {
        if (entry.section != "Service") continue;
        if (entry.key == "ExecStart") exec_starts.push_back(&entry);
        if (entry.key == "Type") service_type = Strip(entry.value.text());
        if (entry.key == "Environment") AddEnvironment(entry, &environment);
        if (entry.key == "EnvironmentFile") {
          if (entry.value.empty()) {
            environment_files.clear();  // an empty assignment resets the list
          } else {
            environment_files.push_back(&entry);
          }
        }
      }
    }
    if (service_type != "oneshot") {
      for (const parsers::UnitEntry* extra : model::SurplusExecStarts(exec_starts)) {
        diagnostics_.push_back(
            {"DKL2014",
             "a second ExecStart= without an empty \"ExecStart=\" before it: systemd refuses a "
             "Type=" +
                 service_type +
                 " service with more than one (\"only allowed for "
                 "Type=oneshot services. Refusing.\")",
             extra->key_span});
      }
    }
    std::vector<const Loaded*> used_env_files;
    for (const parsers::UnitEntry* entry : environment_files) {
      LoadEnvironmentFile(*entry, &environment, &used_env_files);
    }
    for (const Loaded* l : OfKind(FileKind::kEnvFile)) {
      if (std::find(used_env_files.begin(), used_env_files.end(), l) == used_env_files.end()) {
        ReportUnusedEnvFile(*l, !units.empty());
      }
    }
    if (const parsers::UnitEntry* exec_start = model::EffectiveExecStart(exec_starts)) {
      config_.exec_start_span = exec_start->span;
      std::optional<model::DockerdCommand> command =
          model::ResolveDockerdCommand(*exec_start, environment, &diagnostics_);
      if (command && command->is_dockerd) {
        daemon_executable_ = command->executable;
        parsers::DockerdArgs args = parsers::ParseDockerdArgs(
            command->args, &diagnostics_, config_.engine_version(), command->is_rhel_fork);
        config_.AddFlags(args, &diagnostics_);
      }
    }
    config_.Validate(&diagnostics_);
    LoadAuditRules();
    for (const base::Diagnostic& d : diagnostics_) {
      Finding finding = rules::FindingFromDiagnostic(ruleset_, d);
      if (IsSelected(finding.rule_id)) findings_.push_back(std::move(finding));
    }
    if (IsSelected("DKL2008")) ReportConflicts();
    // A Docker host to judge: dockerd's configuration file, or a service that runs dockerd. A unit of some
    // other program (given by path, or a Dockerfile's name mistaken for one) says nothing about dockerd.
    bool has_host = !daemon_jsons.empty() || !daemon_executable_.empty();
    if (has_host && !config_unknown_) {
      rules::HostContext host{.config = config_, .audit = audit_ ? &*audit_ : nullptr};
      for (const Loaded& l : loaded_) {
        if (l.input.host_path.empty()) continue;
        if (l.input.kind == FileKind::kServiceUnit) host.found_paths["docker.service"] = l.input.host_path;
        if (l.input.kind == FileKind::kSocketUnit) host.found_paths["docker.socket"] = l.input.host_path;
        if (l.input.kind == FileKind::kDaemonJson) host.found_paths["daemon.json"] = l.input.host_path;
        if (l.input.kind == FileKind::kServiceDropIn)
          host.unit_dropin_paths["docker.service"].push_back(l.input.host_path);
        if (l.input.kind == FileKind::kSocketDropIn)
          host.unit_dropin_paths["docker.socket"].push_back(l.input.host_path);
      }
      host.files = files_meta_;
      if (!daemon_executable_.empty() && daemon_executable_[0] == '/')
        host.found_paths["dockerd"] = daemon_executable_;
      if (!loaded_.empty() && loaded_.front().input.tree != nullptr) {
        const HostFs* tree = loaded_.front().input.tree;
        host.path_exists = [tree](const std::string& path) {
          return tree->TypeOf(path.substr(path.starts_with('/') ? 1 : 0)) != HostFs::Type::kMissing;
        };
      }
      outcomes_ = rules::EvaluateHostRules(selected_, host, &findings_);
    } else {
      // Nothing to judge: every host control is N/A (a lone Dockerfile, an env file without its unit, a
      // daemon.json dockerd cannot read).
      for (const rules::Rule* rule : selected_) {
        if (!rule->reported_by_parser && !rule->on_dockerfile)
          outcomes_.push_back({rule, rules::RuleStatus::kNotApplicable});
      }
    }
  }

  // auditd loads what augenrules builds from rules.d when that folder has rules, else audit.rules.
  void LoadAuditRules() {
    std::vector<const Loaded*> files = OfKind(FileKind::kAuditRules);
    if (files.empty()) return;
    std::vector<std::pair<std::string, parsers::AuditRules>> rules_d;
    std::optional<parsers::AuditRules> main_file;
    const Loaded* anchor = nullptr;
    for (const Loaded* l : files) {
      parsers::AuditRules parsed = parsers::ParseAuditRules(*l->file, &diagnostics_);
      const std::string& path = l->input.host_path;
      if (path.find("/rules.d/") != std::string::npos) {
        if (rules_d.empty()) anchor = l;
        rules_d.emplace_back(path.substr(path.rfind('/') + 1), std::move(parsed));
      } else {
        main_file = std::move(parsed);
        if (anchor == nullptr) anchor = l;
      }
    }
    audit_.emplace();
    audit_->rules = rules_d.empty() ? std::move(*main_file) : parsers::MergeRulesD(rules_d);
    audit_->anchor = base::SourceSpan{anchor->file, 0, anchor->file->content().empty() ? 0u : 1u};
  }

  void AddSocketListeners(const Loaded& socket) {
    parsers::UnitFile unit = parsers::ParseSystemdUnit(*socket.file, &diagnostics_);
    for (const parsers::UnitEntry* entry : unit.Find("Socket", "ListenStream")) {
      if (entry->value.empty()) {
        config_.socket_listeners.clear();  // an empty assignment resets the list
        continue;
      }
      config_.socket_listeners.push_back({entry->value.text(), entry->value.SpanOf(0, entry->value.size())});
    }
    auto& ownership = config_.socket_ownership;
    if (!ownership.unit_present) {
      ownership.unit_present = true;
      ownership.unit_span = base::SourceSpan{socket.file, 0, socket.file->content().empty() ? 0u : 1u};
    }
    for (auto [key, value, span] : {std::tuple{"SocketMode", &ownership.mode, &ownership.mode_span},
                                    std::tuple{"SocketUser", &ownership.user, &ownership.user_span},
                                    std::tuple{"SocketGroup", &ownership.group, &ownership.group_span}}) {
      for (const parsers::UnitEntry* entry : unit.Find("Socket", key)) {
        *value = entry->value.text();  // the last assignment wins
        *span = entry->value.SpanOf(0, entry->value.size());
      }
    }
  }

  // DKL0000 (a docklint bug) is never filtered out.
  bool IsSelected(std::string_view id) const {
    return id == "DKL0000" || std::any_of(selected_.begin(), selected_.end(),
                                          [&](const rules::Rule* rule) { return rule->id == id; });
  }

  void AddEnvironment(const parsers::UnitEntry& entry, model::ServiceEnvironment* environment) {
    if (entry.value.empty()) {
      environment->clear();  // an empty assignment resets the list
      return;
    }
    std::vector<base::MappedText> words;
    if (!parsers::SplitWords(entry.value, &words, &diagnostics_)) return;
    for (const base::MappedText& word : words) {
      size_t eq = word.text().find('=');
      if (eq == std::string::npos || !parsers::IsValidEnvName(std::string_view(word.text()).substr(0, eq)))
        continue;
      (*environment)[word.text().substr(0, eq)] = word.Substr(eq + 1);
    }
  }

  void LoadEnvironmentFile(const parsers::UnitEntry& entry, model::ServiceEnvironment* environment,
                           std::vector<const Loaded*>* used) {
    std::string path = Strip(entry.value.text());
    bool optional = path.starts_with('-');
    if (optional) path = Strip(std::string_view(path).substr(1));
    const Loaded* env = FindEnvFile(path);
    if (env == nullptr) {
      if (tree_mode_ && !optional) {
        diagnostics_.push_back({"DKL2013",
                                "EnvironmentFile=" + path +
                                    " does not exist in this tree and has no '-' prefix: systemd refuses to "
                                    "start the service",
                                entry.value.SpanOf(0, entry.value.size())});
      }
      return;
    }
    used->push_back(env);
    parsers::EnvFile parsed = parsers::ParseEnvFile(*env->file, &diagnostics_);
    for (const parsers::EnvAssignment& a : parsed.assignments) (*environment)[a.name] = a.value;
  }

  void ReportUnusedEnvFile(const Loaded& l, bool have_unit) {
    if (!have_unit) return;  // without the unit we cannot tell whether it is read
    Diagnostics ignored;
    parsers::EnvFile parsed = parsers::ParseEnvFile(*l.file, &ignored);
    if (parsed.assignments.empty()) return;
    const parsers::EnvAssignment& first = parsed.assignments.front();
    diagnostics_.push_back({"DKL2012",
                            "no EnvironmentFile= of docker.service reads " + l.input.host_path + ", so " +
                                first.name + " and the rest of this file have no effect on dockerd",
                            first.name_span});
  }

  void ReportConflicts() {
    const rules::Rule* rule = ruleset_.FindById("DKL2008");
    for (const model::Conflict& conflict : config_.Conflicts()) {
      const model::Setting& s = *conflict.setting;
      std::string name(conflict.spec->json_key);
      const model::SettingItem& flag = s.flag_items.front();
      const model::SettingItem& file = s.file_items.front();
      Finding at_flag;
      if (rule) rules::Stamp(*rule, &at_flag);
      at_flag.message = "\"" + name + "\" is set both as a flag (" + flag.origin.written +
                        ") and in daemon.json (\"the following directives are specified "
                        "both as a flag and in the configuration file\")";
      at_flag.location = base::Location::Of(flag.origin.whole);
      at_flag.related.push_back({base::Location::Of(file.origin.whole), "also set in daemon.json here"});
      Finding at_file = at_flag;
      at_file.location = base::Location::Of(file.origin.whole);
      at_file.related = {
          {base::Location::Of(flag.origin.whole), "also set as " + flag.origin.written + " here"}};
      findings_.push_back(std::move(at_flag));
      findings_.push_back(std::move(at_file));
    }
  }

  const rules::Ruleset& ruleset_;
  const std::vector<const rules::Rule*>& selected_;
  bool tree_mode_;
  const std::string* stdin_ = nullptr;
  const Loaded* daemon_json_ = nullptr;
  std::optional<parsers::JsonNode> daemon_json_root_;
  const rules::HostFiles* files_meta_;
  std::deque<std::unique_ptr<SourceFile>> files_;
  std::vector<Loaded> loaded_;
  Diagnostics diagnostics_;
  model::HostConfig config_;
  std::vector<Finding> findings_;
  std::vector<rules::RuleOutcome> outcomes_;
  bool unreadable_ = false;
  bool config_unknown_ = false;
  std::optional<rules::AuditContext> audit_;
  std::string daemon_executable_;  // as ExecStart names it
};

// The configuration file's severity overrides and per-file ignores; false (with a message) when it names
// a rule that does not exist.
bool ApplyConfig(const Options& options, const rules::Ruleset& ruleset, std::vector<Finding>* findings,
                 std::ostream& err) {
  auto resolve = [&](const std::string& name) -> const rules::Rule* {
    const rules::Rule* rule = ruleset.FindById(name);
    return rule ? rule : ruleset.FindByName(name);
  };
  std::map<std::string, base::Severity> severity;
  for (const auto& [name, level] : options.severity_overrides) {
    const rules::Rule* rule = resolve(name);
    if (rule == nullptr) {
      err << "docklint: error: " << options.config_path << ": [severity] names no rule: " << name << '\n';
      return false;
    }
    severity[rule->id] = *base::ParseSeverity(level);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> ignores;
  for (const auto& [glob, names] : options.per_file_ignores) {
    std::vector<std::string> ids;
    for (const std::string& name : names) {
      const rules::Rule* rule = resolve(name);
      if (rule == nullptr) {
        err << "docklint: error: " << options.config_path << ": [per-file-ignores] names no rule: " << name
            << '\n';
        return false;
      }
      ids.push_back(rule->id);
    }
    ignores.emplace_back(glob, std::move(ids));
  }
  std::vector<Finding> kept;
  for (Finding& finding : *findings) {
    bool ignored = std::any_of(ignores.begin(), ignores.end(), [&](const auto& entry) {
      return GlobMatches(entry.first, finding.location.file) &&
             std::find(entry.second.begin(), entry.second.end(), finding.rule_id) != entry.second.end();
    });
    if (ignored) continue;
    if (auto it = severity.find(finding.rule_id); it != severity.end()) finding.severity = it->second;
    kept.push_back(std::move(finding));
  }
  *findings = std::move(kept);
  return true;
}

// One unit of the run's work: a host (its files, read from a tree or given by path) or one Dockerfile.
// Units share nothing but the read-only rules, so they run on every core.
struct Job {
  bool is_host = true;
  Discovery host;                // a host job's files, in the order systemd and dockerd read them
  std::unique_ptr<HostFs> tree;  // the tree they are read from, when they are a host tree's
  std::string tree_name;         // how notes name the tree
  bool found_in_walk = false;    // a tree a directory walk found: its notes are summed up, not printed each
  InputFile dockerfile;          // a Dockerfile job's file
};

struct JobResult {
  std::vector<std::unique_ptr<SourceFile>> files;  // the files findings point into; the others are dropped
  std::vector<Finding> findings;
  std::vector<rules::RuleOutcome> outcomes;  // a host job's, one per host rule
  size_t files_read = 0;
  bool unreadable = false;
  std::string messages;  // notes and errors for standard error
  // For a tree found in a walk: what the notes would have said, counted once for the whole run.
  bool engine_unknown = false;
  bool metadata_not_judged = false;
};

struct RunContext {
  const Options& options;
  const rules::Ruleset& ruleset;
  const std::vector<const rules::Rule*>& selected;
  const std::string& stdin_text;
  const DockerfileLinter& dockerfile_linter;
};

// Keeps what the report needs of the files read: the lines findings point into (the report quotes them,
// fingerprints hash them, SARIF counts their columns), with every other line emptied and the lines after the
// last one dropped, so a sweep of many files does not hold all their text until the report is written.
template <typename Files>
void KeepReferencedLines(Files& read, JobResult* result) {
  std::unordered_map<std::string_view, std::vector<std::pair<uint32_t, uint32_t>>> lines;  // by file
  auto add = [&](const base::Location& at) {
    if (at.file.empty() || at.range.begin.line == 0) {
      lines[at.file];  // the file is named but no line of it: keep it, empty
      return;
    }
    lines[at.file].emplace_back(at.range.begin.line, std::max(at.range.begin.line, at.range.end.line));
  };
  for (const Finding& finding : result->findings) {
    add(finding.location);
    for (const base::RelatedLocation& related : finding.related) add(related.location);
  }
  for (auto& file : read) {
    auto it = lines.find(file->path());
    if (it == lines.end()) continue;
    std::vector<bool> keep;
    for (auto [first, last] : it->second) {
      if (keep.size() <= last) keep.resize(last + 1);
      for (uint32_t line = first; line <= last; ++line) keep[line] = true;
    }
    std::string excerpt;
    for (uint32_t line = 1; line < keep.size() && line <= file->line_count(); ++line) {
      if (keep[line]) excerpt += file->LineText(line);
      excerpt += '\n';
    }
    result->files.push_back(std::make_unique<SourceFile>(file->path(), std::move(excerpt)));
  }
}

void RunHostJob(const Job& job, const RunContext& context, JobResult* result) {
  const Options& options = context.options;
  std::ostringstream messages;
  std::string engine_version = options.docker_version;
  std::optional<rules::HostFiles> host_files;
  if (job.tree) {
    for (const std::string& skipped : job.tree->Skipped())
      messages << "docklint: note: " << job.tree_name << ": skipped " << skipped << '\n';
    if (engine_version.empty()) {
      DetectedEngine engine = DetectEngineVersion(*job.tree);
      engine_version = engine.version;
      result->engine_unknown = engine.version.empty();
      if (job.found_in_walk) {
        // Summed up by the run: a repository with many host trees would otherwise print a note for each.
      } else if (engine.version.empty()) {
        messages << "docklint: note: " << job.tree_name << ": " << engine.why_not
                 << "; judging for the newest engine (see --docker-version)\n";
      } else {
        messages << "docklint: note: " << job.tree_name << ": judging for Docker Engine " << engine.version
                 << " (" << engine.package << " in var/lib/dpkg/status)\n";
      }
    }
    if (std::string why = job.tree->WhyMetadataIsNotTheHosts(); why.empty()) {
      host_files = MakeHostFiles(*job.tree);
    } else {
      result->metadata_not_judged = true;
      if (!job.found_in_walk)
        messages << "docklint: note: " << job.tree_name << ": owners and modes are not judged: " << why
                 << '\n';
    }
  }
  HostRun run(context.ruleset, context.selected, job.tree != nullptr, engine_version,
              host_files ? &*host_files : nullptr);
  run.set_stdin(&context.stdin_text);
  run.Lint(job.host);
  if (options.fix) run.Fix(options.unsafe_fixes, messages);
  result->findings = std::move(run.findings());
  result->outcomes = std::move(run.outcomes());
  result->files_read = run.files().size();
  result->unreadable = run.unreadable();
  result->messages = messages.str();
  KeepReferencedLines(run.files(), result);
}

void RunDockerfileJob(const Job& job, const RunContext& context, JobResult* result) {
  std::vector<std::unique_ptr<SourceFile>> read;
  read.push_back(ReadInput(job.dockerfile, context.stdin_text, context.ruleset, &result->findings));
  if (!read.back()) {
    result->unreadable = true;
    return;
  }
  result->files_read = 1;
  context.dockerfile_linter.Lint(*read.back(), &result->findings);
  KeepReferencedLines(read, result);
}

// Runs every job on `threads` threads taking jobs from one queue; results come back in job order.
std::vector<JobResult> RunJobs(const std::vector<Job>& jobs, const RunContext& context, unsigned threads) {
  std::vector<JobResult> results(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      try {
        (jobs[i].is_host ? RunHostJob : RunDockerfileJob)(jobs[i], context, &results[i]);
      } catch (const std::exception& e) {
        // A docklint bug must not take the other files' findings down with it.
        const std::string& what = jobs[i].is_host ? jobs[i].tree_name : jobs[i].dockerfile.display_path;
        results[i].messages += "docklint: error: " + what + ": internal error: " + e.what() + '\n';
        results[i].unreadable = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<size_t>(threads, jobs.size()); ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return results;
}

// With several hosts, a control's status is its worst: FAIL on one host fails it.
std::vector<rules::RuleOutcome> MergeOutcomes(const std::vector<std::vector<rules::RuleOutcome>>& hosts) {
  if (hosts.size() == 1) return hosts.front();
  auto rank = [](rules::RuleStatus status) {
    switch (status) {
      case rules::RuleStatus::kFail:
        return 3;
      case rules::RuleStatus::kManual:
        return 2;
      case rules::RuleStatus::kPass:
        return 1;
      case rules::RuleStatus::kNotApplicable:
        return 0;
    }
    return 0;
  };
  std::vector<rules::RuleOutcome> merged;
  std::unordered_map<const rules::Rule*, size_t> index;
  for (const auto& outcomes : hosts) {
    for (const rules::RuleOutcome& outcome : outcomes) {
      auto [it, added] = index.emplace(outcome.rule, merged.size());
      if (added) {
        merged.push_back(outcome);
      } else if (rank(outcome.status) > rank(merged[it->second].status)) {
        merged[it->second].status = outcome.status;
      }
    }
  }
  return merged;
}

// The run's jobs, from --root, the paths given and the directories walked.
struct Plan {
  std::vector<Job> jobs;
  std::vector<std::string> errors;
  std::string stdin_text;
};

Job HostTreeJob(std::unique_ptr<HostFs> tree, std::string name) {
  Job job;
  job.host = DiscoverHostTree(*tree);
  job.tree = std::move(tree);
  job.tree_name = std::move(name);
  return job;
}

// Moves the Dockerfiles of `discovery` into jobs of their own; the host files stay.
void SplitOffDockerfiles(Discovery* discovery, std::vector<Job>* jobs, std::set<std::string>* seen) {
  std::erase_if(discovery->files, [&](const InputFile& input) {
    if (input.kind != FileKind::kDockerfile) return false;
    if (seen->insert(input.disk_path).second) {
      Job job;
      job.is_host = false;
      job.dockerfile = input;
      jobs->push_back(std::move(job));
    }
    return true;
  });
}

bool PlanJobs(const Options& options, Plan* plan, std::ostream& err) {
  std::vector<Job> host_jobs;
  Job given;  // --root's tree with the files given by path, or the files given by path alone: one host
  given.tree_name = options.root.empty() ? "the files given" : options.root;
  if (!options.root.empty()) {
    std::error_code ec;
    std::unique_ptr<HostFs> tree;
    if (std::filesystem::is_directory(options.root, ec)) {
      tree = OpenDirectoryTree(options.root);
    } else if (LooksLikeTarball(options.root) || std::filesystem::is_regular_file(options.root, ec)) {
      std::string error;
      tree = OpenTarballTree(options.root, &error);
      if (!tree) {
        err << "docklint: error: " << options.root << ": cannot read as a rootfs tarball: " << error << '\n';
        return false;
      }
    } else {
      err << "docklint: error: " << options.root << ": --root takes a directory or a rootfs tarball\n";
      return false;
    }
    given = HostTreeJob(std::move(tree), options.root);
  }
  // Paths given one by one are one host, with the host files of a walk that the configuration maps. Each
  // walked directory's other host files are grouped by the host they describe.
  std::vector<std::string> paths, walked_host_files;
  std::set<std::string> seen_dockerfiles;
  for (const std::string& path : options.paths) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_directory(path, ec)) {
      if (path != "-") paths.push_back(path);
      continue;
    }
    Walk walk = WalkDirectory(path);
    plan->errors.insert(plan->errors.end(), walk.errors.begin(), walk.errors.end());
    if (walk.files.empty() && walk.errors.empty())
      err << "docklint: note: " << path << ": holds no file docklint lints\n";
    for (std::string& file : walk.files) {
      std::string host_path;
      std::optional<FileKind> kind = KindInWalk(file, &host_path);
      if (!MappedHostPath(file, options.host_mapping).empty() || kind == FileKind::kDockerfile) {
        paths.push_back(std::move(file));
      } else {
        walked_host_files.push_back(std::move(file));
      }
    }
  }
  Discovery classified = ClassifyPaths(paths, options.host_mapping);
  plan->errors.insert(plan->errors.end(), classified.errors.begin(), classified.errors.end());
  given.host.files.insert(given.host.files.end(), classified.files.begin(), classified.files.end());
  // "-" is standard input, named (and classified) by --stdin-filename, as editors pass a buffer.
  if (std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end()) {
    std::string name = options.stdin_filename.empty() ? "<stdin>" : options.stdin_filename;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      plan->stdin_text.append(buffer, static_cast<size_t>(std::cin.gcount()));
      if (plan->stdin_text.size() > base::kMaxFileSize) {
        err << "docklint: error: " << name << ": standard input holds more than "
            << base::kMaxFileSize / (1024 * 1024) << " MiB; docklint reads files of at most that\n";
        return false;
      }
    }
    std::string host_path;
    std::optional<FileKind> kind = KindFromName(name, &host_path);
    if (!kind) kind = KindFromContent(std::string_view(plan->stdin_text).substr(0, 4096));
    if (!kind) {
      err << "docklint: error: " << name << ": " << kUnknownKind << " (name it with --stdin-filename)\n";
      return false;
    }
    given.host.files.push_back(InputFile{"-", name, host_path, *kind});
  }
  SplitOffDockerfiles(&given.host, &plan->jobs, &seen_dockerfiles);
  for (HostGroup& group : GroupByHost(walked_host_files)) {
    if (!group.tree_root.empty()) {
      host_jobs.push_back(HostTreeJob(OpenDirectoryTree(group.tree_root), group.tree_root));
      host_jobs.back().found_in_walk = true;
      continue;
    }
    Job job;
    job.tree_name = group.files.front();
    job.host = ClassifyPaths(group.files);
    host_jobs.push_back(std::move(job));
  }
  // The files given make a host when they hold one, and so does an empty run: its host controls are N/A.
  if (given.tree || !given.host.files.empty() || host_jobs.empty())
    host_jobs.insert(host_jobs.begin(), std::move(given));
  // Hosts first: they are few and the slowest, so the queue ends with short Dockerfile jobs.
  std::move(plan->jobs.begin(), plan->jobs.end(), std::back_inserter(host_jobs));
  plan->jobs = std::move(host_jobs);
  return true;
}
}  // namespace

int Run(const Options& options, std::ostream& out, std::ostream& err) {
  rules::Ruleset ruleset;
  std::vector<std::string> errors;
  ruleset.LoadBuiltin(&errors);
  for (const std::string& path : options.rulesets) {
    std::string text, error;
    if (!base::ReadFileToString(path, &text, &error)) {
      errors.push_back(path + ": error: cannot read ruleset: " + error);
      continue;
    }
    ruleset.Load(path, text, &errors);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) err << e << '\n';
    return kExitUsage;
  }
  if (!options.explain.empty()) {
    const rules::Rule* rule = ruleset.FindById(options.explain);
    if (rule == nullptr) rule = ruleset.FindByName(options.explain);
    if (rule == nullptr) {
      err << "docklint: error: --explain: no rule is named or numbered '" << options.explain
          << "' (see --list-rules)\n";
      return kExitUsage;
    }
    report::WriteExplanation(*rule, out);
    return kExitClean;
  }
  rules::Selection selection = options.selection;
  selection.include_manual = selection.include_manual || options.summary || options.list_rules;
  std::vector<const rules::Rule*> selected;
  std::string selection_error;
  if (!rules::SelectRules(ruleset, selection, &selected, &selection_error)) {
    err << "docklint: error: " << selection_error << '\n';
    return kExitUsage;
  }
  if (options.list_rules) {
    report::WriteRuleList(selected, options.format, selection.benchmark, out);
    return kExitClean;
  }
  if (!options.docker_version.empty() && !IsEngineVersion(options.docker_version)) {
    err << "docklint: error: --docker-version takes a release such as 20.10 or 24.0.7, not '"
        << options.docker_version << "'\n";
    return kExitUsage;
  }
  std::optional<report::Format> format = report::ParseFormat(options.format);
  if (!format) {
    err << "docklint: error: --format " << options.format
        << " is for --list-rules; findings come as text, json, sarif, github, gitlab, checkstyle or junit\n";
    return kExitUsage;
  }
  if (options.root.empty() && options.paths.empty()) {
    err << "docklint: error: nothing to lint: give files or directories, or --root DIR for a host tree (see "
           "--help)\n";
    return kExitUsage;
  }
  Plan plan;
  if (!PlanJobs(options, &plan, err)) return kExitUsage;
  for (const std::string& e : plan.errors) err << "docklint: error: " << e << '\n';
  unsigned threads = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  DockerfileLinter dockerfile_linter(ruleset, selected, options.trusted_registries);
  RunContext context{options, ruleset, selected, plan.stdin_text, dockerfile_linter};
  std::vector<JobResult> results = RunJobs(plan.jobs, context, threads);

  // Merged in job order, then sorted: the same output whichever thread finished first. (std::sort is
  // deterministic for a given input order, and unlike stable_sort needs no second copy of the findings.)
  std::vector<Finding> findings;
  size_t total = 0;
  for (const JobResult& result : results) total += result.findings.size();
  findings.reserve(total);
  std::unordered_map<std::string, const SourceFile*> files;
  std::vector<std::vector<rules::RuleOutcome>> host_outcomes;
  size_t files_read = 0, walked_trees = 0, engine_unknown = 0, metadata_not_judged = 0;
  bool unreadable = false;
  for (size_t i = 0; i < results.size(); ++i) {
    JobResult& result = results[i];
    err << result.messages;
    if (plan.jobs[i].found_in_walk) {
      ++walked_trees;
      engine_unknown += result.engine_unknown;
      metadata_not_judged += result.metadata_not_judged;
    }
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(findings));
    std::vector<Finding>().swap(result.findings);
    for (const auto& file : result.files) files.emplace(file->path(), file.get());
    if (!result.outcomes.empty()) host_outcomes.push_back(std::move(result.outcomes));
    files_read += result.files_read;
    unreadable = unreadable || result.unreadable;
  }
  if (engine_unknown > 0) {
    err << "docklint: note: " << engine_unknown << " of the " << walked_trees
        << " host trees found in the directories have no var/lib/dpkg/status to tell their Docker Engine: "
           "judged for the newest (see --docker-version)\n";
  }
  if (metadata_not_judged > 0) {
    err << "docklint: note: " << metadata_not_judged << " of the " << walked_trees
        << " host trees found in the directories were not copied with their owners (etc/ is not owned by "
           "root): owners and modes are not judged\n";
  }
  auto find_file = [&files](const std::string& path) -> const SourceFile* {
    auto it = files.find(path);
    return it == files.end() ? nullptr : it->second;
  };
  std::sort(findings.begin(), findings.end(), base::FindingLess);
  if (!ApplyConfig(options, ruleset, &findings, err)) return kExitUsage;
  if (!options.baseline_write.empty() || !options.baseline.empty()) {
    std::vector<std::string> fingerprints = base::Fingerprints(findings, find_file);
    std::string error;
    if (!options.baseline_write.empty() &&
        !WriteBaseline(options.baseline_write, findings, fingerprints, &error)) {
      err << "docklint: error: " << options.baseline_write << ": " << error << '\n';
      return kExitUsage;
    }
    if (!options.baseline.empty()) {
      Baseline baseline;
      if (!ReadBaseline(options.baseline, &baseline, &error)) {
        err << "docklint: error: " << options.baseline << ": " << error << '\n';
        return kExitUsage;
      }
      ApplyBaseline(baseline, &findings, fingerprints);
    }
  }
  std::vector<report::ControlRow> rows;
  if (options.summary) rows = report::BuildControlRows(MergeOutcomes(host_outcomes), selection.benchmark);
  report::Report report{findings, report::RunSummary{files_read}, find_file, &ruleset,
                        options.summary ? &rows : nullptr};
  report::Write(*format, report, options.text_style, out);
  if (options.summary && *format == report::Format::kText) {
    report::WriteSummary(rows, selection.benchmark, options.remediations, out);
  }
  if (!plan.errors.empty() || unreadable) return kExitUsage;
  bool failing = std::any_of(findings.begin(), findings.end(),
                             [&](const Finding& f) { return f.severity >= options.failure_threshold; });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace docklint::app
