#include "app/host_files.h"

#include <charconv>
#include <map>
#include <memory>
#include <string_view>

namespace docklint::app {
namespace {

using IdNames = std::map<unsigned, std::string>;

// passwd and group share the layout that matters here: name:password:id:...
IdNames ReadIdNames(const HostFs& tree, const std::string& path) {
  IdNames names{{0, "root"}};  // uid and gid 0 are root's on every Linux, with or without the file
  std::string content, error;
  if (!tree.Read(path, &content, &error)) return names;
  std::string_view rest = content;
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
    size_t first = line.find(':');
    size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos || first == 0) continue;
    size_t third = line.find(':', second + 1);
    std::string_view id_text =
        line.substr(second + 1, third == std::string_view::npos ? third : third - second - 1);
    unsigned id = 0;
    auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (ec != std::errc() || ptr != id_text.data() + id_text.size()) continue;
    names.try_emplace(id, std::string(line.substr(0, first)));  // the first entry wins, as getpwuid's scan
  }
  return names;
}

std::string Relative(const std::string& path) { return path.substr(path.starts_with('/') ? 1 : 0); }

}  // namespace

model::HostFiles MakeHostFiles(const HostFs& tree) {
  auto users = std::make_shared<IdNames>(ReadIdNames(tree, "etc/passwd"));
  auto groups = std::make_shared<IdNames>(ReadIdNames(tree, "etc/group"));
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
