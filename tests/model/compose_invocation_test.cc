#include "model/compose_invocation.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "parsers/exec_command.h"
#include "testing/where.h"

namespace docklint::model {
namespace {

using base::SourceFile;
using test_support::Where;

// An in-memory file system by path, as docker compose would see a host.
struct Files {
  std::map<std::string, std::string> files;
  ComposeFileAccess Access() const {
    return {[this](const std::string& path) { return files.contains(path); },
            [this](const std::string& path, std::string* text) {
              auto it = files.find(path);
              if (it == files.end()) return false;
              *text = it->second;
              return true;
            }};
  }
};

// The first command of an ExecStart= value written alone in `file`.
std::optional<ComposeCommandLine> Parse(const SourceFile& file) {
  base::Diagnostics diagnostics;
  std::vector<parsers::ExecCommand> commands =
      parsers::SplitExecCommands(base::MappedText::FromFile(file, 0, file.content().size()), &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  if (commands.empty()) return std::nullopt;
  return ParseComposeCommandLine(commands[0].argv, commands[0].word_spans);
}

std::vector<std::string> Values(const std::vector<ComposePathArg>& args) {
  std::vector<std::string> out;
  for (const ComposePathArg& arg : args) out.push_back(arg.value);
  return out;
}

TEST(ComposeInvocationTest, ReadsTheOptionsThatPickTheFiles) {
  SourceFile file("x", "/usr/bin/docker compose -f a.yml --file b.yml --file=c.yml -fd.yml up -d");
  std::optional<ComposeCommandLine> command = Parse(file);
  ASSERT_TRUE(command);
  EXPECT_EQ(Values(command->files), (std::vector<std::string>{"a.yml", "b.yml", "c.yml", "d.yml"}));
  EXPECT_EQ(Where(command->files[0].span), "1:28-1:33");
  EXPECT_EQ(Where(command->files[2].span), "1:54-1:59");  // the value of --file=c.yml
  EXPECT_EQ(command->subcommand, "up");
  EXPECT_TRUE(command->NeedsProject());
  EXPECT_EQ(Where(command->span), "1:1-1:73");
}

TEST(ComposeInvocationTest, DockerGlobalOptionsEnvPrefixesAndDockerCompose) {
  SourceFile context("x",
                     "docker --context prod -H unix:///run/docker.sock --debug compose "
                     "--project-directory /srv/app -p app --env-file prod.env up");
  std::optional<ComposeCommandLine> command = Parse(context);
  ASSERT_TRUE(command);
  EXPECT_TRUE(command->files.empty());
  ASSERT_TRUE(command->project_directory);
  EXPECT_EQ(command->project_directory->value, "/srv/app");
  EXPECT_TRUE(command->project_name);
  EXPECT_EQ(Values(command->env_files), (std::vector<std::string>{"prod.env"}));
  EXPECT_EQ(command->subcommand, "up");

  SourceFile env("x", "/usr/bin/env -C /opt COMPOSE_FILE=a.yml:b.yml /usr/local/bin/docker-compose up");
  command = Parse(env);
  ASSERT_TRUE(command);
  EXPECT_EQ(command->environment.at("COMPOSE_FILE"), "a.yml:b.yml");
  ASSERT_TRUE(command->chdir);
  EXPECT_EQ(command->chdir->value, "/opt");
  EXPECT_EQ(command->subcommand, "up");

  for (const char* not_compose :
       {"/usr/bin/docker run --rm alpine", "/usr/bin/docker", "/usr/bin/podman compose up",
        "env -S 'docker compose up'", "/usr/bin/env"}) {
    SourceFile other("x", not_compose);
    EXPECT_FALSE(Parse(other)) << not_compose;
  }
  for (const char* no_project :
       {"docker compose version", "docker compose ls", "docker-compose", "docker compose"}) {
    SourceFile other("x", no_project);
    std::optional<ComposeCommandLine> parsed = Parse(other);
    ASSERT_TRUE(parsed) << no_project;
    EXPECT_FALSE(parsed->NeedsProject()) << no_project;
  }
}

TEST(ComposeInvocationTest, FilesAreRelativeToTheWorkingDirectoryAndTheFirstOneGivesTheProject) {
  Files fs{{{"/opt/app/a.yml", ""}, {"/opt/app/b.yml", ""}, {"/opt/app/.env", "X=1\n"}, {"/opt/.env", ""}}};
  SourceFile file("x", "docker compose -f app/a.yml -f /opt/app/b.yml -f ../opt/app/missing.yml up");
  ComposeProjectFiles found = ComposeFilesOfCommand(*Parse(file), "/opt", {}, fs.Access());
  EXPECT_EQ(found.files,
            (std::vector<std::string>{"/opt/app/a.yml", "/opt/app/b.yml", "/opt/app/missing.yml"}));
  EXPECT_EQ(found.directory, "/opt/app");
  EXPECT_EQ(found.dotenv, "/opt/app/.env");  // the project directory's, not the working directory's
  ASSERT_EQ(found.missing.size(), 1u);
  EXPECT_EQ(found.missing[0].path, "/opt/app/missing.yml");
  EXPECT_EQ(found.missing[0].named_by, "-f");
  EXPECT_EQ(Where(found.missing[0].named_at), "1:50-1:72");
}

TEST(ComposeInvocationTest, ProjectDirectoryAndEnvFile) {
  Files fs{{{"/srv/app/compose.yaml", ""}, {"/srv/app/.env", ""}, {"/etc/app/prod.env", ""}}};
  SourceFile file("x", "docker compose --project-directory ../srv/app --env-file /etc/app/prod.env up");
  ComposeProjectFiles found = ComposeFilesOfCommand(*Parse(file), "/home", {}, fs.Access());
  EXPECT_EQ(found.files, (std::vector<std::string>{"/srv/app/compose.yaml"}));
  EXPECT_EQ(found.directory, "/srv/app");
  EXPECT_EQ(found.dotenv, "/etc/app/prod.env");
  EXPECT_TRUE(found.missing.empty());

  SourceFile missing_env("x", "docker compose --env-file nope.env up");
  found = ComposeFilesOfCommand(*Parse(missing_env), "/srv/app", {}, fs.Access());
  ASSERT_EQ(found.missing.size(), 1u);
  EXPECT_EQ(found.missing[0].path, "/srv/app/nope.env");
  EXPECT_EQ(found.missing[0].named_by, "--env-file");
}

TEST(ComposeInvocationTest, WithoutFileComposeFileThenTheDefaultsFromTheFolderUp) {
  Files fs{{{"/opt/app/compose.yaml", ""},
            {"/opt/app/docker-compose.yml", ""},
            {"/opt/app/docker-compose.override.yaml", ""},
            {"/opt/app/prod.yml", ""},
            {"/opt/other/.env", "COMPOSE_FILE=../app/prod.yml:extra.yml\n"}}};
  SourceFile up("x", "docker compose up -d");
  // The first default name, the first override beside it; found from a folder below too.
  for (const char* cwd : {"/opt/app", "/opt/app/config/nginx"}) {
    ComposeProjectFiles found = ComposeFilesOfCommand(*Parse(up), cwd, {}, fs.Access());
    EXPECT_EQ(found.files,
              (std::vector<std::string>{"/opt/app/compose.yaml", "/opt/app/docker-compose.override.yaml"}))
        << cwd;
    EXPECT_EQ(found.directory, "/opt/app");
  }
  // COMPOSE_FILE from the process's environment wins over the .env's, and both over the defaults.
  ComposeProjectFiles found =
      ComposeFilesOfCommand(*Parse(up), "/opt/app", {{"COMPOSE_FILE", "prod.yml"}}, fs.Access());
  EXPECT_EQ(found.files, (std::vector<std::string>{"/opt/app/prod.yml"}));
  found = ComposeFilesOfCommand(*Parse(up), "/opt/other", {}, fs.Access());
  EXPECT_EQ(found.files, (std::vector<std::string>{"/opt/app/prod.yml", "/opt/other/extra.yml"}));
  EXPECT_EQ(found.dotenv, "/opt/other/.env");
  ASSERT_EQ(found.missing.size(), 1u);
  EXPECT_EQ(found.missing[0].named_by, "COMPOSE_FILE");
  // Nothing in the folder or above it.
  found = ComposeFilesOfCommand(*Parse(up), "/srv", {}, fs.Access());
  EXPECT_TRUE(found.files.empty());
  EXPECT_EQ(found.directory, "/srv");
  // Standard input: nothing to know.
  SourceFile stdin_file("x", "docker compose -f - up");
  EXPECT_TRUE(ComposeFilesOfCommand(*Parse(stdin_file), "/opt/app", {}, fs.Access()).from_stdin);
}

TEST(ComposeInvocationTest, AFolderOnDiskKeepsItsRelativeNames) {
  Files fs{
      {{"repo/app/docker-compose.yml", ""}, {"repo/app/compose.override.yml", ""}, {"repo/app/.env", ""}}};
  ComposeProjectFiles found = ComposeFilesInFolder("repo/app", fs.Access());
  EXPECT_EQ(found.files,
            (std::vector<std::string>{"repo/app/docker-compose.yml", "repo/app/compose.override.yml"}));
  EXPECT_EQ(found.dotenv, "repo/app/.env");
  EXPECT_EQ(found.directory, "repo/app");
}

std::vector<ServiceComposeCommand> Commands(const std::vector<std::string>& texts) {
  static std::vector<std::unique_ptr<SourceFile>> sources;  // the spans point into them
  std::vector<parsers::UnitFile> units;
  base::Diagnostics diagnostics;
  for (const std::string& text : texts) {
    sources.push_back(std::make_unique<SourceFile>("unit", text));
    units.push_back(parsers::ParseSystemdUnit(*sources.back(), &diagnostics));
  }
  return ComposeCommandsOfService(units);
}

TEST(ComposeInvocationTest, AServiceRunsItsComposeCommandsInItsWorkingDirectory) {
  std::vector<ServiceComposeCommand> commands = Commands({
      "[Service]\nWorkingDirectory=/opt/app/\nEnvironment=COMPOSE_PATH_SEPARATOR=,\n"
      "ExecStartPre=/usr/bin/docker compose pull\n"
      "ExecStart=/usr/bin/docker compose -f a.yml -f b.yml up -d\n"
      "ExecStop=/usr/bin/docker compose down\n"
      "ExecReload=/usr/bin/docker compose -f a.yml -f b.yml up -d ; /usr/bin/logger reloaded\n",
  });
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_EQ(commands[0].key, "ExecStartPre");
  EXPECT_EQ(commands[0].command.subcommand, "pull");
  EXPECT_EQ(commands[1].key, "ExecStart");
  EXPECT_EQ(Values(commands[1].command.files), (std::vector<std::string>{"a.yml", "b.yml"}));
  EXPECT_EQ(commands[1].working_directory, "/opt/app");
  EXPECT_EQ(commands[1].environment.at("COMPOSE_PATH_SEPARATOR"), ",");
  EXPECT_EQ(commands[2].key, "ExecReload");

  // A drop-in resets ExecStart= and moves the service.
  commands = Commands(
      {"[Service]\nWorkingDirectory=/opt/app\nExecStart=docker compose up\n",
       "[Service]\nWorkingDirectory=-/srv/app\nExecStart=\nExecStart=docker-compose -f prod.yml up\n"});
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].working_directory, "/srv/app");
  EXPECT_EQ(Values(commands[0].command.files), (std::vector<std::string>{"prod.yml"}));

