#include "parsers/audit_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <sstream>

#include "model/audit_model.h"
#include "testing/audit_rules_file.h"
#include "testing/rule_of.h"
#include "testing/where.h"

namespace docklint::parsers {
namespace {

using base::SourceFile;
using base::SourceSpan;
using Kind = AuditRule::Kind;

using Parsed = test_support::ParsedAuditRules;

Parsed Parse(std::string content, std::string path = "audit.rules") {
  return test_support::ParseAuditRulesText(std::move(content), std::move(path));
}

using test_support::Where;

// Every diagnostic as "where: message".
std::vector<std::string> Describe(const base::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) {
    EXPECT_TRUE(test_support::RuleOf(d) == "DKL4001" || test_support::RuleOf(d) == "DKL4002")
        << test_support::RuleOf(d);
    out.push_back(Where(d.span) + ": " + d.message);
  }
  return out;
}

TEST(AuditRulesTest, ParsesWatchesSyscallRulesAndControlsWithExactSpans) {
  Parsed p = Parse(
      "## Docker audit rules\n"
      "\n"
      "-D\n"
      "-w /etc/docker -p wa -k docker\n"
      "-a exit,always -F path=/var/lib/docker -F perm=war -k docker\n"
      "   -A never,exit -F arch=b64 -S open,openat -S unlink -F auid>=1000 -F key=a -k b\n"
      "-W /etc/default/docker\n"
      "-d always,exit -F dir=/run/containerd\n");
  EXPECT_TRUE(p.diagnostics.empty()) << ::testing::PrintToString(Describe(p.diagnostics));
  ASSERT_EQ(p.rules.rules.size(), 6u);

  const AuditRule& d = p.rules.rules[0];
  EXPECT_EQ(d.kind, Kind::kControl);
  EXPECT_EQ(d.control, "-D");
  EXPECT_EQ(Where(d.span), "3:1-3:3");
  EXPECT_EQ(d.file, p.file.get());

  const AuditRule& watch = p.rules.rules[1];
  EXPECT_EQ(watch.kind, Kind::kWatch);
  EXPECT_EQ(watch.path, "/etc/docker");
  EXPECT_EQ(Where(watch.path_span), "4:4-4:15");
  EXPECT_EQ(watch.permissions, "wa");
  EXPECT_EQ(watch.keys, std::vector<std::string>{"docker"});
  EXPECT_EQ(Where(watch.span), "4:1-4:31");

  const AuditRule& path = p.rules.rules[2];
  EXPECT_EQ(path.kind, Kind::kSyscall);
  EXPECT_EQ(path.action, "always");
  EXPECT_EQ(path.list, "exit");
  EXPECT_FALSE(path.prepend);
  ASSERT_EQ(path.fields.size(), 2u);
  EXPECT_EQ(path.fields[0].name, "path");
  EXPECT_EQ(path.fields[0].op, "=");
  EXPECT_EQ(path.fields[0].value, "/var/lib/docker");
  EXPECT_EQ(Where(path.fields[0].span), "5:19-5:39");
  EXPECT_EQ(path.fields[1].name, "perm");
  EXPECT_EQ(path.fields[1].value, "war");
  EXPECT_EQ(path.keys, std::vector<std::string>{"docker"});

  const AuditRule& never = p.rules.rules[3];
  EXPECT_EQ(never.kind, Kind::kSyscall);
  EXPECT_TRUE(never.prepend);
  EXPECT_EQ(never.action, "never");
  EXPECT_EQ(never.syscalls, (std::vector<std::string>{"open", "openat", "unlink"}));
  ASSERT_EQ(never.fields.size(), 2u);
  EXPECT_EQ(never.fields[1].name, "auid");
  EXPECT_EQ(never.fields[1].op, ">=");
  EXPECT_EQ(never.fields[1].value, "1000");
  EXPECT_EQ(never.keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Where(never.span), "6:1-6:82");

  EXPECT_EQ(p.rules.rules[4].kind, Kind::kDeleteWatch);
  EXPECT_EQ(p.rules.rules[4].path, "/etc/default/docker");

  const AuditRule& del = p.rules.rules[5];
  EXPECT_EQ(del.kind, Kind::kControl);
  EXPECT_EQ(del.control, "-d");
  EXPECT_EQ(del.control_value, "always,exit");
  EXPECT_EQ(del.list, "exit");
  ASSERT_EQ(del.fields.size(), 1u);
  EXPECT_EQ(del.fields[0].name, "dir");
}

TEST(AuditRulesTest, ReadsControlOptionsAsGetoptLongDoes) {
  Parsed p = Parse(
      "-b 8192\n"
      "-f 1\n"
      "--backlog_wait_time 60000\n"
      "--backlog_wait_time=60000\n"
      "--backlog 60000\n"
      "-r 0\n"
      "-i\n"
      "-c\n"
      "--loginuid-immutable\n"
      "-b 320 -f 2\n"
      "-D -k docker\n"
      "--\n"
      "-e 2\n");
  EXPECT_TRUE(p.diagnostics.empty()) << ::testing::PrintToString(Describe(p.diagnostics));
  std::vector<std::string> seen;
  for (const auto& r : p.rules.rules) {
    ASSERT_EQ(r.kind, Kind::kControl);
    seen.push_back(r.control + "=" + r.control_value);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"-b=8192", "-f=1", "--backlog_wait_time=60000",
                                            "--backlog_wait_time=60000", "--backlog_wait_time=60000", "-r=0",
                                            "-i=", "-c=", "--loginuid-immutable=", "-b=320", "-f=2",
                                            "-D=", "-e=2"}));
  // Two options on one line are two entries of that line.
  EXPECT_EQ(p.rules.rules[9].span, p.rules.rules[10].span);
  EXPECT_EQ(p.rules.rules[11].keys, std::vector<std::string>{"docker"});
}

