#include "parsers/dockerd_flag_catalog.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

namespace docklint::parsers {
namespace {

std::string_view SortKey(const FlagSpec& spec) {
  return spec.long_name.empty() ? spec.json_key : spec.long_name;
}

const FlagSpec& MustFindLong(std::string_view name) {
  const FlagSpec* spec = FindFlagByLongName(name);
  EXPECT_NE(spec, nullptr) << name;
  static const FlagSpec kMissing{};
  return spec ? *spec : kMissing;
}

TEST(FlagCatalogTest, JsonKeysThatDifferFromTheFlagName) {
  const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"host", "hosts"},
      {"label", "labels"},
      {"insecure-registry", "insecure-registries"},
      {"registry-mirror", "registry-mirrors"},
      {"storage-opt", "storage-opts"},
      {"authorization-plugin", "authorization-plugins"},
      {"exec-opt", "exec-opts"},
      {"dns-opt", "dns-opts"},
      {"log-opt", "log-opts"},
      {"default-ulimit", "default-ulimits"},
      {"add-runtime", "runtimes"},
      {"default-network-opt", "default-network-opts"},
      {"feature", "features"},
      {"node-generic-resource", "node-generic-resources"},
      {"cdi-spec-dir", "cdi-spec-dirs"},
      {"host-gateway-ip", "host-gateway-ips"},
      {"default-address-pool", "default-address-pools"},
      {"cluster-store-opt", "cluster-store-opts"},
  };
  for (const auto& [flag, key] : kPairs) {
    EXPECT_EQ(MustFindLong(flag).json_key, key) << flag;
    const FlagSpec* by_key = FindFlagByJsonKey(key);
    ASSERT_NE(by_key, nullptr) << key;
    EXPECT_EQ(by_key->long_name, flag) << key;
  }
}

