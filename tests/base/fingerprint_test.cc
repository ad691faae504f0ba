#include "base/fingerprint.h"

#include <gtest/gtest.h>

namespace docklint::base {
namespace {

Finding At(const SourceFile& file, const std::string& needle, const std::string& rule = "DKL3015") {
  Finding finding;
  finding.rule_id = rule;
  finding.message = "m";
  uint32_t begin = static_cast<uint32_t>(file.content().find(needle));
  finding.location = Location::Of(SourceSpan{&file, begin, begin + static_cast<uint32_t>(needle.size())});
  return finding;
}

std::string One(const SourceFile& file, const Finding& finding) {
  return Fingerprints({finding}, [&](const std::string&) { return &file; }).front();
}

TEST(FingerprintTest, SurvivesLinesAddedAboveAndChangesWithTheFlaggedText) {
  SourceFile before("Dockerfile", "FROM debian:12\nRUN sudo make\n");
  SourceFile shifted("Dockerfile", "FROM debian:12\n# a comment\nENV A=1\n    RUN sudo make\n");
  SourceFile edited("Dockerfile", "FROM debian:12\nRUN sudo make install\n");
  EXPECT_EQ(One(before, At(before, "RUN sudo make")), One(shifted, At(shifted, "RUN sudo make")));
  EXPECT_NE(One(before, At(before, "RUN sudo make")), One(edited, At(edited, "RUN sudo make install")));
  EXPECT_NE(One(before, At(before, "sudo", "DKL3015")), One(before, At(before, "sudo", "DKL3016")));
}

TEST(FingerprintTest, IdenticalFindingsAreNumbered) {
  SourceFile file("Dockerfile", "RUN sudo a\nRUN sudo a\n");
  Finding first = At(file, "sudo");
  Finding second = first;
  second.location = Location::Of(SourceSpan{&file, 15, 19});
  std::vector<std::string> prints = Fingerprints({first, second}, [&](const std::string&) { return &file; });
  EXPECT_NE(prints[0], prints[1]);
}

}  // namespace
}  // namespace docklint::base
