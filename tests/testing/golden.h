// Whole-output goldens: a test compares what it produced with a file of the repository. With
// DOCKLINT_UPDATE_GOLDENS=1 in the environment the test writes what it produced into the file instead, so a
// change that touches many goldens (a rule that fires on defaults) is one run of tools/update-goldens and a
// review of `git diff`.
#ifndef DOCKLINT_TESTS_TESTING_GOLDEN_H_
#define DOCKLINT_TESTS_TESTING_GOLDEN_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "testing/run_docklint.h"

namespace docklint::test_support {

inline bool UpdatingGoldens() {
  const char* update = std::getenv("DOCKLINT_UPDATE_GOLDENS");
  return update != nullptr && std::string_view(update) == "1";
}

// Expects `actual` to equal the content of `golden`; in update mode, writes it there.
inline void ExpectGolden(const std::string& actual, const std::filesystem::path& golden,
                         const std::string& what) {
  if (UpdatingGoldens()) {
    std::ofstream(golden, std::ios::binary | std::ios::trunc) << actual;
    return;
  }
  EXPECT_EQ(actual, ReadFile(golden))
      << what << "\n(DOCKLINT_UPDATE_GOLDENS=1 rewrites " << golden.string() << "; see tools/update-goldens)";
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_GOLDEN_H_
