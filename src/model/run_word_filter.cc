#include "model/run_word_filter.h"

#include <algorithm>

namespace docklint::model {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '+';
}

// A line continuation at `i`: the escape (backslash, or backtick for `# escape=``), an optional '\r', then
// '\n'. Returns its length, or 0.
size_t ContinuationAt(std::string_view text, size_t i) {
  if (text[i] != '\\' && text[i] != '`') return 0;
  size_t j = i + 1;
  if (j < text.size() && text[j] == '\r') ++j;
  return j < text.size() && text[j] == '\n' ? j + 1 - i : 0;
}

}  // namespace

RunWordFilter::RunWordFilter(const std::vector<std::string_view>& words) {
  for (std::string_view word : words) {
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
    if (lower.empty() || lower.size() >= 64 || std::find(words_.begin(), words_.end(), lower) != words_.end())
      continue;
    lengths_by_first_[static_cast<unsigned char>(lower[0])] |= uint64_t{1} << lower.size();
    words_.push_back(std::move(lower));
  }
}

bool RunWordFilter::Mentions(std::string_view text) const {
  char word[64];
  size_t length = 0;
  bool too_long = false;
  auto matches = [&] {
    // A word that fills the buffer is as long as no filter word may be (and would shift past 63 bits).
    if (length == 0 || length >= sizeof word || too_long) return false;
    if (((lengths_by_first_[static_cast<unsigned char>(word[0])] >> length) & 1) == 0) return false;
    std::string_view candidate(word, length);
    return std::find(words_.begin(), words_.end(), candidate) != words_.end();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (size_t skip = ContinuationAt(text, i)) {
      i += skip - 1;  // the shell joins the lines: a word may go on after it
      continue;
    }
    char c = text[i];
    if (IsWordByte(c)) {
      if (length < sizeof word) {
        word[length++] = Lower(c);
      } else {
        too_long = true;
      }
      continue;
    }
    if (matches()) return true;
    length = 0;
    too_long = false;
  }
  return matches();
}

}  // namespace docklint::model
