#include "model/host_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "parsers/daemon_json.h"
#include "parsers/dockerd_args.h"
#include "testing/rule_of.h"
#include "testing/words.h"

namespace docklint::model {
namespace {

using base::MappedText;
using base::Position;
using base::SourceFile;

using docklint::test_support::Words;

struct Host {
  HostConfig config;
  base::Diagnostics diagnostics;
};

void Load(Host* host, const SourceFile* json, const SourceFile* argv) {
  if (json != nullptr) {
    parsers::DaemonJson parsed = parsers::ParseDaemonJson(*json, &host->diagnostics);
    if (parsed.root) host->config.AddDaemonJson(*parsed.root, &host->diagnostics);
  }
  if (argv != nullptr)
    host->config.AddFlags(parsers::ParseDockerdArgs(Words(*argv), &host->diagnostics), &host->diagnostics);
}

TEST(HostConfigTest, FlagsAndKeysLandOnTheSameSettingWithEveryOrigin) {
  SourceFile json("daemon.json",
                  "{\n  \"insecure-registries\": [\"a:5000\", \"b:5000\"],\n  \"icc\": false\n}\n");
  SourceFile argv("argv", "--insecure-registry c:5000 -H fd://");
  Host host;
  Load(&host, &json, &argv);
  EXPECT_TRUE(host.diagnostics.empty());
  const Setting* registries = host.config.Find("insecure-registries");
  ASSERT_NE(registries, nullptr);
  EXPECT_EQ(registries->file_items.size(), 2u);
  EXPECT_EQ(registries->flag_items.size(), 1u);
  EXPECT_EQ(registries->file_items[1].origin.value.range().begin, (Position{2, 37}));
  EXPECT_EQ(host.config.Find("insecure-registry"), registries);  // the flag's name finds the setting too
  EXPECT_EQ(host.config.ValueOrDefault("icc"), false);
  EXPECT_EQ(host.config.ValueOrDefault("hosts"), nlohmann::json::array({"fd://"}));
  // Both places set insecure-registries: dockerd refuses to start.
  std::vector<Conflict> conflicts = host.config.Conflicts();
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].spec->json_key, "insecure-registries");
}

TEST(HostConfigTest, DefaultsApplyWhenNothingSetsASetting) {
  Host host;
  EXPECT_EQ(host.config.ValueOrDefault("icc"), true);
  EXPECT_EQ(host.config.ValueOrDefault("log-level"), "info");
  EXPECT_EQ(host.config.ValueOrDefault("log-driver"), "json-file");
  EXPECT_EQ(host.config.ValueOrDefault("userland-proxy"), true);
  EXPECT_EQ(host.config.Find("icc"), nullptr);
}

TEST(HostConfigTest, ScalarsKeepTheLastValueAndListsAccumulate) {
  SourceFile argv("argv", "--log-level=debug -l warn --dns 1.1.1.1 --dns 8.8.8.8 --log-opt max-size=10m");
  Host host;
  Load(&host, nullptr, &argv);
  EXPECT_EQ(host.config.ValueOrDefault("log-level"), "warn");
  EXPECT_EQ(host.config.ValueOrDefault("dns"), nlohmann::json::array({"1.1.1.1", "8.8.8.8"}));
  EXPECT_EQ(host.config.ValueOrDefault("log-opts"), nlohmann::json({{"max-size", "10m"}}));
}

TEST(HostConfigTest, ReportsUnknownIgnoredMistypedAndDuplicateKeys) {
  SourceFile json("daemon.json",
                  "{\"icc\": \"false\", \"insecure-registry\": [\"x\"], \"no-such-key\": 1,\n"
                  " \"debug\": true, \"debug\": false, \"proxies\": {\"http-proxy\": \"http://p:3128\"}}");
  Host host;
  Load(&host, &json, nullptr);
  std::vector<std::pair<std::string, Position>> got;
  for (const auto& d : host.diagnostics) got.emplace_back(test_support::RuleOf(d), d.span.range().begin);
  std::vector<std::pair<std::string, Position>> expected = {
      {"DKL2005", Position{1, 9}},   // "icc": "false" is a string
      {"DKL2007", Position{1, 18}},  // "insecure-registry" is silently ignored
      {"DKL2004", Position{1, 46}},  // unknown key
      {"DKL2006", Position{2, 17}},  // second "debug"
  };
  EXPECT_EQ(got, expected);
  EXPECT_EQ(host.config.ValueOrDefault("debug"), false);
  EXPECT_EQ(host.config.ValueOrDefault("icc"), true);                    // the mistyped value never applies
  EXPECT_EQ(host.config.ValueOrDefault("http-proxy"), "http://p:3128");  // proxies{} is flattened
}

// Found by scaling the inputs: duplicate keys were searched in a list, so 100,000 keys took seconds.
TEST(HostConfigTest, ManyKeysAreCheckedForDuplicatesInLinearTime) {
  std::string text = "{";
  for (int i = 0; i < 100000; ++i) text += "\"k" + std::to_string(i) + "\": 1, ";
  text += "\"k7\": 2}";
  SourceFile json("daemon.json", text);
  Host host;
  auto start = std::chrono::steady_clock::now();
  Load(&host, &json, nullptr);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(std::count_if(host.diagnostics.begin(), host.diagnostics.end(),
                          [](const base::Diagnostic& d) { return test_support::RuleOf(d) == "DKL2006"; }),
            1);
  EXPECT_LT(took.count(), 10);  // quadratic was ~15 s even optimised
}

}  // namespace
}  // namespace docklint::model
