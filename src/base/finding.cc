#include "base/finding.h"

#include <tuple>

namespace docklint::base {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kStyle:
      return "style";
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity s : {Severity::kStyle, Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (SeverityName(s) == name) return s;
  }
  return std::nullopt;
}

Location Location::Of(const SourceSpan& span) {
  if (!span.valid()) return {};
  return Location{span.file->path(), span.range()};
}

bool FindingLess(const Finding& a, const Finding& b) {
  auto key = [](const Finding& f) {
    const Range& r = f.location.range;
    return std::tie(f.location.file, r.begin.line, r.begin.column, f.rule_id, f.message);
  };
  return key(a) < key(b);
}

}  // namespace docklint::base