  // No WorkingDirectory=: systemd starts it in /; ~ is root's home.
  EXPECT_EQ(Commands({"[Service]\nExecStart=docker compose up\n"})[0].working_directory, "/");
  EXPECT_EQ(Commands({"[Service]\nWorkingDirectory=~\nExecStart=docker compose up\n"})[0].working_directory,
            "/root");
}

TEST(ComposeInvocationTest, WhatSystemdFillsInAtStartIsLeftOut) {
  EXPECT_TRUE(Commands({"[Service]\nWorkingDirectory=/opt/%i\nExecStart=docker compose up\n"}).empty());
  EXPECT_TRUE(Commands({"[Service]\nExecStart=docker compose -f /opt/%i/compose.yaml up\n"}).empty());
  EXPECT_TRUE(Commands({"[Service]\nExecStart=docker compose -f ${FILE} up\n"}).empty());
  EXPECT_TRUE(Commands({"[Service]\nUser=alice\nWorkingDirectory=~\nExecStart=docker compose up\n"}).empty());
  // With ':' systemd expands no variable: the '$' is the file's name.
  ASSERT_EQ(Commands({"[Service]\nExecStart=:docker compose -f /opt/$x.yml up\n"}).size(), 1u);
  // Other sections and other programs.
  EXPECT_TRUE(
      Commands({"[Unit]\nExecStart=docker compose up\n[Service]\nExecStart=/usr/bin/dockerd\n"}).empty());
}

}  // namespace
}  // namespace docklint::model
