// Fixes for daemon.json: edits where the right value is certain, made as text edits that keep the file's
// key order, indentation and everything else byte for byte; edits whose result does not parse back to the
// intended settings are never returned. Every host job attaches them to the findings they fix
// (base::Finding::fixes, which SARIF and the language server show); --fix writes them.
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

// The text edits that make `edits` to `file` (whose parsed root object is `root`): a value replaced, a
// member appended after the last one (with its indentation, or on the same line in a one-line object) or
// removed with its separator. Null with `error` set when they cannot be made safely: the result would not
// parse, or not hold exactly the intended settings. The one place daemon.json edits are computed.
std::optional<std::vector<base::TextEdit>> DaemonJsonTextEdits(const base::SourceFile& file,
                                                               const parsers::JsonNode& root,
                                                               const DaemonJsonEdits& edits,
                                                               std::string* error);

// The new text of `file` with DaemonJsonTextEdits applied, or nullopt with `error` set.
std::optional<std::string> FixDaemonJson(const base::SourceFile& file, const parsers::JsonNode& root,
                                         const DaemonJsonEdits& edits, std::string* error);

// Attaches to each finding in the daemon.json of `model` (located in it, by its path) the Fix of its rule
// in rules/daemon_json_fixes.h, where that fix is certain: the rule fires in that file and nowhere else, no
// flag sets the key (dockerd would refuse both), and the edit passes DaemonJsonTextEdits. Each fix is that
// rule's change alone, against the file as read; unsafe ones are attached too, marked unsafe.
void AttachDaemonJsonFixes(const model::HostModel& model, std::vector<base::Finding>* findings);

// --fix on one host: fixes the findings in the daemon.json of `model` (read from `input`) that carry a fix
// (AttachDaemonJsonFixes; an unsafe one only when `unsafe`), and writes the file. Fixes computed one by one
// against the same text need not compose (two members added to an empty object each need the other's
// comma), so the edits written are DaemonJsonTextEdits of all their changes at once. Drops the findings it
// fixed and says what it did on `err`. Only a daemon.json given by path is edited, never one in a host tree
// or on standard input. Returns false when the fixed file cannot be written.
bool FixHostDaemonJson(const model::HostModel& model, const InputFile& input, bool unsafe,
                       std::vector<base::Finding>* findings, std::ostream& err);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_DAEMON_JSON_FIX_H_
