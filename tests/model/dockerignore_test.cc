#include "model/dockerignore.h"

#include <gtest/gtest.h>

namespace docklint::model {
namespace {

TEST(DockerIgnoreTest, CleanPathIsGosFilepathClean) {
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(CleanPath("./Dockerfile"), "Dockerfile");
  EXPECT_EQ(CleanPath("a//b/../c/"), "a/c");
  EXPECT_EQ(CleanPath("/"), "/");
  EXPECT_EQ(CleanPath("/../x"), "/x");
  EXPECT_EQ(CleanPath("../x"), "../x");
  EXPECT_EQ(CleanPath("a/.."), ".");
}

TEST(DockerIgnoreTest, ReadsPatternsAsIgnorefileReadAll) {
  DockerIgnore ignore = DockerIgnore::Parse("# comment\n\n  /build/  \n!keep.txt\nsrc//x/../y\r\n");
  EXPECT_EQ(ignore.Patterns(), (std::vector<std::string>{"build", "!keep.txt", "src/y"}));
  EXPECT_TRUE(ignore.HasExclusions());
  EXPECT_FALSE(DockerIgnore::Parse("a\n").HasExclusions());
  EXPECT_TRUE(DockerIgnore::Parse("# only a comment\n").empty());
}

// The cases follow moby/patternmatcher's: exact, `*` and `?` within a segment, `**` across segments,
// leading `**/` matching at the root too, trailing `**` as a prefix, and a match of a parent folder.
TEST(DockerIgnoreTest, MatchesAsPatternMatcherDoes) {
  struct Case {
    const char* pattern;
    const char* path;
    bool ignored;
  };
  const Case cases[] = {
      {"Dockerfile", "Dockerfile", true},
      {"Dockerfile", "Dockerfile.dev", false},
      {"*.log", "app.log", true},
      {"*.log", "logs/app.log", false},
      {"*.log", "app.log/inner", true},  // the parent folder app.log is ignored
      {"docs/*.tmp", "docs/notes.tmp", true},
      {"docs/*.tmp", "docs/sub/notes.tmp", false},
      {"?.txt", "a.txt", true},
      {"?.txt", "ab.txt", false},
      {"**/node_modules", "node_modules", true},
      {"**/node_modules", "a/b/node_modules/x", true},
      {"**/node_modules", "my_node_modules", false},
      {"**/*.go", "a/b/c.go", true},
      {"**/*.go", "c.go", true},
      {"build/**", "build/out/x", true},
      {"src/**/test", "src/test", true},
      {"src/**/test", "src/a/b/test", true},
      {"secrets/", "secrets/key.pem", true},
      {"secrets", "secretsfile", false},
      {"a.b", "axb", false},
      {"[ab].txt", "a.txt", true},
      {"[ab].txt", "c.txt", false},
      {"*", ".", true},
      {".*", ".", true},  // CopyIgnoredFile itself leaves "." to whole-context patterns
      {".*", ".env", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DockerIgnore::Parse(c.pattern).MatchesOrParentMatches(c.path), c.ignored)
        << c.pattern << " vs " << c.path;
  }
}

}  // namespace
}  // namespace docklint::model
