// What a run reports: a rule's verdict at a place. Rules speak in findings, and every diagnostic of a parser
// or a model builder becomes the finding of its meta rule, so that a parse error, a conflict dockerd refuses
// and a benchmark violation reach the user the same way.
#ifndef DOCKLINT_BASE_FINDING_H_
#define DOCKLINT_BASE_FINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"

namespace docklint::base {

enum class Severity { kStyle = 0, kInfo = 1, kWarning = 2, kError = 3 };

std::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view name);

struct Location {
  std::string file;  // empty when the finding concerns the host as a whole
  Range range;
  static Location Of(const SourceSpan& span);
  friend bool operator==(const Location&, const Location&) = default;
};

struct RelatedLocation {
  Location location;
  std::string message;
};

// A replacement of the bytes a range covers (an empty range inserts).
struct TextEdit {
  Range range;
  std::string new_text;
  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

// Edits to the finding's own file that resolve it, as --fix would make them: the language server offers
// each as a quick fix, SARIF as a fix.
struct Fix {
  std::string description;  // what it does, as a sentence: "Set \"icc\" to false"
  std::vector<TextEdit> edits;
  // Changes what the host does beyond the control (removing insecure registries changes what it can
  // pull): --fix makes it only with --unsafe-fixes, and an editor does not prefer it.
  bool unsafe = false;
  friend bool operator==(const Fix&, const Fix&) = default;
};

struct Finding {
  std::string rule_id;    // DKLnnnn
  std::string rule_name;  // kebab-case
  Severity severity = Severity::kWarning;
  std::string message;
  Location location;
  std::vector<RelatedLocation> related;
  std::vector<std::string> references;  // "<benchmark>:<id>"
  bool fatal = false;                   // dockerd will not start (it, or systemd, refuses the configuration)
  std::string fatal_effect;             // for a fatal finding, what it means ("dockerd will not start")
  std::vector<Fix> fixes;               // edits that resolve it, when they are certain

  // The message as reporters print it: a fatal finding's effect first.
  std::string FullMessage() const { return fatal ? fatal_effect + ": " + message : message; }
};

// Orders findings by file, position, then rule id: the order every reporter prints.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_FINDING_H_
