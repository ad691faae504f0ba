#include "rules/checks/socket_group_members.h"

#include <set>

#include "base/strings.h"
#include "parsers/unix_accounts.h"

namespace docklint::rules::checks {
namespace {

std::set<std::string> TrustedUsers(const std::string& text) {
  std::set<std::string> users;
  for (std::string_view name : base::SplitCommaList(text)) users.emplace(name);
  return users;
}

}  // namespace

bool SocketGroupMembers::Run(const HostContext& host, const Rule& rule,
                             std::vector<base::Finding>* findings) const {
  if (!host.read_file) return false;
  const model::HostConfig& config = host.config;
  std::string group;
  std::string whence;
  if (config.socket_ownership.unit_present) {
    group = config.socket_ownership.group.empty() ? "root" : config.socket_ownership.group;
    whence = config.socket_ownership.group.empty() ? "docker.socket sets no SocketGroup=, so systemd's root"
                                                   : "SocketGroup= of docker.socket";
  } else {
    if (config.IsUnknown("group")) return false;
    nlohmann::json value = config.ValueOrDefault("group");
    if (!value.is_string()) return false;
    group = value.get<std::string>();
    whence = "dockerd's \"group\" setting";
  }
  const base::SourceFile* group_file = host.read_file("/etc/group");
  if (group_file == nullptr) return false;
  std::vector<parsers::GroupEntry> groups = parsers::ParseGroupFile(*group_file);
  const parsers::GroupEntry* entry = nullptr;
  for (const parsers::GroupEntry& candidate : groups) {
    if (candidate.group.name == group || std::to_string(candidate.gid) == group) {
      entry = &candidate;
      break;
    }
  }
  if (entry == nullptr) return group == "root" || group == "0";  // dockerd cannot chown to a missing group

  struct Member {
    std::string name;
    base::SourceSpan span;
    std::string how;
  };
  std::vector<Member> members;
  std::set<std::string> seen{"root"};
  for (const parsers::AccountName& member : entry->members) {
    if (seen.insert(member.name).second)
      members.push_back({member.name, member.span, "listed in group " + entry->group.name});
  }
  if (const base::SourceFile* passwd_file = host.read_file("/etc/passwd")) {
    for (const parsers::PasswdEntry& user : parsers::ParsePasswdFile(*passwd_file)) {
      if (user.gid == entry->gid && seen.insert(user.user.name).second)
        members.push_back({user.user.name, user.user.span, "whose primary group is " + entry->group.name});
    }
  }

  auto param = rule.params.find("trusted_users");
  std::set<std::string> trusted;
  if (param != rule.params.end()) trusted = TrustedUsers(param->second);
  std::string socket = " (the group of the Docker socket: " + whence + ")";
  for (const Member& member : members) {
    base::Finding finding;
    if (param != rule.params.end()) {
      if (trusted.contains(member.name)) continue;
      finding.message = "user " + member.name + ", " + member.how + socket +
                        ", controls the Docker daemon and is not in trusted_users";
    } else {
      finding.message = "user " + member.name + ", " + member.how + socket +
                        ", controls the Docker daemon (root on this host): review that they are trusted";
    }
    finding.location = base::Location::Of(member.span);
    findings->push_back(std::move(finding));
  }
  return true;
}

std::string SocketGroupMembers::CheckParams(const std::map<std::string, std::string>& params) const {
  for (const auto& [key, value] : params) {
    if (key != "trusted_users")
      return "check 'socket-group-members' takes only 'trusted_users', not '" + key + "'";
  }
  return "";
}

}  // namespace docklint::rules::checks
