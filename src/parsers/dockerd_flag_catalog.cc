#include "parsers/dockerd_flag_catalog.h"

#include <cstdint>

namespace docklint::parsers {
namespace {

using enum ValueType;

// Versions: "X.Y" is the first moby/docker-ce release with (added_in) or without (removed_in) the
// directive. Each non-empty version below was checked against at least one of: the engine release
// notes or docker-ce CHANGELOG, the engine API version history (API 1.32 = 17.09, 1.40 = 19.03,
// 1.41 = 20.10), docker/cli's deprecated.md, or the merge date of the moby pull request against
// the release branches. An empty added_in means "present in 17.06" unless a comment says the
// release could not be established. Defaults are those of current engines (v29) on Linux as root;
// comments note where older engines differ.
std::vector<FlagSpec> BuildCatalog() {
  return {
      {.long_name = "add-runtime",
       .json_key = "runtimes",
       .type = kObject,
       .description = "Register an additional OCI compatible runtime"},
      // moby#49832, 28.2.0 release notes.
      {.long_name = "allow-direct-routing",
       .json_key = "allow-direct-routing",
       .type = kBool,
       .default_value = "false",
       .added_in = "28.2",
       .description = "Allow remote access to published ports on container IP addresses"},
      // Added in 17.06 (moby#33151). Deprecated in 28.0 with no effect (moby#49065); the flag is gone in
      // 29.0 (moby#49762) while the daemon.json key is still tolerated there (skipValidateOptions) and
      // ignored.
      {.long_name = "allow-nondistributable-artifacts",
       .json_key = "allow-nondistributable-artifacts",
       .type = kList,
       .removed_in = "29.0",
       .deprecated = true,
       .description = "Allow push of nondistributable artifacts to registry"},
      // Deprecated in 27.0 (moby#45313); 28.x still knows the flag and the key but refuses a value
      // (moby#48209, daemon/config/config.go Validate).
      {.long_name = "api-cors-header",
       .json_key = "api-cors-header",
       .type = kString,
       .deprecated = true,
       .refused_from = "28.0",
       .refused_except = "",
       .refused_message =
           "DEPRECATED: The \"api-cors-header\" config parameter and the dockerd \"--api-cors-header\" "
           "option have been removed; use a reverse proxy if you need CORS headers",
       .description = "Set CORS headers in the Engine API"},
      // Deprecated since 1.6, removed in 17.09 (docker-ce#231, deprecated.md). The key is taken to be the
      // flag name (dockerd's key check accepts it either way); the old struct tag was not re-checked.
      {.long_name = "api-enable-cors",
       .json_key = "api-enable-cors",
       .type = kBool,
       .default_value = "false",
       .removed_in = "17.09",
       .deprecated = true,
       .description = "Enable CORS headers in the Engine API"},
      {.long_name = "authorization-plugin",
       .json_key = "authorization-plugins",
       .type = kList,
       .description = "Authorization plugins to load"},
      {.long_name = "bip",
       .json_key = "bip",
       .type = kString,
       .description = "IPv4 address for the default bridge"},
      // moby#48319, part of the 28.0 IPv6 work (moby#48814).
      {.long_name = "bip6",
       .json_key = "bip6",
       .type = kString,
       .added_in = "28.0",
       .description = "IPv6 address for the default bridge"},
      {.long_name = "bridge",
       .shorthand = 'b',
       .json_key = "bridge",
       .type = kString,
       .description = "Attach containers to a network bridge"},
      // moby#50476, documented for 29.0 (docker/cli#6230).
      {.long_name = "bridge-accept-fwmark",
       .json_key = "bridge-accept-fwmark",
       .type = kString,
       .added_in = "29.0",
       .description = "In bridge networks, accept packets with this firewall mark/mask"},
      // File only: BuildKit garbage-collection settings. 18.09.0 CHANGELOG (moby#37846, docker/engine#59).
      {.json_key = "builder",
       .type = kObject,
       .added_in = "18.09",
       .description = "BuildKit builder configuration (garbage collection policy)"},
      // Came with CDI support in 25.0 (moby#45134). Unset means the CDI defaults /etc/cdi and /var/run/cdi.
      {.long_name = "cdi-spec-dir",
       .json_key = "cdi-spec-dirs",
       .type = kList,
       .added_in = "25.0",
       .description = "CDI specification directories to use"},
      {.long_name = "cgroup-parent",
       .json_key = "cgroup-parent",
       .type = kString,
       .description = "Set parent cgroup for all containers"},
      // Classic Swarm: deprecated in 20.10; 23.x still knows the flags and keys but refuses a value
      // (cmd/dockerd checkDeprecatedOptions); 24.0 removed them.
      {.long_name = "cluster-advertise",
       .json_key = "cluster-advertise",
       .type = kString,
       .removed_in = "24.0",
       .deprecated = true,
       .refused_from = "23.0",
       .refused_except = "",
       .refused_message =
           "Host-discovery and overlay networks with external k/v stores are deprecated. The "
           "'cluster-advertise', 'cluster-store', and 'cluster-store-opt' options have been removed",
       .description = "Address or interface name to advertise"},
      {.long_name = "cluster-store",
       .json_key = "cluster-store",
       .type = kString,
       .removed_in = "24.0",
       .deprecated = true,
       .refused_from = "23.0",
       .refused_except = "",
       .refused_message =
           "Host-discovery and overlay networks with external k/v stores are deprecated. The "
           "'cluster-advertise', 'cluster-store', and 'cluster-store-opt' options have been removed",
       .description = "URL of the distributed storage backend"},
      {.long_name = "cluster-store-opt",
       .json_key = "cluster-store-opts",
       .type = kMap,
       .removed_in = "24.0",
       .deprecated = true,
       .refused_from = "23.0",
       .refused_except = "",
       .refused_message =
           "Host-discovery and overlay networks with external k/v stores are deprecated. The "
           "'cluster-advertise', 'cluster-store', and 'cluster-store-opt' options have been removed",
       .description = "Set cluster store options"},
      // CLI only. Under RootlessKit the default is $XDG_CONFIG_HOME/docker/daemon.json.
      {.long_name = "config-file",
       .type = kString,
       .default_value = "/etc/docker/daemon.json",
       .description = "Daemon configuration file"},
      {.long_name = "containerd",
       .json_key = "containerd",
       .type = kString,
       .description = "containerd grpc address"},
      // moby#39500 (July 2019, after the 19.03 branch; hidden until moby#41640): first released in 20.10.
      {.long_name = "containerd-namespace",
       .json_key = "containerd-namespace",
       .type = kString,
       .default_value = "moby",
       .added_in = "20.10",
       .description = "Containerd namespace to use"},
      // The Go struct's JSON tag is "containerd-plugin-namespace" (no s): that spelling has no flag and is
      // rejected as unknown, while this spelling passes the key check and is never read (docker/docs#19398).
      {.long_name = "containerd-plugins-namespace",
       .json_key = "containerd-plugins-namespace",
       .type = kString,
       .default_value = "plugins.moby",
       .added_in = "20.10",
       .description = "Containerd namespace to use for plugins",
       .json_ignored = true},
      {.long_name = "cpu-rt-period",
       .json_key = "cpu-rt-period",
       .type = kInt,
       .default_value = "0",
       .description =
           "Limit the CPU real-time period in microseconds for the parent cgroup for all containers"},
      {.long_name = "cpu-rt-runtime",
       .json_key = "cpu-rt-runtime",
       .type = kInt,
       .default_value = "0",
       .description =
           "Limit the CPU real-time runtime in microseconds for the parent cgroup for all containers"},
      // 18.09.0 CHANGELOG (moby#37519).
      {.long_name = "cri-containerd",
       .json_key = "cri-containerd",
       .type = kBool,
       .default_value = "false",
       .added_in = "18.09",
       .description = "start containerd with cri"},
      // Replaced --graph in 17.05 (moby#28696). Rootless default: $XDG_DATA_HOME/docker.
      {.long_name = "data-root",
       .json_key = "data-root",
       .type = kString,
       .default_value = "/var/lib/docker",
       .description = "Root directory of persistent Docker state"},
      {.long_name = "debug",
       .shorthand = 'D',
       .json_key = "debug",
       .type = kBool,
       .default_value = "false",
       .description = "Enable debug mode"},
      // 18.06.0 CHANGELOG (moby#36396).
      {.long_name = "default-address-pool",
       .json_key = "default-address-pools",
       .type = kObject,
       .added_in = "18.06",
       .description = "Default address pools for node specific local networks"},
      // API 1.41 (20.10) added HostConfig.CgroupnsMode and this daemon default. The default is "private"
      // on cgroup v2 hosts and "host" on cgroup v1.
      {.long_name = "default-cgroupns-mode",
       .json_key = "default-cgroupns-mode",
       .type = kString,
       .default_value = "private",
       .added_in = "20.10",
       .description = "Default mode for containers cgroup namespace (\"host\" | \"private\")"},
      {.long_name = "default-gateway",
       .json_key = "default-gateway",
       .type = kString,
       .description = "Default gateway IPv4 address for the default bridge network"},
      {.long_name = "default-gateway-v6",
       .json_key = "default-gateway-v6",
       .type = kString,
       .description = "Default gateway IPv6 address for the default bridge network"},
      // moby#34087, API 1.32 (17.09). The default became "private" in 19.03 (API 1.40); "shareable" before.
      {.long_name = "default-ipc-mode",
       .json_key = "default-ipc-mode",
       .type = kString,
       .default_value = "private",
       .added_in = "17.09",
       .description = "Default mode for containers ipc (\"shareable\" | \"private\")"},
      // 24.0 release notes (moby#43197).
      {.long_name = "default-network-opt",
       .json_key = "default-network-opts",
       .type = kObject,
       .added_in = "24.0",
       .description = "Default network options"},
      {.long_name = "default-runtime",
       .json_key = "default-runtime",
       .type = kString,
       .default_value = "runc",
       .description = "Default OCI runtime for containers"},
      // Added in 17.04 (moby#29692). daemon.json takes a size string such as "64M".
      {.long_name = "default-shm-size",
       .json_key = "default-shm-size",
       .type = kString,
       .default_value = "64MiB",
       .description = "Default shm size for containers"},
      // moby#53146; 29.7 per docker/cli#7214 ("29.7 added default-stop-timeout"). Unset: containers without a
      // stop timeout get 10 seconds. The help text below paraphrases the pull request; it was not seen in a
      // build.
      {.long_name = "default-stop-timeout",
       .json_key = "default-stop-timeout",
       .type = kInt,
       .added_in = "29.7",
       .description = "Default stop timeout (in seconds) for containers that do not set one"},
      {.long_name = "default-ulimit",
       .json_key = "default-ulimits",
       .type = kObject,
       .description = "Default ulimits for containers"},
      // Hidden flag for the libtrust key (moby#32587, 2017). The flag was dropped during the 23.0 cycle;
      // from then on the key is tolerated (skipValidateOptions) and ignored.
      {.long_name = "deprecated-key-path",
       .json_key = "deprecated-key-path",
       .type = kString,
       .removed_in = "23.0",
       .deprecated = true,
       .description = "Path to key file for ID and image signing"},
      // Disabled in 17.12: up to 18.09 dockerd still knows it, and refuses to start unless it is true (the
      // key; the flag given at all), cmd/dockerd/daemon.go; removed in 19.03 (deprecated.md).
      {.long_name = "disable-legacy-registry",
       .json_key = "disable-legacy-registry",
       .type = kBool,
       .default_value = "false",
       .removed_in = "19.03",
       .deprecated = true,
       .refused_from = "17.12",
       .refused_except = "true",
       .refused_message =
           "ERROR: The 'disable-legacy-registry' configuration option has been removed. Interacting "
           "with legacy (v1) registries is no longer supported",
       .description = "Disable contacting legacy registries"},
      {.long_name = "dns", .json_key = "dns", .type = kList, .description = "DNS server to use"},
      {.long_name = "dns-opt", .json_key = "dns-opts", .type = kList, .description = "DNS options to use"},
      {.long_name = "dns-search",
       .json_key = "dns-search",
       .type = kList,
       .description = "DNS search domains to use"},
      {.long_name = "exec-opt",
       .json_key = "exec-opts",
       .type = kList,
       .description = "Runtime execution options"},
      // Rootless default: $XDG_RUNTIME_DIR/docker.
      {.long_name = "exec-root",
       .json_key = "exec-root",
       .type = kString,
       .default_value = "/var/run/docker",
       .description = "Root directory for execution state files"},
      {.long_name = "experimental",
       .json_key = "experimental",
       .type = kBool,
       .default_value = "false",
       .description = "Enable experimental features"},
      // The "features" key came in 18.09 (moby#37593, 18.09.0 CHANGELOG); the --feature flag in 27.3
      // (moby#48167, backported to 27.x as moby#48487 before 27.3.0). "--feature name" means name=true.
      {.long_name = "feature",
       .json_key = "features",
       .type = kObject,
       .added_in = "27.3",
       .description = "Enable feature in the daemon",
       .json_added_in = "18.09"},
      // nftables support, experimental in 29.0 (moby#50357). Unset means iptables.
      {.long_name = "firewall-backend",
       .json_key = "firewall-backend",
       .type = kString,
       .added_in = "29.0",
       .description = "Firewall backend to use, iptables or nftables"},
      {.long_name = "fixed-cidr",
       .json_key = "fixed-cidr",
       .type = kString,
       .description = "IPv4 subnet for the default bridge network"},
      {.long_name = "fixed-cidr-v6",
       .json_key = "fixed-cidr-v6",
       .type = kString,
       .description = "IPv6 subnet for the default bridge network"},
      // Hidden and deprecated in 17.05 for --data-root; 23.x still knows the flag and the key but refuses a
      // value (daemon/config Validate; moby#43981/#43990, docker/cli#3739); 24.0 removed them.
      {.long_name = "graph",
       .shorthand = 'g',
       .json_key = "graph",
       .type = kString,
       .default_value = "/var/lib/docker",
       .removed_in = "24.0",
       .deprecated = true,
       .refused_from = "23.0",
       .refused_except = "",
       .refused_message = "the \"graph\" config file option is deprecated; use \"data-root\" instead",
       .description = "Root of the Docker runtime"},
      // Rootless daemons ignore it and use no group.
      {.long_name = "group",
       .shorthand = 'G',
       .json_key = "group",
       .type = kString,
       .default_value = "docker",
       .description = "Group for the unix socket"},
      // CLI only; dockerd has no -h shorthand.
      {.long_name = "help", .type = kBool, .default_value = "false", .description = "Print usage"},
      // With no -H and no "hosts", dockerd listens on unix:///var/run/docker.sock.
      {.long_name = "host",
       .shorthand = 'H',
       .json_key = "hosts",
       .type = kList,
       .description = "Daemon socket(s) to connect to"},
      // The flag came in 20.10 (moby#40007) with the single-address key "host-gateway-ip" (next entry). Since
      // 28.0 (moby#48807) it may be repeated (one IPv4, one IPv6) and its key is "host-gateway-ips".
      {.long_name = "host-gateway-ip",
       .json_key = "host-gateway-ips",
       .type = kList,
       .added_in = "20.10",
       .description = "IP addresses that the special 'host-gateway' string in --add-host resolves to. "
                      "Defaults to the IP addresses of the default bridge",
       .json_added_in = "28.0"},
      // File only since 28.0: the 20.10-27.x key of --host-gateway-ip, still accepted and migrated to
      // "host-gateway-ips"; having both keys is an error, and so is this key together with the flag.
      {.json_key = "host-gateway-ip",
       .type = kString,
       .added_in = "20.10",
       .deprecated = true,
       .description = "IP address that the special 'host-gateway' string in --add-host resolves to"},
      // 23.0 release notes (moby#42835). In daemon.json these sit under "proxies".
      {.long_name = "http-proxy",
       .json_key = "http-proxy",
       .type = kString,
       .added_in = "23.0",
       .description = "HTTP proxy URL to use for outgoing traffic",
       .json_parent = "proxies"},
      {.long_name = "https-proxy",
       .json_key = "https-proxy",
       .type = kString,
       .added_in = "23.0",
       .description = "HTTPS proxy URL to use for outgoing traffic",
       .json_parent = "proxies"},
      {.long_name = "icc",
       .json_key = "icc",
       .type = kBool,
       .default_value = "true",
       .description = "Enable inter-container communication for the default bridge network"},
      {.long_name = "init",
       .json_key = "init",
       .type = kBool,
       .default_value = "false",
       .description = "Run an init in the container to forward signals and reap processes"},
      {.long_name = "init-path",
       .json_key = "init-path",
       .type = kString,
       .description = "Path to the docker-init binary"},
      {.long_name = "insecure-registry",
       .json_key = "insecure-registries",
       .type = kList,
       .description = "Enable insecure registry communication"},
      {.long_name = "ip",
       .json_key = "ip",
       .type = kString,
       .default_value = "0.0.0.0",
       .description = "Host IP for port publishing from the default bridge network"},
      {.long_name = "ip-forward",
       .json_key = "ip-forward",
       .type = kBool,
       .default_value = "true",
       .description = "Enable IP forwarding in system configuration"},
      // moby#48594, part of the 28.0 IPv6 work (moby#48814).
      {.long_name = "ip-forward-no-drop",
       .json_key = "ip-forward-no-drop",
       .type = kBool,
       .default_value = "false",
       .added_in = "28.0",
       .description = "Do not set the filter-FORWARD policy to DROP when enabling IP forwarding"},
      {.long_name = "ip-masq",
       .json_key = "ip-masq",
       .type = kBool,
       .default_value = "true",
       .description = "Enable IP masquerading for the default bridge network"},
      // Experimental in 20.10 (needs --experimental until 27.0); on by default since 27.0 (moby#47747),
      // false before.
      {.long_name = "ip6tables",
       .json_key = "ip6tables",
       .type = kBool,
       .default_value = "true",
       .added_in = "20.10",
       .description = "Enable addition of ip6tables rules"},
      {.long_name = "iptables",
       .json_key = "iptables",
       .type = kBool,
       .default_value = "true",
       .description = "Enable addition of iptables rules"},
      {.long_name = "ipv6",
       .json_key = "ipv6",
       .type = kBool,
       .default_value = "false",
       .description = "Enable IPv6 networking for the default bridge network"},
      {.long_name = "label",
       .json_key = "labels",
       .type = kList,
       .description = "Set key=value labels to the daemon"},
      {.long_name = "live-restore",
       .json_key = "live-restore",
       .type = kBool,
       .default_value = "false",
       .description = "Enable live restore of docker when containers are still running"},
      {.long_name = "log-driver",
       .json_key = "log-driver",
       .type = kString,
       .default_value = "json-file",
       .description = "Default driver for container logs"},
      // 25.0 release notes (moby#45737).
      {.long_name = "log-format",
       .json_key = "log-format",
       .type = kString,
       .default_value = "text",
       .added_in = "25.0",
       .description = "Set the logging format (\"text\"|\"json\")"},
      {.long_name = "log-level",
       .shorthand = 'l',
       .json_key = "log-level",
       .type = kString,
       .default_value = "info",
       .description = "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")"},
      {.long_name = "log-opt",
       .json_key = "log-opts",
       .type = kMap,
       .description = "Default log driver options for containers"},
      {.long_name = "max-concurrent-downloads",
       .json_key = "max-concurrent-downloads",
       .type = kInt,
       .default_value = "3",
       .description = "Set the max concurrent downloads"},
      {.long_name = "max-concurrent-uploads",
       .json_key = "max-concurrent-uploads",
       .type = kInt,
       .default_value = "5",
       .description = "Set the max concurrent uploads"},
      // moby#39949 (September 2019, after the 19.03 branch); completion added in docker/cli#2273: 20.10.
      {.long_name = "max-download-attempts",
       .json_key = "max-download-attempts",
       .type = kInt,
       .default_value = "5",
       .added_in = "20.10",
       .description = "Set the max download attempts for each pull"},
      // Needed --experimental until it graduated, but the flag is accepted in every engine we target.
      {.long_name = "metrics-addr",
       .json_key = "metrics-addr",
       .type = kString,
       .description = "Set default address and port to serve the metrics api on"},
      // Older help texts show no default (0 meant 1500).
      {.long_name = "mtu",
       .json_key = "mtu",
       .type = kInt,
       .default_value = "1500",
       .description = "Set the MTU for the default \"bridge\" network"},
      // moby#34103 (merged July 2017): release (17.07 or 17.09) not established, so added_in is left empty.
      {.long_name = "network-control-plane-mtu",
       .json_key = "network-control-plane-mtu",
       .type = kInt,
       .default_value = "1500",
       .description = "Network Control plane MTU"},
      // Hidden. Added with libnetwork's diagnostic server in the 17.x/18.x series; release not established.
      {.long_name = "network-diagnostic-port",
       .json_key = "network-diagnostic-port",
       .type = kInt,
       .default_value = "0",
       .description = "TCP port number of the network diagnostic server"},
      // moby#29984 and moby#32944 (May 2017): in 17.06.
      {.long_name = "no-new-privileges",
       .json_key = "no-new-privileges",
       .type = kBool,
       .default_value = "false",
       .description = "Set no-new-privileges by default for new containers"},
      {.long_name = "no-proxy",
       .json_key = "no-proxy",
       .type = kString,
       .added_in = "23.0",
       .description = "Comma-separated list of hosts or IP addresses for which the proxy is skipped",
       .json_parent = "proxies"},
      // Swarm generic resources, moby#33440 (late 2017, 17.10-17.12): release not established.
      {.long_name = "node-generic-resource",
       .json_key = "node-generic-resources",
       .type = kList,
       .description = "Advertise user-defined resource"},
      // moby#51634 (December 2025), after 29.1 and present in 29.5.2's --help: the 29.x release that first
      // shipped it is not established. Flag form "enable=true,plugin-path=...,socket-path=...".
      {.long_name = "nri-opts",
       .json_key = "nri-opts",
       .type = kObject,
       .description = "Node Resource Interface configuration"},
      // Deprecated in 24.0, no effect in 25.0, removed in 26.0 (docker/cli#5723). The default was -500
      // before 20.10 and 0 after.
      // 25.x still knows it but refuses a value other than 0 (ValidatePlatformConfig); 26.0 removed it.
      {.long_name = "oom-score-adjust",
       .json_key = "oom-score-adjust",
       .type = kInt,
       .default_value = "0",
       .removed_in = "26.0",
       .deprecated = true,
       .refused_from = "25.0",
       .refused_except = "0",
       .refused_message =
           "DEPRECATED: The \"oom-score-adjust\" config parameter and the dockerd \"--oom-score-adjust\" "
           "options have been removed.",
       .description = "Set the oom_score_adj for the daemon"},
      // Rootless default: $XDG_RUNTIME_DIR/docker.pid.
      {.long_name = "pidfile",
       .shorthand = 'p',
       .json_key = "pidfile",
       .type = kString,
       .default_value = "/var/run/docker.pid",
       .description = "Path to use for daemon PID file"},
      {.long_name = "raw-logs",
       .json_key = "raw-logs",
       .type = kBool,
       .default_value = "false",
       .description = "Full timestamps without ANSI coloring"},
      {.long_name = "registry-mirror",
       .json_key = "registry-mirrors",
       .type = kList,
       .description = "Preferred Docker registry mirror"},
      // Hidden and deprecated since 1.x, still registered in v29. Its struct field has no JSON tag, so a
      // "restart" key passes dockerd's key check and is ignored.
      {.long_name = "restart",
       .shorthand = 'r',
       .type = kBool,
       .default_value = "true",
       .deprecated = true,
       .description =
           "--restart on the daemon has been deprecated in favor of --restart policies on docker run"},
      // Rootless mode came in 19.03 (experimental; API 1.40 "name=rootless"). Defaults to true under
      // RootlessKit.
      {.long_name = "rootless",
       .json_key = "rootless",
       .type = kBool,
       .default_value = "false",
       .added_in = "19.03",
       .description = "Enable rootless mode; typically used with RootlessKit"},
      // Daemon-wide profile since 1.13/17.03 (moby#26276). "builtin" names the default profile (moby#42481);
      // older engines show "".
      {.long_name = "seccomp-profile",
       .json_key = "seccomp-profile",
       .type = kString,
       .default_value = "builtin",
       .description =
           "Path to seccomp profile. Set to \"unconfined\" to disable the default seccomp profile"},
      {.long_name = "selinux-enabled",
       .json_key = "selinux-enabled",
       .type = kBool,
       .default_value = "false",
       .description = "Enable selinux support"},
      {.long_name = "shutdown-timeout",
       .json_key = "shutdown-timeout",
       .type = kInt,
       .default_value = "15",
       .description = "Set the default shutdown timeout"},
      // Unset means dockerd picks a driver (overlay2 on current hosts).
      {.long_name = "storage-driver",
       .shorthand = 's',
       .json_key = "storage-driver",
       .type = kString,
       .description = "Storage driver to use"},
      {.long_name = "storage-opt",
       .json_key = "storage-opts",
       .type = kList,
       .description = "Storage driver options"},
      {.long_name = "swarm-default-advertise-addr",
       .json_key = "swarm-default-advertise-addr",
       .type = kString,
       .description = "Set default address or interface for swarm advertised address"},
      // Since 20.10, tlsverify set at all implies tls, and tls without tlsverify implies tlsverify.
      {.long_name = "tls",
       .json_key = "tls",
       .type = kBool,
       .default_value = "false",
       .description = "Use TLS; implied by --tlsverify"},
      // The three paths default to $DOCKER_CERT_PATH or $DOCKER_CONFIG or ~/.docker (/root/.docker for root).
      {.long_name = "tlscacert",
       .json_key = "tlscacert",
       .type = kString,
       .default_value = "~/.docker/ca.pem",
       .description = "Trust certs signed only by this CA"},
      {.long_name = "tlscert",
       .json_key = "tlscert",
       .type = kString,
       .default_value = "~/.docker/cert.pem",
       .description = "Path to TLS certificate file"},
      {.long_name = "tlskey",
       .json_key = "tlskey",
       .type = kString,
       .default_value = "~/.docker/key.pem",
       .description = "Path to TLS key file"},
      // DOCKER_TLS_VERIFY set to anything non-empty in dockerd's environment turns the default to true.
      {.long_name = "tlsverify",
       .json_key = "tlsverify",
       .type = kBool,
       .default_value = "false",
       .description = "Use TLS and verify the remote"},
      {.long_name = "userland-proxy",
       .json_key = "userland-proxy",
       .type = kBool,
       .default_value = "true",
       .description = "Use userland proxy for loopback traffic"},
      // Defaults to docker-proxy found in the libexec directories or $PATH.
      {.long_name = "userland-proxy-path",
       .json_key = "userland-proxy-path",
       .type = kString,
       .description = "Path to the userland proxy binary"},
      {.long_name = "userns-remap",
       .json_key = "userns-remap",
       .type = kString,
       .description = "User/Group setting for user namespaces"},
      // CLI only. 23.0 release notes (moby#42393).
      {.long_name = "validate",
       .type = kBool,
       .default_value = "false",
       .added_in = "23.0",
       .description = "Validate daemon configuration and exit"},
      // CLI only.
      {.long_name = "version",
       .shorthand = 'v',
       .type = kBool,
       .default_value = "false",
       .description = "Print version information and quit"},
  };
}

template <typename Pred>
const FlagSpec* FindFirst(Pred pred) {
  for (const FlagSpec& spec : AllFlags()) {
    if (pred(spec)) return &spec;
  }
  return nullptr;
}

// Reads the decimal number at the start of `text` (0 when there is none) and advances past it and one
// following '.'.
uint64_t NextComponent(std::string_view& text) {
  uint64_t value = 0;
  size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (value < UINT64_MAX / 10) value = value * 10 + static_cast<uint64_t>(text[i] - '0');
    ++i;
  }
  if (i < text.size() && text[i] == '.') ++i;
  text.remove_prefix(i);
  return value;
}

// The "X.Y.Z" part of a version: without a leading 'v', up to the first byte that is not a digit or '.'.
std::string_view VersionCore(std::string_view text) {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  size_t end = 0;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) ++end;
  return text.substr(0, end);
}

}  // namespace

