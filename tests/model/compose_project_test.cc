#include "model/compose_project.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/rule_of.h"
#include "testing/where.h"

namespace docklint::model {
namespace {

using base::SourceFile;
using test_support::Where;

using Files = std::vector<std::pair<std::string, std::string>>;

struct Project {
  // `files` are the project's inputs; `others` the files `extends`, `include` and `env_file` may name.
  explicit Project(Files files, std::string dotenv = "", Files others = {}) {
    for (auto& [name, text] : files) sources.push_back(std::make_unique<SourceFile>(name, std::move(text)));
    for (auto& [name, text] : others) named.push_back(std::make_unique<SourceFile>(name, std::move(text)));
    ComposeProjectInputs inputs;
    for (const auto& source : sources) inputs.files.push_back({source.get(), ""});
    if (!dotenv.empty()) {
      env = std::make_unique<SourceFile>(".env", std::move(dotenv));
      inputs.dotenv = env.get();
    }
    inputs.read_file = [this](const std::string& path) -> ComposeRead {
      requested.push_back(path);
      for (const auto& file : named) {
        if (file->path() == path) return {file.get(), false, ""};
      }
      return {nullptr, true, "no such file"};
    };
    project = LoadComposeProject(inputs);
  }
  const ComposeNode* Service(std::string_view name) const {
    for (const ComposeService& s : project.services) {
      if (s.name == name) return s.definition;
    }
    return nullptr;
  }
  std::string Errors() const {
    std::string out;
    for (const base::Diagnostic& d : project.diagnostics)
      out +=
          test_support::RuleOf(d) + " " + d.span.file->path() + ":" + Where(d.span) + " " + d.message + "\n";
    return out;
  }
  std::vector<std::unique_ptr<SourceFile>> sources, named;
  std::vector<std::string> requested;
  std::unique_ptr<SourceFile> env;
  ComposeProject project;
};

std::vector<std::string> Values(const ComposeNode* node) {
  std::vector<std::string> out;
  if (node != nullptr)
    for (const ComposeNode& item : node->items) out.push_back(item.value);
  return out;
}

TEST(ComposeProjectTest, ValuesAreInterpolatedFromDotenvAndSayFromWhere) {
  Project p(Files{{"compose.yaml",
                   "services:\n  web:\n    image: \"nginx:${TAG:-latest}\"\n    ports: "
                   "[\"${BIND:-127.0.0.1}:80:80\"]\n"
                   "    cpu_shares: 512\n"}},
            "TAG=1.27\n");
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* web = p.Service("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->Find("image")->value, "nginx:1.27");
  EXPECT_EQ(web->Find("image")->origin_note, "TAG from .env:1");
  EXPECT_EQ(Where(web->Find("image")->Span({})), "3:12-3:34");
  EXPECT_EQ(Values(web->Find("ports")), (std::vector<std::string>{"127.0.0.1:80:80"}));
  EXPECT_EQ(Values(web->Find("ports"))[0], "127.0.0.1:80:80");
  EXPECT_FALSE(web->Find("cpu_shares")->is_string);
}

TEST(ComposeProjectTest, OverridesMergeAsComposeGoMergesThem) {
  Project p(Files{{"compose.yaml",
                   "services:\n"
                   "  web:\n"
                   "    image: nginx:1.27\n"
                   "    privileged: true\n"
                   "    command: [run, a]\n"
                   "    volumes: [\"./a:/a\"]\n"
                   "    environment: {A: \"1\", B: \"2\"}\n"
                   "    build: ./web\n"
                   "    depends_on: [db]\n"
                   "  db:\n"
                   "    image: postgres:16\n"},
                  {"compose.override.yaml",
                   "services:\n"
                   "  web:\n"
                   "    privileged: false\n"
                   "    command: [run, b]\n"
                   "    volumes: [\"./b:/b\"]\n"
                   "    environment: [C=3]\n"
                   "    build: {dockerfile: Dockerfile.dev}\n"
                   "    depends_on: {cache: {condition: service_healthy}}\n"}});
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* web = p.Service("web");
  EXPECT_EQ(web->Find("privileged")->value, "false");
  EXPECT_EQ(web->Find("privileged")->at->span.file, p.sources[1].get());  // decided by the override
  EXPECT_EQ(Values(web->Find("command")), (std::vector<std::string>{"run", "b"}));
  EXPECT_EQ(Values(web->Find("volumes")), (std::vector<std::string>{"./a:/a", "./b:/b"}));
  EXPECT_EQ(Values(web->Find("environment")), (std::vector<std::string>{"A=1", "B=2", "C=3"}));
  EXPECT_EQ(web->Find("build")->Find("context")->value, "./web");
  EXPECT_EQ(web->Find("build")->Find("dockerfile")->value, "Dockerfile.dev");
  EXPECT_NE(web->Find("depends_on")->Find("db"), nullptr);
  EXPECT_NE(web->Find("depends_on")->Find("cache"), nullptr);
  ASSERT_EQ(p.project.services.size(), 2u);
  // A key with no value in the base file still takes the override's items.
  Project empty(Files{{"compose.yaml", "services:\n  web:\n    environment:\n    extra_hosts:\n"},
                      {"compose.override.yaml",
                       "services:\n  web:\n    environment: [A=1]\n    extra_hosts: [h:1.2.3.4]\n"}});
  ASSERT_EQ(empty.Errors(), "");
  EXPECT_TRUE(empty.Service("web")->Find("environment")->IsSequence());
  EXPECT_EQ(Values(empty.Service("web")->Find("environment")), (std::vector<std::string>{"A=1"}));
  EXPECT_EQ(Values(empty.Service("web")->Find("extra_hosts")), (std::vector<std::string>{"h:1.2.3.4"}));
}

TEST(ComposeProjectTest, ResetAndOverrideTagsReplaceWhatCameBefore) {
  Project p(Files{{"compose.yaml", "services:\n  web:\n    ports: [\"80:80\"]\n    cap_add: [NET_ADMIN]\n"},
                  {"compose.override.yaml",
                   "services:\n  web:\n    ports: !reset []\n    cap_add: !override [CHOWN]\n"}});
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* web = p.Service("web");
  EXPECT_EQ(web->Find("ports"), nullptr);
  EXPECT_EQ(Values(web->Find("cap_add")), (std::vector<std::string>{"CHOWN"}));
}

TEST(ComposeProjectTest, AnchorsAndMergeKeysKeepTheirPlaces) {
  Project p(Files{{"compose.yaml",
                   "x-base: &base\n  privileged: true\n  restart: always\n"
                   "services:\n  web:\n    <<: *base\n    image: nginx:1.27\n"}});
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* privileged = p.Service("web")->Find("privileged");
  ASSERT_NE(privileged, nullptr);
  EXPECT_EQ(Where(privileged->Span({})), "2:15-2:19");
  EXPECT_EQ(ComposeBool(*privileged), true);
}

TEST(ComposeProjectTest, WhatComposeRefusesIsReportedAtItsPlace) {
  // A required variable may come from the shell that runs compose: not knowable at rest, not reported.
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n  web:\n    image: \"${TAG:?set TAG}\"\n"}}).Errors(),
            "");
  EXPECT_EQ(
      Project(Files{{"compose.yaml", "services:\n  web:\n    image: \"${TAG\"\n"}}).Errors(),
      "DKL0011 compose.yaml:3:12-3:19 services.web.image: invalid interpolation format in \"${TAG\" at ${ (a "
      "literal $ is written $$)\n");
  EXPECT_EQ(
      Project(Files{{"compose.yaml", "services:\n  web:\n    ports: [\"80:80\"]\n"},
                    {"compose.override.yaml", "services:\n  web:\n    ports: {a: b}\n"}})
          .Errors(),
      "DKL0011 compose.override.yaml:3:12-3:18 cannot override services.web.ports: a list is merged with a "
      "mapping\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n\tweb: {}\n"}}).Errors().substr(0, 32),
            "DKL0010 compose.yaml:2:1-2:2 inv");
  EXPECT_EQ(Project(Files{{"compose.yaml", "- a\n"}}).Errors(),
            "DKL0011 compose.yaml:1:1-1:4 the top level of a compose file must be a mapping\n");
  EXPECT_EQ(
      Project(Files{{"compose.yaml", "services:\n  web:\n    image: nginx\n    privilaged: true\n"}})
          .Errors(),
      "DKL0011 compose.yaml:4:5-4:15 additional property 'privilaged' is not allowed in services.web\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "service:\n  web: {}\n"}}).Errors(),
            "DKL0011 compose.yaml:1:1-1:8 additional property 'service' is not allowed at the top level\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "x-a: 1\nservices:\n  web: {x-b: 2, image: nginx}\n"}}).Errors(),
            "");
  Project env(Files{{"compose.yaml", "services: {}\n"}}, "MY KEY=1\n");
  EXPECT_EQ(env.Errors().substr(0, 20), "DKL0012 .env:1:1-1:7");
  EXPECT_TRUE(env.project.refused);
}

