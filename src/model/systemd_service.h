// docker.service and docker.socket as systemd assembles them from a unit and its drop-ins
// (systemd.service(5), systemd.exec(5), systemd.socket(5)): ExecStart= after its empty resets, the
// environment from Environment= and EnvironmentFile= in order, and the socket's listeners and ownership.
#ifndef DOCKLINT_MODEL_SYSTEMD_SERVICE_H_
#define DOCKLINT_MODEL_SYSTEMD_SERVICE_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "model/dockerd_command.h"
#include "model/host_config.h"
#include "parsers/systemd_unit.h"

namespace docklint::model {

// An env file of the host (/etc/default/docker, ...) that an EnvironmentFile= may name.
struct EnvFileSource {
  std::string host_path;  // empty when a given file's place on the host is unknown
  const base::SourceFile* file = nullptr;
};

struct AssembledService {
  const parsers::UnitEntry* exec_start = nullptr;  // the ExecStart= systemd runs; null when none
  ServiceEnvironment environment;                  // Environment= and EnvironmentFile= values, merged
  std::vector<const base::SourceFile*> env_files_read;
};

// `units` are the service's unit and its drop-ins, parsed, in the order systemd applies them. With
// `whole_tree`, every file of the host is known, so an EnvironmentFile= without '-' that names no file
// makes systemd refuse to start the service. Diagnostics: kExecStartNotReset, kEnvironmentFileMissing,
// and the env file parser's.
AssembledService AssembleService(const std::vector<parsers::UnitFile>& units,
                                 const std::vector<EnvFileSource>& env_files, bool whole_tree,
                                 base::Diagnostics* diagnostics);

// kEnvFileNotRead for each env file with assignments that no EnvironmentFile= of the service reads. Only
// when the service's unit is known: without it nothing tells whether the file is read.
void ReportUnreadEnvFiles(const std::vector<EnvFileSource>& env_files, const AssembledService& service,
                          base::Diagnostics* diagnostics);

// Adds a docker.socket unit or drop-in: ListenStream= (an empty one resets the list), and the last
// SocketMode=, SocketUser= and SocketGroup=.
void AddSocketUnit(const parsers::UnitFile& unit, HostConfig* config);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_SYSTEMD_SERVICE_H_