TEST(AuditRulesTest, SplitsWordsAtSpacesOnlyWithBackslashEscapesAndGetoptForms) {
  Parsed p = Parse(
      "-w /srv/my\\ dir -k a\\\\b\n"
      "-w/etc/docker -pwa\n"
      "-w /etc/docker/// -k \"docker\"\n"
      "    -w /usr/bin/dockerd -k docker\n"
      "    # an indented comment\n"
      "#-w /commented/out\n"
      "-a always,exit -F PATH=/run/containerd -F Perm=WA\n");
  EXPECT_TRUE(p.diagnostics.empty()) << ::testing::PrintToString(Describe(p.diagnostics));
  ASSERT_EQ(p.rules.rules.size(), 5u);
  EXPECT_EQ(p.rules.rules[0].path, "/srv/my dir");
  EXPECT_EQ(Where(p.rules.rules[0].path_span), "1:4-1:16");
  EXPECT_EQ(p.rules.rules[0].keys, std::vector<std::string>{"a\\b"});
  EXPECT_EQ(p.rules.rules[1].path, "/etc/docker");
  EXPECT_EQ(Where(p.rules.rules[1].path_span), "2:3-2:14");
  EXPECT_EQ(p.rules.rules[1].permissions, "wa");
  EXPECT_EQ(p.rules.rules[2].path, "/etc/docker");  // auditctl trims trailing slashes
  EXPECT_EQ(p.rules.rules[2].keys, std::vector<std::string>{"\"docker\""});  // quotes are plain bytes
  EXPECT_EQ(p.rules.rules[3].path, "/usr/bin/dockerd");
  EXPECT_EQ(Where(p.rules.rules[3].span), "4:1-4:34");
  ASSERT_EQ(p.rules.rules[4].fields.size(), 2u);
  EXPECT_EQ(p.rules.rules[4].fields[0].name, "path");  // field names are case-insensitive
  EXPECT_EQ(p.rules.rules[4].fields[1].name, "perm");
  EXPECT_EQ(p.rules.rules[4].fields[1].value, "WA");
}

struct BadLine {
  std::string line;
  std::string where;    // of the single diagnostic, on line 1
  std::string message;  // a part of it
};

