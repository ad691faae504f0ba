#include "model/host_config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "base/strings.h"

namespace docklint::model {
namespace {

using parsers::JsonMember;
using parsers::JsonNode;

// Objects dockerd keeps whole; any other nested object in daemon.json is flattened one level
// (daemon/config: flatOptions), which is how "proxies": {"http-proxy": ...} reaches http-proxy.
// Keys dockerd's unknown-key check skips (skipValidateOptions): after their removal they pass silently.
const std::set<std::string, std::less<>> kIgnoredAfterRemoval = {"deprecated-key-path",
                                                                 "allow-nondistributable-artifacts"};

// Flags that are no configuration option (cobra's help and version, the hidden --restart): their names pass
// the unknown-key check in every release, and nothing reads them (docs/reference/dockerd-config-loader.md).
const std::set<std::string, std::less<>> kFlagNamesWithoutSetting = {"help", "version", "restart"};

const std::set<std::string, std::less<>> kKeptWholeObjects = {"cluster-store-opts",
                                                              "default-network-opts",
                                                              "log-opts",
                                                              "runtimes",
                                                              "default-ulimits",
                                                              "features",
                                                              "builder"};

// net.ParseIP: dotted IPv4, or IPv6 (with an embedded IPv4 tail allowed).
bool IsIpAddress(std::string_view text) {
  if (text.empty()) return false;
  if (text.find(':') == std::string_view::npos) {
    int parts = 0;
    for (size_t start = 0; start <= text.size(); ++parts) {
      size_t end = std::min(text.find('.', start), text.size());
      std::string_view part = text.substr(start, end - start);
      if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos ||
          std::stoi(std::string(part)) > 255)
        return false;
      start = end + 1;
    }
    return parts == 4;
  }
  // IPv6: hex groups of at most four digits, at most one "::", eight groups (or fewer with "::").
  if (text.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) return false;
  size_t double_colon = text.find("::");
  if (double_colon != std::string_view::npos && text.find("::", double_colon + 1) != std::string_view::npos)
    return false;
  int groups = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find(':', start), text.size());
    std::string_view group = text.substr(start, end - start);
    if (group.find('.') != std::string_view::npos) {
      if (end != text.size() || !IsIpAddress(group)) return false;
      groups += 2;
    } else if (!group.empty()) {
      if (group.size() > 4) return false;
      ++groups;
    }
    start = end + 1;
  }
  return double_colon != std::string_view::npos ? groups < 8 : groups == 8;
}

// An IPv6 prefix as netip.ParsePrefix reads it: an IPv6 address, '/', and 0 to 128.
bool IsIpv6Cidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view address = text.substr(0, slash), bits = text.substr(slash + 1);
  if (address.find(':') == std::string_view::npos || !IsIpAddress(address)) return false;
  if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  return std::stoi(std::string(bits)) <= 128;
}

// The port of a tcp:// address (host:port, [v6]:port, :port, or none): digits when present.
bool HasValidTcpPort(std::string_view address) {
  address = address.substr(0, address.find('/'));
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || (address.front() == '[' && address.rfind(']') > colon)) return true;
  std::string_view port = address.substr(colon + 1);
  return port.find_first_not_of("0123456789") == std::string_view::npos;
}

// go-units RAMInBytes: a number (a fraction allowed) and an optional unit b, k, m, g, t, p (with an optional
// b, any case).
bool IsRamSize(std::string_view size) {
  size_t digits = 0;
  while (digits < size.size() &&
         (std::isdigit(static_cast<unsigned char>(size[digits])) || size[digits] == '.'))
    ++digits;
  if (digits == 0 || size.substr(0, digits).find_first_of("0123456789") == std::string_view::npos)
    return false;
  std::string unit = base::Lower(size.substr(digits));
  for (std::string_view known : {"", "b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"}) {
    if (unit == known) return true;
  }
  return false;
}