TEST(FlagCatalogTest, SameNameKeysMapBack) {
  for (std::string_view name : {"debug", "log-level", "icc", "iptables", "userland-proxy", "live-restore",
                                "no-new-privileges", "userns-remap", "seccomp-profile", "storage-driver",
                                "data-root", "group", "tlsverify", "experimental", "log-driver"}) {
    const FlagSpec* spec = FindFlagByJsonKey(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(spec->long_name, name);
  }
}

TEST(FlagCatalogTest, ProxiesAreNestedUnderProxies) {
  for (std::string_view name : {"http-proxy", "https-proxy", "no-proxy"}) {
    const FlagSpec& spec = MustFindLong(name);
    EXPECT_EQ(spec.json_key, name);
    EXPECT_EQ(spec.json_parent, "proxies");
    EXPECT_EQ(spec.added_in, "23.0");
    EXPECT_EQ(FindFlagByJsonKey(name), &spec);
  }
  EXPECT_EQ(FindFlagByJsonKey("proxies"), nullptr);  // flattened away by dockerd before the key check
  EXPECT_TRUE(MustFindLong("debug").json_parent.empty());
}

TEST(FlagCatalogTest, ContainerdPluginsNamespaceKeyIsAcceptedButIgnored) {
  const FlagSpec& spec = MustFindLong("containerd-plugins-namespace");
  EXPECT_EQ(spec.json_key, "containerd-plugins-namespace");
  EXPECT_TRUE(spec.json_ignored);
  EXPECT_EQ(spec.default_value, "plugins.moby");
  // The Go JSON tag spelling has no flag, so dockerd rejects it as an unknown directive.
  EXPECT_EQ(FindFlagByJsonKey("containerd-plugin-namespace"), nullptr);
  EXPECT_FALSE(MustFindLong("containerd-namespace").json_ignored);
}

TEST(FlagCatalogTest, Shorthands) {
  const std::pair<char, std::string_view> kShort[] = {
      {'H', "host"},   {'l', "log-level"}, {'D', "debug"}, {'s', "storage-driver"}, {'G', "group"},
      {'b', "bridge"}, {'p', "pidfile"},   {'g', "graph"}, {'r', "restart"},        {'v', "version"},
  };
  for (const auto& [c, name] : kShort) {
    const FlagSpec* spec = FindFlagByShorthand(c);
    ASSERT_NE(spec, nullptr) << c;
    EXPECT_EQ(spec->long_name, name);
    EXPECT_EQ(MustFindLong(name).shorthand, c);
  }
  EXPECT_EQ(FindFlagByShorthand('h'), nullptr);  // dockerd has --help but no -h
  EXPECT_EQ(FindFlagByShorthand('x'), nullptr);
  EXPECT_EQ(FindFlagByShorthand(0), nullptr);
}

TEST(FlagCatalogTest, TypesOfASample) {
  const std::pair<std::string_view, ValueType> kTypes[] = {
      {"debug", ValueType::kBool},
      {"icc", ValueType::kBool},
      {"tlsverify", ValueType::kBool},
      {"log-level", ValueType::kString},
      {"data-root", ValueType::kString},
      {"default-shm-size", ValueType::kString},
      {"mtu", ValueType::kInt},
      {"shutdown-timeout", ValueType::kInt},
      {"cpu-rt-runtime", ValueType::kInt},
      {"host", ValueType::kList},
      {"insecure-registry", ValueType::kList},
      {"dns", ValueType::kList},
      {"storage-opt", ValueType::kList},
      {"label", ValueType::kList},
      {"log-opt", ValueType::kMap},
      {"cluster-store-opt", ValueType::kMap},
      {"default-ulimit", ValueType::kObject},
      {"add-runtime", ValueType::kObject},
      {"default-address-pool", ValueType::kObject},
      {"default-network-opt", ValueType::kObject},
      {"feature", ValueType::kObject},
  };
  for (const auto& [name, type] : kTypes) {
    EXPECT_EQ(MustFindLong(name).type, type) << name;
  }
}

TEST(FlagCatalogTest, Defaults) {
  const std::pair<std::string_view, std::string_view> kDefaults[] = {
      {"log-driver", "json-file"},
      {"log-level", "info"},
      {"iptables", "true"},
      {"ip6tables", "true"},
      {"ip-masq", "true"},
      {"icc", "true"},
      {"userland-proxy", "true"},
      {"ip-forward", "true"},
      {"group", "docker"},
      {"data-root", "/var/lib/docker"},
      {"exec-root", "/var/run/docker"},
      {"pidfile", "/var/run/docker.pid"},
      {"storage-driver", ""},
      {"live-restore", "false"},
      {"no-new-privileges", "false"},
      {"config-file", "/etc/docker/daemon.json"},
      {"default-runtime", "runc"},
      {"containerd-namespace", "moby"},
      {"max-concurrent-downloads", "3"},
      {"max-concurrent-uploads", "5"},
      {"shutdown-timeout", "15"},
      {"ip", "0.0.0.0"},
  };
  for (const auto& [name, value] : kDefaults) {
    EXPECT_EQ(MustFindLong(name).default_value, value) << name;
  }
}

TEST(FlagCatalogTest, CliOnlyAndFileOnly) {
  for (std::string_view name : {"config-file", "validate", "version", "help"}) {
    EXPECT_TRUE(MustFindLong(name).json_key.empty()) << name;
  }
  const FlagSpec* builder = FindFlagByJsonKey("builder");
  ASSERT_NE(builder, nullptr);
  EXPECT_TRUE(builder->long_name.empty());
  EXPECT_EQ(builder->type, ValueType::kObject);

  const FlagSpec* legacy = FindFlagByJsonKey("host-gateway-ip");
  ASSERT_NE(legacy, nullptr);
  EXPECT_TRUE(legacy->long_name.empty());
  EXPECT_TRUE(legacy->deprecated);
  EXPECT_EQ(MustFindLong("host-gateway-ip").json_added_in, "28.0");
}

TEST(FlagCatalogTest, RemovedFlags) {
  const std::pair<std::string_view, std::string_view> kRemoved[] = {
      {"disable-legacy-registry", "19.03"},
      {"api-enable-cors", "17.09"},
      {"cluster-store", "24.0"},
      {"cluster-advertise", "24.0"},
      {"cluster-store-opt", "24.0"},
      {"graph", "24.0"},
      {"oom-score-adjust", "26.0"},
      {"api-cors-header", ""},
      {"allow-nondistributable-artifacts", "29.0"},
  };
  for (const auto& [name, version] : kRemoved) {
    const FlagSpec& spec = MustFindLong(name);
    EXPECT_EQ(spec.removed_in, version) << name;
    EXPECT_TRUE(spec.deprecated) << name;
  }
  // The release before removal still knows them but refuses a value (moby's tags).
  const std::pair<std::string_view, std::string_view> kRefused[] = {
      {"disable-legacy-registry", "17.12"}, {"cluster-store", "23.0"},   {"graph", "23.0"},
      {"oom-score-adjust", "25.0"},         {"api-cors-header", "28.0"},
  };
  for (const auto& [name, version] : kRefused) EXPECT_EQ(MustFindLong(name).refused_from, version) << name;
  EXPECT_TRUE(MustFindLong("log-level").removed_in.empty());
}

TEST(FlagCatalogTest, AddedInVersions) {
  const std::pair<std::string_view, std::string_view> kAdded[] = {
      {"log-format", "25.0"},
      {"cdi-spec-dir", "25.0"},
      {"http-proxy", "23.0"},
      {"firewall-backend", "29.0"},
      {"host-gateway-ip", "20.10"},
      {"default-network-opt", "24.0"},
      {"feature", "27.3"},
      {"rootless", "19.03"},
      {"default-cgroupns-mode", "20.10"},
      {"validate", "23.0"},
      {"bip6", "28.0"},
      {"allow-direct-routing", "28.2"},
  };
  for (const auto& [name, version] : kAdded) {
    EXPECT_EQ(MustFindLong(name).added_in, version) << name;
  }
  EXPECT_EQ(MustFindLong("feature").json_added_in, "18.09");
  EXPECT_TRUE(MustFindLong("icc").added_in.empty());
}

TEST(FlagCatalogTest, VersionsAreWellFormedAndOrdered) {
  for (const FlagSpec& spec : AllFlags()) {
    for (std::string_view v : {spec.added_in, spec.removed_in, spec.json_added_in}) {
      if (v.empty()) continue;
      EXPECT_NE(v.find('.'), std::string_view::npos) << SortKey(spec) << " " << v;
      EXPECT_EQ(v.find_first_not_of("0123456789."), std::string_view::npos) << SortKey(spec) << " " << v;
    }
    if (!spec.added_in.empty() && !spec.removed_in.empty()) {
      EXPECT_LT(CompareEngineVersions(spec.added_in, spec.removed_in), 0) << SortKey(spec);
    }
    if (!spec.removed_in.empty()) {
      EXPECT_TRUE(spec.deprecated) << SortKey(spec);
    }
    EXPECT_FALSE(spec.description.empty()) << SortKey(spec);
    EXPECT_FALSE(spec.long_name.empty() && spec.json_key.empty());
    EXPECT_FALSE(spec.long_name.starts_with("-")) << spec.long_name;
  }
}

TEST(FlagCatalogTest, NoDuplicates) {
  std::set<std::string_view> long_names;
  std::set<char> shorthands;
  std::set<std::string_view> json_keys;
  for (const FlagSpec& spec : AllFlags()) {
    if (!spec.long_name.empty()) {
      EXPECT_TRUE(long_names.insert(spec.long_name).second) << spec.long_name;
    }
    if (spec.shorthand != 0) {
      EXPECT_TRUE(shorthands.insert(spec.shorthand).second) << spec.shorthand;
    }
    if (!spec.json_key.empty()) {
      EXPECT_TRUE(json_keys.insert(spec.json_key).second) << spec.json_key;
    }
  }
  EXPECT_GT(long_names.size(), 90u);
}

TEST(FlagCatalogTest, SortedByLongNameThenJsonKey) {
  const std::vector<FlagSpec>& flags = AllFlags();
  for (size_t i = 1; i < flags.size(); ++i) {
    EXPECT_LE(SortKey(flags[i - 1]), SortKey(flags[i])) << SortKey(flags[i]);
  }
}

TEST(FlagCatalogTest, LookupsReturnTableEntries) {
  const FlagSpec* by_long = FindFlagByLongName("host");
  ASSERT_NE(by_long, nullptr);
  EXPECT_EQ(FindFlagByShorthand('H'), by_long);
  EXPECT_EQ(FindFlagByJsonKey("hosts"), by_long);
  EXPECT_EQ(FindFlagByLongName(""), nullptr);
  EXPECT_EQ(FindFlagByLongName("--host"), nullptr);
  EXPECT_EQ(FindFlagByLongName("hosts"), nullptr);
  EXPECT_EQ(FindFlagByJsonKey(""), nullptr);
  EXPECT_EQ(FindFlagByJsonKey("host"), nullptr);  // singular: dockerd ignores it, it is not the key
  EXPECT_EQ(FindFlagByJsonKey("swarm-raft-heartbeat-tick"), nullptr);
}

TEST(FlagCatalogParseGoBoolTest, AcceptsTheTwelveSpellings) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
    EXPECT_EQ(ParseGoBool(t), std::optional<bool>(true)) << t;
  }
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
    EXPECT_EQ(ParseGoBool(f), std::optional<bool>(false)) << f;
  }
}

