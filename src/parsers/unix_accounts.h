// Parsers for /etc/group and /etc/passwd (group(5), passwd(5)) as glibc's files backend reads them: one
// colon-separated entry per line, blank lines and lines starting with '#' ignored. Entries are kept
// leniently, as a reader of names needs them: a line needs a name and a numeric id (its third field); a line
// without them is skipped. Lines of NIS compat mode ("+", "-") are skipped too.
#ifndef DOCKLINT_PARSERS_UNIX_ACCOUNTS_H_
#define DOCKLINT_PARSERS_UNIX_ACCOUNTS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"

namespace docklint::parsers {

struct AccountName {
  std::string name;
  base::SourceSpan span;
};

// name:password:GID:user_list
struct GroupEntry {
  AccountName group;
  unsigned gid = 0;
  std::vector<AccountName> members;  // the comma-separated fourth field, empty names dropped
};

// name:password:UID:GID:GECOS:directory:shell
struct PasswdEntry {
  AccountName user;
  unsigned uid = 0;
  std::optional<unsigned> gid;  // none when the line stops before it or it is not a number
  base::SourceSpan gid_span;
};

// Both return entries in file order and point into `file`, which must outlive them.
std::vector<GroupEntry> ParseGroupFile(const base::SourceFile& file);
std::vector<PasswdEntry> ParsePasswdFile(const base::SourceFile& file);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_UNIX_ACCOUNTS_H_
