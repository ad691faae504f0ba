// One Linux audit rules file, line by line, as auditctl -R reads it (auditctl(8), audit.rules(7) of auditd
// 3.0.9). What auditd loads from several files, and what it then audits, is model/audit_model.h.
//
// The parser follows auditctl 3.0.9 rather than the man page where they differ, because the kernel gets what
// auditctl sends. Checked against the real auditctl 3.0.9 and a 6.x kernel:
//  - a line is split into words at spaces only: tabs and a CRLF line's '\r' stay inside words ("-k docker\r"
//    is the key "docker\r"); "\ " is a space inside a word and "\\" a backslash; quotes are ordinary bytes;
//  - only a line whose first word starts with '#' is a comment; "#" after a rule is a stray argument;
//  - options are read with getopt_long: "-w/etc/docker", "-pwa", "--backlog_wait_time=60000" and unique
//    prefixes of long options ("--backlog 60000") work;
//  - the first invalid option ends the line: auditctl sends no rule from it (and, without an earlier -c or
//    -i, loads no line after it; that is left to the caller, which sees the merged order).
#ifndef DOCKLINT_PARSERS_AUDIT_RULES_H_
#define DOCKLINT_PARSERS_AUDIT_RULES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

// -F name op value. `name` is lower-cased (auditctl looks field names up case-insensitively); op is one of
// = != < > <= >= & &=. An inter-field comparison -C a!=b is kept as name "field_compare", op "!=", value
// "a!=b" so that it still counts as a condition of the rule. `span` is the whole -F argument.
struct AuditField {
  std::string name;
  std::string op;
  std::string value;
  base::SourceSpan span;
};

struct AuditRule {
  // kWatch: -w; kSyscall: -a/-A; kDeleteWatch: -W; kControl: everything else (-D -b -f -e -r -c -i -s -l -v
  // -m -q -t --backlog_wait_time --loginuid-immutable --reset-lost --reset_backlog_wait_time_actual
  // --signal), and -d (delete a syscall rule), whose list, action, syscalls, fields and keys are filled in as
  // for -a.
  enum class Kind { kWatch, kSyscall, kControl, kDeleteWatch };
  Kind kind = Kind::kControl;
  std::string path;  // -w/-W path, trailing slashes trimmed as auditctl does
  base::SourceSpan path_span;
  std::string permissions;  // -p value as written ("" when omitted, which means rwxa); the last -p wins
  std::string action,
      list;  // -a always,exit (either order): action always|never, list task|exit|user|exclude|filesystem
  bool prepend = false;               // -A
  std::vector<std::string> syscalls;  // -S (repeatable, comma lists split)
  std::vector<AuditField> fields;     // -F (except key=) in order; -p on an -a rule becomes perm=
  std::vector<std::string> keys;      // -k (repeatable) and -F key=, in order
  std::string control;  // for kControl: the option ("-D", "-b", "-e", "--backlog_wait_time", ...), long
                        // options by their full name
  std::string control_value;
  base::SourceSpan span;  // the whole line, without its line terminator
  const base::SourceFile* file = nullptr;
};

struct AuditRules {
  std::vector<AuditRule> rules;  // in load order; a line with several options (-b 8192 -f 1) gives several
};

// Parses one rules file (as auditctl -R reads it: one rule per line; '#' comments; blank lines).
// Invalid lines (unknown option, -w with a relative path or "/", -p with letters other than rwxa,
// missing values, -F without an operator, unknown action/list or field, a field on a list that does not
// take it, arch after -S, -k before a watch or syscall, stray words, ...) give a diagnostic with code
// kInvalidAuditRule at the exact offending token, and the line is skipped.
// Lines auditctl loads but not as meant also get a diagnostic (kAuditRuleLoadsUnexpectedly) and are kept as
// auditctl loads them: a CRLF line end (the '\r' joins the last word), -S or -F on a watch (auditctl(8)
// allows only -p and -k), a key longer than the 31 bytes auditctl(8) documents (auditctl 3.0.9 takes up to
// 256 bytes for all keys of a rule), a key with the separator byte \x01, a watch path with a wildcard.
// "-e 2" belongs last: rules after it are refused by the locked kernel (FindCoveringRule ignores them).
AuditRules ParseAuditRules(const base::SourceFile& file, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_AUDIT_RULES_H_
