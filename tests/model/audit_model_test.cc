#include "model/audit_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "testing/audit_rules_file.h"

namespace docklint::model {
namespace {

using base::SourceFile;
using parsers::AuditRule;
using parsers::AuditRules;
using Kind = AuditRule::Kind;

using Parsed = test_support::ParsedAuditRules;

Parsed Parse(std::string content, std::string path = "audit.rules") {
  return test_support::ParseAuditRulesText(std::move(content), std::move(path));
}

// ---- FindCoveringRule ----

const AuditRule* Covering(const Parsed& p, std::string_view path) { return FindCoveringRule(p.rules, path); }

TEST(AuditModelTest, WatchesCoverThePathAndEverythingBelowADirectory) {
  Parsed p = Parse("-w /etc/docker -k docker\n-w /usr/bin/dockerd/ -p wa\n");
  const AuditRule* watch = &p.rules.rules[0];
  EXPECT_EQ(Covering(p, "/etc/docker"), watch);
  EXPECT_EQ(Covering(p, "/etc/docker/daemon.json"), watch);
  EXPECT_EQ(Covering(p, "/etc/docker/certs.d/registry/ca.crt"), watch);
  EXPECT_EQ(Covering(p, "//etc//docker/./daemon.json/"), watch);
  EXPECT_EQ(Covering(p, "/etc/dockerfoo"), nullptr);
  EXPECT_EQ(Covering(p, "/etc"), nullptr);
  EXPECT_EQ(Covering(p, "etc/docker"), nullptr);
  EXPECT_EQ(Covering(p, ""), nullptr);
  EXPECT_EQ(Covering(p, "/usr/bin/dockerd"), &p.rules.rules[1]);
}

// Found by scaling the inputs: every line searched the rest of the file for a NUL byte, and every -A rule
// was inserted at the front of a vector; 40,000 lines took seconds, each of the twenty audit checks again.
TEST(AuditModelTest, ManyLinesAndPrependsStayLinear) {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "-A exit,always -F path=/p" + std::to_string(i) + " -F perm=wa\n";
  text += "-w /usr/bin/dockerd -p wa -k docker\n";
  auto start = std::chrono::steady_clock::now();
  Parsed p = Parse(text);
  EXPECT_EQ(Covering(p, "/usr/bin/dockerd"), &p.rules.rules.back());
  EXPECT_EQ(Covering(p, "/p39999"), &p.rules.rules[39999]);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took.count(), 10);
}

// Found by scaling the inputs: every -W compared its watch with every rule in the list (20,000 -W after
// 20,000 -w took 90 s over the audit checks).
TEST(AuditModelTest, ManyDeletesStayLinear) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "-w /x" + std::to_string(i) + " -p wa\n";
  for (int i = 19999; i >= 1; --i) text += "-W /x" + std::to_string(i) + " -p wa\n";
  auto start = std::chrono::steady_clock::now();
  Parsed p = Parse(text);
  EXPECT_EQ(Covering(p, "/x0"), &p.rules.rules[0]);
  EXPECT_EQ(Covering(p, "/x1"), nullptr);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took.count(), 10);
}

TEST(AuditModelTest, PathNamesOneInodeAndDirATree) {
  Parsed path = Parse("-a exit,always -F path=/var/lib/docker -F perm=war -k docker\n");
  EXPECT_NE(Covering(path, "/var/lib/docker"), nullptr);
  EXPECT_EQ(Covering(path, "/var/lib/docker/volumes"), nullptr);

  Parsed dir = Parse("-a always,exit -F dir=/var/lib/docker/ -F perm=wa -k docker\n");
  EXPECT_NE(Covering(dir, "/var/lib/docker"), nullptr);
  EXPECT_NE(Covering(dir, "/var/lib/docker/volumes"), nullptr);
  EXPECT_EQ(Covering(dir, "/var/lib/dockerd"), nullptr);

  Parsed root = Parse("-a always,exit -F dir=/ -F perm=w\n");
  EXPECT_NE(Covering(root, "/etc/docker/daemon.json"), nullptr);
}

