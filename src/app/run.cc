#include "app/run.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>

#include "app/baseline.h"
#include "app/config.h"
#include "app/daemon_json_fix.h"
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
    for (const Loaded* l : OfKind(FileKind::kDockerfile))
      LintDockerfile(*l->file, ruleset_, selected_, &findings_, trusted_registries_);
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

  void set_trusted_registries(std::vector<std::string> registries) {
    trusted_registries_ = std::move(registries);
  }
  // What standard input held, for the path "-".
  void set_stdin(std::string text) { stdin_ = std::move(text); }
  // The text of a file read in this run, by the path findings name it with; nullptr when it was not read.
  const SourceFile* FindFile(const std::string& path) const {
    for (const auto& file : files_) {
      if (file->path() == path) return file.get();
    }
    return nullptr;
  }
  const std::vector<rules::RuleOutcome>& outcomes() const { return outcomes_; }
  size_t files_read() const { return loaded_.size(); }
  bool unreadable() const { return unreadable_; }

 private:
  struct Loaded {
    InputFile input;
    const SourceFile* file;
  };

  void Read(const InputFile& input) {
    std::string content, error;
    bool ok = true;
    if (input.tree != nullptr) {
      ok = input.tree->Read(input.disk_path, &content, &error);
    } else if (input.disk_path == "-") {
      content = stdin_;
    } else {
      ok = base::ReadFileToString(input.disk_path, &content, &error);
    }
    if (!ok) {
      Finding f;
      if (const rules::Rule* rule = ruleset_.FindById("DKL0002")) rules::Stamp(*rule, &f);
      f.message = "cannot read file: " + error;
      f.location.file = input.display_path;
      findings_.push_back(std::move(f));
      unreadable_ = true;
      if (input.kind == FileKind::kDaemonJson) config_unknown_ = true;
      return;
    }
    files_.push_back(std::make_unique<SourceFile>(input.display_path, std::move(content)));
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
  std::string stdin_;
  std::vector<std::string> trusted_registries_;
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
  std::string
      daemon_executable_;  // as ExecStart names it  // daemon.json exists but dockerd could not load it
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
    err << "docklint: error: nothing to lint: give files, or --root DIR for a host tree (see --help)\n";
    return kExitUsage;
  }
  std::unique_ptr<HostFs> tree;
  if (!options.root.empty()) {
    std::error_code ec;
    if (std::filesystem::is_directory(options.root, ec)) {
      tree = OpenDirectoryTree(options.root);
    } else if (LooksLikeTarball(options.root) || std::filesystem::is_regular_file(options.root, ec)) {
      std::string error;
      tree = OpenTarballTree(options.root, &error);
      if (!tree) {
        err << "docklint: error: " << options.root << ": cannot read as a rootfs tarball: " << error << '\n';
        return kExitUsage;
      }
    } else {
      err << "docklint: error: " << options.root << ": --root takes a directory or a rootfs tarball\n";
      return kExitUsage;
    }
  }
  if (tree) {
    for (const std::string& skipped : tree->Skipped()) {
      err << "docklint: note: " << options.root << ": skipped " << skipped << '\n';
    }
  }
  // "-" is standard input, named (and classified) by --stdin-filename, as editors pass a buffer.
  std::vector<std::string> paths;
  std::optional<InputFile> stdin_input;
  std::string stdin_text;
  for (const std::string& path : options.paths) {
    if (path != "-") {
      paths.push_back(path);
      continue;
    }
    if (stdin_input) continue;  // read once
    stdin_text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::string name = options.stdin_filename.empty() ? "<stdin>" : options.stdin_filename;
    std::string host_path;
    std::optional<FileKind> kind = KindFromName(name, &host_path);
    if (!kind) kind = KindFromContent(std::string_view(stdin_text).substr(0, 4096));
    if (!kind) {
      err << "docklint: error: " << name << ": " << kUnknownKind << " (name it with --stdin-filename)\n";
      return kExitUsage;
    }
    stdin_input = InputFile{"-", name, host_path, *kind};
  }
  Discovery discovery = tree ? DiscoverHostTree(*tree) : ClassifyPaths(paths, options.host_mapping);
  if (stdin_input && !tree) discovery.files.push_back(*stdin_input);
  if (!options.root.empty() && !options.paths.empty()) {
    Discovery more = ClassifyPaths(paths, options.host_mapping);
    if (stdin_input) more.files.push_back(*stdin_input);
    discovery.files.insert(discovery.files.end(), more.files.begin(), more.files.end());
    discovery.errors.insert(discovery.errors.end(), more.errors.begin(), more.errors.end());
  }
  for (const std::string& e : discovery.errors) err << "docklint: error: " << e << '\n';
  std::string engine_version = options.docker_version;
  if (engine_version.empty() && !options.root.empty()) {
    DetectedEngine engine = DetectEngineVersion(*tree);
    engine_version = engine.version;
    if (engine.version.empty()) {
      err << "docklint: note: " << engine.why_not
          << "; judging for the newest engine (see --docker-version)\n";
    } else {
      err << "docklint: note: judging for Docker Engine " << engine.version << " (" << engine.package
          << " in var/lib/dpkg/status)\n";
    }
  }
  std::optional<rules::HostFiles> host_files;
  if (tree) {
    if (std::string why = tree->WhyMetadataIsNotTheHosts(); why.empty()) {
      host_files = MakeHostFiles(*tree);
    } else {
      err << "docklint: note: " << options.root << ": owners and modes are not judged: " << why << '\n';
    }
  }
  HostRun run(ruleset, selected, !options.root.empty(), engine_version, host_files ? &*host_files : nullptr);
  run.set_stdin(std::move(stdin_text));
  run.set_trusted_registries(options.trusted_registries);
  run.Lint(discovery);
  if (options.fix) run.Fix(options.unsafe_fixes, err);
  std::vector<Finding>& findings = run.findings();
  std::stable_sort(findings.begin(), findings.end(), base::FindingLess);
  if (!ApplyConfig(options, ruleset, &findings, err)) return kExitUsage;
  if (!options.baseline_write.empty() || !options.baseline.empty()) {
    std::vector<std::string> fingerprints =
        base::Fingerprints(findings, [&run](const std::string& path) { return run.FindFile(path); });
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
  if (options.summary) rows = report::BuildControlRows(run.outcomes(), selection.benchmark);
  report::Report report{findings, report::RunSummary{run.files_read()},
                        [&run](const std::string& path) { return run.FindFile(path); }, &ruleset,
                        options.summary ? &rows : nullptr};
  report::Write(*format, report, options.text_style, out);
  if (options.summary && *format == report::Format::kText) {
    report::WriteSummary(rows, selection.benchmark, options.remediations, out);
  }
  if (!discovery.errors.empty() || run.unreadable()) return kExitUsage;
  bool failing = std::any_of(findings.begin(), findings.end(),
                             [&](const Finding& f) { return f.severity >= options.failure_threshold; });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace docklint::app
