#include "app/host_fs.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

class HostFsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-hostfs-" + std::to_string(::getpid()) + "-" +
                                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "root");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& relative, const std::string& content) {
    fs::path path = dir_ / "root" / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }

  struct Member {
    std::string path;
    std::string content;  // a file's content
    std::string link;     // a symlink's target, when set
  };
  std::string Tarball(const std::vector<Member>& members) {
    std::string path = (dir_ / "image.tar.gz").string();
    struct archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    archive_write_open_filename(a, path.c_str());
    for (const Member& m : members) {
      struct archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, m.path.c_str());
      if (!m.link.empty()) {
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, m.link.c_str());
        archive_entry_set_perm(e, 0777);
      } else {
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, static_cast<la_int64_t>(m.content.size()));
      }
      archive_write_header(a, e);
      if (m.link.empty()) archive_write_data(a, m.content.data(), m.content.size());
      archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
  }

  fs::path dir_;
};

TEST_F(HostFsTest, LinksResolveInsideTheTreeNeverOnTheMachine) {
  Write("etc/passwd", "tree's own passwd");
  Write("srv/conf/daemon.json", "{\"icc\": false}");
  fs::create_directories(dir_ / "root/etc/docker");
  fs::create_symlink("/srv/conf/daemon.json", dir_ / "root/etc/docker/daemon.json");  // absolute: tree root
  fs::create_symlink("../../../../../../etc/passwd", dir_ / "root/etc/docker/escape");
  fs::create_symlink("loop-b", dir_ / "root/etc/docker/loop-a");
  fs::create_symlink("loop-a", dir_ / "root/etc/docker/loop-b");
  std::unique_ptr<HostFs> tree = OpenDirectoryTree((dir_ / "root").string());
  std::string content, error;
  ASSERT_TRUE(tree->Read("etc/docker/daemon.json", &content, &error)) << error;
  EXPECT_EQ(content, "{\"icc\": false}");
  ASSERT_TRUE(tree->Read("etc/docker/escape", &content, &error));
  EXPECT_EQ(content, "tree's own passwd");
  EXPECT_EQ(tree->TypeOf("etc/docker/loop-a"), HostFs::Type::kLoop);
  EXPECT_FALSE(tree->Read("etc/docker/loop-a", &content, &error));
  EXPECT_EQ(error, "too many levels of symbolic links");
  EXPECT_EQ(tree->TypeOf("etc/docker"), HostFs::Type::kDirectory);
  EXPECT_FALSE(tree->Read("etc/docker", &content, &error));
  EXPECT_EQ(error, "is a directory");
  EXPECT_EQ(tree->List("etc/docker"),
            (std::vector<std::string>{"daemon.json", "escape", "loop-a", "loop-b"}));
}

TEST_F(HostFsTest, TarballsAreReadInMemoryWithTheSameRules) {
  std::string archive = Tarball({
      {"./etc/docker/daemon.json", "{\"icc\": true}", ""},
      {"/etc/default/docker", "DOCKER_OPTS=\"--debug\"\n", ""},  // absolute member names count from the root
      {"../../etc/evil", "outside", ""},                         // rejected: climbs above the root
      {"lib/systemd/system/docker.service", "[Service]\n", ""},
      {"etc/systemd/system/docker.service", "", "/lib/systemd/system/docker.service"},
      {"usr/share/doc/big.txt", std::string(1000, 'x'), ""},  // not a file docklint reads: not kept
  });
  std::string error;
  std::unique_ptr<HostFs> tree = OpenTarballTree(archive, &error);
  ASSERT_NE(tree, nullptr) << error;
  std::string content;
  ASSERT_TRUE(tree->Read("etc/docker/daemon.json", &content, &error));
  EXPECT_EQ(content, "{\"icc\": true}");
  ASSERT_TRUE(tree->Read("etc/default/docker", &content, &error));
  EXPECT_FALSE(tree->Read("etc/evil", &content, &error));  // the ".." member was rejected, not clamped
  ASSERT_TRUE(tree->Read("etc/systemd/system/docker.service", &content, &error));
  EXPECT_EQ(content, "[Service]\n");
  EXPECT_EQ(tree->TypeOf("lib/systemd"), HostFs::Type::kDirectory);
  EXPECT_EQ(tree->List("etc"), (std::vector<std::string>{"default", "docker", "systemd"}));
  EXPECT_EQ(tree->DisplayPath("etc/docker/daemon.json"), archive + ":/etc/docker/daemon.json");
}