const std::vector<FlagSpec>& AllFlags() {
  static const std::vector<FlagSpec> kFlags = BuildCatalog();
  return kFlags;
}

const FlagSpec* FindFlagByLongName(std::string_view name) {
  if (name.empty()) return nullptr;
  return FindFirst([name](const FlagSpec& spec) { return spec.long_name == name; });
}

const FlagSpec* FindFlagByShorthand(char c) {
  if (c == 0) return nullptr;
  return FindFirst([c](const FlagSpec& spec) { return spec.shorthand == c; });
}

const FlagSpec* FindFlagByJsonKey(std::string_view key) {
  if (key.empty()) return nullptr;
  return FindFirst([key](const FlagSpec& spec) { return spec.json_key == key; });
}

std::optional<bool> ParseGoBool(std::string_view text) {
  if (text == "1" || text == "t" || text == "T" || text == "TRUE" || text == "true" || text == "True") {
    return true;
  }
  if (text == "0" || text == "f" || text == "F" || text == "FALSE" || text == "false" || text == "False") {
    return false;
  }
  return std::nullopt;
}

bool EngineBefore(std::string_view engine, std::string_view release) {
  return !engine.empty() && CompareEngineVersions(engine, release) < 0;
}

int CompareEngineVersions(std::string_view a, std::string_view b) {
  a = VersionCore(a);
  b = VersionCore(b);
  while (!a.empty() || !b.empty()) {
    uint64_t x = NextComponent(a);
    uint64_t y = NextComponent(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

namespace {

bool AvailableIn(std::string_view added_in, std::string_view removed_in, std::string_view version) {
  if (version.empty()) return removed_in.empty();
  if (!added_in.empty() && CompareEngineVersions(version, added_in) < 0) return false;
  return removed_in.empty() || CompareEngineVersions(version, removed_in) < 0;
}

}  // namespace

bool FlagAvailableIn(const FlagSpec& spec, std::string_view version) {
  return AvailableIn(spec.added_in, spec.removed_in, version);
}

bool JsonKeyAvailableIn(const FlagSpec& spec, std::string_view version) {
  return AvailableIn(spec.json_added_in.empty() ? spec.added_in : spec.json_added_in, spec.removed_in,
                     version);
}

}  // namespace docklint::parsers