TEST(ComposeProjectTest, ProfilesAreRead) {
  Project p(Files{{"compose.yaml", "services:\n  debug:\n    image: busybox\n    profiles: [debug, dev]\n"}});
  ASSERT_EQ(p.project.services.size(), 1u);
  EXPECT_EQ(p.project.services[0].profiles, (std::vector<std::string>{"debug", "dev"}));
  ComposeNode yes;
  yes.kind = ComposeNode::Kind::kScalar;
  yes.value = "Yes";
  EXPECT_EQ(ComposeBool(yes), true);  // with a warning in compose-go: YAML 1.2 says only true
}

TEST(ComposeProjectTest, ComposeFileListsTheProjectsFiles) {
  SourceFile dotenv(".env", "DIR=deploy\nCOMPOSE_FILE=compose.yaml:${DIR}/prod.yaml\n");
  base::Diagnostics diagnostics;
  ComposeVariables variables = ReadComposeDotenv(dotenv, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(ComposeFileVariable(variables), (std::vector<std::string>{"compose.yaml", "deploy/prod.yaml"}));
  SourceFile separated(".env", "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=a.yml;b.yml\n");
  EXPECT_EQ(ComposeFileVariable(ReadComposeDotenv(separated, &diagnostics)),
            (std::vector<std::string>{"a.yml", "b.yml"}));
  SourceFile unset(".env", "TAG=1\n");
  EXPECT_TRUE(ComposeFileVariable(ReadComposeDotenv(unset, &diagnostics)).empty());
}

TEST(ComposeProjectTest, ExtendsMergesTheBaseServiceFromTheSameFileOrAnother) {
  Project p(
      Files{{"app/compose.yaml",
             "services:\n"
             "  base:\n"
             "    image: nginx:1.27\n"
             "    cap_add: [CHOWN]\n"
             "  web:\n"
             "    extends: base\n"
             "    cap_add: [NET_ADMIN]\n"
             "  worker:\n"
             "    extends: {file: ../common/base.yaml, service: hardened}\n"
             "    command: [work]\n"}},
      "",
      Files{{"common/base.yaml",
             "services:\n"
             "  hardened:\n"
             "    extends: {file: root.yaml, service: root}\n"
             "    read_only: true\n"
             "    command: [serve]\n"},
            {"common/root.yaml", "services:\n  root:\n    image: example/worker:2\n    privileged: true\n"}});
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* web = p.Service("web");
  EXPECT_EQ(web->Find("image")->value, "nginx:1.27");
  EXPECT_EQ(Values(web->Find("cap_add")), (std::vector<std::string>{"CHOWN", "NET_ADMIN"}));
  EXPECT_EQ(web->Find("extends"), nullptr);
  const ComposeNode* worker = p.Service("worker");
  EXPECT_EQ(Values(worker->Find("command")), (std::vector<std::string>{"work"}));  // replaced, not appended
  EXPECT_EQ(worker->Find("read_only")->value, "true");
  // A value keeps the place where it was written: two files away, relative to the extended file's folder.
  EXPECT_EQ(worker->Find("privileged")->at->span.file->path(), "common/root.yaml");
  EXPECT_EQ(Where(worker->Find("privileged")->Span({})), "4:17-4:21");
  EXPECT_EQ(p.project.files.size(), 3u);  // suppressions are read from every file
}

TEST(ComposeProjectTest, ExtendsThatComposeRefusesStopTheLoad) {
  EXPECT_EQ(
      Project(Files{{"compose.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"}}).Errors(),
      "DKL0011 compose.yaml:3:14-3:15 extends cycle: compose.yaml: a extends compose.yaml: b extends "
      "compose.yaml: a\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n  a:\n    extends: nothing\n"}}).Errors(),
            "DKL0011 compose.yaml:3:14-3:21 cannot extend service a in compose.yaml: service nothing not "
            "found\n");
  Project missing(Files{{"compose.yaml", "services:\n  a:\n    extends: {file: gone.yaml, service: b}\n"}});
  EXPECT_EQ(missing.Errors(),
            "DKL0011 compose.yaml:3:14-3:43 extends: cannot read gone.yaml: no such file\n");
  EXPECT_TRUE(missing.project.refused);
  EXPECT_FALSE(missing.project.complete);
  // Each file's extends are applied before the merge: an override cannot extend a service of the main file.
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n  a:\n    image: x:1\n"},
                          {"compose.override.yaml", "services:\n  b:\n    extends: a\n"}})
                .Errors(),
            "DKL0011 compose.override.yaml:3:14-3:15 cannot extend service b in compose.override.yaml: "
            "service a not found\n");
}

