// What auditd loads from a host's audit rules files, and the question the CIS controls ask of it: is a write
// to this path audited? auditd loads what augenrules(8) builds from /etc/audit/rules.d when that folder has
// rules, else /etc/audit/audit.rules; the kernel then applies the rules in the order it got them.
#ifndef DOCKLINT_MODEL_AUDIT_MODEL_H_
#define DOCKLINT_MODEL_AUDIT_MODEL_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source_file.h"
#include "parsers/audit_rules.h"

namespace docklint::model {

struct AuditModel {
  parsers::AuditRules rules;  // in the order auditctl sends them
  base::SourceSpan anchor;    // the start of the first rules file, for findings about a missing rule
  const parsers::AuditRule* FindCoveringRule(std::string_view path) const;
};

// One parsed rules file of a host.
struct AuditRulesFile {
  std::string host_path;  // "/etc/audit/rules.d/docker.rules", "/etc/audit/audit.rules"
  const base::SourceFile* source = nullptr;
  parsers::AuditRules rules;
};

// The rules auditd loads from `files` (in discovery order); nullopt when there are none.
std::optional<AuditModel> LoadAuditModel(std::vector<AuditRulesFile> files);

// The first rule that makes the kernel audit writes to `path` (an absolute path), or nullptr: a watch (-w)
// on the path itself or on an ancestor directory (watches on directories are recursive), or an always,exit
// rule with -F path=<path>, or -F dir=<ancestor-or-self>, whose perm (if any) includes w or a; unless an
// earlier never,exit rule with the same path/dir criterion matches first (first match wins).
//
// "Earlier" is the kernel's order: -A puts a rule first. The rules are replayed as the kernel gets them:
// -D (or -D -k key) deletes what came before, -W and -d delete the rule they match exactly, and nothing
// after -e 2 loads (the configuration is locked). A never,exit rule only takes precedence when it drops
// every write the always rule records: its path/dir matches, its perm covers the always rule's w and a,
// its -S is all or a superset, and its other fields all appear in the always rule (a never rule that is
// only for uid 1000 leaves root's writes audited). A never,task rule with no fields turns off syscall
// auditing altogether. Conditions of the always rule itself (uid, success, ...) are not weighed: it audits
// some writes. -F path= names one inode, so it does not cover what is below a directory.
const parsers::AuditRule* FindCoveringRule(const parsers::AuditRules& loaded, std::string_view path);

// augenrules: concatenates the files of /etc/audit/rules.d/*.rules in `ls -1v` natural order, drops
// comments and blank lines, moves the last -D first, the last -b second, the last -f third and the last -e
// to the end (other rules keep their order). `files` are given in any order with their base names; names
// that do not end in ".rules" are ignored, as augenrules ignores them. Only a bare -D moves ("-D -k key"
// stays in place) and earlier -D, -b, -f and -e lines are dropped; a line is moved whole, by its first
// option. Leading whitespace is allowed before the option, as with gawk (Debian's default mawk does not know
// \s in augenrules' patterns and leaves indented lines in place).
parsers::AuditRules MergeRulesD(const std::vector<std::pair<std::string, parsers::AuditRules>>& files);

// Natural ("version") ordering of file names as `ls -1v` does (e.g. "10-a.rules" < "9x.rules" is false):
// gnulib's filevercmp (file suffixes compared last, digit runs by value, '~' first), ties broken by strcmp.
bool NaturalLess(std::string_view a, std::string_view b);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_AUDIT_MODEL_H_
