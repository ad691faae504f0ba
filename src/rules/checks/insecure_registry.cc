#include "rules/checks/insecure_registry.h"

#include <charconv>
#include <string>

#include "base/strings.h"

namespace docklint::rules::checks {
namespace {

// An IPv4 address in dotted decimal whose first byte is 127.
bool IsLoopbackIpv4(std::string_view host) {
  int parts = 0;
  int first = -1;
  for (size_t start = 0; start <= host.size(); ++parts) {
    size_t end = std::min(host.find('.', start), host.size());
    std::string_view part = host.substr(start, end - start);
    int value = -1;
    auto [rest, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || rest != part.data() + part.size() || value > 255)
      return false;
    if (parts == 0) first = value;
    start = end + 1;
  }
  return parts == 4 && first == 127;
}

}  // namespace

bool IsLoopbackRegistry(std::string_view entry) {
  std::string lowered = base::Lower(base::Trim(entry));
  std::string_view host = lowered;
  size_t slash = host.find('/');
  if (slash != std::string_view::npos) {
    // A CIDR: loopback when the whole network is, 127.x.x.x/8 or longer, or ::1/128.
    std::string_view prefix = host.substr(slash + 1);
    int bits = -1;
    auto [rest, error] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
    if (error != std::errc() || rest != prefix.data() + prefix.size()) return false;
    std::string_view address = host.substr(0, slash);
    if (address == "::1") return bits == 128;
    return bits >= 8 && bits <= 32 && IsLoopbackIpv4(address);
  }
  if (host == "::1" || host == "[::1]" || host.starts_with("[::1]:")) return true;
  host = host.substr(0, host.find(':'));  // host:port
  return host == "localhost" || IsLoopbackIpv4(host);
}

bool InsecureRegistry::Run(const HostContext& host, const Rule& rule,
                           std::vector<base::Finding>* findings) const {
  if (host.config.IsUnknown("insecure-registries")) return false;
  const model::Setting* registries = host.config.Find("insecure-registries");
  if (registries == nullptr) return true;
  for (const model::SettingItem* item : registries->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    const std::string& entry = item->value.get<std::string>();
    if (IsLoopbackRegistry(entry)) continue;
    base::Finding finding;
    finding.message =
        "insecure registry " + entry + ": images from it are pulled over plain HTTP or unverified TLS";
    finding.location = base::Location::Of(item->origin.value);
    findings->push_back(std::move(finding));
  }
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
