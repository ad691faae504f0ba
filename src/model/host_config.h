// dockerd's effective settings on one host: for every setting its value and every place that set it (a
// daemon.json key, a word of ExecStart, a word of DOCKER_OPTS). Built from the parsed sources through the
// flag catalog, so a flag and its daemon.json key land on the same setting.
#ifndef DOCKLINT_MODEL_HOST_CONFIG_H_
#define DOCKLINT_MODEL_HOST_CONFIG_H_

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "parsers/dockerd_flag_catalog.h"

namespace docklint::model {

enum class OriginKind { kFlag, kDaemonJson };

// A ListenStream= of docker.socket: the sockets systemd opens and hands to dockerd through -H fd://.
struct SocketListener {
  std::string address;    // as written: "/run/docker.sock", "2375", "0.0.0.0:2375", "[::]:2375"
  base::SourceSpan span;  // the value in the unit
  // systemd.socket(5): a path or @abstract name is a unix socket, vsock: is VM-local; a port alone, an
  // IPv4 or an [IPv6] address with a port is a TCP listener.
  bool IsTcp() const;
};

struct SettingOrigin {
  OriginKind kind = OriginKind::kFlag;
  base::SourceSpan name;   // the flag's name, or the daemon.json key
  base::SourceSpan value;  // the value's bytes
  base::SourceSpan whole;  // flag with its value / key with its value
  std::string written;     // "-H", "--icc", "\"icc\""
};

// One value given to a setting: a scalar, one element of a list, or one "k=v" entry of a map.
struct SettingItem {
  nlohmann::json value;  // bool, string, number, or a map entry's value
  std::string map_key;   // set for an entry of a map-like setting ("max-size" of log-opts)
  SettingOrigin origin;
};

struct Setting {
  const parsers::FlagSpec* spec = nullptr;
  std::vector<SettingItem> file_items;  // from daemon.json
  std::vector<SettingItem> flag_items;  // from the command line, in order

  bool from_file() const { return !file_items.empty(); }
  bool from_flag() const { return !flag_items.empty(); }
  // The items dockerd ends up using: flags win over the file (when both are present dockerd refuses to
  // start; the conflict is reported separately). Scalars keep only the last item.
  std::vector<const SettingItem*> EffectiveItems() const;
  // The effective value: bool, string, number, array or object.
  nlohmann::json Value() const;
};

// A setting given both as a flag and in daemon.json: dockerd refuses to start.
struct Conflict {
  const parsers::FlagSpec* spec = nullptr;
  const Setting* setting = nullptr;
};

class HostConfig {
 public:
  // Where findings about a setting that nothing sets (its default applies) should point.
  base::SourceSpan daemon_json_span;             // the whole daemon.json file, when there is one
  base::SourceSpan exec_start_span;              // the ExecStart= line that starts dockerd, when there is one
  std::vector<SocketListener> socket_listeners;  // docker.socket's ListenStream=, after resets
  // docker.socket's SocketMode=, SocketUser=, SocketGroup= (the last of each; unset when absent).
  struct SocketOwnership {
    bool unit_present = false;
    base::SourceSpan unit_span;  // the first byte of the socket unit, for findings about defaults
    std::string mode, user, group;
    base::SourceSpan mode_span, user_span, group_span;
  } socket_ownership;