TEST(ComposeProjectTest, IncludeImportsAProjectWithItsOwnFolderAndDotenv) {
  Project p(Files{{"compose.yaml",
                   "include:\n"
                   "  - db/compose.yaml\n"
                   "services:\n"
                   "  web:\n"
                   "    image: nginx:1.27\n"
                   "  db:\n"
                   "    read_only: true\n"}},
            "TAG=from-main\n",
            Files{{"db/compose.yaml",
                   "services:\n"
                   "  db:\n"
                   "    image: postgres:${PG:-15}\n"
                   "    privileged: true\n"
                   "  cache:\n"
                   "    image: redis:${TAG}\n"},
                  {"db/.env", "PG=16\n"}});
  ASSERT_EQ(p.Errors(), "");
  ASSERT_EQ(p.project.services.size(), 3u);
  const ComposeNode* db = p.Service("db");
  EXPECT_EQ(db->Find("image")->value, "postgres:16");
  EXPECT_EQ(db->Find("image")->origin_note, "PG from db/.env:1");
  EXPECT_EQ(db->Find("privileged")->at->span.file->path(), "db/compose.yaml");
  EXPECT_EQ(db->Find("read_only")->value, "true");  // the including file's definition is merged over
  EXPECT_EQ(p.Service("cache")->Find("image")->value, "redis:from-main");  // the includer's variables too
}

