#include "model/dockerfile_keyword.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace docklint::model {
namespace {

TEST(DockerfileKeywordTest, EveryKeywordComesBackFromItsLowerCasedName) {
  for (size_t k = 0; k + 1 < kKeywordCount; ++k) {
    Keyword keyword = static_cast<Keyword>(k);
    std::string_view name = KeywordName(keyword);
    ASSERT_FALSE(name.empty()) << k;
    EXPECT_EQ(KeywordOf(base::Lower(name)), keyword) << name;
  }
  EXPECT_EQ(KeywordOf("copy"), Keyword::kCopy);
  EXPECT_EQ(KeywordOf("healthcheck"), Keyword::kHealthcheck);
  EXPECT_EQ(KeywordName(Keyword::kEntrypoint), "ENTRYPOINT");
}

TEST(DockerfileKeywordTest, AnythingElseIsUnknown) {
  EXPECT_EQ(KeywordOf("COPY"), Keyword::kUnknown);  // the parser lower-cases; so must callers
  EXPECT_EQ(KeywordOf("cop"), Keyword::kUnknown);
  EXPECT_EQ(KeywordOf("copyy"), Keyword::kUnknown);
  EXPECT_EQ(KeywordOf(""), Keyword::kUnknown);
  EXPECT_EQ(KeywordName(Keyword::kUnknown), "");
}

}  // namespace
}  // namespace docklint::model
