// --fix for daemon.json: edits where the right value is certain, made as text edits that keep the file's
// key order, indentation and everything else byte for byte; a result that does not parse back to the
// intended settings is never returned.
#ifndef DOCKLINT_APP_DAEMON_JSON_FIX_H_
#define DOCKLINT_APP_DAEMON_JSON_FIX_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/source_file.h"
#include "parsers/daemon_json.h"

namespace docklint::app {

struct DaemonJsonEdits {
  std::vector<std::pair<std::string, std::string>> set;  // key -> JSON value text ("false")
  std::vector<std::string> remove;                       // keys to delete
};

// The new text of `file` (whose parsed root object is `root`) with `edits` applied, or nullopt with
// `error` set when the edit cannot be made safely.
std::optional<std::string> FixDaemonJson(const base::SourceFile& file, const parsers::JsonNode& root,
                                         const DaemonJsonEdits& edits, std::string* error);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DAEMON_JSON_FIX_H_