TEST_F(HostFsTest, AMemberNotKeptIsReadWithAnotherPassWhenAskedFor) {
  std::string archive = Tarball({
      {"data/stack/stack.yml", "services: {}\n", ""},          // outside every place docklint reads
      {"data/stack/stack.yml", "services:\n  web: {}\n", ""},  // a later member replaces it, as tar does
      {"opt/app/compose.yaml", "services: {}\n", ""},          // at a compose place: kept
      {"usr/share/doc/big.txt", std::string(1000, 'x'), ""},
      {"data/link.yml", "", "/data/stack/stack.yml"},
  });
  std::string error, content;
  std::unique_ptr<HostFs> tree = OpenTarballTree(archive, &error);
  ASSERT_NE(tree, nullptr) << error;
  for (int pass = 0; pass < 2; ++pass) {  // the second time from what the first pass kept
    ASSERT_TRUE(tree->Read("data/link.yml", &content, &error)) << error;
    EXPECT_EQ(content, "services:\n  web: {}\n");
  }
  ASSERT_TRUE(tree->Read("usr/share/doc/big.txt", &content, &error)) << error;
  EXPECT_EQ(content, std::string(1000, 'x'));
  ASSERT_TRUE(tree->Read("opt/app/compose.yaml", &content, &error)) << error;
  EXPECT_EQ(content, "services: {}\n");
}

TEST_F(HostFsTest, ListEntriesTellsWhatEachEntryIsWithoutFollowingLinks) {
  Write("opt/app/compose.yaml", "x");
  Write("srv/stack/compose.yaml", "x");
  fs::create_symlink("/srv/stack", dir_ / "root/opt/stack");
  fs::create_symlink("app/compose.yaml", dir_ / "root/opt/compose.yaml");
  fs::create_symlink("/opt", dir_ / "root/apps");
  std::unique_ptr<HostFs> tree = OpenDirectoryTree((dir_ / "root").string());
  std::vector<HostFs::Entry> entries = tree->ListEntries("apps");  // a link on the way is followed
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "app");
  EXPECT_EQ(entries[0].type, HostFs::Type::kDirectory);
  EXPECT_FALSE(entries[0].is_link);
  EXPECT_EQ(entries[1].name, "compose.yaml");
  EXPECT_TRUE(entries[1].is_link);
  EXPECT_EQ(entries[2].name, "stack");
  EXPECT_TRUE(entries[2].is_link);
  EXPECT_NE(entries[2].type, HostFs::Type::kDirectory);
  EXPECT_TRUE(tree->ListEntries("opt/app/compose.yaml").empty());
}

TEST_F(HostFsTest, ABrokenArchiveIsAnError) {
  Write("not.tar.gz", "this is not gzip");
  std::string error;
  EXPECT_EQ(OpenTarballTree((dir_ / "root/not.tar.gz").string(), &error), nullptr);
  EXPECT_FALSE(error.empty());
}

TEST_F(HostFsTest, StatFollowsLinksAndReadsTheTargetsMode) {
  Write("etc/docker/daemon.json", "{}");
  fs::permissions(dir_ / "root/etc/docker/daemon.json", fs::perms(0640));
  fs::create_symlink("docker/daemon.json", dir_ / "root/etc/link.json");
  std::unique_ptr<HostFs> tree = OpenDirectoryTree((dir_ / "root").string());
  HostFs::Metadata meta = tree->Stat("etc/link.json");
  EXPECT_EQ(meta.type, HostFs::Type::kFile);
  EXPECT_TRUE(meta.known);
  EXPECT_EQ(meta.mode, 0640u);
  EXPECT_EQ(meta.uid, ::getuid());
  EXPECT_EQ(tree->Stat("etc/missing").type, HostFs::Type::kMissing);
}

TEST_F(HostFsTest, RegularFilesUnderWalksDownOnceThroughLinkLoops) {
  Write("etc/docker/certs.d/reg:5000/ca.crt", "x");
  Write("etc/docker/certs.d/other/client.cert", "x");
  fs::create_symlink("..", dir_ / "root/etc/docker/certs.d/other/up");  // a loop back to certs.d
  std::unique_ptr<HostFs> tree = OpenDirectoryTree((dir_ / "root").string());
  EXPECT_EQ(tree->RegularFilesUnder("etc/docker/certs.d"),
            (std::vector<std::string>{"etc/docker/certs.d/other/client.cert",
                                      "etc/docker/certs.d/reg:5000/ca.crt"}));
}

TEST_F(HostFsTest, ArchiveHeadersGiveOwnersAndModes) {
  std::string path = (dir_ / "image.tar").string();
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, path.c_str());
  for (auto [name, uid, mode] :
       {std::tuple{"etc/", 1000, 0755}, std::tuple{"etc/docker/daemon.json", 0, 0604}}) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, std::string(name).ends_with('/') ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, static_cast<mode_t>(mode));
    archive_entry_set_uid(e, uid);
    archive_entry_set_size(e, 0);
    archive_write_header(a, e);
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  std::string error;
  std::unique_ptr<HostFs> tree = OpenTarballTree(path, &error);
  ASSERT_NE(tree, nullptr) << error;
  HostFs::Metadata meta = tree->Stat("etc/docker/daemon.json");
  EXPECT_TRUE(meta.known);
  EXPECT_EQ(meta.mode, 0604u);
  EXPECT_FALSE(tree->Stat("etc/docker").known);  // implied by a member, never listed: nothing to judge
  // etc/ owned by a user: the tree was packed without ownership, so its metadata is not the host's.
  EXPECT_NE(tree->WhyMetadataIsNotTheHosts().find("uid 1000"), std::string::npos);
}

}  // namespace
}  // namespace docklint::app
