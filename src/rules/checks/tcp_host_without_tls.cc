#include "rules/checks/tcp_host_without_tls.h"

#include <string>

namespace docklint::rules::checks {
namespace {

// dockerd reads a host without a scheme ("0.0.0.0:2375", ":2375") as tcp:// (opts/hosts.go).
bool IsTcpHost(const std::string& host) {
  size_t scheme = host.find("://");
  return scheme == std::string::npos ? !host.empty() : host.compare(0, scheme, "tcp") == 0;
}

bool IsSet(const model::HostConfig& config, std::string_view key) {
  const model::Setting* setting = config.Find(key);
  if (setting == nullptr) return false;
  nlohmann::json value = setting->Value();
  return value.is_string() && !value.get<std::string>().empty();
}

}  // namespace

bool TcpHostWithoutTls::Run(const HostContext& host, const Rule& rule,
                            std::vector<base::Finding>* findings) const {
  const model::HostConfig& config = host.config;
  if (config.IsUnknown("hosts")) return false;
  // TLS settings a daemon.json not read could hold (given alone, a unit still exposes its port: said with
  // that hedge); a refused TLS setting is reported as such, and stops dockerd anyway.
  bool tls_unread = false;
  for (const char* key : {"tlsverify", "tls", "tlscacert", "tlscert", "tlskey"}) {
    if (!config.IsUnknown(key)) continue;
    if (!config.daemon_json_unknown()) return false;
    tls_unread = true;
  }
  const model::Setting* hosts = config.Find("hosts");
  if (hosts == nullptr) return true;
  // Since Engine 20.10 setting --tlsverify (to any value) turns TLS on, and --tls alone implies
  // --tlsverify; before that, --tls alone served TLS without verifying clients.
  const model::Setting* tlsverify = config.Find("tlsverify");
  const model::Setting* tls = config.Find("tls");
  bool verify = tlsverify != nullptr && !tlsverify->Value().is_null()
                    ? tlsverify->Value() == true
                    : tls != nullptr && tls->Value() == true;
  std::vector<std::string> missing;
  if (!verify) missing.push_back("tlsverify");
  for (const char* key : {"tlscacert", "tlscert", "tlskey"}) {
    if (!IsSet(config, key)) missing.push_back(key);
  }
  if (missing.empty()) return true;
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
  // TCP sockets dockerd serves: its own tcp:// hosts, and docker.socket's TCP ListenStream= when dockerd
  // takes its sockets from systemd (-H fd://).
  std::vector<std::pair<std::string, base::SourceSpan>> exposed;
  bool from_systemd = false;
  for (const model::SettingItem* item : hosts->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    const std::string& address = item->value.get<std::string>();
    if (address.starts_with("fd://")) from_systemd = true;
    if (IsTcpHost(address)) exposed.emplace_back(address, item->origin.value);
  }
  if (from_systemd) {
    for (const model::SocketListener& listener : config.socket_listeners) {
      if (listener.IsTcp())
        exposed.emplace_back(listener.address + " (docker.socket, via -H fd://)", listener.span);
    }
  }
  for (const auto& [address, span] : exposed) {
    base::Finding finding;
    finding.message = "dockerd listens on " + address +
                      " without full TLS client verification (missing: " + list +
                      "): anyone who reaches this port controls the host" +
                      (tls_unread ? " (unless daemon.json, which was not read, sets them)" : "");
    finding.location = base::Location::Of(span);
    findings->push_back(std::move(finding));
  }
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