// opts.ValidateDNSSearch: "." or labels of letters, digits and inner hyphens joined by dots (a trailing dot
// allowed), at most 255 bytes.
bool IsSearchDomain(std::string_view domain) {
  if (domain == ".") return true;
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (domain.empty() || domain.size() > 255) return false;
  for (size_t start = 0; start <= domain.size();) {
    size_t end = std::min(domain.find('.', start), domain.size());
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

std::string_view TypeName(parsers::ValueType type) {
  switch (type) {
    case parsers::ValueType::kBool:
      return "a boolean";
    case parsers::ValueType::kString:
      return "a string";
    case parsers::ValueType::kInt:
      return "an integer";
    case parsers::ValueType::kList:
      return "an array of strings";
    case parsers::ValueType::kMap:
      return "an object of strings";
    case parsers::ValueType::kObject:
      return "an object";
  }
  return "a value";
}

bool IsMapLike(parsers::ValueType type) {
  return type == parsers::ValueType::kMap || type == parsers::ValueType::kObject;
}

bool MatchesType(const JsonNode& node, parsers::ValueType type) {
  switch (type) {
    case parsers::ValueType::kBool:
      return node.kind == JsonNode::Kind::kBool;
    case parsers::ValueType::kString:
      return node.kind == JsonNode::Kind::kString;
    case parsers::ValueType::kInt:
      return node.kind == JsonNode::Kind::kNumber && node.scalar.is_number_integer();
    case parsers::ValueType::kList:
      return node.kind == JsonNode::Kind::kArray &&
             std::all_of(node.elements.begin(), node.elements.end(),
                         [](const JsonNode& e) { return e.kind == JsonNode::Kind::kString; });
    case parsers::ValueType::kMap:
      return node.kind == JsonNode::Kind::kObject &&
             std::all_of(node.members.begin(), node.members.end(),
                         [](const JsonMember& m) { return m.value.kind == JsonNode::Kind::kString; });
    case parsers::ValueType::kObject:
      return node.kind == JsonNode::Kind::kObject || node.kind == JsonNode::Kind::kArray;
  }
  return false;
}

base::SourceSpan Join(base::SourceSpan a, base::SourceSpan b) {
  if (a.file != b.file || !a.valid()) return a;
  return base::SourceSpan{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SettingOrigin FileOrigin(const JsonMember& member) {
  return SettingOrigin{OriginKind::kDaemonJson, member.key_span, member.value.span,
                       Join(member.key_span, member.value.span), "\"" + member.key + "\""};
}

}  // namespace

bool SocketListener::IsTcp() const {
  if (address.empty() || address[0] == '/' || address[0] == '@') return false;
  return !address.starts_with("vsock:");
}

std::vector<const SettingItem*> Setting::EffectiveItems() const {
  const std::vector<SettingItem>& items = from_flag() ? flag_items : file_items;
  std::vector<const SettingItem*> out;
  if (parsers::IsScalar(spec->type)) {
    if (!items.empty()) out.push_back(&items.back());
    return out;
  }
  for (const SettingItem& item : items) out.push_back(&item);
  return out;
}

nlohmann::json Setting::Value() const {
  std::vector<const SettingItem*> items = EffectiveItems();
  if (items.empty()) return nullptr;
  if (spec->type == parsers::ValueType::kList) {
    nlohmann::json array = nlohmann::json::array();
    for (const SettingItem* item : items) array.push_back(item->value);
    return array;
  }
  if (IsMapLike(spec->type)) {
    bool all_keyed =
        std::all_of(items.begin(), items.end(), [](const SettingItem* i) { return !i->map_key.empty(); });
    nlohmann::json out = all_keyed ? nlohmann::json::object() : nlohmann::json::array();
    for (const SettingItem* item : items) {
      if (all_keyed) {
        out[item->map_key] = item->value;
      } else {
        out.push_back(item->value);
      }
    }
    return out;
  }
  return items.back()->value;
}

nlohmann::json ParseDefault(const parsers::FlagSpec& spec) {
  std::string_view text = spec.default_value;
  if (text.empty()) return nullptr;
  switch (spec.type) {
    case parsers::ValueType::kBool: {
      std::optional<bool> b = parsers::ParseGoBool(text);
      return b ? nlohmann::json(*b) : nlohmann::json(nullptr);
    }
    case parsers::ValueType::kInt: {
      long long n = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      return ec == std::errc() && ptr == text.data() + text.size() ? nlohmann::json(n) : nlohmann::json(text);
    }
    case parsers::ValueType::kString:
      return std::string(text);
    default:
      return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  }
}

Setting& HostConfig::SettingFor(const parsers::FlagSpec* spec) {
  std::string key(spec->json_key.empty() ? spec->long_name : spec->json_key);
  Setting& setting = settings_[key];
  setting.spec = spec;
  return setting;
}

const Setting* HostConfig::Find(std::string_view key) const {
  auto it = settings_.find(key);
  if (it != settings_.end()) return &it->second;
  if (const parsers::FlagSpec* spec = parsers::FindFlagByLongName(key);
      spec != nullptr && !spec->json_key.empty()) {
    it = settings_.find(spec->json_key);
    if (it != settings_.end()) return &it->second;
  }
  return nullptr;
}

nlohmann::json HostConfig::ValueOrDefault(std::string_view key) const {
  if (const Setting* setting = Find(key); setting != nullptr) {
    nlohmann::json value = setting->Value();
    if (!value.is_null()) return value;
  }
  const parsers::FlagSpec* spec = parsers::FindFlagByJsonKey(key);
  if (spec == nullptr) spec = parsers::FindFlagByLongName(key);
  if (spec == nullptr) return nullptr;
  if (auto it = defaults_.find(spec->json_key.empty() ? spec->long_name : spec->json_key);
      it != defaults_.end())
    return it->second;
  return ParseDefault(*spec);
}

bool HostConfig::IsUnknown(std::string_view key) const {
  if (rejected_.contains(key)) return true;
  const parsers::FlagSpec* spec = parsers::FindFlagByLongName(key);
  if (spec != nullptr && rejected_.contains(spec->json_key)) return true;
  const Setting* setting = Find(key);
  if (daemon_json_unknown_ && (setting == nullptr || !setting->from_flag())) return true;
  return flags_unknown_ && (setting == nullptr || !setting->from_file());
}

std::vector<Conflict> HostConfig::Conflicts() const {
  std::vector<Conflict> out;
  for (const auto& [key, setting] : settings_) {
    // "runtimes" is the one directive dockerd allows in both places (skipDuplicates).
    if (setting.from_file() && setting.from_flag() && key != "runtimes")
      out.push_back({setting.spec, &setting});
  }
  return out;
}

void HostConfig::AddDaemonJson(const JsonNode& root, base::Diagnostics* diagnostics) {
  daemon_json_span = root.span;
  // A set, not a list: a daemon.json of many keys made the search quadratic (40,000 keys took 2.6 s).
  std::unordered_set<std::string_view> seen;
  for (const JsonMember& member : root.members) {
    if (!seen.insert(member.key).second) {
      diagnostics->push_back({base::DiagnosticCode::kDuplicateDaemonJsonKey,
                              "duplicate key \"" + member.key + "\": dockerd uses only the last one",
                              member.key_span});
    }
    AddJsonMember(member, "", diagnostics);
  }
}

void HostConfig::ReportUnavailableKey(const JsonMember& member, const parsers::FlagSpec& spec,
                                      base::Diagnostics* diagnostics) const {
  std::string engine = engine_version_.empty() ? "current dockerd" : "dockerd " + engine_version_;
  bool removed = !spec.removed_in.empty() && !parsers::EngineBefore(engine_version_, spec.removed_in);
  if (removed && kIgnoredAfterRemoval.contains(member.key)) {
    diagnostics->push_back({base::DiagnosticCode::kDaemonJsonKeyIgnored,
                            "\"" + member.key + "\" has had no effect since " + std::string(spec.removed_in) +
                                "; " + engine + " accepts and ignores it",
                            member.key_span});
    return;
  }
  std::string added =
      spec.json_added_in.empty() ? std::string(spec.added_in) : std::string(spec.json_added_in);
  diagnostics->push_back({base::DiagnosticCode::kUnknownDaemonJsonKey,
                          "\"" + member.key + "\" is unknown to " + engine + " (" +
                              (removed ? "removed in " + std::string(spec.removed_in) : "added in " + added) +
                              ")",
                          member.key_span});
}

void HostConfig::AddJsonMember(const JsonMember& member, std::string_view parent,
                               base::Diagnostics* diagnostics) {
  const parsers::FlagSpec* spec = parsers::FindFlagByJsonKey(member.key);
  if (spec != nullptr && !spec->json_parent.empty() && parent.empty() &&
      parsers::EngineBefore(engine_version_, "23.0")) {
    // --http-proxy and its kin came in 23.0: before, their names are no flag, so no top-level key.
    diagnostics->push_back({base::DiagnosticCode::kUnknownDaemonJsonKey,
                            "\"" + member.key + "\" is unknown to dockerd " + engine_version_ +
                                " at the top level (write it inside \"" + std::string(spec->json_parent) +
                                "\")",
                            member.key_span});
    return;
  }
  if (spec != nullptr && spec->json_parent != parent) {
    // "http-proxy" at the top level passes dockerd's key check, but only proxies.http-proxy is read.
    std::string where =
        spec->json_parent.empty() ? "at the top level" : "inside \"" + std::string(spec->json_parent) + "\"";
    diagnostics->push_back({base::DiagnosticCode::kDaemonJsonKeyIgnored,
                            "dockerd silently ignores \"" + member.key + "\" here; write it " + where,
                            member.key_span});
    return;
  }
  if (spec != nullptr && spec->json_ignored) {
    diagnostics->push_back({base::DiagnosticCode::kDaemonJsonKeyIgnored,
                            "dockerd accepts \"" + member.key +
                                "\" in daemon.json but never reads it; use the --" +
                                std::string(spec->long_name) + " flag",
                            member.key_span});
    return;
  }
  // configValuesSet: an object under a key dockerd does not keep whole (flatOptions) is replaced by its
  // members, one level up, before the unknown-key check; flatOptions gained default-network-opts in 24.0,
  // and a key this release does not know is flattened like any other.
  bool known = spec != nullptr && parsers::JsonKeyAvailableIn(*spec, engine_version_);
  bool kept_whole = kKeptWholeObjects.contains(member.key) &&
                    !(member.key == "default-network-opts" && parsers::EngineBefore(engine_version_, "24.0"));
  // Only the top level is flattened: an object inside a flattened one is looked up as it is.
  if (!known && !kept_whole && parent.empty() && member.value.kind == JsonNode::Kind::kObject) {
    for (const JsonMember& nested : member.value.members) AddJsonMember(nested, member.key, diagnostics);
    return;
  }
  if (spec == nullptr && kFlagNamesWithoutSetting.contains(member.key)) {
    // flags.Lookup finds them, so the unknown-key check passes; no configuration field reads them.
    diagnostics->push_back(
        {base::DiagnosticCode::kDaemonJsonKeyIgnored,
         "dockerd accepts \"" + member.key + "\" because it is the name of one of its flags, and ignores it",
         member.key_span});
    return;
  }
  if (spec == nullptr) {
    const parsers::FlagSpec* by_flag = parsers::FindFlagByLongName(member.key);
    if (by_flag != nullptr && !by_flag->json_key.empty()) {
      // dockerd's unknown-key check accepts flag names, then json.Unmarshal finds no field: ignored.
      diagnostics->push_back({base::DiagnosticCode::kDaemonJsonKeyIgnored,
                              "dockerd silently ignores \"" + member.key + "\"; the daemon.json key is \"" +
                                  std::string(by_flag->json_key) + "\"",
                              member.key_span});
    } else {
      diagnostics->push_back({base::DiagnosticCode::kUnknownDaemonJsonKey,
                              "unknown daemon.json key \"" + member.key +
                                  "\" (\"the following directives don't match any configuration option\")",
                              member.key_span});
    }
    return;
  }
  if (!parsers::JsonKeyAvailableIn(*spec, engine_version_)) {
    ReportUnavailableKey(member, *spec, diagnostics);
    return;
  }
  // Go's json.Unmarshal leaves a field alone for null: the setting keeps its default. The key is still in
  // the values set, and a tlsverify key turns TLS on whatever its value: that one is kept.
  if (member.value.kind == JsonNode::Kind::kNull && member.key != "tlsverify") return;
  if (member.value.kind != JsonNode::Kind::kNull && !MatchesType(member.value, spec->type)) {
    diagnostics->push_back({base::DiagnosticCode::kDaemonJsonTypeMismatch,
                            "\"" + member.key + "\" must be " + std::string(TypeName(spec->type)) + ", not " +
                                std::string(member.value.KindName()) + "",
                            member.value.span});
    rejected_.insert(std::string(spec->json_key));
    return;
  }
  Setting& setting = SettingFor(spec);
  setting.file_items.clear();  // a repeated key replaces the earlier value, as Go's decoder does
  SettingOrigin origin = FileOrigin(member);
  if (spec->type == parsers::ValueType::kList) {
    for (const JsonNode& element : member.value.elements) {
      SettingOrigin item_origin = origin;
      item_origin.value = element.span;
      setting.file_items.push_back({element.scalar, "", item_origin});
    }
  } else if (IsMapLike(spec->type) && member.value.kind == JsonNode::Kind::kObject) {
    for (const JsonMember& entry : member.value.members) {
      SettingOrigin item_origin = origin;
      item_origin.value = Join(entry.key_span, entry.value.span);
      setting.file_items.push_back({entry.value.ToJson(), entry.key, item_origin});
    }
  } else if (IsMapLike(spec->type)) {
    for (const JsonNode& element : member.value.elements) {
      SettingOrigin item_origin = origin;
      item_origin.value = element.span;
      setting.file_items.push_back({element.ToJson(), "", item_origin});
    }
  } else {
    setting.file_items.push_back({member.value.scalar, "", origin});
  }
}

void HostConfig::Validate(base::Diagnostics* diagnostics) {
  struct Allowed {
    std::string_view key;
    std::vector<std::string_view> values;
    std::string_view what;
  };
  // Per release (docs/reference/dockerd-config-loader.md): up to 24.0 the level goes to logrus.ParseLevel,
  // which also takes "warning"; 25.0 checks a list without it. Both read any case, and "" leaves info.
  bool before_25 = parsers::EngineBefore(engine_version_, "25.0");
  std::vector<std::string_view> levels = {"panic", "fatal", "error", "warn", "info", "debug", "trace"};
  if (before_25) levels.push_back("warning");
  // daemon/config Validate(): log levels, and log formats from the log-format option.
  const Allowed kEnums[] = {
      {"log-level", levels, "log level"},
      {"log-format", {"text", "json"}, "log format"},
  };
  for (const Allowed& allowed : kEnums) {
    const Setting* setting = Find(allowed.key);
    if (setting == nullptr) continue;
    for (const SettingItem* item : setting->EffectiveItems()) {
      if (!item->value.is_string()) continue;
      std::string value = item->value.get<std::string>();
      if (allowed.key == "log-level") value = base::Lower(value);
      if (value.empty()) continue;  // the default (info, text)
      if (std::find(allowed.values.begin(), allowed.values.end(), value) != allowed.values.end()) continue;
      std::string list;
      for (std::string_view v : allowed.values) list += (list.empty() ? "" : ", ") + std::string(v);
      diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                              "invalid " + std::string(allowed.what) + " \"" + value + "\" (" + list + ")",
                              item->origin.value});
      rejected_.insert(std::string(allowed.key));
    }
  }
  if (!rhel_fork_) {
    ValidateRefusedDeprecated(diagnostics);
    ValidateStorageDriver(diagnostics);
    ValidateNewerReleases(diagnostics);
  }
  ValidateRuntimes(diagnostics);
  ValidateCounts(diagnostics);
  ValidateLabels(diagnostics);
  ValidateNamespacesAndDns(diagnostics);
  ValidateTls(diagnostics);
  ValidateShapes(diagnostics);
  // opts.ValidateHost: a bind address needs a scheme dockerd serves; one without a scheme is TCP.
  if (const Setting* hosts = Find("hosts")) {
    for (const SettingItem* item : hosts->EffectiveItems()) {
      if (!item->value.is_string()) continue;
      std::string host = item->value.get<std::string>();
      size_t scheme_end = host.find("://");
      std::string scheme = scheme_end == std::string::npos ? "tcp" : host.substr(0, scheme_end);
      if (scheme == "tcp" &&
          !HasValidTcpPort(host.substr(scheme_end == std::string::npos ? 0 : scheme_end + 3))) {
        diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                                "invalid bind address \"" + host + "\": its port is not a number",
                                item->origin.value});
        rejected_.insert("hosts");
        continue;
      }
      if (scheme == "tcp" || scheme == "unix" || scheme == "fd" || scheme == "npipe") continue;
      diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                              "invalid bind address \"" + host +
                                  "\": dockerd serves tcp://, unix:// and fd:// (and npipe:// on Windows)",
                              item->origin.value});
      rejected_.insert("hosts");
    }
  }
}

