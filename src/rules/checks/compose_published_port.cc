// CIS 5.8 (1.13.0: 5.7) privileged host ports and 5.14 (1.13.0: 5.13) host interfaces, for each entry of a
// service's `ports`. The short syntax is read as docker/go-connections' nat.ParsePortSpec reads it (which
// compose-go calls): [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL], split on ':' with the last two parts
// the ports and whatever comes before them the IP ("[::1]:80:80" and "::1:80:80" alike), ports as N or N-M.
// The long syntax gives `host_ip`, `published` (N, "N" or "N-M") and `target`. Param `when`:
// - "all-interfaces": no host IP, or 0.0.0.0 or :: (the port is bound on every interface of the host, unless
//   dockerd's `ip` setting says otherwise); "80" alone publishes a random host port, on all interfaces too.
// - "privileged-port": a host port below 1024; for a host range given for one container port (docker picks
//   one port of it) only when the whole range is below 1024.
// An entry that does not parse (or whose host IP an unset variable left empty) is not judged.
#include <charconv>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"
#include "rules/checks/compose_values.h"

namespace docklint::rules::checks {
namespace {

struct PortRange {
  int first = 0, last = 0;
};

std::optional<PortRange> ParseRange(std::string_view text) {
  auto number = [](std::string_view digits) -> std::optional<int> {
    int value = 0;
    if (digits.empty() || digits.size() > 5) return std::nullopt;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value > 65535) return std::nullopt;
    return value;
  };
  size_t dash = text.find('-');
  std::optional<int> first = number(text.substr(0, dash));
  std::optional<int> last = dash == std::string_view::npos ? first : number(text.substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  return PortRange{*first, *last};
}

// One entry of `ports`, as far as these controls need it.
struct Published {
  const model::ComposeNode* port_at = nullptr;  // where to report about the host port
  const model::ComposeNode* ip_at = nullptr;    // and about the host IP
  std::string host_ip;                          // "" when none is given
  std::optional<PortRange> host;                // none: a random host port
  PortRange container;
};

std::optional<Published> ParseShort(const model::ComposeNode& entry) {
  std::string_view text = base::Trim(entry.value);
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  Published out;
  out.port_at = out.ip_at = &entry;
  std::string_view container = parts.back();
  container = container.substr(0, container.find('/'));  // the protocol
  std::optional<PortRange> container_range = ParseRange(container);
  if (!container_range) return std::nullopt;
  out.container = *container_range;
  if (parts.size() >= 2) {
    std::string_view host = parts[parts.size() - 2];
    if (!host.empty()) {
      out.host = ParseRange(host);
      if (!out.host) return std::nullopt;
    }
  }
  if (parts.size() >= 3) {
    size_t ip_end = parts[parts.size() - 2].data() - 1 - text.data();
    std::string_view ip = text.substr(0, ip_end);
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    // An IP an unset variable left empty ("${BIND_IP}:80:80") is the shell's to give.
    if (ip.empty() && IsInterpolated(entry)) return std::nullopt;
    out.host_ip = std::string(ip);
  }
  return out;
}

std::optional<Published> ParseLong(const model::ComposeNode& entry) {
  const model::ComposeNode* target = entry.Find("target");
  const model::ComposeNode* published = entry.Find("published");
  const model::ComposeNode* host_ip = entry.Find("host_ip");
  if (target == nullptr || !target->IsScalar()) return std::nullopt;
  Published out;
  std::optional<PortRange> container = ParseRange(base::Trim(target->value));
  if (!container) return std::nullopt;
  out.container = *container;
  out.port_at = out.ip_at = published != nullptr ? published : target;
  if (published != nullptr && !published->IsNull()) {
    if (!published->IsScalar()) return std::nullopt;
    std::string_view text = base::Trim(published->value);
    if (!text.empty()) {
      out.host = ParseRange(text);
      if (!out.host) return std::nullopt;
    }
  }
  if (host_ip != nullptr && !host_ip->IsNull()) {
    if (!host_ip->IsScalar()) return std::nullopt;
    out.host_ip = std::string(base::Trim(host_ip->value));
    if (out.host_ip.empty() && IsInterpolated(*host_ip)) return std::nullopt;
    if (!out.host_ip.empty()) out.ip_at = host_ip;
  }
  return out;
}

class ComposePublishedPort : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-published-port"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    bool interfaces = rule.params.at("when") == "all-interfaces";
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* ports = service.definition->Find("ports");
      if (ports == nullptr || !ports->IsSequence()) continue;
      for (const model::ComposeNode& entry : ports->items) {
        std::optional<Published> port = entry.IsScalar()    ? ParseShort(entry)
                                        : entry.IsMapping() ? ParseLong(entry)
                                                            : std::nullopt;
        if (!port) continue;
        std::string shown = entry.IsScalar() ? entry.value : Describe(*port);
        if (interfaces) {
          // Without a host IP, a port binds to dockerd's `ip` (0.0.0.0 by default).
          std::string ip = port->host_ip.empty() ? DaemonIp(compose) : port->host_ip;
          if (ip.empty() || ip == "0.0.0.0" || ip == "::") {
            findings->push_back(
                ServiceFinding(compose.project, service, port->ip_at, "ports: " + shown + ": " + what));
          }
          continue;
        }
        if (!port->host) continue;
        // A range of host ports for one container port is where docker picks one: all must be privileged.
        bool picked = port->host->first != port->host->last && port->container.first == port->container.last;
        int judged = picked ? port->host->last : port->host->first;
        if (port->host->first > 0 && judged < 1024) {
          findings->push_back(
              ServiceFinding(compose.project, service, port->port_at, "ports: " + shown + ": " + what));
        }
      }
    }
  }

  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto when = params.find("when");
    if (params.size() != 1 || when == params.end() ||
        (when->second != "all-interfaces" && when->second != "privileged-port"))
      return "takes one param, when = \"all-interfaces\" or \"privileged-port\"";
    return "";
  }

 private:
  // dockerd's `ip` setting when the daemon is known and sets it, else "".
  static std::string DaemonIp(const ComposeContext& compose) {
    if (compose.daemon == nullptr) return "";
    const model::Setting* ip = compose.daemon->Find("ip");
    if (ip == nullptr) return "";
    nlohmann::json value = ip->Value();
    return value.is_string() ? value.get<std::string>() : "";
  }

  // The long syntax as the short one would say it.
  static std::string Describe(const Published& port) {
    auto range = [](const PortRange& r) {
      return std::to_string(r.first) + (r.first == r.last ? "" : "-" + std::to_string(r.last));
    };
    std::string out;
    if (!port.host_ip.empty())
      out += (port.host_ip.find(':') != std::string::npos ? "[" + port.host_ip + "]" : port.host_ip) + ":";
    if (port.host) out += range(*port.host) + ":";
    return out + range(port.container);
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposePublishedPort() { return std::make_unique<ComposePublishedPort>(); }

}  // namespace docklint::rules::checks
