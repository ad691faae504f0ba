// The one catalog of dockerd's configuration directives: every Linux command-line flag with its
// daemon.json key, value type, shorthand, default and the engine releases that added or dropped it,
// plus the daemon.json keys that have no flag. Everything that turns a unit's ExecStart, a
// DOCKER_OPTS word or a daemon.json key into a setting of the model goes through this table.
//
// Sources (read, not copied): moby's cmd/dockerd/{options,config,config_unix,docker}.go (daemon/command/
// since v29), daemon/config/{config,config_linux}.go, registry/config.go and opts/; the dockerd
// reference and deprecated-features pages of docker/cli; release notes and the engine API version
// history. See flag_catalog.cc for what each version is based on.
//
// How dockerd relates the two sides (config.go findConfigurationConflicts / getConflictFreeConfiguration):
// - A daemon.json key is the flag's long name, except for flags whose value is a "named option"
//   (--label -> "labels", -H/--host -> "hosts", ...), where the key is the option's name.
// - Nested objects are flattened one level before the key check, except the "flat" options
//   (log-opts, runtimes, default-ulimits, default-network-opts, features, builder, cluster-store-opts);
//   that is how "proxies": {"http-proxy": ...} meets the --http-proxy flag. json_parent records it.
// - A key that is neither a flag name nor a named option is rejected ("the following directives
//   don't match any configuration option"), except "features", "builder" and the ignored leftovers
//   "deprecated-key-path" and (29.0+) "allow-nondistributable-artifacts". JSON tags that have no flag
//   (swarm-raft-heartbeat-tick, swarm-raft-election-tick, default-init, resolv-conf) are rejected the
//   same way, so they are not in this catalog.
// - A key spelled like the long name of a named-option flag ("label", "log-opt", "insecure-registry",
//   "default-ulimit", "host") passes that check too, and is then silently ignored by the JSON decoder:
//   look such keys up with FindFlagByLongName when FindFlagByJsonKey finds nothing.
#ifndef DOCKLINT_PARSERS_DOCKERD_FLAG_CATALOG_H_
#define DOCKLINT_PARSERS_DOCKERD_FLAG_CATALOG_H_

#include <optional>
#include <string_view>
#include <vector>

namespace docklint::parsers {

enum class ValueType {
  kBool,    // pflag bool: --x, --x=<Go bool> (never a separate word); JSON true/false
  kString,  // JSON string (paths, addresses, sizes such as "64M", enums)
  kInt,     // JSON number (integer)
  kList,    // repeatable flag that accumulates; JSON array of strings (hosts, dns, labels, storage-opts, ...)
  kMap,     // repeatable "k=v" flag; JSON object of strings (log-opts, cluster-store-opts)
  kObject,  // structured JSON whose flag form is parsed specially: default-ulimits (nofile=100:200 ->
            // {"nofile":{"Name":"nofile","Soft":100,"Hard":200}}), runtimes (--add-runtime name=path),
            // default-address-pools, default-network-opts, features, nri-opts, builder
};

struct FlagSpec {
  std::string_view long_name = {};  // without dashes; empty for file-only keys (e.g. "builder")
  char shorthand = 0;               // 'H', 'l', 'D', 's', 'G', 'b', 'p', ... or 0
  std::string_view json_key = {};   // daemon.json key; empty for CLI-only flags (config-file, validate)
  ValueType type = ValueType::kString;
  std::string_view default_value = {};  // dockerd's default as text; "" when none/unset/computed at run time
  std::string_view added_in = {};       // engine release ("X.Y") that added it; empty = in every engine we
                                        // target (>= 17.06), or not established (the table says which)
  std::string_view removed_in = {};     // first release that no longer accepts it; empty = still accepted
  bool deprecated = false;
  // From this release until removed_in, dockerd still knows the flag and key but refuses to start when the
  // setting holds anything but `refused_except` (its zero value: "", "0"; "true" for disable-legacy-
  // registry), saying `refused_message`.
  std::string_view refused_from = {};
  std::string_view refused_except = {};
  std::string_view refused_message = {};
  std::string_view description = {};  // one line, as in dockerd --help

  // Where json_key sits when it is not at the top level of daemon.json: "proxies" for http-proxy,
  // https-proxy and no-proxy. dockerd flattens that object before checking keys, so json_key is the
  // name after flattening; a top-level "http-proxy" passes dockerd's key check but is never read.
  std::string_view json_parent = {};
  // Release from which daemon.json accepts json_key, when that differs from added_in (the flag):
  // "features" (18.09) predates --feature (27.3); "host-gateway-ips" (28.0) postdates --host-gateway-ip.
  std::string_view json_added_in = {};
  // dockerd accepts json_key in daemon.json (it passes the unknown-key check and counts as a
  // flag/file conflict) but never reads the value: the struct field has a different JSON tag.
  bool json_ignored = false;
};

// Sorted by long_name; file-only keys sort by json_key among them.
const std::vector<FlagSpec>& AllFlags();
const FlagSpec* FindFlagByLongName(std::string_view name);
const FlagSpec* FindFlagByShorthand(char c);
const FlagSpec* FindFlagByJsonKey(std::string_view key);

// Go's strconv.ParseBool, which pflag uses for bool flags: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> ParseGoBool(std::string_view text);

// One value (bool, string, int), as opposed to a list or map that accumulates: the last assignment wins.
inline bool IsScalar(ValueType type) {
  return type == ValueType::kBool || type == ValueType::kString || type == ValueType::kInt;
}

// Compares engine versions "X.Y[.Z]" numerically (e.g. "9.0" < "17.06" < "20.10" < "23.0"); returns <0, 0,
// >0. Missing components count as 0 ("23" == "23.0.0"); a leading "v" and anything from the first character
// that is neither a digit nor a dot ("-ce", "-rc.1", "+incompatible") are ignored.
int CompareEngineVersions(std::string_view a, std::string_view b);

// Whether the engine judged (`engine`: "X.Y[.Z]"; empty = the newest) is older than `release`.
bool EngineBefore(std::string_view engine, std::string_view release);

// Whether dockerd `version` ("X.Y[.Z]"; empty = the newest engine) accepts the flag on its command line,
// or the key in daemon.json (json_added_in when the key came at another release than the flag).
bool FlagAvailableIn(const FlagSpec& spec, std::string_view version);
bool JsonKeyAvailableIn(const FlagSpec& spec, std::string_view version);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_DOCKERD_FLAG_CATALOG_H_