TEST(FlagCatalogParseGoBoolTest, RejectsEverythingElse) {
  for (std::string_view s :
       {"yes", "no", "on", "off", "", "TRUE ", " true", "tRUE", "FaLsE", "2", "-1", "y"}) {
    EXPECT_EQ(ParseGoBool(s), std::nullopt) << '"' << s << '"';
  }
}

TEST(FlagCatalogCompareEngineVersionsTest, NumericOrder) {
  EXPECT_LT(CompareEngineVersions("9.0", "17.06"), 0);
  EXPECT_LT(CompareEngineVersions("17.06", "20.10"), 0);
  EXPECT_LT(CompareEngineVersions("20.10", "23.0"), 0);
  EXPECT_LT(CompareEngineVersions("17.06", "17.09"), 0);
  EXPECT_LT(CompareEngineVersions("28.2", "28.10"), 0);
  EXPECT_GT(CompareEngineVersions("23.0", "9.0"), 0);
  EXPECT_GT(CompareEngineVersions("29.0", "28.5.2"), 0);
  EXPECT_EQ(CompareEngineVersions("23.0", "23.0"), 0);
  EXPECT_EQ(CompareEngineVersions("23", "23.0.0"), 0);
  EXPECT_EQ(CompareEngineVersions("17.06", "17.6"), 0);
  EXPECT_LT(CompareEngineVersions("28.5", "28.5.2"), 0);
  EXPECT_EQ(CompareEngineVersions("v20.10.24", "20.10.24"), 0);
  EXPECT_EQ(CompareEngineVersions("17.06.0-ce", "17.06"), 0);
  EXPECT_EQ(CompareEngineVersions("", ""), 0);
  EXPECT_LT(CompareEngineVersions("", "1.0"), 0);
}

}  // namespace
}  // namespace docklint::parsers
