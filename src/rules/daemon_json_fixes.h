// Which rules --fix can fix in daemon.json, and how: each sets (or removes) the key the rule's control
// asks for. app/daemon_json_fix.h makes the edits.
#ifndef DOCKLINT_RULES_DAEMON_JSON_FIXES_H_
#define DOCKLINT_RULES_DAEMON_JSON_FIXES_H_

#include <string_view>
#include <vector>

namespace docklint::rules {

struct DaemonJsonFix {
  std::string_view rule_id;
  std::string_view key;
  std::string_view value;  // JSON text; empty: remove the key
  // Changes what the host does beyond the control (removing insecure registries changes what it can
  // pull): made only with --unsafe-fixes.
  bool unsafe = false;
};

const std::vector<DaemonJsonFix>& DaemonJsonFixes();

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_DAEMON_JSON_FIXES_H_