  const Setting* Find(std::string_view key) const;  // by daemon.json key or long flag name
  // The effective value, or the catalog default (parsed to its type) when nothing sets it; null when the
  // setting has no default.
  nlohmann::json ValueOrDefault(std::string_view key) const;
  const std::map<std::string, Setting, std::less<>>& settings() const { return settings_; }
  // The default dockerd uses on this host for `key` when nothing sets it, where it is not the catalog's
  // (a rootless dockerd's data-root).
  void SetDefault(std::string_view key, nlohmann::json value) {
    defaults_[std::string(key)] = std::move(value);
  }
  std::vector<Conflict> Conflicts() const;
  // True when the files cannot say which value dockerd would use for `key`: daemon.json gives it a value
  // dockerd rejects (so dockerd does not start), or one source cannot be read and the other does not set
  // the key. No rule judges such a setting, by its default or otherwise.
  bool IsUnknown(std::string_view key) const;
  // A source of settings exists but cannot be read: a daemon.json dockerd cannot decode, or an ExecStart=
  // that cannot be split into dockerd's arguments. What it sets is unknown; what the other source sets is
  // still known (a key set in both would stop dockerd anyway).
  void MarkSourceUnknown(OriginKind source) {
    (source == OriginKind::kDaemonJson ? daemon_json_unknown_ : flags_unknown_) = true;
  }
  bool daemon_json_unknown() const { return daemon_json_unknown_; }
  // Only daemon.json was given (a pre-commit hook, an editor): what nothing else sets may still be set by a
  // flag in a unit not read, which findings about defaults say.
  void set_only_daemon_json_read(bool only) { only_daemon_json_read_ = only; }
  bool only_daemon_json_read() const { return only_daemon_json_read_; }
  // dockerd is Red Hat's projectatomic fork (dockerd-current, Docker 1.13): what later releases removed or
  // refuse does not apply to it.
  void set_rhel_fork(bool fork) { rhel_fork_ = fork; }
  bool flags_unknown() const { return flags_unknown_; }

  // Builders. Diagnostics: kUnknownDaemonJsonKey, kDaemonJsonTypeMismatch, kDuplicateDaemonJsonKey,
  // kDaemonJsonKeyIgnored.
  void AddDaemonJson(const parsers::JsonNode& root, base::Diagnostics* diagnostics);
  // The engine release the files are judged for ("X.Y[.Z]"; empty = the newest). Set it before adding.
  void set_engine_version(std::string version) { engine_version_ = std::move(version); }
  const std::string& engine_version() const { return engine_version_; }
  void AddFlags(const parsers::DockerdArgs& args, base::Diagnostics* diagnostics);
  // dockerd's Validate() on the merged settings: values it refuses to start with (kInvalidSettingValue). Call
  // after every source was added; refused settings count as rejected.
  void Validate(base::Diagnostics* diagnostics);

 private:
  // dockerd's load-time validation per release, each part of Validate.
  void ValidateRefusedDeprecated(base::Diagnostics* diagnostics);
  void ValidateStorageDriver(base::Diagnostics* diagnostics);
  // What 25.0 and 28.0 added to validation: fixed-cidr-v6, userland-proxy-path, exec-opts, host-gateway-ip.
  void ValidateNewerReleases(base::Diagnostics* diagnostics);
  void ValidateRuntimes(base::Diagnostics* diagnostics);
  void ValidateCounts(base::Diagnostics* diagnostics);
  void ValidateLabels(base::Diagnostics* diagnostics);
  void ValidateNamespacesAndDns(base::Diagnostics* diagnostics);
  void ValidateTls(base::Diagnostics* diagnostics);
  void ValidateShapes(base::Diagnostics* diagnostics);
  // Reports `item` of setting `key` as refused (kInvalidSettingValue) and marks the setting rejected.
  void Reject(const SettingItem& item, std::string_view key, std::string message,
              base::Diagnostics* diagnostics);

  Setting& SettingFor(const parsers::FlagSpec* spec);
  // `parent` is the key of the object this member was flattened out of ("proxies"), empty at the top level.
  void ReportUnavailableKey(const parsers::JsonMember& member, const parsers::FlagSpec& spec,
                            base::Diagnostics* diagnostics) const;
  void AddJsonMember(const parsers::JsonMember& member, std::string_view parent,
                     base::Diagnostics* diagnostics);

  std::map<std::string, Setting, std::less<>> settings_;  // by canonical key (json key, else long name)
  std::set<std::string, std::less<>> rejected_;           // canonical keys with a rejected value
  std::string engine_version_;                            // the release judged for; empty: the newest
  bool daemon_json_unknown_ = false;
  std::map<std::string, nlohmann::json, std::less<>> defaults_;  // SetDefault's, by daemon.json key
  bool flags_unknown_ = false;
  bool only_daemon_json_read_ = false;
  bool rhel_fork_ = false;
};

// Converts a default_value text of the catalog to the JSON value of the flag's type.
nlohmann::json ParseDefault(const parsers::FlagSpec& spec);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_HOST_CONFIG_H_
