// Test helper: a file's text split at single spaces into words that map back into the file, as the
// command-line words of dockerd would after systemd split them.
#ifndef DOCKLINT_TESTS_TESTING_WORDS_H_
#define DOCKLINT_TESTS_TESTING_WORDS_H_

#include <algorithm>
#include <vector>

#include "base/source_file.h"

namespace docklint::test_support {

inline std::vector<base::MappedText> Words(const base::SourceFile& file) {
  std::vector<base::MappedText> words;
  const std::string& text = file.content();
  for (size_t start = 0; start < text.size();) {
    size_t space = std::min(text.find(' ', start), text.size());
    if (space > start) words.push_back(base::MappedText::FromFile(file, start, space));
    start = space + 1;
  }
  return words;
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_WORDS_H_
