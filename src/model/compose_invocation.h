// How `docker compose` picks a project's files, as compose-go's cli/options.go and docker compose's
// command line do: from the folder it runs in (COMPOSE_FILE from the environment or the .env, else the first
// default file and its override, looked for in the folder and then in its parents), or from its options
// (-f/--file, --project-directory, --env-file); and which docker compose commands a systemd service runs
// (ExecStart= and its kin, in WorkingDirectory=), so a host tree's projects are linted as the host runs them.
#ifndef DOCKLINT_MODEL_COMPOSE_INVOCATION_H_
#define DOCKLINT_MODEL_COMPOSE_INVOCATION_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "parsers/systemd_unit.h"

namespace docklint::model {

// A file system as docker compose sees it. Paths are used as joined: absolute host paths for a host tree
// (the caller maps them into the tree), paths on disk for a directory walk.
struct ComposeFileAccess {
  // Present at all; a dangling link counts (reading it then says why it cannot be read).
  std::function<bool(const std::string& path)> exists;
  std::function<bool(const std::string& path, std::string* text)> read;  // false when it cannot be read
};

// A path a command line names, with where it is written.
struct ComposePathArg {
  std::string value;
  base::SourceSpan span;  // the word, or the value part of --file=VALUE
};

// The parts of a `docker compose` command line that decide its project's files.
struct ComposeCommandLine {
  std::vector<ComposePathArg> files;                // -f/--file, in order
  std::optional<ComposePathArg> project_directory;  // --project-directory (or its old name --workdir)
  std::vector<ComposePathArg> env_files;            // --env-file, in order
  bool project_name = false;                        // -p/--project-name: some commands need no file then
  std::optional<ComposePathArg> chdir;              // `env -C DIR` before it
  std::map<std::string, std::string> environment;   // `env NAME=VALUE` before it
  std::string subcommand;                           // "up"; empty when none is given
  base::SourceSpan span;                            // the command, from its first word to its last

  // Whether the command acts on a project's files: any but `version`, `ls` and `help`.
  bool NeedsProject() const;
};

// The command line `argv` (unquoted words; `word_spans` says where each is written) when it runs docker
// compose: `docker [global options] compose [options] COMMAND ...` or `docker-compose [options] COMMAND`,
// by name or by path, possibly after `env [-i] [-u NAME] [-C DIR] [NAME=VALUE]...`; nullopt otherwise.
std::optional<ComposeCommandLine> ParseComposeCommandLine(const std::vector<base::MappedText>& argv,
                                                          const std::vector<base::SourceSpan>& word_spans);

// A file a command line or COMPOSE_FILE names that does not exist: compose refuses to run the project.
struct MissingComposeFile {
  std::string path;           // joined as `files` are
  std::string named_by;       // "-f", "--env-file", "COMPOSE_FILE"
  base::SourceSpan named_at;  // the word that names it; for COMPOSE_FILE the command; none in a folder
};

// A project's files as docker compose picks them.
struct ComposeProjectFiles {
  std::vector<std::string> files;           // in the order compose reads them; empty: compose finds none
  std::string dotenv;                       // the .env it reads (--env-file's when given); "" when none
  std::string directory;                    // the project directory
  std::vector<MissingComposeFile> missing;  // such files are in `files` too (or are the --env-file)
  bool from_stdin = false;                  // -f -: the project comes on standard input, unknown here
};

// `docker compose` run in `folder` with no option: the files COMPOSE_FILE in the folder's .env names,
// else the first default file (model::DefaultComposeFileNames) in the folder, or in the nearest parent that
// has one, and the first override file beside it. A relative folder (a walk's) stays relative.
ComposeProjectFiles ComposeFilesInFolder(const std::string& folder, const ComposeFileAccess& access);

// The files of `command` run in the absolute folder `cwd` with `environment` (the process's: a unit's
// Environment=, the command's `env` assignments over it). -f files are relative to the working directory,
// and the first one's folder is the project directory unless --project-directory says; without -f,
// COMPOSE_FILE (the environment's over the .env's), else the default names searched from the project
// directory up. The .env is the last --env-file, else the project directory's.
ComposeProjectFiles ComposeFilesOfCommand(const ComposeCommandLine& command, const std::string& cwd,
                                          const std::map<std::string, std::string>& environment,
                                          const ComposeFileAccess& access);

// A docker compose command a systemd service runs.
struct ServiceComposeCommand {
  ComposeCommandLine command;
  std::string working_directory;                   // absolute: WorkingDirectory=, else systemd's "/"
  std::map<std::string, std::string> environment;  // Environment=, with the command's env assignments
  std::string key;                                 // "ExecStart", "ExecStartPre", ...
};

// The docker compose commands of one service, from `units` (its unit and drop-ins, parsed, in the order
// systemd applies them): ExecStartPre=, ExecStart=, ExecStartPost= and ExecReload= (an empty assignment
// resets the list), in that order, each in the service's WorkingDirectory= and Environment=. A command whose
// paths systemd fills in only when it starts the service (a %-specifier, a $VARIABLE, WorkingDirectory=~ of a
// user other than root) is left out: the files at rest cannot tell them.
std::vector<ServiceComposeCommand> ComposeCommandsOfService(const std::vector<parsers::UnitFile>& units);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_COMPOSE_INVOCATION_H_