TEST(AuditRulesTest, EveryInvalidLineGetsOneDiagnosticAtTheOffendingTokenAndIsSkipped) {
  std::string long_key(257, 'k');
  const BadLine cases[] = {
      {"-x", "1:1-1:3", "unknown option '-x'"},
      {"--bogus 1", "1:1-1:8", "unknown option '--bogus'"},
      {"--reset", "1:1-1:8", "ambiguous option '--reset'"},
      {"--loginuid-immutable=1", "1:1-1:23", "takes no value"},
      {"-w etc/docker", "1:4-1:14", "needs an absolute path, not 'etc/docker'"},
      {"-w /", "1:4-1:5", "-w / is not a usable watch"},
      {"-w ///", "1:4-1:7", "-w / is not a usable watch"},
      {"-w /etc/docker -p rwz", "1:21-1:22", "permission 'z' is not one of r, w, x, a"},
      {"-w /etc/docker -p rwxaw", "1:19-1:24", "is too long"},
      {"-w", "1:1-1:3", "-w needs a value"},
      {"-w /etc/docker -k", "1:16-1:18", "-k needs a value"},
      {"--backlog_wait_time", "1:1-1:20", "--backlog_wait_time needs a value"},
      {"-w /etc/docker -S open", "", ""},  // a warning, see below: this one is kept
      {"-a always,exit -F path", "1:19-1:23", "-F 'path' has no operator"},
      {"-a always,exit -F path=", "1:23-1:24", "-F path has no value after '='"},
      {"-a always,exit -F =x", "1:19-1:20", "-F has no field name before '='"},
      {"-a always,exit -F bogus=1", "1:19-1:24", "unknown field 'bogus'"},
      {"-a always,foo", "1:11-1:14", "'foo' is neither an action"},
      {"-a always", "1:4-1:10", "needs action,list or list,action"},
      {"-a always,never", "1:4-1:16", "needs one action"},
      {"-a ALWAYS,exit", "1:4-1:10", "'ALWAYS' is neither"},
      {"-a possible,exit", "1:4-1:12", "'possible' is no longer supported"},
      {"-a always,task -S open", "1:16-1:18", "-S is for the exit list"},
      {"-S open -a always,user", "1:12-1:23", "-S is for the exit list"},
      {"-S open", "1:1-1:3", "-S needs -a or -A before it"},
      {"-a always,exit -S open -F arch=b64", "1:27-1:31", "arch must come before -S"},
      {"-a always,exit -S open,bad-name", "1:24-1:32", "unknown syscall 'bad-name'"},
      {"-a always,exit -F arch=b64 -S unlink -S rm", "1:41-1:43", "unknown syscall 'rm'"},
      {"-a always,exit -F arch=ARCH -S mount", "1:24-1:28", "unknown arch 'ARCH'"},
      {"-F path=/x -a always,exit", "1:1-1:3", "-F needs -a, -A or -d before it"},
      {"-k docker -w /etc/docker", "1:1-1:3", "-k needs a watch"},
      {"-a always,exit -F uid=0 -k x", "1:25-1:27", "-k needs a watch"},
      {"-p wa -w /etc/docker", "1:1-1:3", "-p needs a watch"},
      {"-a always,exit -p wa", "1:16-1:18", "-p on a syscall rule needs -F path= or -F dir="},
      {"-w /etc/docker -k " + long_key, "1:19-1:276", "longer than 256 bytes together"},
      {"-w /etc/docker # watch docker", "1:16-1:17", "no trailing comments"},
      {"-w /etc/docker extra", "1:16-1:21", "'extra' is not an option"},
      {"-w\t/etc/docker", "1:3-1:15", "needs an absolute path, not '\\t/etc/docker'"},
      {"-w /etc/docker\t-k docker", "1:19-1:25", "splits words at spaces only, not at tabs"},
      {"\t# tab-indented comment", "1:1-1:3", "not at tabs"},
      {"-e 3", "1:4-1:5", "-e takes 0, 1 or 2, not '3'"},
      {"-f panic", "1:4-1:9", "-f takes 0, 1 or 2"},
      {"-b abc", "1:4-1:7", "-b needs a number, not 'abc'"},
      {"-r -1", "1:4-1:6", "-r needs a number"},
      {"-D extra", "1:4-1:9", "only -k key may follow -D"},
      {"-D -k", "1:4-1:6", "-D takes a single -k key"},
      {"-b 64 -D", "1:7-1:9", "-D must start its line"},
      {"-w /etc/docker -i", "1:16-1:18", "does not load the rule"},
      {"-i -w /etc/docker", "1:4-1:6", "-i must end its line"},
      {"-ic", "1:3-1:4", "-i must end its line"},
      {"-R /etc/audit/x.rules", "1:1-1:3", "nested rule files"},
      {"-h", "1:1-1:3", "help"},
      {"-a always,exit -a always,exit", "1:16-1:18", "starts a second rule"},
      {"-w /etc/docker -w /etc/containerd", "1:16-1:18", "starts a second rule"},
      {"-a always,exit -F path=/etc/docker/", "1:24-1:36", "ends with '/'"},
      {"-a always,exit -F path=/", "1:24-1:25", "ends with '/'"},
      {"-a always,exit -F path!=/etc/docker", "1:23-1:25", "path only takes ="},
      {"-a always,exit -F path=etc", "1:24-1:27", "path needs an absolute path"},
      {"-a always,exit -F path=/x -F dir=/y", "1:30-1:33", "one path or dir field"},
      {"-w /x -F path=/y", "1:10-1:14", "one path or dir field"},
      {"-a always,exit -F path=/x -F perm=wz", "1:36-1:37", "permission 'z'"},
      {"-a always,exit -F perm!=wa", "1:23-1:25", "perm only takes ="},
      {"-a always,task -F path=/x", "1:19-1:23", "path can only be used on the exit list"},
      {"-a always,exit -F msgtype=CWD", "1:19-1:26", "msgtype can only be used"},
      {"-a always,exit -F fstype=tracefs", "1:19-1:25", "fstype can only be used"},
      {"-a always,exit -F success=yes", "1:27-1:30", "success needs a number"},
      {"-a always,exit -F filetype=pipe", "1:28-1:32", "unknown file type 'pipe'"},
      {"-a always,exit -F exit=nope", "1:24-1:28", "exit needs a number or an errno name"},
      {"-a always,exit -F exit=-EBOGUS", "1:24-1:31", "exit needs a number or an errno name"},
      {"-a always,exit -F exit=-eacces", "", ""},  // errno names are case-insensitive
      {"-a always,exit -F path=/x -F uid&=1", "1:33-1:35", "bit operators on uid"},
      {"-a always,exit -F a1&0x4", "", ""},
      {"-a always,exit -F inode>5", "1:24-1:25", "inode only takes = and !="},
      {"-a always,exit -F path=/x -F key!=a", "", ""},  // libaudit and the kernel take it
      {"-a always,exit -F key<a", "1:22-1:23", "key only takes = and !="},
      {"-a always,exit -F uid=0 -F KEY=a", "1:28-1:33", "a key field needs a watch or syscall"},
      {"-a always,exit -F a0=x", "1:22-1:23", "a0 needs a number"},
      {"-C auid!=obj_uid", "1:1-1:3", "-C can only be used on the exit list"},
      {"-a always,exit -C auid!=gid", "1:19-1:28", "-C compares two different uid fields"},
      {"foo", "1:1-1:4", "'foo' is not an option"},
      {"\xEF\xBB\xBF-w /etc/docker", "1:1-1:6", "byte order mark"},
      {"-m", "1:1-1:3", "-m needs a value"},
      {"-m hello\tworld", "1:4-1:15", "-m text with a control character 'hello\\tworld'"},
      {"--signal BOGUS", "1:10-1:15", "is not a signal"},
      {"-q /mnt", "1:4-1:8", "-q needs mount-point,subtree"},
      {"-- -w /x", "1:4-1:6", "'-w' follows '--'"},
  };
  for (const auto& c : cases) {
    Parsed p = Parse(c.line + "\n");
    std::vector<std::string> seen = Describe(p.diagnostics);
    if (c.where.empty()) {
      EXPECT_EQ(p.rules.rules.size(), 1u) << c.line;
      continue;
    }
    EXPECT_TRUE(p.rules.rules.empty()) << c.line;
    ASSERT_EQ(seen.size(), 1u) << c.line << "\n" << ::testing::PrintToString(seen);
    EXPECT_EQ(Where(p.diagnostics[0].span), c.where) << c.line << "\n" << seen[0];
    EXPECT_NE(p.diagnostics[0].message.find(c.message), std::string::npos) << c.line << "\n" << seen[0];
  }
}

