// Test helper: "line:col-line:col" for a span, so a failing expectation shows where a span points.
#ifndef DOCKLINT_TESTS_TESTING_WHERE_H_
#define DOCKLINT_TESTS_TESTING_WHERE_H_

#include <string>

#include "base/source_file.h"

namespace docklint::test_support {

inline std::string Where(const base::SourceSpan& span) {
  base::Range r = span.range();
  return std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column) + "-" +
         std::to_string(r.end.line) + ":" + std::to_string(r.end.column);
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_WHERE_H_
