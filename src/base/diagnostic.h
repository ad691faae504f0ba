// A problem a parser found in its input, with the exact span. Parsers know nothing of rules: the run loop
// turns each diagnostic into a finding of the meta rule named by `code`.
#ifndef DOCKLINT_BASE_DIAGNOSTIC_H_
#define DOCKLINT_BASE_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "base/source_file.h"

namespace docklint::base {

struct Diagnostic {
  std::string code;  // the meta rule's id, e.g. "DKL0001"
  std::string message;
  SourceSpan span;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_DIAGNOSTIC_H_
