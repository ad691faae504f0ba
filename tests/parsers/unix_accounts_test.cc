#include "parsers/unix_accounts.h"

#include <gtest/gtest.h>

namespace docklint::parsers {
namespace {

using base::Position;
using base::SourceFile;

TEST(UnixAccountsTest, GroupMembersHaveTheirPlaces) {
  SourceFile file("etc/group",
                  "root:x:0:\n"
                  "# a comment\n"
                  "\n"
                  "docker:x:998:alice,bob\n"
                  "sudo:x:27\n");
  std::vector<GroupEntry> groups = ParseGroupFile(file);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].group.name, "root");
  EXPECT_TRUE(groups[0].members.empty());
  const GroupEntry& docker = groups[1];
  EXPECT_EQ(docker.gid, 998u);
  ASSERT_EQ(docker.members.size(), 2u);
  EXPECT_EQ(docker.members[0].name, "alice");
  EXPECT_EQ(docker.members[1].name, "bob");
  EXPECT_EQ(docker.members[1].span.text(), "bob");
  EXPECT_EQ(docker.members[1].span.range().begin, (Position{4, 20}));
  EXPECT_EQ(docker.members[1].span.range().end, (Position{4, 23}));
  EXPECT_EQ(groups[2].gid, 27u);  // no member field at all
}

TEST(UnixAccountsTest, EmptyMemberNamesAndBadLinesAreSkipped) {
  SourceFile file("etc/group",
                  "docker:x:998:alice,,bob,\n"
                  "broken:x:notanumber:carol\n"
                  ":x:5:dave\n"
                  "+:::\n"
                  "only-name\n");
  std::vector<GroupEntry> groups = ParseGroupFile(file);
  ASSERT_EQ(groups.size(), 1u);
  ASSERT_EQ(groups[0].members.size(), 2u);
  EXPECT_EQ(groups[0].members[1].name, "bob");
  EXPECT_EQ(groups[0].members[1].span.range().begin, (Position{1, 21}));
}

TEST(UnixAccountsTest, PasswdEntriesKeepUidAndPrimaryGid) {
  SourceFile file("etc/passwd",
                  "root:x:0:0:root:/root:/bin/bash\n"
                  "ci:x:1001:998:CI runner:/home/ci:/bin/sh\n"
                  "short:x:1002\n"
                  "oddgid:x:1003:abc:::\n");
  std::vector<PasswdEntry> users = ParsePasswdFile(file);
  ASSERT_EQ(users.size(), 4u);
  EXPECT_EQ(users[1].user.name, "ci");
  EXPECT_EQ(users[1].uid, 1001u);
  EXPECT_EQ(users[1].gid, 998u);
  EXPECT_EQ(users[1].gid_span.range().begin, (Position{2, 11}));
  EXPECT_EQ(users[1].user.span.range().begin, (Position{2, 1}));
  EXPECT_FALSE(users[2].gid.has_value());
  EXPECT_FALSE(users[3].gid.has_value());
}

}  // namespace
}  // namespace docklint::parsers
