// A seccomp profile as dockerd reads the file named by seccomp-profile: moby's profiles/seccomp decodes it
// with Go's json.Unmarshal into its Seccomp type when a container is created (LoadProfile), not when dockerd
// starts. The facts here are what decides how much the profile blocks: its default action and the actions
// of its syscall rules, with their spans.
#ifndef DOCKLINT_PARSERS_SECCOMP_PROFILE_H_
#define DOCKLINT_PARSERS_SECCOMP_PROFILE_H_

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/daemon_json.h"

namespace docklint::parsers {

struct SeccompProfile {
  // Absent when json.Unmarshal would refuse the file (reported with kInvalidSeccompProfile).
  std::optional<JsonNode> root;
  // "defaultAction" (Go matches struct fields case-insensitively; the last match wins), when it is set to
  // a string.
  std::optional<std::string> default_action;
  base::SourceSpan default_action_span;
  // How many entries of "syscalls" give an action other than one that lets the call through
  // (SCMP_ACT_ALLOW, SCMP_ACT_LOG); an entry without an action counts as none.
  int blocking_rules = 0;
  int syscall_rules = 0;  // every entry of "syscalls"
};

// True for the actions that let a system call run: SCMP_ACT_ALLOW, and SCMP_ACT_LOG (runs it, and logs).
bool SeccompActionAllows(const std::string& action);

// Parses `file` as json.Unmarshal and moby's Seccomp type read it: a byte order mark, an empty file and
// anything after the JSON value are refused; the top level must be an object (or null); defaultAction must
// be a string, syscalls and architectures arrays. Problems go to `diagnostics` with kInvalidSeccompProfile.
SeccompProfile ParseSeccompProfile(const base::SourceFile& file, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_SECCOMP_PROFILE_H_
