#include "rules/checks/docker_socket_mode.h"

#include <charconv>

namespace docklint::rules::checks {

bool DockerSocketMode::Run(const HostContext& host, const Rule& rule,
                           std::vector<base::Finding>* findings) const {
  const auto& ownership = host.config.socket_ownership;
  if (!ownership.unit_present) return false;
  bool unix_listener = false;
  for (const model::SocketListener& listener : host.config.socket_listeners) {
    if (!listener.address.empty() && listener.address[0] == '/') unix_listener = true;
  }
  if (!unix_listener) return false;
  // systemd.socket(5): SocketMode= defaults to 0666, so a unit that does not set it opens the API to all.
  std::string text = ownership.mode.empty() ? "0666" : ownership.mode;
  unsigned mode = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), mode, 8);
  base::Finding finding;
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    finding.message = "SocketMode=" + text + " is not an octal mode; systemd ignores it and uses 0666";
    mode = 0666;
  } else if ((mode & ~0660u) == 0) {
    return true;
  } else {
    finding.message =
        "the Docker socket is created with mode " + text +
        ((mode & 0007u) ? ": every local user can reach the Docker API, which is root on the host"
                        : ": more permissive than 660");
    if (ownership.mode.empty())
      finding.message += " (docker.socket sets no SocketMode=, and systemd's default is 0666)";
  }
  finding.location = base::Location::Of(ownership.mode.empty() ? ownership.unit_span : ownership.mode_span);
  findings->push_back(std::move(finding));
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