TEST(AuditModelTest, OnlyWritesAndAttributeChangesCount) {
  EXPECT_EQ(Covering(Parse("-w /etc/docker -p r\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-w /etc/docker -p rx\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-w /etc/docker -p a\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-w /etc/docker -p w -p r -p W\n"), "/etc/docker"), nullptr);  // the last -p wins
  EXPECT_EQ(Covering(Parse("-w /etc/docker -p w -p r\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-a always,exit -F path=/etc/docker -F perm=rx\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-a always,exit -F path=/etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-a always,exit -F path=/etc/docker -p wa\n"), "/etc/docker"), nullptr);
  // Rules without a path or dir, on other lists, or "never" do not count.
  EXPECT_EQ(Covering(Parse("-a always,exit -F perm=wa\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-a always,exit -S all\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-a never,exit -F path=/etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-a always,user -F uid=0\n"), "/etc/docker"), nullptr);
  // Conditions of the always rule are not weighed: some writes are audited.
  EXPECT_NE(Covering(Parse("-a always,exit -F dir=/etc -F success=0 -F auid>=1000\n"), "/etc/docker"),
            nullptr);
}

TEST(AuditModelTest, AnEarlierNeverRuleWinsAndALaterOneDoesNot) {
  // CIS 1.8's 1.1.5 lists its exclusions after the always rule: first match wins, so they do nothing.
  Parsed after = Parse(
      "-a exit,always -F dir=/var/lib/docker -F perm=war -k docker\n"
      "-a exit,never -F dir=/var/lib/docker/volumes\n");
  EXPECT_EQ(Covering(after, "/var/lib/docker/volumes/x/_data"), &after.rules.rules[0]);

  Parsed before = Parse(
      "-a exit,never -F dir=/var/lib/docker/volumes\n"
      "-a exit,always -F dir=/var/lib/docker -F perm=war -k docker\n"
      "-w /var/lib/docker/volumes/important -k docker\n");
  EXPECT_EQ(Covering(before, "/var/lib/docker/volumes/x/_data"), nullptr);
  EXPECT_EQ(Covering(before, "/var/lib/docker/volumes/important"), nullptr);
  EXPECT_EQ(Covering(before, "/var/lib/docker/volumesx"), &before.rules.rules[1]);
  EXPECT_EQ(Covering(before, "/var/lib/docker/image"), &before.rules.rules[1]);

  // -A puts a later never rule first.
  Parsed prepended = Parse("-w /etc/docker -k docker\n-A never,exit -F path=/etc/docker/daemon.json\n");
  EXPECT_EQ(Covering(prepended, "/etc/docker/daemon.json"), nullptr);
  EXPECT_EQ(Covering(prepended, "/etc/docker/other.json"), &prepended.rules.rules[0]);

  // A never,exit rule without fields drops everything after it.
  EXPECT_EQ(Covering(Parse("-a never,exit\n-w /etc/docker\n"), "/etc/docker"), nullptr);
}

TEST(AuditModelTest, AConditionalNeverRuleLeavesOtherWritesAudited) {
  const char* kept[] = {
      "-a never,exit -F dir=/etc/docker -F uid=1000\n",         // only uid 1000's writes are dropped
      "-a never,exit -F dir=/etc/docker -F perm=r\n",           // only reads
      "-a never,exit -F dir=/etc/docker -F perm=w\n",           // attribute changes are still audited
      "-a never,exit -F arch=b32 -S all -F dir=/etc/docker\n",  // only 32-bit syscalls
      "-a never,exit -S open -F dir=/etc/docker\n",             // only open(2)
      "-a never,exit -F path=/etc/docker\n",                    // another inode
  };
  for (const char* never : kept) {
    Parsed p = Parse(std::string(never) + "-w /etc/docker/daemon.json -p wa\n");
    EXPECT_EQ(Covering(p, "/etc/docker/daemon.json"), &p.rules.rules[1]) << never;
  }
  const char* dropping[] = {
      "-a never,exit -F dir=/etc/docker -F perm=wa\n",
      "-a never,exit -F arch=b64 -S openat -F dir=/etc/docker\n",
      "-a never,exit -S all -F path=/etc/docker/daemon.json -k quiet\n",
  };
  for (const char* never : dropping) {
    Parsed p = Parse(std::string(never) + "-a always,exit -F arch=b64 -S openat -F dir=/etc -F perm=wa\n");
    EXPECT_EQ(Covering(p, "/etc/docker/daemon.json"), nullptr) << never;
  }
}

