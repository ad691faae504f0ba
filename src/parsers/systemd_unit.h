// Parser for systemd unit files and drop-ins (systemd.syntax(7)), following systemd 252's
// config_parse() byte for byte where it matters: line terminators, comments, continuation lines, the BOM,
// whitespace trimming and what it refuses. It knows nothing of unit types or valid keys: it returns every
// assignment with its section, and the caller decides what "Service"/"ExecStart" mean.
#ifndef DOCKLINT_PARSERS_SYSTEMD_UNIT_H_
#define DOCKLINT_PARSERS_SYSTEMD_UNIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

// Diagnostic code for a unit file line that systemd logs and ignores.
inline constexpr base::DiagnosticCode kUnitSyntaxCode = base::DiagnosticCode::kInvalidUnitSyntax;
// Diagnostic code for a problem that makes systemd refuse the whole file (load state "error").
inline constexpr base::DiagnosticCode kUnitRefusedCode = base::DiagnosticCode::kUnitFileRefused;

// systemd's LONG_LINE_MAX: a physical line of this many bytes or more, or a logical (continued) line longer
// than this, makes systemd refuse the whole file.
inline constexpr size_t kUnitLongLineMax = 1024 * 1024;

struct UnitEntry {
  std::string section;  // as written between the brackets, e.g. "Service"
  std::string key;      // e.g. "ExecStart"
  base::SourceSpan key_span;
  // The logical value: continuation lines joined as systemd joins them (the trailing backslash becomes a
  // space, comment lines inside the continuation are dropped), surrounding whitespace trimmed. Every byte
  // maps to its place in the file; the space that replaced a backslash maps to that backslash.
  base::MappedText value;
  // The whole assignment, from the key to the end of its last physical line (line terminator excluded).
  base::SourceSpan span;
};

struct UnitFile {
  const base::SourceFile* file = nullptr;
  std::vector<UnitEntry> entries;  // in file order
  // True when systemd 252 would refuse to load this file at all (an invalid section header, a line that is
  // not UTF-8, a line of 1 MiB or more): the unit then ends in load state "error". Entries are still returned
  // (with a diagnostic for each cause) so the rest of the file can be linted.
  bool load_error = false;

  // Every entry with this section and key, in file order (so a reset by an empty value can be honoured).
  std::vector<const UnitEntry*> Find(std::string_view section, std::string_view key) const;
};

// Parses `file` as a unit file or drop-in. Problems become diagnostics (kUnitSyntaxCode, kUnitRefusedCode);
// parsing always goes on. The returned UnitFile points at `file`, which must outlive it.
UnitFile ParseSystemdUnit(const base::SourceFile& file, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_SYSTEMD_UNIT_H_
