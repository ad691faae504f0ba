#include "model/host_config.h"

#include <algorithm>
#include <charconv>
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
  // configValuesSet: an object under a key dockerd does not keep whole (flatOptions) is replaced by its
  // members, one level up, before the unknown-key check; flatOptions gained default-network-opts in 24.0,
  // and a key this release does not know is flattened like any other.
  bool known = spec != nullptr && parsers::JsonKeyAvailableIn(*spec, engine_version_);
  bool kept_whole = kKeptWholeObjects.contains(member.key) &&
                    !(member.key == "default-network-opts" && !engine_version_.empty() &&
                      parsers::CompareEngineVersions(engine_version_, "24.0") < 0);
  if (!known && !kept_whole && member.value.kind == JsonNode::Kind::kObject) {
    for (const JsonMember& nested : member.value.members) AddJsonMember(nested, member.key, diagnostics);
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
  // Go's json.Unmarshal leaves a field alone for null: the setting keeps its default.
  if (member.value.kind == JsonNode::Kind::kNull) return;
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
  // Per release (docs/reference/dockerd-config-loader.md): up to 24.0 the level goes to logrus.ParseLevel,
  // which also takes "warning"; 25.0 checks a list without it. Both read any case, and "" leaves info.
  bool before_25 = !engine_version_.empty() && parsers::CompareEngineVersions(engine_version_, "25.0") < 0;
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
      if (allowed.key == "log-level") {
        value = base::Lower(value);
        if (value.empty()) continue;
      }
      if (std::find(allowed.values.begin(), allowed.values.end(), value) != allowed.values.end()) continue;
      std::string list;
      for (std::string_view v : allowed.values) list += (list.empty() ? "" : ", ") + std::string(v);
      diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue,
                              "invalid " + std::string(allowed.what) + " \"" + value + "\" (" + list + ")",
                              item->origin.value});
      rejected_.insert(std::string(allowed.key));
    }
  }
  ValidateRuntimes(diagnostics);
  ValidateCounts(diagnostics);
  ValidateLabels(diagnostics);
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

void HostConfig::Reject(const SettingItem& item, std::string_view key, std::string message,
                        base::Diagnostics* diagnostics) {
  diagnostics->push_back({base::DiagnosticCode::kInvalidSettingValue, std::move(message), item.origin.value});
  rejected_.insert(std::string(key));
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
  if (runtime == nullptr) return;
  for (const SettingItem* item : runtime->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    std::string name = item->value.get<std::string>();
    if (name.empty() || name == "runc" || name == "io.containerd.runc.v2" || configured.contains(name))
      continue;
    bool engine_2010 =
        !engine_version_.empty() && parsers::CompareEngineVersions(engine_version_, "23.0") < 0;
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
  bool engine_2010 = !engine_version_.empty() && parsers::CompareEngineVersions(engine_version_, "23.0") < 0;
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
  for (const SettingItem* item : labels->EffectiveItems()) {
    if (!item->value.is_string()) continue;
    std::string label = item->value.get<std::string>();
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