void HostConfig::Reject(const SettingItem& item, std::string_view key, std::string message,
                        base::Diagnostics* diagnostics) {
  diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue, std::move(message), item.origin.value});
  rejected_.insert(std::string(key));
}

namespace {

// Calls `check(item, text)` for each effective item of `key` that holds a string.
template <typename Check>
void ForEachString(const HostConfig& config, std::string_view key, Check&& check) {
  const Setting* setting = config.Find(key);
  if (setting == nullptr) return;
  for (const SettingItem* item : setting->EffectiveItems()) {
    if (item->value.is_string()) check(*item, item->value.get<std::string>());
  }
}

}  // namespace

void HostConfig::ValidateRefusedDeprecated(base::Diagnostics* diagnostics) {
  for (const auto& [key, setting] : settings_) {
    const parsers::FlagSpec& spec = *setting.spec;
    if (spec.refused_from.empty() || parsers::EngineBefore(engine_version_, spec.refused_from)) continue;
    // From removed_in on, the key is unknown: reported as such.
    if (!spec.removed_in.empty() && !parsers::EngineBefore(engine_version_, spec.removed_in)) continue;
    for (const SettingItem* item : setting.EffectiveItems()) {
      const nlohmann::json& value = item->value;
      std::string text = value.is_boolean()          ? (value.get<bool>() ? "true" : "false")
                         : value.is_number_integer() ? std::to_string(value.get<int64_t>())
                         : value.is_string()         ? value.get<std::string>()
                                                     : std::string(spec.refused_except);
      if (item->map_key.empty() && text == spec.refused_except) continue;
      Reject(*item, key,
             item->origin.written + " is refused from " + std::string(spec.refused_from) + " on: \"" +
                 std::string(spec.refused_message) + "\"",
             diagnostics);
    }
  }
}

