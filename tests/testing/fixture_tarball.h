// Test helper: packs a fixture host tree into a rootfs tarball whose owners and modes do not depend on
// who checked the repository out or with which umask: every member is root:root, directories 0755,
// files 0644 (0755 when executable). A file named "modes" at the top of the fixture overrides that per
// path, one "<path> <octal mode> <uid>:<gid>" per line, so section 3 fixtures can state a host's metadata.
// The fixture's own files (expected.txt, args, modes) are left out.
#ifndef DOCKLINT_TESTS_TESTING_FIXTURE_TARBALL_H_
#define DOCKLINT_TESTS_TESTING_FIXTURE_TARBALL_H_

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace docklint::test_support {

struct MemberMetadata {
  unsigned mode = 0;
  unsigned uid = 0;
  unsigned gid = 0;
};

inline std::map<std::string, MemberMetadata> ReadModesFile(const std::filesystem::path& file) {
  std::map<std::string, MemberMetadata> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string path, mode, owner;
    fields >> path >> mode >> owner;
    MemberMetadata meta;
    meta.mode = static_cast<unsigned>(std::stoul(mode, nullptr, 8));
    meta.uid = static_cast<unsigned>(std::stoul(owner.substr(0, owner.find(':'))));
    meta.gid = static_cast<unsigned>(std::stoul(owner.substr(owner.find(':') + 1)));
    out[path] = meta;
  }
  return out;
}

// False when the archive could not be written.
inline bool PackFixtureTree(const std::filesystem::path& tree, const std::string& archive_path) {
  namespace fs = std::filesystem;
  std::map<std::string, MemberMetadata> overrides = ReadModesFile(tree / "modes");
  struct archive* out = archive_write_new();
  archive_write_set_format_pax_restricted(out);
  if (archive_write_open_filename(out, archive_path.c_str()) != ARCHIVE_OK) {
    archive_write_free(out);
    return false;
  }
  std::vector<fs::path> members;
  for (auto it = fs::recursive_directory_iterator(tree); it != fs::recursive_directory_iterator(); ++it) {
    std::string relative = fs::relative(it->path(), tree).string();
    if (relative == "expected.txt" || relative == "args" || relative == "modes") continue;
    members.push_back(it->path());
  }
  std::sort(members.begin(), members.end());
  bool ok = true;
  for (const fs::path& member : members) {
    std::string relative = fs::relative(member, tree).string();
    fs::file_status status = fs::symlink_status(member);
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, relative.c_str());
    std::string content;
    unsigned mode = 0644;
    if (fs::is_symlink(status)) {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_symlink(entry, fs::read_symlink(member).c_str());
      mode = 0777;
    } else if (fs::is_directory(status)) {
      archive_entry_set_filetype(entry, AE_IFDIR);
      mode = 0755;
    } else {
      archive_entry_set_filetype(entry, AE_IFREG);
      std::ifstream in(member, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      content = buffer.str();
      if ((status.permissions() & fs::perms::owner_exec) != fs::perms::none) mode = 0755;
    }
    MemberMetadata meta{mode, 0, 0};
    if (auto it = overrides.find(relative); it != overrides.end()) meta = it->second;
    archive_entry_set_perm(entry, meta.mode);
    archive_entry_set_uid(entry, meta.uid);
    archive_entry_set_gid(entry, meta.gid);
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    ok = ok && archive_write_header(out, entry) == ARCHIVE_OK;
    if (!content.empty()) ok = ok && archive_write_data(out, content.data(), content.size()) >= 0;
    archive_entry_free(entry);
  }
  ok = archive_write_close(out) == ARCHIVE_OK && ok;
  archive_write_free(out);
  return ok;
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_FIXTURE_TARBALL_H_
