#include "parsers/fstab.h"

#include <gtest/gtest.h>

namespace docklint::parsers {
namespace {

using base::Position;
using base::SourceFile;

TEST(FstabTest, FieldsAreSplitOnBlanksWithTheirPlaces) {
  SourceFile file("etc/fstab",
                  "# /etc/fstab: static file system information.\n"
                  "\n"
                  "UUID=1234\t/               ext4    errors=remount-ro 0       1\n"
                  "  /dev/vg0/docker /var/lib/docker xfs defaults 0 2\n");
  Fstab fstab = ParseFstab(file);
  ASSERT_EQ(fstab.entries.size(), 2u);
  EXPECT_TRUE(fstab.skipped.empty());
  EXPECT_EQ(fstab.entries[0].spec.value, "UUID=1234");
  EXPECT_EQ(fstab.entries[0].file.value, "/");
  EXPECT_EQ(fstab.entries[0].options.value, "errors=remount-ro");
  EXPECT_EQ(fstab.entries[0].passno.value, "1");
  const FstabEntry& docker = fstab.entries[1];
  EXPECT_EQ(docker.file.value, "/var/lib/docker");
  EXPECT_EQ(docker.file.span.text(), "/var/lib/docker");
  EXPECT_EQ(docker.file.span.range().begin, (Position{4, 19}));
  EXPECT_EQ(docker.file.span.range().end, (Position{4, 34}));
  EXPECT_EQ(docker.type.value, "xfs");
  EXPECT_EQ(docker.line.range().begin, (Position{4, 1}));
}

TEST(FstabTest, OctalEscapesAreDecodedAndTheSpanKeepsTheText) {
  SourceFile file("etc/fstab", "/dev/sdb1 /srv/docker\\040data ext4 defaults 0 0\n");
  Fstab fstab = ParseFstab(file);
  ASSERT_EQ(fstab.entries.size(), 1u);
  EXPECT_EQ(fstab.entries[0].file.value, "/srv/docker data");
  EXPECT_EQ(fstab.entries[0].file.span.text(), "/srv/docker\\040data");
  EXPECT_EQ(DecodeFstabEscapes("a\\011b\\134c\\04"), "a\tb\\c\\04");
}

TEST(FstabTest, OptionalFieldsAndOptions) {
  SourceFile file("etc/fstab",
                  "tmpfs /tmp tmpfs\n"
                  "/dev/sdc1 /mnt/backup ext4 rw,noauto,x-systemd.automount 0 0\r\n"
                  "/swapfile none swap sw 0 0\n");
  Fstab fstab = ParseFstab(file);
  ASSERT_EQ(fstab.entries.size(), 3u);
  EXPECT_EQ(fstab.entries[0].options.value, "defaults");
  EXPECT_EQ(fstab.entries[0].freq.value, "");
  EXPECT_FALSE(fstab.entries[0].HasOption("noauto"));
  EXPECT_TRUE(fstab.entries[1].HasOption("noauto"));
  EXPECT_FALSE(fstab.entries[1].HasOption("auto"));
  EXPECT_EQ(fstab.entries[1].passno.value, "0");  // the \r is not part of the field
  EXPECT_TRUE(fstab.entries[2].IsSwap());
}

TEST(FstabTest, MalformedLinesAreSkippedAndTheRestIsRead) {
  SourceFile file("etc/fstab",
                  "/dev/sda1 /\n"
                  "/dev/sda2 /var ext4 defaults zero 2\n"
                  "/dev/sda3 /home ext4 defaults 0 2 extra\n"
                  "   # an indented comment\n"
                  "/dev/sda4 /var/lib/docker ext4 defaults 0 2 # trailing words make a line malformed\n"
                  "/dev/sda5 /opt ext4\n");
  Fstab fstab = ParseFstab(file);
  ASSERT_EQ(fstab.skipped.size(), 4u);
  EXPECT_EQ(fstab.skipped[0].range().begin, (Position{1, 1}));
  EXPECT_EQ(fstab.skipped[1].range().begin, (Position{2, 1}));
  EXPECT_EQ(fstab.skipped[3].range().begin, (Position{5, 1}));
  ASSERT_EQ(fstab.entries.size(), 1u);
  EXPECT_EQ(fstab.entries[0].file.value, "/opt");
}

TEST(FstabTest, EmptyFileHasNoEntries) {
  SourceFile file("etc/fstab", "");
  Fstab fstab = ParseFstab(file);
  EXPECT_TRUE(fstab.entries.empty());
  EXPECT_TRUE(fstab.skipped.empty());
}

}  // namespace
}  // namespace docklint::parsers
