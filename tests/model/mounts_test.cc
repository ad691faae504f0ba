#include "model/mounts.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

namespace docklint::model {
namespace {

// A host tree in memory: host path -> content; a null content stands for a link that leads nowhere.
class FakeTree {
 public:
  void Add(const std::string& path, const char* content) {
    files_[path] = content ? std::make_unique<base::SourceFile>(path.substr(1), content) : nullptr;
  }
  HostModel Host() const {
    HostModel host;
    host.read_file = [this](const std::string& path) -> const base::SourceFile* {
      auto it = files_.find(path);
      return it == files_.end() ? nullptr : it->second.get();
    };
    host.list_dir = [this](const std::string& dir) {
      std::vector<std::string> names;
      for (const auto& [path, file] : files_) {
        if (path.starts_with(dir + "/") && path.find('/', dir.size() + 1) == std::string::npos)
          names.push_back(path.substr(dir.size() + 1));
      }
      return names;
    };
    return host;
  }

 private:
  std::map<std::string, std::unique_ptr<base::SourceFile>> files_;
};

TEST(MountsTest, UnitPathEscapingFollowsSystemdEscape) {
  EXPECT_EQ(EscapeUnitPath("/var/lib/docker"), "var-lib-docker");
  EXPECT_EQ(EscapeUnitPath("/"), "-");
  EXPECT_EQ(EscapeUnitPath("/srv/my-data/"), "srv-my\\x2ddata");
  // Only a leading '.' is escaped, as systemd's do_escape does.
  EXPECT_EQ(EscapeUnitPath("/srv/.hidden dir"), "srv-.hidden\\x20dir");
  EXPECT_EQ(EscapeUnitPath("/.snapshots"), "\\x2esnapshots");
  EXPECT_EQ(UnescapeUnitPath("var-lib-docker"), "/var/lib/docker");
  EXPECT_EQ(UnescapeUnitPath("-"), "/");
  EXPECT_EQ(UnescapeUnitPath("srv-my\\x2ddata"), "/srv/my-data");
  EXPECT_EQ(UnescapeUnitPath("var--lib"), std::nullopt);
  EXPECT_EQ(UnescapeUnitPath("var-\\x2"), std::nullopt);
  EXPECT_EQ(UnescapeUnitPath("var-"), std::nullopt);
  EXPECT_EQ(NormalizeMountPath("/var//lib/./docker/"), "/var/lib/docker");
  EXPECT_EQ(NormalizeMountPath("/"), "/");
}

TEST(MountsTest, FstabEntriesCountUnlessNoautoOrSwap) {
  FakeTree tree;
  tree.Add("/etc/fstab",
           "UUID=1 / ext4 defaults 0 1\n"
           "/dev/sdb1 /var ext4 defaults 0 2\n"
           "/dev/sdc1 /var/lib/docker ext4 noauto 0 2\n"
           "/swapfile none swap sw 0 0\n");
  HostModel host = tree.Host();
  HostMounts mounts = ReadHostMounts(host);
  EXPECT_TRUE(mounts.known());
  ASSERT_EQ(mounts.points.size(), 2u);
  EXPECT_EQ(mounts.Find("/var/lib/docker"), nullptr);
  ASSERT_NE(mounts.Holding("/var/lib/docker"), nullptr);
  EXPECT_EQ(mounts.Holding("/var/lib/docker")->path, "/var");
  EXPECT_EQ(mounts.Holding("/variable")->path, "/");
  EXPECT_EQ(mounts.not_counted.size(), 2u);
}

TEST(MountsTest, MountUnitsByNameWhereAndMasking) {
  FakeTree tree;
  tree.Add("/lib/systemd/system/var-lib-docker.mount",
           "[Mount]\nWhat=/dev/vg0/docker\nWhere=/var/lib/docker\n");
  tree.Add("/etc/systemd/system/srv-my\\x2ddata.mount", "[Mount]\nWhat=/dev/sdb1\n");
  tree.Add("/etc/systemd/system/srv-wrong.mount", "[Mount]\nWhat=/dev/sdc1\nWhere=/srv/other\n");
  tree.Add("/etc/systemd/system/opt.mount", nullptr);  // masked: a link to /dev/null
  tree.Add("/lib/systemd/system/opt.mount", "[Mount]\nWhat=/dev/sdd1\n");
  tree.Add("/etc/systemd/system/home.mount", "");                      // masked: empty
  tree.Add("/lib/systemd/system/tmp.mount", "[Mount]\nWhere=/tmp\n");  // systemd refuses: no What=
  HostModel host = tree.Host();
  HostMounts mounts = ReadHostMounts(host);
  EXPECT_EQ(mounts.fstab, nullptr);
  EXPECT_TRUE(mounts.known());
  ASSERT_NE(mounts.Find("/var/lib/docker"), nullptr);
  EXPECT_EQ(mounts.Find("/var/lib/docker")->span.text(), "/var/lib/docker");
  EXPECT_NE(mounts.Find("/srv/my-data"), nullptr);
  EXPECT_EQ(mounts.Find("/srv/other"), nullptr);
  EXPECT_EQ(mounts.Find("/srv/wrong"), nullptr);
  EXPECT_EQ(mounts.Find("/opt"), nullptr);
  EXPECT_EQ(mounts.Find("/home"), nullptr);
  EXPECT_EQ(mounts.Find("/tmp"), nullptr);
  EXPECT_EQ(mounts.points.size(), 2u);
  EXPECT_EQ(mounts.not_counted.size(), 4u);
}

TEST(MountsTest, NothingReadWhenTheTreeHasNeither) {
  FakeTree tree;
  HostModel host = tree.Host();
  EXPECT_FALSE(ReadHostMounts(host).known());
  EXPECT_FALSE(ReadHostMounts(HostModel{}).known());
}

}  // namespace
}  // namespace docklint::model