void HostConfig::ValidateStorageDriver(base::Diagnostics* diagnostics) {
  // NewDaemon's graphdriver setup (daemon/graphdriver checkRemoved) refuses the drivers a release removed,
  // and dockerd exits: "failed to start daemon: error initializing graphdriver".
  const Setting* driver = Find("storage-driver");
  if (driver == nullptr) return;
  for (const SettingItem* item : driver->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    const std::string name = item->value.get<std::string>();
    std::string_view removed_in = name == "aufs" || name == "overlay" ? "24.0"
                                  : name == "devicemapper"            ? "25.0"
                                                                      : "";
    if (removed_in.empty() || parsers::EngineBefore(engine_version_, removed_in)) continue;
    Reject(*item, "storage-driver",
           "the " + name + " storage driver was removed in " + std::string(removed_in) +
               ": dockerd exits when it sets up its layer store (\"[graphdriver] ERROR: the " + name +
               " storage-driver has been deprecated and removed\"); use overlay2",
           diagnostics);
  }
}

void HostConfig::ValidateNewerReleases(base::Diagnostics* diagnostics) {
  if (!parsers::EngineBefore(engine_version_, "25.0")) {
    // config_linux.go ValidatePlatformConfig (25.0 on): bridge.ValidateFixedCIDRV6.
    ForEachString(*this, "fixed-cidr-v6", [&](const SettingItem& item, const std::string& cidr) {
      if (cidr.empty() || IsIpv6Cidr(cidr)) return;
      Reject(item, "fixed-cidr-v6",
             "invalid fixed-cidr-v6: " + cidr + " is not an IPv6 prefix (2001:db8::/64)", diagnostics);
    });
    // verifyUserlandProxyConfig: with the proxy on, its path must be absolute ("" looks it up).
    nlohmann::json proxy = ValueOrDefault("userland-proxy");
    if (!proxy.is_boolean() || proxy.get<bool>()) {
      ForEachString(*this, "userland-proxy-path", [&](const SettingItem& item, const std::string& path) {
        if (path.empty() || path.front() == '/') return;
        Reject(item, "userland-proxy-path", "invalid userland-proxy-path: must be an absolute path: " + path,
               diagnostics);
      });
    }
  }
  if (!parsers::EngineBefore(engine_version_, "28.0")) {
    // parseExecOptions (28.0 on): opt=value, and on Linux only native.cgroupdriver.
    ForEachString(*this, "exec-opts", [&](const SettingItem& item, const std::string& option) {
      size_t eq = option.find('=');
      std::string key = eq == std::string::npos ? "" : base::Lower(base::Trim(option.substr(0, eq)));
      std::string value = eq == std::string::npos ? "" : std::string(base::Trim(option.substr(eq + 1)));
      std::string why = key.empty() || value.empty()   ? "must be formatted 'opt=value'"
                        : key == "isolation"           ? "option 'isolation' is only supported on windows"
                        : key != "native.cgroupdriver" ? "unknown option: '" + key + "'"
                                                       : "";
      if (!why.empty()) Reject(item, "exec-opts", "invalid exec-opt (" + option + "): " + why, diagnostics);
    });
    // The migration of the single-address key refuses both keys in the file.
    const Setting* old_key = Find("host-gateway-ip");
    const Setting* new_key = Find("host-gateway-ips");
    if (old_key != nullptr && new_key != nullptr && old_key->from_file() && new_key->from_file()) {
      Reject(old_key->file_items.back(), "host-gateway-ip",
             "host-gateway-ip and host-gateway-ips must not both be specified in the config file",
             diagnostics);
    }
  }
}

