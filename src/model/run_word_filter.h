// Which RUN instructions are worth parsing as shell. Parsing RUN text with tree-sitter-bash is the costliest
// step of linting a Dockerfile (about 9x the cost of reading it), and most RUNs name no command that any
// selected check acts on, so the checks declare the words they act on (command names, environment variable
// names) and a RUN whose text holds none of them as a whole word is never parsed.
#ifndef DOCKLINT_MODEL_RUN_WORD_FILTER_H_
#define DOCKLINT_MODEL_RUN_WORD_FILTER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::model {

class RunWordFilter {
 public:
  // `words` in any case; matching ignores case.
  explicit RunWordFilter(const std::vector<std::string_view>& words);

  // Whether `text` holds one of the words as a whole word: a run of letters, digits and "_-.+" (so
  // "/usr/bin/apt-get", "\"sudo\"" and "GIT_SSL_NO_VERIFY=1" hold apt-get, sudo and git_ssl_no_verify),
  // with line continuations (backslash or backtick, then a line break) joined as the shell joins them. It
  // may say yes for a RUN that holds no such command (the word in an argument); it never says no for one
  // that does, short of a command name spelt with quotes or escapes inside it (a'pt'-get).
  bool Mentions(std::string_view text) const;

  bool empty() const { return words_.empty(); }

 private:
  std::vector<std::string> words_;                // lower-case
  std::array<uint64_t, 256> lengths_by_first_{};  // bit n: a word of length n starts with this byte
};

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_RUN_WORD_FILTER_H_
