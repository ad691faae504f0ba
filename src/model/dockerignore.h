// A .dockerignore read as BuildKit reads it (moby/patternmatcher's ignorefile.ReadAll) and matched as
// moby's PatternMatcher matches build context paths: filepath.Match syntax, plus `**` for any number of
// directories, and `!` exceptions.
#ifndef DOCKLINT_MODEL_DOCKERIGNORE_H_
#define DOCKLINT_MODEL_DOCKERIGNORE_H_

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::model {

// Go's filepath.Clean for slash-separated paths: "" is ".", "./a//b/../c/" is "a/c".
std::string CleanPath(std::string_view path);

class DockerIgnore {
 public:
  // The patterns of a .dockerignore's text: comments (#...) and blank lines dropped, each pattern trimmed,
  // cleaned and made relative (a leading / removed).
  static DockerIgnore Parse(std::string_view text);

  bool empty() const { return patterns_.empty(); }
  // Whether a pattern is an exception (`!keep`).
  bool HasExclusions() const;
  // The patterns as written after cleaning, exceptions with their '!'.
  std::vector<std::string> Patterns() const;
  // PatternMatcher.MatchesOrParentMatches: whether `path` (relative to the context) or a directory above it
  // is ignored. Exceptions are not followed (BuildKit's CopyIgnoredFile does not judge files with them).
  bool MatchesOrParentMatches(std::string_view path) const;

 private:
  struct Pattern {
    std::string cleaned;
    bool exclusion = false;
    enum class Type { kExact, kPrefix, kSuffix, kRegex } type = Type::kExact;
    std::regex regex;
    bool valid = true;
    bool Matches(const std::string& path) const;
  };
  static Pattern Compile(std::string cleaned, bool exclusion);
  std::vector<Pattern> patterns_;
};

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_DOCKERIGNORE_H_
