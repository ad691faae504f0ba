// ShellCheck on the RUN instructions of a Dockerfile, as hadolint runs it (its Shellcheck rule and
// Hadolint.Shell): each shell-form RUN becomes a script of its own, headed by the shell its stage runs it
// with (SHELL, reset at FROM unless the stage is built FROM an earlier one) and an `export` of the ARG and
// ENV names declared before it, so that SC2154 does not fire for them. Exec-form RUNs, RUNs of a non-POSIX
// shell (pwsh, powershell, cmd, and the cmd default of a Windows base image) and heredoc scripts whose
// shebang names no POSIX shell are not checked.
//
// Every script of one Dockerfile is checked by one shellcheck process: each is written to a file of its own
// in a private temporary folder and all of them are named on one command line, so each RUN is analysed
// alone (a variable assigned in one RUN is not set in the next, an unclosed quote in one RUN cannot swallow
// the others) while the process starts once. Building the scripts and mapping shellcheck's positions back to
// the Dockerfile are pure functions; RunShellcheck is the only I/O.
#ifndef DOCKLINT_APP_SHELLCHECK_RUNNER_H_
#define DOCKLINT_APP_SHELLCHECK_RUNNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/source_file.h"
#include "parsers/dockerfile.h"

namespace docklint::app {

// One RUN's text as shellcheck reads it.
struct ShellcheckScript {
  const parsers::DockerfileInstruction* run = nullptr;  // the RUN (for ONBUILD RUN, the trigger)
  std::string dialect;                                  // sh, bash, dash or ksh
  std::string text;                                     // what shellcheck reads
  // The bytes of `text` that come from the Dockerfile: text[script_offset, +length) is the file's
  // [file_offset, +length). The rest (the shebang and export lines docklint adds) maps to the RUN keyword.
  struct Piece {
    size_t script_offset = 0;
    uint32_t file_offset = 0;
    size_t length = 0;
  };
  std::vector<Piece> pieces;
};

// The scripts of every shell-form RUN (and ONBUILD RUN) that shellcheck can check, in file order.
std::vector<ShellcheckScript> BuildShellcheckScripts(const parsers::Dockerfile& dockerfile);

// The shellcheck dialect of a shell program as SHELL or a shebang names it ("/bin/bash", "/usr/bin/env
// bash", "ash"): sh, bash, dash or ksh; "" for a shell shellcheck does not read (zsh, fish, pwsh, cmd, ...).
std::string ShellcheckDialect(std::string_view program);

// One comment of shellcheck's json1 output: positions are 1-based, columns count characters (tabs as one),
// end_column is exclusive.
struct ShellcheckComment {
  size_t script = 0;  // index into the scripts
  uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
  std::string level;  // error, warning, info, style
  int code = 0;
  std::string message;
};

// Reads shellcheck's --format=json1 output; `names` are the file names shellcheck was given, one per script.
bool ParseShellcheckJson(std::string_view json, const std::vector<std::string>& names,
                         std::vector<ShellcheckComment>* comments, std::string* error);

// The Dockerfile span a comment points at.
base::SourceSpan MapShellcheckComment(const ShellcheckScript& script, const ShellcheckComment& comment,
                                      const base::SourceFile& file);

// shellcheck's levels onto docklint's severities (error, warning, info, style keep their names).
base::Severity ShellcheckSeverity(std::string_view level);

// The SC codes hadolint leaves out: 2187 (ash is checked as dash), 1090 and 1091 (`source` of a file a
// directive would have to name, which a Dockerfile cannot say).
inline constexpr int kShellcheckExcluded[] = {2187, 1090, 1091};

struct ShellcheckRun {
  bool missing = false;  // no shellcheck program could be started
  bool failed = false;   // it ran but gave no usable answer (a timeout, an exit status above 1, bad JSON)
  std::string error;     // why, when missing or failed
  std::vector<ShellcheckComment> comments;
};

// Runs `program` (looked up on PATH, executed directly, no shell) once on all `scripts`.
ShellcheckRun RunShellcheck(const std::vector<ShellcheckScript>& scripts,
                            const std::string& program = "shellcheck", int timeout_ms = 60000);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_SHELLCHECK_RUNNER_H_