void HostConfig::ValidateRuntimes(base::Diagnostics* diagnostics) {
  std::set<std::string, std::less<>> configured;
  if (const Setting* runtimes = Find("runtimes")) {
    for (const SettingItem* item : runtimes->EffectiveItems()) {
      if (item->map_key.empty()) continue;
      configured.insert(item->map_key);
      // The stock runtime's name cannot be configured (ValidatePlatformConfig; NewDaemon from 25.0).
      if (item->map_key == "runc")
        Reject(*item, "runtimes", "runtime name 'runc' is reserved: dockerd refuses to configure it",
               diagnostics);
    }
  }
  const Setting* runtime = Find("default-runtime");
  // The runtime may be one an unreadable source configures.
  if (runtime == nullptr || daemon_json_unknown_ || flags_unknown_) return;
  for (const SettingItem* item : runtime->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    std::string name = item->value.get<std::string>();
    if (name.empty() || name == "runc" || name == "io.containerd.runc.v2" || configured.contains(name))
      continue;
    bool engine_2010 = parsers::EngineBefore(engine_version_, "23.0");
    if (engine_2010) {
      if (name == "io.containerd.runtime.v1.linux") continue;
    } else if (name.find('.') != std::string::npos && name.find('/') == std::string::npos &&
               name.front() != '.') {
      continue;  // a containerd shim name (io.containerd.runsc.v1): IsPermissibleC8dRuntimeName
    }
    Reject(*item, "default-runtime",
           "specified default runtime '" + name +
               "' does not exist: it is neither runc nor a key of \"runtimes\"",
           diagnostics);
  }
}

