#include "parsers/systemd_unit.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "parsers/exec_command.h"
#include "testing/rule_of.h"
#include "testing/where.h"

// Expected behaviour was checked against systemd 252 itself (`systemd --test --system` dumps every loaded
// unit with its parsed ExecStart= argv and logs each syntax problem).

namespace docklint::parsers {
namespace {

using base::Diagnostics;
using base::SourceFile;
using base::SourceSpan;

using test_support::Where;

std::vector<std::string> Texts(const std::vector<base::MappedText>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& word : words) out.push_back(word.text());
  return out;
}

std::vector<std::string> Places(const std::vector<base::MappedText>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& word : words) out.push_back(Where(word.SpanOf(0, word.size())));
  return out;
}

std::vector<std::string> Codes(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const auto& d : diagnostics) out.push_back(test_support::RuleOf(d));
  return out;
}

// moby/moby contrib/init/systemd/docker.service (HEAD b985e23), as packaged upstream.
constexpr char kMobyDockerService[] =
    "[Unit]\n"
    "Description=Docker Application Container Engine\n"
    "Documentation=https://docs.docker.com\n"
    "After=network-online.target nss-lookup.target docker.socket firewalld.service containerd.service "
    "time-set.target\n"
    "Wants=network-online.target containerd.service\n"
    "Requires=docker.socket\n"
    "StartLimitBurst=3\n"
    "StartLimitIntervalSec=60\n"
    "\n"
    "[Service]\n"
    "Type=notify\n"
    "# the default is not to use systemd for cgroups because the delegate issues still\n"
    "# exists and systemd currently does not support the cgroup feature set required\n"
    "# for containers run by docker\n"
    "ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n"
    "ExecReload=/bin/kill -s HUP $MAINPID\n"
    "TimeoutStartSec=0\n"
    "RestartSec=2\n"
    "Restart=always\n"
    "\n"
    "# Having non-zero Limit*s causes performance problems due to accounting overhead\n"
    "# in the kernel. We recommend using cgroups to do container-local accounting.\n"
    "LimitNPROC=infinity\n"
    "LimitCORE=infinity\n"
    "\n"
    "# Comment TasksMax if your systemd version does not support it.\n"
    "# Only systemd 226 and above support this option.\n"
    "TasksMax=infinity\n"
    "\n"
    "# set delegate yes so that systemd does not reset the cgroups of docker containers\n"
    "Delegate=yes\n"
    "\n"
    "# kill only the docker process, not all processes in the cgroup\n"
    "KillMode=process\n"
    "OOMScoreAdjust=-500\n"
    "\n"
    "[Install]\n"
    "WantedBy=multi-user.target\n";

TEST(SystemdUnitTest, MobyDockerService) {
  SourceFile file("lib/systemd/system/docker.service", kMobyDockerService);
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_FALSE(unit.load_error);
  EXPECT_EQ(unit.file, &file);
  ASSERT_EQ(unit.entries.size(), 20u);
  EXPECT_EQ(unit.entries[0].section, "Unit");
  EXPECT_EQ(unit.entries[0].key, "Description");
  EXPECT_EQ(unit.entries[0].value.text(), "Docker Application Container Engine");
  EXPECT_EQ(unit.entries.back().section, "Install");
  EXPECT_EQ(unit.entries.back().value.text(), "multi-user.target");

  auto exec_start = unit.Find("Service", "ExecStart");
  ASSERT_EQ(exec_start.size(), 1u);
  const UnitEntry& entry = *exec_start[0];
  EXPECT_EQ(entry.value.text(), "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock");
  EXPECT_EQ(Where(entry.key_span), "15:1-15:10");
  EXPECT_EQ(Where(entry.span), "15:1-15:81");
  EXPECT_EQ(Where(entry.value.SpanOf(0, entry.value.size())), "15:11-15:81");
  EXPECT_TRUE(unit.Find("Unit", "ExecStart").empty());

  auto commands = SplitExecCommands(entry.value, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv),
            (std::vector<std::string>{"/usr/bin/dockerd", "-H", "fd://",
                                      "--containerd=/run/containerd/containerd.sock"}));
  EXPECT_EQ(Places(commands[0].argv),
            (std::vector<std::string>{"15:11-15:27", "15:28-15:30", "15:31-15:36", "15:37-15:81"}));
  EXPECT_EQ(Where(commands[0].span), "15:11-15:81");

  auto reload = unit.Find("Service", "ExecReload");
  ASSERT_EQ(reload.size(), 1u);
  auto reload_commands = SplitExecCommands(reload[0]->value, &diagnostics);
  ASSERT_EQ(reload_commands.size(), 1u);
  EXPECT_EQ(Texts(reload_commands[0].argv), (std::vector<std::string>{"/bin/kill", "-s", "HUP", "$MAINPID"}));
}