TEST(AuditModelTest, ReplaysDeletesTheLockAndTheTaskList) {
  EXPECT_EQ(Covering(Parse("-w /etc/docker\n-D\n"), "/etc/docker"), nullptr);
  Parsed keyed = Parse("-w /etc/docker -k docker\n-w /etc/containerd -k other\n-D -k docker\n");
  EXPECT_EQ(Covering(keyed, "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(keyed, "/etc/containerd"), &keyed.rules.rules[1]);
  // -W deletes only the exact watch.
  EXPECT_EQ(Covering(Parse("-w /etc/docker -k d\n-W /etc/docker/ -k d\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-w /etc/docker\n-W /etc/docker -p rwxa\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-w /etc/docker -p wa\n-W /etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-w /etc/docker -k d\n-W /etc/docker\n"), "/etc/docker"), nullptr);
  // -d deletes the exact syscall rule.
  EXPECT_EQ(Covering(Parse("-a always,exit -F dir=/etc -F perm=wa\n-d exit,always -F dir=/etc -F perm=wa\n"),
                     "/etc/docker"),
            nullptr);
  EXPECT_NE(
      Covering(Parse("-a always,exit -F dir=/etc -F perm=wa\n-d exit,always -F dir=/etc\n"), "/etc/docker"),
      nullptr);
  // Of two identical watches -W deletes one; a watch -D removed is not deleted again.
  EXPECT_NE(Covering(Parse("-w /etc/docker\n-w /etc/docker\n-W /etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(
      Covering(Parse("-w /etc/docker\n-w /etc/docker\n-W /etc/docker\n-W /etc/docker\n"), "/etc/docker"),
      nullptr);
  Parsed again =
      Parse("-w /etc/docker -k a\n-D -k a\n-w /etc/docker -k a\n-W /etc/docker -k a\n-w /etc/docker -k a\n");
  EXPECT_EQ(Covering(again, "/etc/docker"), &again.rules.rules[4]);
  // Nothing loads after -e 2.
  EXPECT_EQ(Covering(Parse("-e 2\n-w /etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_NE(Covering(Parse("-e 1\n-w /etc/docker\n"), "/etc/docker"), nullptr);
  // A never,task rule without fields (Debian's 10-no-audit.rules) turns syscall auditing off.
  EXPECT_EQ(Covering(Parse("-a task,never\n-w /etc/docker\n"), "/etc/docker"), nullptr);
  EXPECT_EQ(Covering(Parse("-a task,never\n-D\n-w /etc/docker\n"), "/etc/docker") != nullptr, true);
  EXPECT_NE(Covering(Parse("-a never,task -F uid=1000\n-w /etc/docker\n"), "/etc/docker"), nullptr);
}

// ---- MergeRulesD and NaturalLess ----

// What a merged rule came from: "file:line control-or-path".
std::string Origin(const AuditRule& r) {
  std::string what = r.kind == Kind::kControl
                         ? r.control + (r.control_value.empty() ? "" : " " + r.control_value)
                     : r.path.empty() ? r.action + "," + r.list
                                      : r.path;
  return r.file->path() + ":" + std::to_string(r.span.range().begin.line) + " " + what;
}

TEST(AuditModelTest, MergeRulesDOrdersFilesNaturallyAndMovesDBFAndE) {
  std::vector<std::unique_ptr<Parsed>> parsed;
  std::vector<std::pair<std::string, AuditRules>> files;
  auto add = [&](const std::string& name, std::string content) {
    parsed.push_back(std::make_unique<Parsed>(Parse(std::move(content), name)));
    files.emplace_back(name, parsed.back()->rules);
  };
  add("99-finalize.rules", "-e 2\n");
  add("30-docker.rules", "-w /etc/docker -k docker\n-b 320 -r 100\n-D -k old\n-e 1\n");
  add("10-base-config.rules", "## base\n\n-D\n-b 8192 -f 1\n--backlog_wait_time 60000\n");
  add("9-first.rules", "-a never,exit -F dir=/var/lib/docker/volumes\n-D\n-f 2\n");
  add("README", "-w /not/a/rules/file\n");
  add(".hidden.rules", "-w /hidden\n");
  add("audit.rules.bak", "-w /backup\n");
  AuditRules merged = MergeRulesD(files);
  std::vector<std::string> seen;
  for (const auto& r : merged.rules) seen.push_back(Origin(r));
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "10-base-config.rules:3 -D",
                      "30-docker.rules:2 -b 320",  // the last -b line moves whole
                      "30-docker.rules:2 -r 100",
                      "9-first.rules:3 -f 2",  // "-b 8192 -f 1" is a -b line
                      "9-first.rules:1 never,exit",
                      "10-base-config.rules:5 --backlog_wait_time 60000",
                      "30-docker.rules:1 /etc/docker",
                      "30-docker.rules:3 -D",
                      "99-finalize.rules:1 -e 2",
                  }));
  // The merged set answers for the host.
  EXPECT_NE(FindCoveringRule(merged, "/etc/docker/daemon.json"), nullptr);
  EXPECT_TRUE(MergeRulesD({}).rules.empty());
}

TEST(AuditModelTest, NaturalLessMatchesLsDashV) {
  // `ls -1v` (coreutils 9.1) of these names.
  const std::vector<std::string> expected = {
      "0.rules",
      "00.rules",
      "1.rules",
      "1.5.rules",
      "1.10.rules",
      "2.tar.gz.rules",
      "9x.rules",
      "9-x.rules",
      "10.rules",
      "10a.rules",
      "10-a.rules",
      "10-base.rules",
      "10-base-config.rules",
      "010-zero.rules",
      "11-loginuid.rules",
      "20-dont-audit.rules",
      "20.1.rules",
      "30-ospp-v42.rules",
      "30-ospp-v42-1-create-failed.rules",
      "30-stig.rules",
      "43-module-load.rules",
      "99-finalize.rules",
      "A.rules",
      "a~.rules",
      "a.rules",
      "audit.rules",
      "z.rules",
      "-x.rules",
      "_x.rules",
  };
  std::vector<std::string> names = expected;
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(names.begin(), names.end(), random);
    std::sort(names.begin(), names.end(), NaturalLess);
    ASSERT_EQ(names, expected);
  }
  EXPECT_FALSE(NaturalLess("10-a.rules", "9x.rules"));
  EXPECT_TRUE(NaturalLess("9x.rules", "10-a.rules"));
  EXPECT_FALSE(NaturalLess("a.rules", "a.rules"));
  EXPECT_TRUE(NaturalLess(".", ".."));
  EXPECT_TRUE(NaturalLess(".hidden", "a"));
  EXPECT_TRUE(NaturalLess("", "a"));
}

TEST(AuditModelTest, LoadsRulesDWhenItHasRulesElseAuditRules) {
  Parsed main = Parse("-w /etc/docker -k docker\n", "/etc/audit/audit.rules");
  Parsed extra = Parse("-w /usr/bin/dockerd -k docker\n", "/etc/audit/rules.d/docker.rules");
  std::optional<AuditModel> only_main =
      LoadAuditModel({{"/etc/audit/audit.rules", main.file.get(), main.rules}});
  ASSERT_TRUE(only_main);
  EXPECT_NE(only_main->FindCoveringRule("/etc/docker/daemon.json"), nullptr);
  EXPECT_EQ(only_main->anchor.file, main.file.get());
  // augenrules replaces audit.rules with what rules.d holds: the watch of /etc/docker is gone.
  std::optional<AuditModel> both =
      LoadAuditModel({{"/etc/audit/audit.rules", main.file.get(), main.rules},
                      {"/etc/audit/rules.d/docker.rules", extra.file.get(), extra.rules}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->FindCoveringRule("/etc/docker/daemon.json"), nullptr);
  EXPECT_NE(both->FindCoveringRule("/usr/bin/dockerd"), nullptr);
  EXPECT_EQ(both->anchor.file, extra.file.get());
  EXPECT_FALSE(LoadAuditModel({}));
}

}  // namespace
}  // namespace docklint::model