void HostConfig::ValidateCounts(base::Diagnostics* diagnostics) {
  // 20.10 refuses max-download-attempts 0 too; 23.0 and later read 0 as the default.
  bool engine_2010 = parsers::EngineBefore(engine_version_, "23.0");
  struct Count {
    std::string_view key;
    int64_t minimum;
    std::string_view what;
  };
  const Count kCounts[] = {{"max-concurrent-downloads", 0, "max concurrent downloads"},
                           {"max-concurrent-uploads", 0, "max concurrent uploads"},
                           {"max-download-attempts", engine_2010 ? 1 : 0, "max download attempts"}};
  for (const Count& count : kCounts) {
    const Setting* setting = Find(count.key);
    if (setting == nullptr) continue;
    for (const SettingItem* item : setting->EffectiveItems()) {
      if (!item->value.is_number_integer() || item->value.get<int64_t>() >= count.minimum) continue;
      Reject(*item, count.key,
             "invalid " + std::string(count.what) + ": " + std::to_string(item->value.get<int64_t>()) +
                 " (dockerd refuses a value below " + std::to_string(count.minimum) + ")",
             diagnostics);
    }
  }
}

void HostConfig::ValidateLabels(base::Diagnostics* diagnostics) {
  const Setting* labels = Find("labels");
  if (labels == nullptr) return;
  std::map<std::string, std::string, std::less<>> values;  // GetConflictFreeLabels: one value per key
  for (const SettingItem* item : labels->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    std::string label = item->value.get<std::string>();
    if (size_t eq = label.find('='); eq != std::string::npos) {
      std::string key = label.substr(0, eq), value = label.substr(eq + 1);
      auto [it, inserted] = values.emplace(key, value);
      if (!inserted && it->second != value) {
        Reject(*item, "labels", "conflict labels for " + label + " and " + key + "=" + it->second,
               diagnostics);
        continue;
      }
    }
    // opts.ValidateLabel: key=value, and not in the namespaces Docker keeps for itself.
    if (label.find('=') == std::string::npos) {
      Reject(*item, "labels", "bad attribute format: " + label + " (a label is key=value)", diagnostics);
      continue;
    }
    std::string key = base::Lower(label.substr(0, label.find('=')));
    for (std::string_view reserved : {"com.docker.", "io.docker.", "org.dockerproject."}) {
      if (key.starts_with(reserved)) {
        Reject(*item, "labels",
               "label " + label +
                   " is not allowed: the namespaces com.docker.*, io.docker.*, and org.dockerproject.* are "
                   "reserved for internal use",
               diagnostics);
        break;
      }
    }
  }
}

