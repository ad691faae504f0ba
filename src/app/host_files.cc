#include "app/host_files.h"

#include <map>
#include <memory>

#include "base/source_file.h"
#include "parsers/unix_accounts.h"

namespace docklint::app {
namespace {

using IdNames = std::map<unsigned, std::string>;

IdNames ReadIdNames(const HostFs& tree, const std::string& path, bool groups) {
  IdNames names{{0, "root"}};  // uid and gid 0 are root's on every Linux, with or without the file
  std::string content, error;
  if (!tree.Read(path, &content, &error)) return names;
  base::SourceFile file(path, std::move(content));
  // The first entry wins, as getpwuid's scan.
  if (groups) {
    for (const parsers::GroupEntry& entry : parsers::ParseGroupFile(file))
      names.try_emplace(entry.gid, entry.group.name);
  } else {
    for (const parsers::PasswdEntry& entry : parsers::ParsePasswdFile(file))
      names.try_emplace(entry.uid, entry.user.name);
  }
  return names;
}

std::string Relative(const std::string& path) { return path.substr(path.starts_with('/') ? 1 : 0); }

}  // namespace

model::HostFiles MakeHostFiles(const HostFs& tree) {
  auto users = std::make_shared<IdNames>(ReadIdNames(tree, "etc/passwd", false));
  auto groups = std::make_shared<IdNames>(ReadIdNames(tree, "etc/group", true));
  model::HostFiles files;
  files.stat = [&tree, users, groups](const std::string& path) -> std::optional<model::FileStatus> {
    std::string relative = Relative(path);
    HostFs::Metadata meta = tree.Stat(relative);
    if (meta.type == HostFs::Type::kMissing || meta.type == HostFs::Type::kLoop || !meta.known) {
      return std::nullopt;
    }
    model::FileStatus status;
    status.is_directory = meta.type == HostFs::Type::kDirectory;
    status.mode = meta.mode;
    status.uid = meta.uid;
    status.gid = meta.gid;
    if (auto it = users->find(meta.uid); it != users->end()) status.user = it->second;
    if (auto it = groups->find(meta.gid); it != groups->end()) status.group = it->second;
    status.display_path = tree.DisplayPath(relative);
    return status;
  };
  files.regular_files_under = [&tree](const std::string& dir) {
    std::vector<std::string> out;
    for (const std::string& file : tree.RegularFilesUnder(Relative(dir))) out.push_back("/" + file);
    return out;
  };
  return files;
}

}  // namespace docklint::app