TEST(SystemdUnitTest, DropInResetsExecStartThenContinuesOverLines) {
  SourceFile file("etc/systemd/system/docker.service.d/override.conf",
                  "[Service]\n"
                  "ExecStart=\n"
                  "ExecStart=/usr/bin/dockerd -H fd:// \\\n"
                  "          -H tcp://0.0.0.0:2376 \\\n"
                  "  # TLS is mandatory on TCP\n"
                  "          --tlsverify \\\n"
                  "          --containerd=/run/containerd/containerd.sock\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  auto exec_start = unit.Find("Service", "ExecStart");
  ASSERT_EQ(exec_start.size(), 2u);
  EXPECT_TRUE(exec_start[0]->value.empty());
  EXPECT_EQ(Where(exec_start[0]->span), "2:1-2:11");
  EXPECT_TRUE(SplitExecCommands(exec_start[0]->value, &diagnostics).empty());

  const UnitEntry& entry = *exec_start[1];
  // Each trailing backslash became a space; the comment line inside the continuation is gone.
  EXPECT_EQ(entry.value.text(),
            "/usr/bin/dockerd -H fd://  "
            "          -H tcp://0.0.0.0:2376  "
            "          --tlsverify  "
            "          --containerd=/run/containerd/containerd.sock");
  EXPECT_EQ(Where(entry.span), "3:1-7:55");
  EXPECT_EQ(Where(entry.key_span), "3:1-3:10");
  EXPECT_EQ(Where(entry.value.OriginOf(26)), "3:37-3:38");  // the space that replaced the backslash

  auto commands = SplitExecCommands(entry.value, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Texts(commands[0].argv),
            (std::vector<std::string>{"/usr/bin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2376",
                                      "--tlsverify", "--containerd=/run/containerd/containerd.sock"}));
  EXPECT_EQ(Places(commands[0].argv),
            (std::vector<std::string>{"3:11-3:27", "3:28-3:30", "3:31-3:36", "4:11-4:13", "4:14-4:32",
                                      "6:11-6:22", "7:11-7:55"}));
  EXPECT_EQ(Where(commands[0].span), "3:11-7:55");
}

TEST(SystemdUnitTest, CommentsBlankLinesAndWhitespaceAroundEquals) {
  SourceFile file("a.service",
                  "# leading comment\n"
                  "  ; indented comment\n"
                  "\n"
                  "  [Service]  \n"
                  "\t Environment  =  A=1 B=2 \t\n"
                  "   \n"
                  "Description=a # not a comment\n"
                  "Key=\n"
                  "Key=x=y\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(unit.entries.size(), 4u);
  EXPECT_EQ(unit.entries[0].section, "Service");
  EXPECT_EQ(unit.entries[0].key, "Environment");
  EXPECT_EQ(Where(unit.entries[0].key_span), "5:3-5:14");
  EXPECT_EQ(unit.entries[0].value.text(), "A=1 B=2");
  EXPECT_EQ(Where(unit.entries[0].value.SpanOf(0, 7)), "5:19-5:26");
  EXPECT_EQ(Where(unit.entries[0].span), "5:3-5:28");
  EXPECT_EQ(unit.entries[1].value.text(), "a # not a comment");
  EXPECT_TRUE(unit.entries[2].value.empty());
  EXPECT_EQ(unit.entries[3].key, "Key");
  EXPECT_EQ(unit.entries[3].value.text(), "x=y");
  EXPECT_EQ(unit.Find("Service", "Key").size(), 2u);
}

TEST(SystemdUnitTest, CrLfLineEndingsAndByteOrderMark) {
  SourceFile file("a.service",
                  "\xEF\xBB\xBF[Unit]\r\n"
                  "Description=bom  \r\n"
                  "[Service]\r\n"
                  "ExecStart=/bin/echo a\\\r\n"
                  " b\r\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(unit.entries.size(), 2u);
  EXPECT_EQ(unit.entries[0].section, "Unit");
  EXPECT_EQ(unit.entries[0].value.text(), "bom");
  EXPECT_EQ(unit.entries[1].value.text(), "/bin/echo a  b");
  EXPECT_EQ(Where(unit.entries[1].span), "4:1-5:3");
  auto commands = SplitExecCommands(unit.entries[1].value, &diagnostics);
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(Places(commands[0].argv), (std::vector<std::string>{"4:11-4:20", "4:21-4:22", "5:2-5:3"}));
}

TEST(SystemdUnitTest, OnlyTheFirstByteOrderMarkIsStripped) {
  // systemd strips one BOM, on the first line that is not a comment; a later one stays in the key.
  SourceFile file("a.service",
                  "# c\n"
                  "\xEF\xBB\xBF[Service]\n"
                  "\xEF\xBB\xBFType=oneshot\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(unit.entries.size(), 1u);
  EXPECT_EQ(unit.entries[0].section, "Service");
  EXPECT_EQ(unit.entries[0].key, "\xEF\xBB\xBFType");
}

TEST(SystemdUnitTest, ByteOrderMarkBeforeACommentHidesTheComment) {
  // Comments are recognised before the BOM is stripped, so systemd sees "# c" as an assignment.
  SourceFile file("a.service", "\xEF\xBB\xBF# c\n[Service]\nType=oneshot\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(diagnostics[0]), "DKL0003");
  EXPECT_EQ(Where(diagnostics[0].span), "1:4-1:7");
  EXPECT_NE(diagnostics[0].message.find("byte order mark"), std::string::npos);
  EXPECT_EQ(unit.entries.size(), 1u);
}

TEST(SystemdUnitTest, LoneCarriageReturnAndNulEndLines) {
  // read_line() ends a line at \n, \r or NUL; "\n\r" is one line end, a NUL always ends one at once.
  constexpr char kContent[] = "[Service]\nA=1\0B=2\rC=3\n\rD=4\0\nE=5";
  std::string content(kContent, sizeof(kContent) - 1);
  SourceFile file("a.service", content);
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(unit.entries.size(), 5u);
  std::string keys;
  for (const auto& entry : unit.entries) keys += entry.key + "=" + entry.value.text() + ";";
  EXPECT_EQ(keys, "A=1;B=2;C=3;D=4;E=5;");
  EXPECT_EQ(unit.entries[1].span.text(), "B=2");
}

TEST(SystemdUnitTest, IgnoredLinesAreReportedAndParsingGoesOn) {
  SourceFile file("a.service",
                  "Description=outside\n"
                  "[Service]\n"
                  "just words\n"
                  " = value\n"
                  "Type=simple\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(Codes(diagnostics), (std::vector<std::string>{"DKL0003", "DKL0003", "DKL0003"}));
  EXPECT_EQ(Where(diagnostics[0].span), "1:1-1:20");
  EXPECT_NE(diagnostics[0].message.find("outside of any section"), std::string::npos);
  EXPECT_EQ(Where(diagnostics[1].span), "3:1-3:11");
  EXPECT_NE(diagnostics[1].message.find("missing '='"), std::string::npos);
  EXPECT_EQ(Where(diagnostics[2].span), "4:2-4:3");
  EXPECT_NE(diagnostics[2].message.find("missing key name"), std::string::npos);
  EXPECT_FALSE(unit.load_error);  // systemd logs these and loads the unit
  ASSERT_EQ(unit.entries.size(), 1u);
  EXPECT_EQ(unit.entries[0].key, "Type");
}

TEST(SystemdUnitTest, InvalidSectionHeaderMakesSystemdRefuseTheFile) {
  SourceFile file("a.service",
                  "[Service]\n"
                  "Type=oneshot\n"
                  "[Bad\n"
                  "ExecStart=/bin/lost\n"
                  "[Service] # trailing comment\n"
                  "ExecStart=/bin/lost\n"
                  "[Service]\n"
                  "ExecStart=/bin/kept\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(unit.load_error);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(test_support::RuleOf(diagnostics[0]), "DKL0006");
  EXPECT_EQ(Where(diagnostics[0].span), "3:1-3:5");
  EXPECT_NE(diagnostics[0].message.find("refuses"), std::string::npos);
  EXPECT_EQ(Where(diagnostics[1].span), "5:1-5:29");
  // Assignments under a broken header belong to no section; parsing resumes at the next good one.
  ASSERT_EQ(unit.entries.size(), 2u);
  EXPECT_EQ(unit.entries[1].value.text(), "/bin/kept");
}

TEST(SystemdUnitTest, SectionHeaderNamesAreTakenAsWritten) {
  SourceFile file("a.service", "[ Service ]\nA=1\n[]\nB=2\n[Ser\"vice]\nC=3\n[X-Docklint]\nD=4\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);  // only the quote is refused; unknown names are the caller's business
  EXPECT_NE(diagnostics[0].message.find("quotes"), std::string::npos);
  EXPECT_EQ(Where(diagnostics[0].span), "5:1-5:11");
  EXPECT_TRUE(unit.load_error);
  ASSERT_EQ(unit.entries.size(), 3u);
  EXPECT_EQ(unit.entries[0].section, " Service ");
  EXPECT_EQ(unit.entries[1].section, "");
  EXPECT_EQ(unit.entries[2].section, "X-Docklint");
}

TEST(SystemdUnitTest, InvalidUtf8MakesSystemdRefuseTheFile) {
  SourceFile file("a.service",
                  "[Service]\n"
                  "# comments are not checked: \xFF\n"
                  "Description=caf\xC3\xA9 \xF0\x9F\x90\xB3\n"
                  "ExecStart=/bin/echo \xC0\x80\n"
                  "Environment=NONCHAR=\xEF\xBF\xBE\n"
                  "Type=oneshot\n");
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(unit.load_error);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(Where(diagnostics[0].span), "4:21-4:22");  // overlong encoding
  EXPECT_NE(diagnostics[0].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(Where(diagnostics[1].span), "5:21-5:22");  // U+FFFE, a noncharacter systemd rejects
  ASSERT_EQ(unit.entries.size(), 2u);
  EXPECT_EQ(unit.entries[0].value.text(), "caf\xC3\xA9 \xF0\x9F\x90\xB3");
  EXPECT_EQ(unit.entries[1].key, "Type");
}

TEST(SystemdUnitTest, ContinuationEdgeCases) {
  SourceFile file("a.service",
                  "[Service]\n"
                  "A=even\\\\\n"  // two backslashes: not a continuation
                  "B=space\\ \n"  // backslash then a space: not a continuation
                  "C=blank\\\n"   // a blank line ends the continuation
                  "\n"
                  "Exec\\\n"  // the key itself may be continued
                  "Start=x\n"
                  "D=one\\\n"
                  "# comment\n"
                  "; comment\n"
                  "two\\\n"
                  "   \n"
                  "E=eof\\");  // an open continuation at the end is still parsed
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(unit.entries.size(), 6u);
  EXPECT_EQ(unit.entries[0].value.text(), "even\\\\");
  EXPECT_EQ(unit.entries[1].value.text(), "space\\");
  EXPECT_EQ(unit.entries[2].value.text(), "blank");
  EXPECT_EQ(unit.entries[3].key, "Exec Start");
  EXPECT_EQ(Where(unit.entries[3].key_span), "6:1-7:6");
  EXPECT_EQ(unit.entries[4].value.text(), "one two");
  EXPECT_EQ(Where(unit.entries[4].span), "8:1-12:4");
  EXPECT_EQ(unit.entries[5].value.text(), "eof");
  EXPECT_EQ(Where(unit.entries[5].span), "13:1-13:7");
}

TEST(SystemdUnitTest, LinesOfOneMebibyteAreRefused) {
  const std::string prefix = "[Service]\nExecStart=/bin/echo ";
  const size_t fill = kUnitLongLineMax - (prefix.size() - 10);  // the line starts after "[Service]\n"
  {
    SourceFile file("a.service", prefix + std::string(fill - 1, 'a') + "\nType=oneshot\n");
    Diagnostics diagnostics;
    UnitFile unit = ParseSystemdUnit(file, &diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    EXPECT_FALSE(unit.load_error);
    ASSERT_EQ(unit.entries.size(), 2u);
    EXPECT_EQ(unit.entries[0].value.size(), fill - 1 + 10);
  }
  {
    SourceFile file("a.service", prefix + std::string(fill, 'a') + "\nType=oneshot\n");
    Diagnostics diagnostics;
    UnitFile unit = ParseSystemdUnit(file, &diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(test_support::RuleOf(diagnostics[0]), "DKL0006");
    EXPECT_EQ(diagnostics[0].span.begin, 10u);
    EXPECT_TRUE(unit.load_error);
    ASSERT_EQ(unit.entries.size(), 1u);
    EXPECT_EQ(unit.entries[0].key, "Type");
  }
  {
    // A continued line may not grow past 1 MiB either.
    std::string first = "A=" + std::string(1000, 'a') + "\\\n";
    SourceFile file("a.service",
                    "[Service]\n" + first + std::string(kUnitLongLineMax - 1000, 'b') + "\nB=1\n");
    Diagnostics diagnostics;
    UnitFile unit = ParseSystemdUnit(file, &diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_NE(diagnostics[0].message.find("continued"), std::string::npos);
    ASSERT_EQ(unit.entries.size(), 1u);
    EXPECT_EQ(unit.entries[0].key, "B");
  }
}

TEST(SystemdUnitTest, TenMegabyteLineIsRefusedQuickly) {
  auto start = std::chrono::steady_clock::now();
  SourceFile file("a.service", "[Service]\nExecStart=" + std::string(size_t{10} * 1000 * 1000, 'x'));
  Diagnostics diagnostics;
  UnitFile unit = ParseSystemdUnit(file, &diagnostics);
  EXPECT_EQ(diagnostics.size(), 1u);
  EXPECT_TRUE(unit.entries.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(SystemdUnitTest, ArbitraryBytesNeverCrash) {
  // A fixed pseudo-random stream over the bytes that matter to the parser.
  constexpr char kBytes[] = "[]=#; \t\\\r\n\"'ab\xEF\xBB\xBF\xFF";
  const std::string alphabet(kBytes, sizeof(kBytes));  // the terminating NUL is one of them
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string content;
    size_t length = round % 97;
    for (size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      content.push_back(alphabet[(state >> 16) % alphabet.size()]);
    }
    SourceFile file("fuzz.service", content);
    Diagnostics diagnostics;
    UnitFile unit = ParseSystemdUnit(file, &diagnostics);
    for (const auto& entry : unit.entries) {
      EXPECT_LE(entry.span.end, content.size());
      EXPECT_LE(entry.span.begin, entry.span.end);
      for (size_t i = 0; i < entry.value.size(); ++i)
        EXPECT_LT(entry.value.OriginOf(i).begin, content.size());
      SplitExecCommands(entry.value, &diagnostics);
    }
    for (const auto& d : diagnostics) EXPECT_LE(d.span.end, content.size());
  }
}

}  // namespace
}  // namespace docklint::parsers
