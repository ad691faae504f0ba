#include "model/host_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/rule_of.h"

namespace docklint::model {
namespace {

using base::Position;
using base::SourceFile;
using test_support::RuleOf;

std::vector<std::string> Rules(const base::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const base::Diagnostic& d : diagnostics) out.push_back(RuleOf(d));
  return out;
}

const SourceFile kUnit("/lib/systemd/system/docker.service",
                       "[Service]\n"
                       "Type=notify\n"
                       "EnvironmentFile=-/etc/default/docker\n"
                       "ExecStart=/usr/bin/dockerd -H fd:// $DOCKER_OPTS\n");

TEST(HostBuilderTest, FlagsFromAnEnvFileKeepTheirPlaceInIt) {
  SourceFile env("/etc/default/docker",
                 "# options\nDOCKER_OPTS=\"--icc=false --insecure-registry r:5000\"\n");
  HostModel host = BuildHostModel({{InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &kUnit},
                                   {InputKind::kEnvFile, "/etc/default/docker", &env}},
                                  {});
  EXPECT_TRUE(host.diagnostics.empty()) << Rules(host.diagnostics).front();
  EXPECT_TRUE(host.judgeable);
  const Setting* icc = host.config.Find("icc");
  ASSERT_NE(icc, nullptr);
  ASSERT_EQ(icc->flag_items.size(), 1u);
  EXPECT_EQ(icc->flag_items[0].origin.whole.file, &env);
  EXPECT_EQ(icc->flag_items[0].origin.whole.range().begin, (Position{2, 14}));
  EXPECT_EQ(host.paths.at(FileRole::kDockerService), "/lib/systemd/system/docker.service");
  EXPECT_EQ(host.paths.at(FileRole::kDockerd), "/usr/bin/dockerd");
  EXPECT_FALSE(host.paths.contains(FileRole::kDaemonJson));
}

TEST(HostBuilderTest, AFlagAndAKeyForOneSettingConflictAtBothPlaces) {
  SourceFile json("/etc/docker/daemon.json", "{\"icc\": false}\n");
  SourceFile unit("/lib/systemd/system/docker.service",
                  "[Service]\nExecStart=/usr/bin/dockerd --icc=false\n");
  HostModel host = BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", &json},
                                   {InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
                                  {});
  ASSERT_EQ(Rules(host.diagnostics), (std::vector<std::string>{"DKL2008", "DKL2008"}));
  EXPECT_EQ(host.diagnostics[0].span.file, &unit);
  ASSERT_EQ(host.diagnostics[0].related.size(), 1u);
  EXPECT_EQ(host.diagnostics[0].related[0].span.file, &json);
  EXPECT_EQ(host.diagnostics[1].span.file, &json);
  EXPECT_EQ(host.diagnostics[1].related[0].message, "also set as --icc here");
  EXPECT_EQ(host.daemon_json, &json);
  EXPECT_TRUE(host.daemon_json_root.has_value());
}

TEST(HostBuilderTest, AnEnvFileNoUnitReadsIsReportedOnlyWhenTheUnitIsKnown) {
  SourceFile unit("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd\n");
  SourceFile env("/etc/sysconfig/docker", "OPTIONS=--selinux-enabled\n");
  HostModel with_unit =
      BuildHostModel({{InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit},
                      {InputKind::kEnvFile, "/etc/sysconfig/docker", &env}},
                     {});
  EXPECT_EQ(Rules(with_unit.diagnostics), (std::vector<std::string>{"DKL2012"}));
  HostModel alone = BuildHostModel({{InputKind::kEnvFile, "/etc/sysconfig/docker", &env}}, {});
  EXPECT_TRUE(alone.diagnostics.empty());
  EXPECT_FALSE(alone.judgeable);  // nothing about dockerd to judge
}

TEST(HostBuilderTest, AMissingEnvironmentFileMattersOnlyInAWholeTree) {
  SourceFile unit("/lib/systemd/system/docker.service",
                  "[Service]\nEnvironmentFile=/etc/default/docker\nExecStart=/usr/bin/dockerd\n");
  std::vector<HostInput> inputs = {{InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}};
  EXPECT_TRUE(BuildHostModel(inputs, {}).diagnostics.empty());
  EXPECT_EQ(Rules(BuildHostModel(inputs, {.whole_tree = true}).diagnostics),
            (std::vector<std::string>{"DKL2013"}));
}

TEST(HostBuilderTest, ADaemonJsonDockerdCannotReadHidesOnlyWhatItCouldSet) {
  SourceFile broken("/etc/docker/daemon.json", "{\"icc\": false,}\n");
  HostModel host = BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", &broken}}, {});
  EXPECT_EQ(Rules(host.diagnostics), (std::vector<std::string>{"DKL0001"}));
  EXPECT_TRUE(host.config.daemon_json_unknown());
  EXPECT_TRUE(host.config.IsUnknown("icc"));
  SourceFile unit("/lib/systemd/system/docker.service",
                  "[Service]\nExecStart=/usr/bin/dockerd --insecure-registry=10.1.1.1:5000\n");
  HostModel unreadable =
      BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", nullptr},
                      {InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
                     {});
  EXPECT_TRUE(unreadable.judgeable);
  EXPECT_FALSE(unreadable.paths.contains(FileRole::kDaemonJson));
  // A flag's setting is known: daemon.json setting it too would only stop dockerd.
  EXPECT_FALSE(unreadable.config.IsUnknown("insecure-registries"));
  EXPECT_TRUE(unreadable.config.IsUnknown("icc"));
  EXPECT_FALSE(BuildHostModel({{InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
                              {.whole_tree = true})
                   .config.IsUnknown("icc"));
}

TEST(HostBuilderTest, FilesGivenAloneJudgeOnlyWhatTheyDecide) {
  SourceFile unit("/lib/systemd/system/docker.service",
                  "[Service]\nExecStart=/usr/bin/dockerd --insecure-registry=10.1.1.1:5000\n");
  SourceFile daemon_json("/etc/docker/daemon.json", "{\"icc\": false}\n");
  // A unit alone: the defaults are daemon.json's to set, and that file was not given.
  HostModel unit_alone =
      BuildHostModel({{InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}}, {});
  EXPECT_TRUE(unit_alone.config.IsUnknown("live-restore"));
  EXPECT_FALSE(unit_alone.config.IsUnknown("insecure-registries"));
  // daemon.json alone: its defaults are judged, as what this file does not set.
  HostModel file_alone =
      BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", &daemon_json}}, {});
  EXPECT_FALSE(file_alone.config.IsUnknown("live-restore"));
  EXPECT_TRUE(file_alone.config.only_daemon_json_read());
  HostModel both = BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", &daemon_json},
                                   {InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
                                  {});
  EXPECT_FALSE(both.config.only_daemon_json_read());
}

TEST(HostBuilderTest, StepsRunInTheTablesOrderWhateverTheInputOrder) {
  // A drop-in given before its unit still comes after it: its empty ExecStart= resets the unit's.
  SourceFile drop_in("/etc/systemd/system/docker.service.d/override.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n");
  SourceFile unit("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd --icc=true\n");
  HostModel host = BuildHostModel(
      {{InputKind::kServiceDropIn, "/etc/systemd/system/docker.service.d/override.conf", &drop_in},
       {InputKind::kServiceUnit, "/lib/systemd/system/docker.service", &unit}},
      {});
  EXPECT_TRUE(host.diagnostics.empty());
  EXPECT_EQ(host.config.ValueOrDefault("icc"), false);
  EXPECT_EQ(host.drop_in_paths.at(FileRole::kDockerService),
            (std::vector<std::string>{"/etc/systemd/system/docker.service.d/override.conf"}));
}

TEST(HostBuilderTest, AuditRulesAndSocketsJoinTheModel) {
  SourceFile json("/etc/docker/daemon.json", "{}");
  SourceFile socket("/lib/systemd/system/docker.socket",
                    "[Socket]\nListenStream=/run/docker.sock\nSocketMode=0660\nSocketGroup=docker\n");
  SourceFile rules("/etc/audit/rules.d/docker.rules", "-w /usr/bin/dockerd -p wa -k docker\n");
  HostModel host = BuildHostModel({{InputKind::kDaemonJson, "/etc/docker/daemon.json", &json},
                                   {InputKind::kSocketUnit, "/lib/systemd/system/docker.socket", &socket},
                                   {InputKind::kAuditRules, "/etc/audit/rules.d/docker.rules", &rules}},
                                  {.engine_version = "20.10"});
  EXPECT_TRUE(host.judgeable);
  EXPECT_EQ(host.config.engine_version(), "20.10");
  ASSERT_EQ(host.config.socket_listeners.size(), 1u);
  EXPECT_EQ(host.config.socket_ownership.mode, "0660");
  ASSERT_TRUE(host.audit.has_value());
  EXPECT_NE(host.audit->FindCoveringRule("/usr/bin/dockerd"), nullptr);
  EXPECT_EQ(host.paths.at(FileRole::kDockerSocket), "/lib/systemd/system/docker.socket");
}

TEST(HostBuilderTest, FileRolesHaveTheNamesRulesetsUse) {
  EXPECT_EQ(ParseFileRole("docker.service"), FileRole::kDockerService);
  EXPECT_EQ(ParseFileRole("dockerd"), FileRole::kDockerd);
  EXPECT_EQ(ParseFileRole("docker.servce"), std::nullopt);
  EXPECT_EQ(FileRoleNames(), "daemon.json, docker.service, docker.socket, dockerd");
}

}  // namespace
}  // namespace docklint::model
