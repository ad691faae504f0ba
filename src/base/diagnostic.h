// A problem a parser or a model builder found in its input, with the exact span. They know nothing of
// rules: each diagnostic carries a code, and rules/diagnostic_rules.h maps every code to the meta rule
// that reports it.
#ifndef DOCKLINT_BASE_DIAGNOSTIC_H_
#define DOCKLINT_BASE_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "base/source_file.h"

namespace docklint::base {

// What went wrong, one value per kind of problem; named after the rule that reports it.
enum class DiagnosticCode {
  kInvalidJson,                 // daemon.json is not the JSON dockerd decodes
  kUnreadableFile,              // a file cannot be read
  kInvalidUnitSyntax,           // systemd cannot parse a line of a unit or drop-in
  kInvalidExecLine,             // systemd refuses an ExecStart= command line
  kUnknownEscapeInUnit,         // systemd warns about an escape and keeps it as written
  kUnitFileRefused,             // systemd refuses the whole unit file
  kDockerfileSyntaxError,       // BuildKit refuses the Dockerfile
  kDockerfileParseWarning,      // BuildKit reads the Dockerfile, but not as written
  kUnknownRuleInSuppression,    // a suppression comment names no rule
  kUnusedSuppression,           // a suppression comment silences nothing
  kUnknownDockerdFlag,          // dockerd does not know a flag
  kInvalidDockerdArgument,      // a flag without its value, a positional argument, bad syntax
  kUnknownDaemonJsonKey,        // dockerd refuses a daemon.json key
  kDaemonJsonTypeMismatch,      // a daemon.json value of the wrong type
  kDuplicateDaemonJsonKey,      // a key given twice in one object
  kDaemonJsonTrailingContent,   // text after the JSON value, which dockerd 20.10 ignores
  kDaemonJsonKeyIgnored,        // dockerd accepts a key but never reads it
  kFlagAndFileConflict,         // a setting given as a flag and in daemon.json
  kBracedVariableOneArgument,   // ${VAR} holding several words is one argument
  kEnvFileLineIgnored,          // systemd ignores or misreads an env file line
  kEnvFileShellExpansion,       // an env file line relies on shell expansion systemd does not do
  kEnvFileNotRead,              // no EnvironmentFile= reads this env file
  kEnvironmentFileMissing,      // EnvironmentFile= names a file the tree lacks
  kExecStartNotReset,           // a second ExecStart= without a reset
  kInvalidSettingValue,         // dockerd's validation refuses a value
  kInvalidAuditRule,            // auditctl rejects an audit rule line
  kAuditRuleLoadsUnexpectedly,  // auditctl loads a line, but not as its author meant
  kInvalidComposeYaml,          // a compose file is not the YAML compose-go reads
  kComposeFileRefused,          // docker compose refuses the project (interpolation, merge, structure)
  kInvalidDotenv,               // docker compose refuses the project's .env
  kComposeYaml11Boolean,        // docker compose reads y/yes/on/n/no/off as a boolean, with a warning
  kComposeObsoleteVersion,      // docker compose warns that the top-level `version` is obsolete
  kSeccompProfileMissing,       // dockerd cannot read the file seccomp-profile names, and does not start
  kInvalidSeccompProfile,       // the seccomp profile is not what moby's LoadProfile decodes
  kContainerdConfigRefused,     // containerd does not start with its config.toml
  kLiveRestoreInSwarm,          // live-restore on a swarm node: dockerd does not start the swarm
};

// Another place that belongs to the same problem (the other side of a conflict).
struct RelatedSpan {
  SourceSpan span;
  std::string message;
};

struct Diagnostic {
  DiagnosticCode code;
  std::string message;
  SourceSpan span;
  std::vector<RelatedSpan> related = {};
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_DIAGNOSTIC_H_
