// Builds the model of one host from its classified files, as the programs that read them would: dockerd's
// configuration loading, systemd's unit assembly, auditd's rule loading. Each input kind has one step here,
// named in the kind's row of model/inputs.h; Build runs the steps in the table's order, then assembles.
#ifndef DOCKLINT_MODEL_HOST_BUILDER_H_
#define DOCKLINT_MODEL_HOST_BUILDER_H_

#include <functional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "model/audit_model.h"
#include "model/host_model.h"
#include "model/inputs.h"
#include "model/systemd_service.h"
#include "parsers/systemd_unit.h"

namespace docklint::model {

// One file of the host, classified and read.
struct HostInput {
  InputKind kind;
  std::string host_path;                   // where it lives on the host; empty when unknown
  const base::SourceFile* file = nullptr;  // null: it could not be read (the reader reported why)
};

struct HostBuildOptions {
  std::string engine_version = "";  // the release to judge for ("X.Y[.Z]"); empty: the newest
  // Every file of the host is known (a host tree), so an absent file is absent, not just not given.
  bool whole_tree = false;
  std::function<bool(const std::string&)> path_exists = {};  // see HostModel
  const HostFiles* files = nullptr;                          // see HostModel
  HostFileReader read_file = {};                             // see HostModel
  // A user's rootless dockerd (run by dockerd-rootless.sh), with the user's home ("/home/alice"); empty:
  // the system's dockerd.
  std::string rootless_home = "";
  std::function<std::vector<std::string>(const std::string&)> list_dir = {};  // see HostModel
};

class HostBuilder {
 public:
  explicit HostBuilder(HostBuildOptions options);

  // The model of the host whose files are `inputs` (in any order; files of one kind in the order their
  // program reads them).
  HostModel Build(const std::vector<HostInput>& inputs);

  // The build steps, one per input kind (model/inputs.h names them).
  void AddDaemonJson(const HostInput& input);
  void AddServiceUnit(const HostInput& input);
  void AddSocketUnit(const HostInput& input);
  void AddEnvFile(const HostInput& input);
  void AddAuditRules(const HostInput& input);

 private:
  // After the steps: the service assembled, dockerd's flags added, settings validated, audit loaded.
  void Assemble();
  void ReportConflicts();
  // Whether the node is in a swarm, and what that makes of live-restore.
  void ReadSwarmState();
  // Files the settings and the host name, read with read_file: the seccomp profile, containerd's config.
  void ReadSeccompProfile();
  void ReadContainerdConfig();

  HostBuildOptions options_;
  HostModel model_;
  bool has_daemon_json_ = false;
  bool has_service_unit_ = false;
  std::vector<parsers::UnitFile> service_units_;  // the unit, then its drop-ins
  std::vector<EnvFileSource> env_files_;
  std::vector<AuditRulesFile> audit_files_;
  std::string dockerd_executable_;  // as ExecStart names it
};

// HostBuilder(options).Build(inputs).
HostModel BuildHostModel(const std::vector<HostInput>& inputs, HostBuildOptions options);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_HOST_BUILDER_H_