void HostConfig::ValidateNamespacesAndDns(base::Diagnostics* diagnostics) {
  ForEachString(*this, "default-ipc-mode", [&](const SettingItem& item, const std::string& mode) {
    if (mode.empty() || mode == "private" || mode == "shareable") return;
    Reject(item, "default-ipc-mode",
           "default IPC mode setting (" + mode + ") is invalid; use \"shareable\" or \"private\"",
           diagnostics);
  });
  ForEachString(*this, "default-cgroupns-mode", [&](const SettingItem& item, const std::string& mode) {
    if (mode.empty() || mode == "host" || mode == "private") return;
    Reject(item, "default-cgroupns-mode",
           "default cgroup namespace mode (" + mode + ") is invalid; use \"host\" or \"private\"",
           diagnostics);
  });
  // 25.0 decodes dns as IP addresses, where "" is no address but no error either.
  bool before_25 = parsers::EngineBefore(engine_version_, "25.0");
  ForEachString(*this, "dns", [&](const SettingItem& item, const std::string& address) {
    if ((address.empty() && !before_25) || IsIpAddress(address)) return;
    Reject(item, "dns", address + " is not an ip address", diagnostics);
  });
  ForEachString(*this, "host-gateway-ip", [&](const SettingItem& item, const std::string& address) {
    if (address.empty() || IsIpAddress(address)) return;
    Reject(item, "host-gateway-ip", "invalid IP address: " + address, diagnostics);
  });
  ForEachString(*this, "default-shm-size", [&](const SettingItem& item, const std::string& size) {
    if (IsRamSize(size)) return;
    Reject(item, "default-shm-size", "invalid size: '" + size + "'", diagnostics);
  });
  ForEachString(*this, "dns-search", [&](const SettingItem& item, const std::string& domain) {
    if (IsSearchDomain(domain)) return;
    Reject(item, "dns-search", domain + " is not a valid domain", diagnostics);
  });
  // 20.10 still reads "graph" (deprecated for data-root), but not both.
  const Setting* graph = Find("graph");
  const Setting* data_root = Find("data-root");
  if (graph != nullptr && data_root != nullptr && graph->from_file() && data_root->from_file()) {
    Reject(graph->file_items.back(), "graph",
           "cannot specify both \"graph\" and \"data-root\" config file options", diagnostics);
  }
}

