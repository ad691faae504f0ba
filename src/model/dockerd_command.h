// From a systemd service's ExecStart= to dockerd's argv: picks the command systemd would run, expands
// $VAR and ${VAR} as systemd does (systemd.service(5) "COMMAND LINES"), and recognises the daemon binary.
// Every word keeps its origin, so a flag from DOCKER_OPTS points into /etc/default/docker.
#ifndef DOCKLINT_MODEL_DOCKERD_COMMAND_H_
#define DOCKLINT_MODEL_DOCKERD_COMMAND_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/exec_command.h"
#include "parsers/systemd_unit.h"

namespace docklint::model {

// The service's environment: Environment= and EnvironmentFile= values with their origins.
using ServiceEnvironment = std::map<std::string, base::MappedText, std::less<>>;

struct DockerdCommand {
  base::SourceSpan exec_start;         // the ExecStart= assignment that runs dockerd
  std::string executable;              // as written
  bool is_dockerd = false;             // dockerd, dockerd-current, or "docker daemon" / "docker -d"
  bool is_rhel_fork = false;           // dockerd-current / docker-current: Red Hat's projectatomic fork
  std::vector<base::MappedText> args;  // dockerd's arguments after expansion, without the executable
};

// The ExecStart= systemd would run for a Type=notify service: the last one after the last empty reset.
// `entries` are the service's assignments in the order systemd applies them (unit, then drop-ins).
const parsers::UnitEntry* EffectiveExecStart(const std::vector<const parsers::UnitEntry*>& entries);

// ExecStart= assignments that make systemd refuse a non-oneshot service: every non-empty one after the
// first since the last empty reset ("Service has more than one ExecStart= setting, which is only allowed
// for Type=oneshot services. Refusing.").
std::vector<const parsers::UnitEntry*> SurplusExecStarts(
    const std::vector<const parsers::UnitEntry*>& entries);

// Splits and expands one ExecStart= value. Diagnostics: kBracedVariableOneArgument for ${VAR} holding several
// words (one argument to dockerd), plus the splitter's own.
std::optional<DockerdCommand> ResolveDockerdCommand(const parsers::UnitEntry& exec_start,
                                                    const ServiceEnvironment& environment,
                                                    base::Diagnostics* diagnostics);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_DOCKERD_COMMAND_H_
