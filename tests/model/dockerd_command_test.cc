#include "model/dockerd_command.h"

#include <gtest/gtest.h>

#include "testing/rule_of.h"

namespace docklint::model {
namespace {

using base::Position;
using base::SourceFile;

struct Resolved {
  std::optional<DockerdCommand> command;
  base::Diagnostics diagnostics;
  std::vector<std::string> args;
};

Resolved Resolve(const SourceFile& unit, const ServiceEnvironment& environment) {
  Resolved r;
  parsers::UnitFile parsed = parsers::ParseSystemdUnit(unit, &r.diagnostics);
  std::vector<const parsers::UnitEntry*> exec_starts = parsed.Find("Service", "ExecStart");
  const parsers::UnitEntry* effective = EffectiveExecStart(exec_starts);
  if (effective == nullptr) return r;
  r.command = ResolveDockerdCommand(*effective, environment, &r.diagnostics);
  if (r.command) {
    for (const auto& a : r.command->args) r.args.push_back(a.text());
  }
  return r;
}

TEST(DockerdCommandTest, DollarVarSplitsIntoWordsThatPointIntoTheEnvFile) {
  SourceFile env("etc/default/docker", "DOCKER_OPTS=\"--icc=false  -H 'tcp://a b'\"\n");
  base::MappedText value = base::MappedText::FromFile(env, 13, 40);
  ASSERT_EQ(value.text(), "--icc=false  -H 'tcp://a b'");
  SourceFile unit("docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd:// $DOCKER_OPTS\n");
  Resolved r = Resolve(unit, {{"DOCKER_OPTS", value}});
  ASSERT_TRUE(r.command.has_value());
  EXPECT_TRUE(r.command->is_dockerd);
  EXPECT_EQ(r.args, (std::vector<std::string>{"-H", "fd://", "--icc=false", "-H", "tcp://a b"}));
  EXPECT_EQ(r.command->args[2].SpanOf(0, 11).file, &env);
  EXPECT_EQ(r.command->args[2].SpanOf(0, 11).range().begin, (Position{1, 14}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DockerdCommandTest, BracedVarIsOneArgumentAndIsReported) {
  SourceFile env("env", "X=--debug --icc=false\n");
  SourceFile unit("u", "[Service]\nExecStart=/usr/bin/dockerd ${X} --opt=${X}x $$HOME ${UNSET}\n");
  Resolved r = Resolve(unit, {{"X", base::MappedText::FromFile(env, 2, 21)}});
  EXPECT_EQ(r.args,
            (std::vector<std::string>{"--debug --icc=false", "--opt=--debug --icc=falsex", "$HOME", ""}));
  ASSERT_EQ(r.diagnostics.size(), 1u);  // only the word that is exactly ${X}
  EXPECT_EQ(test_support::RuleOf(r.diagnostics[0]), "DKL2009");
  EXPECT_EQ(r.diagnostics[0].span.range().begin, (Position{2, 28}));
}

TEST(DockerdCommandTest, LastExecStartAfterAResetWins) {
  SourceFile unit("u",
                  "[Service]\nExecStart=/usr/bin/dockerd -H fd://\nExecStart=\n"
                  "ExecStart=/usr/bin/dockerd --debug\n");
  Resolved r = Resolve(unit, {});
  EXPECT_EQ(r.args, (std::vector<std::string>{"--debug"}));
}

TEST(DockerdCommandTest, RecognisesTheDaemonBinary) {
  // The subcommand of engines before 1.12: its flags are read, and it is fatal (removed in 17.06).
  SourceFile old_engine("u", "[Service]\nExecStart=/usr/bin/docker daemon -H fd://\n");
  Resolved r = Resolve(old_engine, {});
  EXPECT_TRUE(r.command->is_dockerd);
  EXPECT_EQ(r.args, (std::vector<std::string>{"-H", "fd://"}));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, base::DiagnosticCode::kInvalidDockerdArgument);
  EXPECT_EQ(r.diagnostics[0].span.text(), "daemon");
  // The client with any other subcommand starts no daemon either.
  SourceFile misspelt("u", "[Service]\nExecStart=/usr/bin/docker deamon -H fd://\n");
  Resolved client = Resolve(misspelt, {});
  EXPECT_FALSE(client.command->is_dockerd);
  ASSERT_EQ(client.diagnostics.size(), 1u);
  EXPECT_NE(client.diagnostics[0].message.find("\"deamon\""), std::string::npos);
  SourceFile rhel("u", "[Service]\nExecStart=/usr/bin/dockerd-current --selinux-enabled\n");
  EXPECT_TRUE(Resolve(rhel, {}).command->is_dockerd);
  SourceFile wrapper("u", "[Service]\nExecStart=/usr/local/bin/start-docker.sh --debug\n");
  EXPECT_FALSE(Resolve(wrapper, {}).command->is_dockerd);
  SourceFile no_expansion("u", "[Service]\nExecStart=:/usr/bin/dockerd $DOCKER_OPTS\n");
  EXPECT_EQ(Resolve(no_expansion, {{"DOCKER_OPTS", {}}}).args, (std::vector<std::string>{"$DOCKER_OPTS"}));
}

// Found by scaling the inputs: $DOCKER_OPTS 20,000 times over 2,000 flags asked for 40 million words.
TEST(DockerdCommandTest, AnExpansionPastTheKernelsArgumentLimitIsRefused) {
  std::string flags;
  for (int i = 0; i < 2000; ++i) flags += "--label=a" + std::to_string(i) + "=b ";
  SourceFile env("etc/default/docker", flags);
  base::MappedText value = base::MappedText::FromFile(env, 0, flags.size());
  std::string line = "[Service]\nExecStart=/usr/bin/dockerd";
  for (int i = 0; i < 20000; ++i) line += " $DOCKER_OPTS";
  SourceFile unit("docker.service", line + "\n");
  Resolved r = Resolve(unit, {{"DOCKER_OPTS", value}});
  EXPECT_FALSE(r.command.has_value());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(r.diagnostics[0]), "DKL0004");
  EXPECT_EQ(r.diagnostics[0].span.range().begin, (Position{2, 11}));
  // In one word, ${VAR} repeated is cut off the same way.
  std::string braced = "[Service]\nExecStart=/usr/bin/dockerd --label=";
  for (int i = 0; i < 20000; ++i) braced += "${DOCKER_OPTS}";
  SourceFile braced_unit("docker.service", braced + "\n");
  EXPECT_FALSE(Resolve(braced_unit, {{"DOCKER_OPTS", value}}).command.has_value());
  // Below the limit nothing changes.
  EXPECT_EQ(Resolve(unit, {{"DOCKER_OPTS", base::MappedText::FromFile(env, 0, 12)}}).args.size(), 20000u);
}

}  // namespace
}  // namespace docklint::model