void HostConfig::ValidateShapes(base::Diagnostics* diagnostics) {
  // What json.Unmarshal into dockerd's Config refuses inside these values (the settings' own types).
  auto each_item = [&](std::string_view key, auto&& check) {
    const Setting* setting = Find(key);
    if (setting == nullptr || !setting->from_file()) return;
    for (const SettingItem& item : setting->file_items) check(item);
  };
  each_item("default-ulimits", [&](const SettingItem& item) {
    if (item.value.is_object() || item.value.is_null()) return;
    Reject(item, "default-ulimits",
           "a default-ulimits entry must be an object {\"Name\", \"Hard\", \"Soft\"}", diagnostics);
  });
  each_item("features", [&](const SettingItem& item) {
    if (item.value.is_boolean() || item.value.is_null()) return;
    Reject(item, "features", "a features entry must be true or false", diagnostics);
  });
  each_item("default-address-pools", [&](const SettingItem& item) {
    const nlohmann::json& pool = item.value;
    bool ok = pool.is_null() ||
              (pool.is_object() &&
               (!pool.contains("size") || pool["size"].is_number_integer() || pool["size"].is_null()) &&
               (!pool.contains("base") || pool["base"].is_string() || pool["base"].is_null()));
    if (!ok)
      Reject(item, "default-address-pools",
             "a default-address-pools entry is {\"base\": CIDR, \"size\": integer}", diagnostics);
  });
  each_item("node-generic-resources", [&](const SettingItem& item) {
    if (!item.value.is_string() || item.value.get<std::string>().find('=') != std::string::npos) return;
    Reject(item, "node-generic-resources",
           "could not parse GenericResource: " + item.value.get<std::string>() + " (write name=value)",
           diagnostics);
  });
}

void HostConfig::ValidateTls(base::Diagnostics* diagnostics) {
  // A tlsverify key in daemon.json (whatever its value, null and false too) or "tls": true turns TLS on;
  // then the certificate and key come only from tlscert and tlskey, and without them dockerd cannot create
  // its API server ("Could not load X509 key pair (cert: \"\", key: \"\")").
  const Setting* verify = Find("tlsverify");
  const Setting* tls = Find("tls");
  const SettingItem* trigger = nullptr;
  std::string_view trigger_key = "tlsverify";
  if (verify != nullptr && verify->from_file()) trigger = &verify->file_items.back();
  if (trigger == nullptr && tls != nullptr && tls->from_file() && tls->file_items.back().value == true) {
    trigger = &tls->file_items.back();
    trigger_key = "tls";
  }
  // Flags that cannot be read may give the certificate and key.
  if (trigger == nullptr || flags_unknown_) return;
  auto is_set = [&](std::string_view key) {
    const Setting* setting = Find(key);
    if (setting == nullptr) return false;
    nlohmann::json value = setting->Value();
    return value.is_string() && !value.get<std::string>().empty();
  };
  if (is_set("tlscert") && is_set("tlskey")) return;
  Reject(*trigger, trigger_key,
         trigger->origin.written +
             " turns TLS on, but no tlscert and tlskey say which certificate to serve: dockerd cannot "
             "create its API server (\"Could not load X509 key pair\")",
         diagnostics);
}

void HostConfig::AddFlags(const parsers::DockerdArgs& args, base::Diagnostics* diagnostics) {
  for (const parsers::FlagUse& use : args.flags) {
    const parsers::FlagSpec* spec = use.spec;
    if (spec->json_key.empty()) continue;  // CLI-only (--config-file, --validate): not a setting
    SettingOrigin origin{OriginKind::kFlag, use.name_span, use.value_span, use.span, use.written};
    SettingItem item{nullptr, "", origin};
    switch (spec->type) {
      case parsers::ValueType::kBool:
        item.value = parsers::ParseGoBool(use.value).value_or(false);
        break;
      case parsers::ValueType::kInt: {
        long long n = 0;
        auto [ptr, ec] = std::from_chars(use.value.data(), use.value.data() + use.value.size(), n);
        if (ec != std::errc() || ptr != use.value.data() + use.value.size()) {
          diagnostics->push_back(
              {base::DiagnosticCode::kInvalidDockerdArgument,
               "invalid argument \"" + use.value + "\" for \"" + use.written + "\" flag: not an integer",
               use.value_span});
          continue;
        }
        item.value = n;
        break;
      }
      case parsers::ValueType::kMap:
      case parsers::ValueType::kObject: {
        size_t eq = use.value.find('=');
        item.map_key = use.value.substr(0, eq);
        item.value = eq == std::string::npos ? std::string() : use.value.substr(eq + 1);
        break;
      }
      default:
        item.value = use.value;
    }
    SettingFor(spec).flag_items.push_back(std::move(item));
  }
}

}  // namespace docklint::model