TEST(ComposeProjectTest, IncludeCyclesAndMissingFilesStopTheLoad) {
  Project cycle(Files{{"compose.yaml", "include: [sub/compose.yaml]\nservices: {}\n"}}, "",
                Files{{"sub/compose.yaml", "include: [../compose.yaml]\nservices: {}\n"}});
  EXPECT_EQ(
      cycle.Errors(),
      "DKL0011 sub/compose.yaml:1:11-1:26 include cycle: compose.yaml includes sub/compose.yaml includes "
      "compose.yaml\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "include:\n  - path: [gone.yaml]\n"}}).Errors(),
            "DKL0011 compose.yaml:2:5-2:22 include: cannot read gone.yaml: no such file\n");
  EXPECT_EQ(Project(Files{{"compose.yaml", "include: a.yaml\n"}}).Errors(),
            "DKL0011 compose.yaml:1:10-1:16 `include` must be a list\n");
}

TEST(ComposeProjectTest, MissingRequiredEnvFileIsRefusedAndTheModelStillBuilt) {
  Project p(Files{{"app/compose.yaml",
                   "services:\n"
                   "  web:\n"
                   "    image: nginx:1.27\n"
                   "    env_file: [web.env, {path: optional.env, required: false}, present.env]\n"}},
            "", Files{{"app/present.env", "A=1\n"}});
  EXPECT_EQ(p.Errors(),
            "DKL0011 app/compose.yaml:4:16-4:23 env file app/web.env not found (`required: "
            "false` lets compose go on without it)\n");
  EXPECT_TRUE(p.project.refused);
  EXPECT_TRUE(p.project.complete);  // the rules still run
  EXPECT_EQ(p.project.services.size(), 1u);
}