TEST(AuditRulesTest, AnInvalidLineDoesNotStopTheNextOnes) {
  Parsed p = Parse("-w etc/docker\n-w /etc/docker\n");
  EXPECT_EQ(p.diagnostics.size(), 1u);
  ASSERT_EQ(p.rules.rules.size(), 1u);
  EXPECT_EQ(Where(p.rules.rules[0].span), "2:1-2:15");
}

TEST(AuditRulesTest, LinesThatLoadButNotAsMeantAreKeptWithADiagnostic) {
  std::string key40(40, 'k');
  Parsed p = Parse(
      "-w /etc/docker -S open -k docker\n"
      "-w /etc/containerd -F uid=0\n"
      "-w /usr/bin/docker -k " +
      key40 +
      "\n"
      "-w /etc/docker/*.json\n"
      "-w /etc/docker -k a\x01"
      "b\n");
  ASSERT_EQ(p.rules.rules.size(), 5u);
  EXPECT_EQ(p.rules.rules[0].syscalls, std::vector<std::string>{"open"});
  EXPECT_EQ(p.rules.rules[2].keys, std::vector<std::string>{key40});
  EXPECT_EQ(p.rules.rules[4].keys, (std::vector<std::string>{"a", "b"}));
  std::vector<std::string> seen = Describe(p.diagnostics);
  // A 40-byte key loads and works (auditctl 3.0.9 takes 256 bytes): no diagnostic for it.
  ASSERT_EQ(seen.size(), 4u) << ::testing::PrintToString(seen);
  for (const auto& d : p.diagnostics)
    EXPECT_EQ(test_support::RuleOf(d), "DKL4002");  // they load: warnings, not rejections
  EXPECT_EQ(seen[0].substr(0, seen[0].find(':', 8)), "1:16-1:18");
  EXPECT_NE(seen[0].find("-S has no place in a watch"), std::string::npos);
  EXPECT_EQ(Where(p.diagnostics[1].span), "2:23-2:28");
  EXPECT_NE(seen[1].find("-F has no place in a watch"), std::string::npos);
  EXPECT_EQ(Where(p.diagnostics[2].span), "4:4-4:22");
  EXPECT_NE(seen[2].find("does not expand wildcards"), std::string::npos);
  EXPECT_EQ(Where(p.diagnostics[3].span), "5:19-5:22");
  EXPECT_NE(seen[3].find("\\x01"), std::string::npos);
}

