#include "rules/checks/file_permissions.h"

#include <charconv>
#include <cstdio>
#include <optional>

#include "rules/checks/rule_path.h"

namespace docklint::rules::checks {
namespace {

std::string Param(const Rule& rule, const std::string& name) {
  auto it = rule.params.find(name);
  return it == rule.params.end() ? "" : it->second;
}

std::string Octal(unsigned mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777u);
  return buffer;
}

// A name from the tree, or the number when the tree has no name for it.
bool Matches(const std::string& want, const std::string& name, unsigned id) {
  return want == name || want == std::to_string(id);
}

// "deploy:root (1000:0)", or the bare numbers when the tree names neither.
std::string DescribeOwner(const model::FileStatus& status) {
  std::string ids = std::to_string(status.uid) + ":" + std::to_string(status.gid);
  if (status.user.empty() && status.group.empty()) return ids;
  std::string user = status.user.empty() ? std::to_string(status.uid) : status.user;
  std::string group = status.group.empty() ? std::to_string(status.gid) : status.group;
  return user + ":" + group + " (" + ids + ")";
}

}  // namespace

std::string DescribeModeBits(unsigned bits) {
  static constexpr struct {
    unsigned bit;
    const char* text;
  } kBits[] = {{04000, "setuid"},          {02000, "setgid"},           {01000, "sticky"},
               {00400, "owner can read"},  {00200, "owner can write"},  {00100, "owner can execute"},
               {00040, "group can read"},  {00020, "group can write"},  {00010, "group can execute"},
               {00004, "others can read"}, {00002, "others can write"}, {00001, "others can execute"}};
  std::string out;
  for (const auto& b : kBits) {
    if (bits & b.bit) out += (out.empty() ? "" : ", ") + std::string(b.text);
  }
  return out;
}

bool FilePermissions::Run(const HostContext& host, const Rule& rule,
                          std::vector<base::Finding>* findings) const {
  if (host.files == nullptr) return false;
  std::vector<std::string> targets;
  std::string role_path;  // the file of a role (daemon.json...): a directory there is not that file
  if (std::string path = RulePath(host, rule); !path.empty()) {
    targets.push_back(path);
    if (!Param(rule, "path_from").empty()) role_path = path;
  }
  if (Param(rule, "dropins") == "true") {
    if (std::optional<model::FileRole> unit = model::ParseFileRole(Param(rule, "path_from"))) {
      auto it = host.drop_in_paths.find(*unit);
      if (it != host.drop_in_paths.end()) targets.insert(targets.end(), it->second.begin(), it->second.end());
    }
  }
  if (std::string under = Param(rule, "under"); !under.empty()) {
    for (std::string& file : host.files->regular_files_under(under)) targets.push_back(std::move(file));
  }
  std::string max_mode_text = Param(rule, "max_mode");
  std::string owner = Param(rule, "owner");
  unsigned max_mode = 0;
  if (!max_mode_text.empty()) {
    auto [ptr, ec] =
        std::from_chars(max_mode_text.data(), max_mode_text.data() + max_mode_text.size(), max_mode, 8);
    if (ec != std::errc() || ptr != max_mode_text.data() + max_mode_text.size()) return false;
  }
  std::string want_user = owner.substr(0, owner.find(':'));
  std::string want_group = owner.find(':') == std::string::npos ? "" : owner.substr(owner.find(':') + 1);

  bool applicable = false;
  for (const std::string& target : targets) {
    std::optional<model::FileStatus> status = host.files->stat(target);
    if (!status || (status->is_directory && target == role_path)) continue;
    applicable = true;
    base::Finding finding;
    finding.location.file = status->display_path;
    if (!max_mode_text.empty()) {
      unsigned extra = status->mode & ~max_mode;
      if (extra == 0) continue;
      finding.message = target + " has mode " + Octal(status->mode) + ", more permissive than " +
                        Octal(max_mode) + ": " + DescribeModeBits(extra);
    } else if (!owner.empty()) {
      bool user_ok = Matches(want_user, status->user, status->uid);
      bool group_ok = want_group.empty() || Matches(want_group, status->group, status->gid);
      if (user_ok && group_ok) continue;
      finding.message = target + " is owned by " + DescribeOwner(*status) + ", not " + owner;
    } else {
      return false;  // a rule that names no test: nothing to decide
    }
    findings->push_back(std::move(finding));
  }
  return applicable;
}

std::string FilePermissions::CheckParams(const std::map<std::string, std::string>& params) const {
  std::string error =
      CheckPathParams(params, {"path", "path_setting", "path_from", "dropins", "under", "max_mode", "owner"},
                      !params.contains("under"));
  if (!error.empty()) return error;
  if (params.contains("max_mode") == params.contains("owner")) return "needs exactly one of max_mode, owner";
  if (auto it = params.find("max_mode"); it != params.end()) {
    unsigned mode = 0;
    const std::string& text = it->second;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), mode, 8);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || mode > 07777) {
      return "max_mode '" + text + "' is not an octal mode such as 644";
    }
  }
  if (auto it = params.find("owner"); it != params.end() && (it->second.empty() || it->second[0] == ':')) {
    return "owner '" + it->second + "' is not user or user:group";
  }
  return "";
}

}  // namespace docklint::rules::checks
