#include "model/run_word_filter.h"

#include <gtest/gtest.h>

namespace docklint::model {
namespace {

TEST(RunWordFilterTest, FindsWholeWordsInAnyCase) {
  RunWordFilter filter({"apt-get", "sudo", "GIT_SSL_NO_VERIFY"});
  EXPECT_TRUE(filter.Mentions("apt-get install -y curl"));
  EXPECT_TRUE(filter.Mentions("set -e; /usr/bin/apt-get update"));
  EXPECT_TRUE(filter.Mentions("[\"sudo\", \"id\"]"));
  EXPECT_TRUE(filter.Mentions("git_ssl_no_verify=1 git clone x"));
  EXPECT_TRUE(filter.Mentions("echo ok && SUDO true"));
  EXPECT_TRUE(filter.Mentions("x|apt-get"));  // at the very end
}

TEST(RunWordFilterTest, PartsOfLongerWordsDoNotCount) {
  RunWordFilter filter({"apt", "cd", "install"});
  EXPECT_FALSE(filter.Mentions("apt-get update"));
  EXPECT_FALSE(filter.Mentions("make /src/abcd reinstall installer"));
  EXPECT_FALSE(filter.Mentions(""));
  EXPECT_TRUE(filter.Mentions("make install"));
}

TEST(RunWordFilterTest, JoinsLineContinuationsAsTheShellDoes) {
  RunWordFilter filter({"apt-get"});
  EXPECT_TRUE(filter.Mentions("apt\\\n-get update"));
  EXPECT_TRUE(filter.Mentions("apt`\r\n-get update"));  // escape=` (Windows images)
}

TEST(RunWordFilterTest, NoWordsMentionsNothing) {
  RunWordFilter filter({});
  EXPECT_TRUE(filter.empty());
  EXPECT_FALSE(filter.Mentions("apt-get install"));
}

TEST(RunWordFilterTest, VeryLongWordsAreNotMistakenForTheirPrefix) {
  RunWordFilter filter({"curl"});
  EXPECT_FALSE(filter.Mentions(std::string(200, 'c') + "url"));
  EXPECT_TRUE(filter.Mentions(std::string(200, 'x') + " curl"));
}

// Fuzzer find: a word of exactly 64 bytes filled the buffer and shifted the length mask by 64 (UB).
TEST(RunWordFilterTest, AWordThatFillsTheBufferMatchesNothing) {
  RunWordFilter filter({std::string(63, 'a')});
  EXPECT_FALSE(filter.Mentions(std::string(64, 'a')));
  EXPECT_FALSE(filter.Mentions(std::string(64, 'a') + " x"));
  EXPECT_TRUE(filter.Mentions(std::string(63, 'a')));
}

}  // namespace
}  // namespace docklint::model