TEST(AuditRulesTest, CrlfLinesKeepTheCarriageReturnInTheLastWordAsAuditctlDoes) {
  Parsed p = Parse(
      "-w /etc/docker -k docker\r\n"
      "-w /etc/default/docker\r\n"
      "# a comment\r\n"
      "\r\n"
      "-e 2\r\n"
      "-b 8192\r\n");
  ASSERT_EQ(p.rules.rules.size(), 3u);
  EXPECT_EQ(p.rules.rules[0].keys, std::vector<std::string>{"docker\r"});
  EXPECT_EQ(Where(p.rules.rules[0].span), "1:1-1:25");  // the span stops before "\r\n"
  EXPECT_EQ(p.rules.rules[1].path, "/etc/default/docker\r");
  EXPECT_EQ(p.rules.rules[2].control_value, "8192\r");  // strtoul stops at the '\r': -b still works
  const std::string kept =
      "the line ends with '\\r' (CRLF): auditctl keeps it in the last word, which becomes ";
  const std::string stray =
      "the line ends with '\\r' (CRLF), which auditctl reads as an argument; auditctl rejects the line";
  EXPECT_EQ(Describe(p.diagnostics), (std::vector<std::string>{
                                         "1:25-1:26: " + kept + "'docker\\r'",
                                         "2:23-2:24: " + kept + "'/etc/default/docker\\r'",
                                         "4:1-4:2: " + stray,
                                         "5:4-5:6: -e takes 0, 1 or 2, not '2\\r'; auditctl rejects the line",
                                         "6:8-6:9: " + kept + "'8192\\r'",
                                     }));
  // The watch is on "/etc/default/docker\r", which is not /etc/default/docker.
  EXPECT_EQ(model::FindCoveringRule(p.rules, "/etc/default/docker"), nullptr);
  EXPECT_EQ(model::FindCoveringRule(p.rules, "/etc/docker/daemon.json"), &p.rules.rules[0]);
}

