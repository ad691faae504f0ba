#include "model/host_config.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>
#include <unordered_set>

namespace docklint::model {
namespace {

using parsers::JsonMember;
using parsers::JsonNode;

// Objects dockerd keeps whole; any other nested object in daemon.json is flattened one level
// (daemon/config: flatOptions), which is how "proxies": {"http-proxy": ...} reaches http-proxy.
// Keys dockerd's unknown-key check skips (skipValidateOptions): after their removal they pass silently.
const std::set<std::string, std::less<>> kIgnoredAfterRemoval = {"deprecated-key-path",
                                                                 "allow-nondistributable-artifacts"};

const std::set<std::string, std::less<>> kKeptWholeObjects = {"cluster-store-opts",
                                                              "default-network-opts",
                                                              "log-opts",
                                                              "runtimes",
                                                              "default-ulimits",
                                                              "features",
                                                              "builder"};

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
  return spec ? ParseDefault(*spec) : nlohmann::json(nullptr);
}

bool HostConfig::IsRejected(std::string_view key) const {
  if (rejected_.contains(key)) return true;
  const parsers::FlagSpec* spec = parsers::FindFlagByLongName(key);
  return spec != nullptr && rejected_.contains(spec->json_key);
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
  bool removed =
      !spec.removed_in.empty() &&
      (engine_version_.empty() || parsers::CompareEngineVersions(engine_version_, spec.removed_in) >= 0);
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
  if (spec == nullptr) {
    if (member.value.kind == JsonNode::Kind::kObject && !kKeptWholeObjects.contains(member.key)) {
      for (const JsonMember& nested : member.value.members) AddJsonMember(nested, member.key, diagnostics);
      return;
    }
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
  if (!MatchesType(member.value, spec->type)) {
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
  // daemon/config Validate(): log levels from logrus, log formats from the log-format option.
  static const Allowed kEnums[] = {
      {"log-level", {"panic", "fatal", "error", "warn", "info", "debug", "trace"}, "log level"},
      {"log-format", {"text", "json"}, "log format"},
  };
  for (const Allowed& allowed : kEnums) {
    const Setting* setting = Find(allowed.key);
    if (setting == nullptr) continue;
    for (const SettingItem* item : setting->EffectiveItems()) {
      if (!item->value.is_string()) continue;
      std::string value = item->value.get<std::string>();
      if (std::find(allowed.values.begin(), allowed.values.end(), value) != allowed.values.end()) continue;
      std::string list;
      for (std::string_view v : allowed.values) list += (list.empty() ? "" : ", ") + std::string(v);
      diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                              "invalid " + std::string(allowed.what) + " \"" + value + "\" (" + list + ")",
                              item->origin.value});
      rejected_.insert(std::string(allowed.key));
    }
  }
  // opts.ValidateHost: a bind address needs a scheme dockerd serves; one without a scheme is TCP.
  if (const Setting* hosts = Find("hosts")) {
    for (const SettingItem* item : hosts->EffectiveItems()) {
      if (!item->value.is_string()) continue;
      std::string host = item->value.get<std::string>();
      size_t scheme_end = host.find("://");
      std::string scheme = scheme_end == std::string::npos ? "tcp" : host.substr(0, scheme_end);
      if (scheme == "tcp" || scheme == "unix" || scheme == "fd" || scheme == "npipe") continue;
      diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                              "invalid bind address \"" + host +
                                  "\": dockerd serves tcp://, unix:// and fd:// (and npipe:// on Windows)",
                              item->origin.value});
      rejected_.insert("hosts");
    }
  }
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