TEST(ComposeProjectTest, ValuesOfTheWrongTypeAreRefusedAndYaml11BooleansWarned) {
  Project p(Files{{"compose.yaml",
                   "version: '3.8'\n"
                   "services:\n"
                   "  web:\n"
                   "    image: nginx:1.27\n"
                   "    user: 1000\n"
                   "    read_only: yes\n"
                   "    privileged: 'maybe'\n"
                   "    pids_limit: lots\n"
                   "    cpus: '0.5'\n"
                   "    ports: {a: 1}\n"}});
  EXPECT_EQ(
      p.Errors(),
      "DKL0013 compose.yaml:6:16-6:19 services.web.read_only: \"yes\" is read as true, with a warning: "
      "YAML 1.2 has no such boolean\n"
      "DKL0011 compose.yaml:7:17-7:24 services.web.privileged: invalid boolean: maybe\n"
      "DKL0011 compose.yaml:8:17-8:21 services.web.pids_limit: failed to cast to expected type: invalid "
      "integer: lots\n"
      "DKL0014 compose.yaml:1:1-1:8 the attribute `version` is obsolete, it will be ignored\n"
      "DKL0011 compose.yaml:5:11-5:15 services.web.user must be a string\n"
      "DKL0011 compose.yaml:10:12-10:18 services.web.ports must be a array\n");
  EXPECT_TRUE(p.project.complete);
  EXPECT_EQ(ComposeBool(*p.Service("web")->Find("read_only")), true);
  EXPECT_EQ(p.Service("web")->Find("cpus")->type, ComposeNode::Type::kFloat);
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n  web:\n    user: '1000'\n    cpus: 1.5\n"}}).Errors(),
            "");
  // A variable that .env does not set may come from the shell: its value is unknown, not refused.
  EXPECT_EQ(Project(Files{{"compose.yaml", "services:\n  web:\n    read_only: ${RO}\n"}}).Errors(), "");
  EXPECT_EQ(
      Project(Files{{"compose.yaml", "services:\n  web:\n    read_only: ${RO}\n"}}, "RO=maybe\n").Errors(),
      "DKL0011 compose.yaml:3:16-3:21 services.web.read_only: invalid boolean: maybe\n");
}

TEST(ComposeProjectTest, ABuiltImageIsReadFromItsDockerfileAtItsTargetStage) {
  Project p(Files{{"app/compose.yaml",
                   "services:\n"
                   "  api:\n"
                   "    extends: {file: ../common/base.yaml, service: api}\n"
                   "  debug:\n"
                   "    build: {context: ., target: debug}\n"
                   "  pulled:\n"
                   "    image: redis:7\n"}},
            "",
            Files{{"common/base.yaml", "services:\n  api:\n    build: ./api\n"},
                  {"common/api/Dockerfile", "FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n"},
                  {"app/Dockerfile", "FROM alpine:3.20 AS base\nUSER app\nFROM base AS debug\nUSER root\n"}});
  ASSERT_EQ(p.Errors(), "");
  ASSERT_EQ(p.project.services.size(), 3u);
  // The context of a service extended from another file is relative to that file.
  const ComposeBuild& api = *p.project.services[0].build;
  EXPECT_EQ(api.dockerfile, "common/api/Dockerfile");
  EXPECT_TRUE(api.read);
  EXPECT_EQ(api.user, "10001");
  EXPECT_TRUE(api.healthcheck);
  const ComposeBuild& debug = *p.project.services[1].build;
  EXPECT_EQ(debug.dockerfile, "app/Dockerfile");
  EXPECT_EQ(debug.user, "root");
  EXPECT_EQ(Where(debug.user_at), "4:1-4:10");
  EXPECT_FALSE(debug.healthcheck);
  EXPECT_FALSE(p.project.services[2].build.has_value());
}

