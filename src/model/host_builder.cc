#include "model/host_builder.h"

#include <optional>
#include <utility>

#include "model/dockerd_command.h"
#include "parsers/audit_rules.h"
#include "parsers/containerd_config.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "parsers/dockerd_flag_catalog.h"
#include "parsers/seccomp_profile.h"

namespace docklint::model {

HostBuilder::HostBuilder(HostBuildOptions options) : options_(std::move(options)) {
  model_.config.set_engine_version(options_.engine_version);
  model_.path_exists = options_.path_exists;
  model_.files = options_.files;
  model_.read_file = options_.read_file;
  if (!options_.rootless_home.empty()) {
    // Under RootlessKit dockerd defaults to rootless mode and keeps its data in the user's home
    // (cmd/dockerd config_unix.go, daemon/config: XDG_DATA_HOME/docker).
    model_.config.SetDefault("rootless", true);
    model_.config.SetDefault("data-root", options_.rootless_home + "/.local/share/docker");
    model_.rootless = true;
  }
  model_.list_dir = options_.list_dir;
}

HostModel HostBuilder::Build(const std::vector<HostInput>& inputs) {
  for (const InputKindInfo& info : InputKinds()) {
    if (info.build_step == nullptr) continue;
    for (const HostInput& input : inputs) {
      if (input.kind != info.kind) continue;
      if (input.file != nullptr && !input.host_path.empty()) {
        if (info.role) model_.paths[*info.role] = input.host_path;
        if (info.drop_in_of) model_.drop_in_paths[*info.drop_in_of].push_back(input.host_path);
      }
      (this->*info.build_step)(input);
    }
  }
  Assemble();
  return std::move(model_);
}

void HostBuilder::AddDaemonJson(const HostInput& input) {
  has_daemon_json_ = true;
  if (input.file == nullptr) {
    model_.config.MarkSourceUnknown(OriginKind::kDaemonJson);  // dockerd cannot read it either
    return;
  }
  size_t before = model_.diagnostics.size();
  // 20.10 decodes the raw bytes with json.Decoder; 23.0 reworked the reading (docs/reference).
  bool engine_2010 = parsers::EngineBefore(options_.engine_version, "23.0");
  parsers::DaemonJson parsed = parsers::ParseDaemonJson(
      *input.file, &model_.diagnostics,
      engine_2010 ? parsers::DaemonJsonReader::kEngine2010 : parsers::DaemonJsonReader::kCurrent);
  if (parsed.root) model_.config.AddDaemonJson(*parsed.root, &model_.diagnostics);
  model_.daemon_json = input.file;
  model_.daemon_json_root = std::move(parsed.root);
  // A daemon.json that does not parse stops dockerd (reported), and hides what it sets: the settings it
  // could set are unknown, while what the other files decide is still judged.
  if (!model_.daemon_json_root && model_.diagnostics.size() > before)
    model_.config.MarkSourceUnknown(OriginKind::kDaemonJson);
}

void HostBuilder::AddServiceUnit(const HostInput& input) {
  if (input.file == nullptr) return;
  if (input.kind == InputKind::kServiceUnit) has_service_unit_ = true;
  service_units_.push_back(parsers::ParseSystemdUnit(*input.file, &model_.diagnostics));
}

void HostBuilder::AddSocketUnit(const HostInput& input) {
  if (input.file == nullptr) return;
  model::AddSocketUnit(parsers::ParseSystemdUnit(*input.file, &model_.diagnostics), &model_.config);
}

void HostBuilder::AddEnvFile(const HostInput& input) {
  if (input.file != nullptr) env_files_.push_back({input.host_path, input.file});
}

void HostBuilder::AddAuditRules(const HostInput& input) {
  if (input.file == nullptr) return;
  audit_files_.push_back(
      {input.host_path, input.file, parsers::ParseAuditRules(*input.file, &model_.diagnostics)});
}

void HostBuilder::Assemble() {
  base::Diagnostics& diagnostics = model_.diagnostics;
  HostConfig& config = model_.config;
  AssembledService service = AssembleService(service_units_, env_files_, options_.whole_tree, &diagnostics);
  // Files given one by one are judged for what they can decide. A daemon.json without its unit judges the
  // defaults, as what it does not set; a unit without daemon.json leaves them to that file, which is where
  // they are set (and judged) once per host.
  if (!options_.whole_tree && !has_daemon_json_) config.MarkSourceUnknown(OriginKind::kDaemonJson);
  if (!options_.whole_tree && has_daemon_json_ && !has_service_unit_) config.set_only_daemon_json_read(true);
  if (has_service_unit_) ReportUnreadEnvFiles(env_files_, service, &diagnostics);
  if (service.exec_start != nullptr) {
    config.exec_start_span = service.exec_start->span;
    std::optional<DockerdCommand> command =
        ResolveDockerdCommand(*service.exec_start, service.environment, &diagnostics);
    // An ExecStart= that cannot be split (systemd refuses it, reported) hides dockerd's flags.
    if (!command) config.MarkSourceUnknown(OriginKind::kFlag);
    if (command && command->is_dockerd) {
      config.set_rhel_fork(command->is_rhel_fork);
      dockerd_executable_ = command->executable;
      parsers::DockerdArgs args = parsers::ParseDockerdArgs(command->args, &diagnostics,
                                                            config.engine_version(), command->is_rhel_fork);
      config.AddFlags(args, &diagnostics);
    }
  }
  config.Validate(&diagnostics);
  model_.audit = LoadAuditModel(std::move(audit_files_));
  ReportConflicts();
  if (!dockerd_executable_.empty() && dockerd_executable_[0] == '/')
    model_.paths[FileRole::kDockerd] = dockerd_executable_;
  // A Docker host to judge: dockerd's configuration file, or a service that runs dockerd. A unit of some
  // other program (given by path, or a Dockerfile's name mistaken for one) says nothing about dockerd.
  model_.judgeable = has_daemon_json_ || !dockerd_executable_.empty();
  ReadSeccompProfile();
  ReadContainerdConfig();
  ReadSwarmState();
}

// dockerd keeps a node's swarm state in <data-root>/swarm and starts the swarm component from it at boot,
// unless live-restore is on: IsSwarmCompatible refuses ("--live-restore daemon configuration is
// incompatible with swarm mode"), and the node stays out of its swarm while dockerd runs on.
void HostBuilder::ReadSwarmState() {
  const HostConfig& config = model_.config;
  if (!options_.path_exists || config.IsUnknown("data-root")) return;
  nlohmann::json data_root = config.ValueOrDefault("data-root");
  if (!data_root.is_string()) return;
  model_.swarm_node = options_.path_exists(data_root.get<std::string>() + "/swarm/docker-state.json");
  if (!*model_.swarm_node) return;
  const Setting* live_restore = config.Find("live-restore");
  if (live_restore == nullptr || live_restore->Value() != true) return;
  model_.diagnostics.push_back(
      {base::DiagnosticCode::kLiveRestoreInSwarm,
       "live-restore is on, and this node holds swarm state (" + data_root.get<std::string>() +
           "/swarm/docker-state.json): dockerd refuses to start its swarm component (\"--live-restore daemon "
           "configuration is incompatible with swarm mode\"), so the node drops out of its swarm",
       live_restore->EffectiveItems().back()->origin.whole});
}

// dockerd reads the file seccomp-profile names when it starts (setupSeccompProfile: os.ReadFile) and
// refuses to start when it cannot; it decodes the JSON only when it creates a container (LoadProfile), so
// a profile that does not decode stops every container, not dockerd. Before 23.0 every value is a path:
// "unconfined" and "builtin" became keywords in 23.0 (moby 68e96f88ee, 27aaadb710).
void HostBuilder::ReadSeccompProfile() {
  const HostConfig& config = model_.config;
  if (!options_.read_file || config.IsUnknown("seccomp-profile")) return;
  const Setting* setting = config.Find("seccomp-profile");
  if (setting == nullptr) return;
  std::vector<const SettingItem*> items = setting->EffectiveItems();
  if (items.empty() || !items.back()->value.is_string()) return;
  const SettingItem& item = *items.back();
  const std::string value = item.value.get<std::string>();
  bool keywords = !parsers::EngineBefore(config.engine_version(), "23.0");
  if (value.empty() || (keywords && (value == "unconfined" || value == "builtin"))) return;
  // A relative path is relative to dockerd's working directory: "/" for a systemd system service.
  std::string path = value[0] == '/' ? value : "/" + value;
  if (const base::SourceFile* file = options_.read_file(path)) {
    model_.seccomp_profile =
        SeccompProfileFile{path, file, parsers::ParseSeccompProfile(*file, &model_.diagnostics)};
    return;
  }
  if (!options_.path_exists) return;  // only some files were given: whether it exists is unknown
  bool directory = false;
  if (options_.path_exists(path)) {
    std::optional<FileStatus> status = options_.files ? options_.files->stat(path) : std::nullopt;
    directory = status && status->is_directory;
    if (!directory) return;  // there, but not readable here; dockerd (root) may read it
  }
  std::string message = "seccomp-profile names " + path +
                        (directory ? ", a directory" : ", which the tree lacks") +
                        ": dockerd fails with \"opening seccomp profile (" + value + ") failed\"";
  if (!keywords && (value == "unconfined" || value == "builtin"))
    message += "; before 23.0 dockerd reads \"" + value + "\" as a file name, not as a keyword";
  model_.diagnostics.push_back(
      {base::DiagnosticCode::kSeccompProfileMissing, std::move(message), item.origin.value});
}

// containerd reads /etc/containerd/config.toml at start and exits when it does not decode, or when its
// version is newer than the release reads: containerd 2.x reads versions up to 3 and migrates older ones
// ("expected containerd config version equal to or less than `3`"); 1.7.17 and later 1.7 releases refuse
// versions above 2, older releases read any version of 2 or more as version 2. The release is not known
// from the files, so only what every release refuses is reported.
void HostBuilder::ReadContainerdConfig() {
  if (!options_.read_file || !model_.judgeable) return;
  const std::string path = "/etc/containerd/config.toml";
  const base::SourceFile* file = options_.read_file(path);
  if (file == nullptr) return;
  ContainerdConfigFile containerd{path, file, parsers::ParseContainerdConfig(*file, &model_.diagnostics)};
  containerd.starts = containerd.config.decodes;
  if (containerd.starts && containerd.config.version && containerd.config.version->value > 3) {
    model_.diagnostics.push_back({base::DiagnosticCode::kContainerdConfigRefused,
                                  "version = " + std::to_string(containerd.config.version->value) +
                                      ": containerd 2.x reads config versions up to 3 (\"expected containerd "
                                      "config version equal to or less than `3`\"), 1.7 up to 2",
                                  containerd.config.version->span});
    containerd.starts = false;
  }
  model_.containerd_config = std::move(containerd);
}

// A directive given both as a flag and in daemon.json: dockerd refuses to start. Reported at both places,
// each pointing at the other.
void HostBuilder::ReportConflicts() {
  for (const Conflict& conflict : model_.config.Conflicts()) {
    const Setting& s = *conflict.setting;
    std::string name(conflict.spec->json_key);
    const SettingItem& flag = s.flag_items.front();
    const SettingItem& file = s.file_items.front();
    std::string message = "\"" + name + "\" is set both as a flag (" + flag.origin.written +
                          ") and in daemon.json (\"the following directives are specified "
                          "both as a flag and in the configuration file\")";
    model_.diagnostics.push_back({base::DiagnosticCode::kFlagAndFileConflict,
                                  message,
                                  flag.origin.whole,
                                  {{file.origin.whole, "also set in daemon.json here"}}});
    model_.diagnostics.push_back({base::DiagnosticCode::kFlagAndFileConflict,
                                  std::move(message),
                                  file.origin.whole,
                                  {{flag.origin.whole, "also set as " + flag.origin.written + " here"}}});
  }
}

HostModel BuildHostModel(const std::vector<HostInput>& inputs, HostBuildOptions options) {
  return HostBuilder(std::move(options)).Build(inputs);
}

}  // namespace docklint::model
