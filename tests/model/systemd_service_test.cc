#include "model/systemd_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/rule_of.h"

namespace docklint::model {
namespace {

using base::SourceFile;

std::vector<parsers::UnitFile> Parse(const std::vector<const SourceFile*>& files,
                                     base::Diagnostics* diagnostics) {
  std::vector<parsers::UnitFile> units;
  for (const SourceFile* file : files) units.push_back(parsers::ParseSystemdUnit(*file, diagnostics));
  return units;
}

TEST(SystemdServiceTest, AnEmptyAssignmentResetsExecStartEnvironmentAndEnvironmentFile) {
  SourceFile unit("docker.service",
                  "[Service]\nEnvironment=A=1 B=2\nEnvironmentFile=/etc/default/docker\n"
                  "ExecStart=/usr/bin/dockerd -H fd://\n");
  SourceFile drop_in("override.conf",
                     "[Service]\nEnvironment=\nEnvironment=C=3\nEnvironmentFile=\nExecStart=\n"
                     "ExecStart=/usr/bin/dockerd $C\n");
  SourceFile env("/etc/default/docker", "D=4\n");
  base::Diagnostics diagnostics;
  std::vector<parsers::UnitFile> units = Parse({&unit, &drop_in}, &diagnostics);
  AssembledService service = AssembleService(units, {{"/etc/default/docker", &env}}, true, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_NE(service.exec_start, nullptr);
  EXPECT_EQ(service.exec_start->value.text(), "/usr/bin/dockerd $C");
  EXPECT_EQ(service.environment.size(), 1u);
  EXPECT_TRUE(service.environment.contains("C"));
  EXPECT_TRUE(service.env_files_read.empty());
  // The env file is now read by nothing.
  ReportUnreadEnvFiles({{"/etc/default/docker", &env}}, service, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics[0]), "DKL2012");
}

TEST(SystemdServiceTest, TwoExecStartsWithoutAResetAreRefusedUnlessOneshot) {
  SourceFile unit("docker.service", "[Service]\nExecStart=/usr/bin/dockerd\n");
  SourceFile drop_in("override.conf", "[Service]\nExecStart=/usr/bin/dockerd --debug\n");
  base::Diagnostics diagnostics;
  std::vector<parsers::UnitFile> units = Parse({&unit, &drop_in}, &diagnostics);
  AssembleService(units, {}, false, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics[0]), "DKL2014");
  EXPECT_EQ(diagnostics[0].span.file, &drop_in);

  SourceFile oneshot("override.conf", "[Service]\nType=oneshot\nExecStart=/usr/bin/dockerd --debug\n");
  base::Diagnostics none;
  AssembleService(Parse({&unit, &oneshot}, &none), {}, false, &none);
  EXPECT_TRUE(none.empty());
}

TEST(SystemdServiceTest, EnvironmentFilesLoadInOrderAndOptionalOnesMayBeMissing) {
  SourceFile unit("docker.service",
                  "[Service]\nEnvironmentFile=-/etc/sysconfig/docker-missing\n"
                  "EnvironmentFile=/etc/default/docker\nExecStart=/usr/bin/dockerd $OPTS\n");
  SourceFile env("/etc/default/docker", "OPTS=--debug\n");
  base::Diagnostics diagnostics;
  AssembledService service =
      AssembleService(Parse({&unit}, &diagnostics), {{"/etc/default/docker", &env}}, true, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(service.environment.at("OPTS").text(), "--debug");
  EXPECT_EQ(service.env_files_read, (std::vector<const SourceFile*>{&env}));
}

TEST(SystemdServiceTest, SocketListenersResetAndOwnershipKeepsTheLastValue) {
  SourceFile socket("docker.socket", "[Socket]\nListenStream=/run/docker.sock\nSocketMode=0666\n");
  SourceFile drop_in("10-tcp.conf", "[Socket]\nListenStream=\nListenStream=0.0.0.0:2375\nSocketMode=0660\n");
  base::Diagnostics diagnostics;
  HostConfig config;
  for (const parsers::UnitFile& unit : Parse({&socket, &drop_in}, &diagnostics)) AddSocketUnit(unit, &config);
  ASSERT_EQ(config.socket_listeners.size(), 1u);
  EXPECT_EQ(config.socket_listeners[0].address, "0.0.0.0:2375");
  EXPECT_TRUE(config.socket_listeners[0].IsTcp());
  EXPECT_EQ(config.socket_ownership.mode, "0660");
  EXPECT_EQ(config.socket_ownership.unit_span.file, &socket);
}

}  // namespace
}  // namespace docklint::model