TEST(AuditRulesTest, OversizedLinesAndNulBytes) {
  using std::string_literals::operator""s;
  Parsed p = Parse("-w /etc/docker -k "s + std::string(6200, 'k') + "\n-w /a\0b\n\0\n"s);
  EXPECT_EQ(Describe(p.diagnostics),
            (std::vector<std::string>{
                "1:6144-1:6219: the line is longer than 6143 bytes: auditctl reads the rest as another line "
                "and rejects both",
                "2:6-2:7: a NUL byte: auditctl ignores the rest of the line",
                "3:1-3:2: a NUL byte: auditctl ignores the rest of the line",
            }));
  ASSERT_EQ(p.rules.rules.size(), 1u);
  EXPECT_EQ(p.rules.rules[0].path, "/a");
}

// ---- Robustness ----

void ExpectSpansInside(const Parsed& p) {
  size_t size = p.file->content().size();
  for (const auto& d : p.diagnostics) {
    EXPECT_LE(d.span.begin, d.span.end);
    EXPECT_LE(d.span.end, size);
  }
  for (const auto& r : p.rules.rules) {
    EXPECT_LE(r.span.end, size);
    EXPECT_LE(r.path_span.end, size);
    for (const auto& f : r.fields) EXPECT_LE(f.span.end, size);
  }
}

TEST(AuditRulesTest, ArbitraryBytesNeverCrash) {
  const std::vector<std::string> pieces = {"-w",
                                           "-W",
                                           "-a",
                                           "-A",
                                           "-d",
                                           "-S",
                                           "-F",
                                           "-k",
                                           "-p",
                                           "-D",
                                           "-e",
                                           "-b",
                                           "-f",
                                           "-C",
                                           "-i",
                                           "--",
                                           "--backlog",
                                           "always,exit",
                                           "never,exit",
                                           "exit,never",
                                           "task,never",
                                           "/etc/docker",
                                           "/",
                                           "path=/x",
                                           "dir=/",
                                           "perm=wa",
                                           "arch=b64",
                                           "key=k",
                                           "=",
                                           "!=",
                                           ">=",
                                           "&",
                                           "\\",
                                           "\\ ",
                                           " ",
                                           "  ",
                                           "\t",
                                           "\r",
                                           "\n",
                                           "#",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\xEF\xBB\xBF",
                                           "\xff",
                                           ",",
                                           "all",
                                           "open,,",
                                           "-pwa",
                                           "-w/x",
                                           "uid=0"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string content;
    int n = static_cast<int>(random() % 24);
    for (int i = 0; i < n; ++i) {
      content += pieces[random() % pieces.size()];
      if (random() % 3 == 0) content += ' ';
    }
    Parsed p = Parse(content);
    ExpectSpansInside(p);
    model::FindCoveringRule(p.rules, "/etc/docker/daemon.json");
    model::MergeRulesD({{"a.rules", p.rules}, {"b.rules", p.rules}});
  }
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  ExpectSpansInside(Parse(every_byte));
  ExpectSpansInside(Parse("-w " + every_byte.substr(1)));
}

TEST(AuditRulesTest, CorpusFilesParse) {
  std::filesystem::path dir =
      std::filesystem::path(DOCKLINT_SOURCE_DIR) / ".." / "shared" / "corpus" / "host" / "audit_rules";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  size_t files = 0, rules = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string content, error;
    ASSERT_TRUE(base::ReadFileToString(entry.path().string(), &content, &error)) << error;
    Parsed p = Parse(std::move(content), entry.path().filename().string());
    ExpectSpansInside(p);
    model::FindCoveringRule(p.rules, "/etc/docker/daemon.json");
    ++files;
    rules += p.rules.rules.size();
  }
  EXPECT_GT(files, 0u);
  EXPECT_GT(rules, files);  // real rule files mostly parse
}

}  // namespace
}  // namespace docklint::parsers
