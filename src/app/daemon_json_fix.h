// --fix for daemon.json: edits where the right value is certain, made as text edits that keep the file's
// key order, indentation and everything else byte for byte; a result that does not parse back to the
// intended settings is never returned.
#ifndef DOCKLINT_APP_DAEMON_JSON_FIX_H_
#define DOCKLINT_APP_DAEMON_JSON_FIX_H_

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/discovery.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "model/host_model.h"
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

// --fix on one host: writes the edits of rules/daemon_json_fixes.h into the daemon.json of `model` (read
// from `input`) where each is certain: its rule fires in that file and nowhere else, and no flag sets the
// key (dockerd would refuse both). Drops the findings it fixed and says what it did on `err`. Only a
// daemon.json given by path is edited, never one in a host tree or on standard input. Returns false when
// the fixed file cannot be written.
bool FixHostDaemonJson(const model::HostModel& model, const InputFile& input, bool unsafe,
                       std::vector<base::Finding>* findings, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DAEMON_JSON_FIX_H_