TEST(ComposeProjectTest, ALaterItemWithTheSameKeyReplacesTheEarlierInItsPlace) {
  Project p(Files{{"compose.yaml",
                   "services:\n"
                   "  web:\n"
                   "    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\", \"data:/data\"]\n"
                   "    environment: [PASSWORD=hunter2, MODE=prod]\n"
                   "    cap_add: [NET_ADMIN]\n"
                   "    ports: [\"8080:80\"]\n"},
                  {"compose.override.yaml",
                   "services:\n"
                   "  web:\n"
                   "    volumes: [{type: bind, source: ./fake.sock, target: /var/run/docker.sock}, /cache]\n"
                   "    environment: {PASSWORD: \"${PASSWORD}\"}\n"
                   "    cap_add: [NET_ADMIN, CHOWN]\n"
                   "    ports: [\"8080:80\"]\n"}},
            "PASSWORD=from-env\n");
  ASSERT_EQ(p.Errors(), "");
  const ComposeNode* web = p.Service("web");
  const ComposeNode* volumes = web->Find("volumes");
  ASSERT_EQ(volumes->items.size(), 3u);
  EXPECT_TRUE(volumes->items[0].IsMapping());  // the override's bind, in the base's place
  EXPECT_EQ(volumes->items[0].Find("source")->value, "./fake.sock");
  EXPECT_EQ(volumes->items[1].value, "data:/data");
  EXPECT_EQ(volumes->items[2].value, "/cache");
  EXPECT_EQ(Values(web->Find("environment")), (std::vector<std::string>{"PASSWORD=from-env", "MODE=prod"}));
  EXPECT_EQ(Values(web->Find("cap_add")), (std::vector<std::string>{"NET_ADMIN", "CHOWN"}));
  EXPECT_EQ(Values(web->Find("ports")), (std::vector<std::string>{"8080:80"}));
}

TEST(ComposeProjectTest, NestingOfExtendsAndIncludesIsBounded) {
  std::string chain = "services:\n";
  for (int i = 0; i < 150; ++i)
    chain += "  s" + std::to_string(i) + ": {extends: s" + std::to_string(i + 1) + "}\n";
  chain += "  s150: {image: x:1}\n";
  Project extends(Files{{"compose.yaml", chain}});
  EXPECT_NE(extends.Errors().find("extends: more than 100 services extend one another"), std::string::npos)
      << extends.Errors();
  // A folder linked into itself: every level is a new path to the same file.
  std::vector<std::pair<std::string, std::string>> levels;
  std::string path = "compose.yaml";
  for (int i = 0; i < 120; ++i) {
    path = "loop/" + path;
    levels.push_back({path, "include: [loop/compose.yaml]\n"});
  }
  Project include(Files{{"compose.yaml", "include: [loop/compose.yaml]\n"}}, "", levels);
  EXPECT_NE(include.Errors().find("include: more than 100 projects include one another"), std::string::npos)
      << include.Errors();
}

TEST(ComposeProjectTest, LimitsGivenTwiceMustAgree) {
  EXPECT_EQ(
      Project(Files{{"compose.yaml",
                     "services:\n  app:\n    mem_limit: 512m\n    deploy: {resources: {limits: {memory: "
                     "256M}}}\n"}})
          .Errors(),
      "DKL0011 compose.yaml:3:16-3:20 services.app: can't set distinct values on 'mem_limit' and "
      "'deploy.resources.limits.memory'\n");
  // A limits block without the key says 0.
  EXPECT_EQ(Project(Files{{"compose.yaml",
                           "services:\n  app:\n    cpus: 0.5\n    deploy: {resources: {limits: {}}}\n"}})
                .Errors(),
            "DKL0011 compose.yaml:3:11-3:14 services.app: can't set distinct values on 'cpus' and "
            "'deploy.resources.limits.cpus'\n");
  EXPECT_EQ(Project(Files{{"compose.yaml",
                           "services:\n  app:\n    mem_limit: 512m\n    pids_limit: 100\n"
                           "    deploy: {resources: {limits: {memory: 0.5GiB, pids: 100}}}\n"}})
                .Errors(),
            "");
}

}  // namespace
}  // namespace docklint::model
