#include "parsers/shell_commands.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace docklint::parsers {
namespace {

std::vector<std::string> Values(const std::vector<ShellWord>& words) {
  std::vector<std::string> out;
  for (const ShellWord& word : words) out.push_back(word.value);
  return out;
}

// Each command's argv joined by spaces.
std::vector<std::string> Commands(const ShellScript& script) {
  std::vector<std::string> out;
  for (const ShellCommand& command : script.commands) {
    std::string line;
    for (const ShellWord& word : command.argv) line += (line.empty() ? "" : " ") + word.value;
    out.push_back(line);
  }
  return out;
}

using Strings = std::vector<std::string>;

// The text a span covers, for a script parsed with `base`.
std::string At(std::string_view text, uint32_t base, uint32_t begin, uint32_t end) {
  return std::string(text.substr(begin - base, end - begin));
}

TEST(ShellCommandsTest, WordsValuesAndOffsetsWithBase) {
  std::string text = "apt-get install -y \"a b\" 'c'd e\\ f";
  ShellScript script = ExtractShellCommands(text, 100);
  EXPECT_FALSE(script.has_error);
  ASSERT_EQ(script.commands.size(), 1u);
  const ShellCommand& command = script.commands[0];
  EXPECT_EQ(Values(command.argv), (Strings{"apt-get", "install", "-y", "a b", "cd", "e f"}));
  EXPECT_EQ(command.begin, 100u);
  EXPECT_EQ(command.end, 100u + text.size());
  EXPECT_EQ(command.pipeline, -1);
  EXPECT_FALSE(command.in_condition);
  EXPECT_EQ(command.shell_depth, 0);
  EXPECT_EQ(command.argv[0].begin, 100u);
  EXPECT_EQ(command.argv[0].end, 107u);
  EXPECT_EQ(At(text, 100, command.argv[3].begin, command.argv[3].end), "\"a b\"");
  EXPECT_EQ(At(text, 100, command.argv[4].begin, command.argv[4].end), "'c'd");
  EXPECT_EQ(At(text, 100, command.argv[5].begin, command.argv[5].end), "e\\ f");
  for (const ShellWord& word : command.argv) EXPECT_TRUE(word.is_static) << word.value;
}

TEST(ShellCommandsTest, ExpansionsMakeWordsNotStatic) {
  std::string text =
      "echo $HOME \"${X}y\" $(id) `id` $((1+2)) <(ls) {1..3} plain \"q\" ~/x '$no' *.c $'a\\tb' \"$\" a=$b";
  ShellScript script = ExtractShellCommands(text);
  ASSERT_FALSE(script.commands.empty());
  const ShellCommand& echo = script.commands[0];
  std::vector<bool> is_static;
  for (const ShellWord& word : echo.argv) is_static.push_back(word.is_static);
  EXPECT_EQ(is_static, (std::vector<bool>{true, false, false, false, false, false, false, false, true, true,
                                          true, true, true, true, true, false}));
  EXPECT_EQ(Values(echo.argv), (Strings{"echo", "$HOME", "\"${X}y\"", "$(id)", "`id`", "$((1+2))", "<(ls)",
                                        "{1..3}", "plain", "q", "~/x", "$no", "*.c", "a\tb", "$", "a=$b"}));
  // The commands inside $(id), `id` and <(ls) are commands too, after echo.
  EXPECT_EQ(Commands(script),
            (Strings{"echo $HOME \"${X}y\" $(id) `id` $((1+2)) <(ls) {1..3} plain q ~/x $no *.c "
                     "a\tb $ a=$b",
                     "id", "id", "ls"}));
}

TEST(ShellCommandsTest, QuoteRemoval) {
  ShellScript script = ExtractShellCommands(
      "printf \"a\\\"b\\\\c\\$d\\q\" $'\\x41\\101\\u00e9\\n\\'' a\"b\"'c' \"multi\\\nline\" 'keep\\\nthis' "
      "$\"tr\"");
  ASSERT_EQ(script.commands.size(), 1u);
  EXPECT_EQ(Values(script.commands[0].argv),
            (Strings{"printf", "a\"b\\c$d\\q", "AA\xC3\xA9\n'", "abc", "multiline", "keep\\\nthis", "tr"}));
}

TEST(ShellCommandsTest, LeadingAssignmentsAndRedirections) {
  std::string text = "DEBIAN_FRONTEND=noninteractive A=\"x y\" >/dev/null apt-get -qy install x 2>&1";
  ShellScript script = ExtractShellCommands(text, 7);
  ASSERT_EQ(script.commands.size(), 1u);
  const ShellCommand& command = script.commands[0];
  EXPECT_EQ(Values(command.assignments), (Strings{"DEBIAN_FRONTEND=noninteractive", "A=x y"}));
  EXPECT_EQ(Values(command.argv), (Strings{"apt-get", "-qy", "install", "x"}));
  EXPECT_EQ(command.begin, 7u);
  EXPECT_EQ(At(text, 7, command.assignments[1].begin, command.assignments[1].end), "A=\"x y\"");
  EXPECT_TRUE(HasOption(command, 0, "y", {"yes", "assume-yes"}));
  EXPECT_FALSE(HasOption(command, 0, "s", {"simulate"}));
}

TEST(ShellCommandsTest, ListsAndConditions) {
  ShellScript script = ExtractShellCommands("a && b || c; d & e\nf || true\n! g\nh || i && j");
  EXPECT_EQ(Commands(script), (Strings{"a", "b", "c", "d", "e", "f", "true", "g", "h", "i", "j"}));
  std::vector<bool> tolerated;
  for (const ShellCommand& command : script.commands) tolerated.push_back(command.in_condition);
  EXPECT_EQ(tolerated,
            (std::vector<bool>{true, true, false, false, false, true, false, true, true, false, false}));
}

TEST(ShellCommandsTest, Pipelines) {
  std::string text = "curl -fsSL https://x/install.sh | sh && wget -qO- x | sudo bash -s -- -y | tee log";
  ShellScript script = ExtractShellCommands(text, 3);
  ASSERT_EQ(script.commands.size(), 5u);
  EXPECT_EQ(Commands(script), (Strings{"curl -fsSL https://x/install.sh", "sh", "wget -qO- x",
                                       "sudo bash -s -- -y", "tee log"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].pipeline, c[1].pipeline);
  EXPECT_GE(c[0].pipeline, 0);
  EXPECT_EQ(c[0].pipeline_index, 0);
  EXPECT_EQ(c[1].pipeline_index, 1);
  EXPECT_NE(c[2].pipeline, c[0].pipeline);
  EXPECT_EQ(c[2].pipeline, c[3].pipeline);
  EXPECT_EQ(c[3].pipeline, c[4].pipeline);
  EXPECT_EQ(c[4].pipeline_index, 2);
  EXPECT_EQ(At(text, 3, c[3].begin, c[3].end), "sudo bash -s -- -y");
  Unwrapped bash = UnwrapCommand(c[3]);
  EXPECT_EQ(bash.name_index, 1u);
  EXPECT_TRUE(bash.via_sudo);
  EXPECT_EQ(CommandBaseName(c[3].argv[bash.name_index]), "bash");
}

TEST(ShellCommandsTest, PipelineElementsAreDirectOnly) {
  ShellScript script = ExtractShellCommands("(a; b) | c; x $(d | e) | f 2>/dev/null; ! g | h");
  EXPECT_EQ(Commands(script), (Strings{"a", "b", "c", "x $(d | e)", "d", "e", "f", "g", "h"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].pipeline, -1);
  EXPECT_EQ(c[1].pipeline, -1);
  EXPECT_GE(c[2].pipeline, 0);
  EXPECT_EQ(c[2].pipeline_index, 1);
  EXPECT_EQ(c[3].pipeline_index, 0);
  EXPECT_EQ(c[6].pipeline, c[3].pipeline);
  EXPECT_EQ(c[6].pipeline_index, 1);
  EXPECT_EQ(c[4].pipeline, c[5].pipeline);
  EXPECT_NE(c[4].pipeline, c[3].pipeline);
  EXPECT_EQ(c[7].pipeline, c[8].pipeline);
  EXPECT_TRUE(c[7].in_condition);  // negated
}

TEST(ShellCommandsTest, NestedConstructs) {
  ShellScript script = ExtractShellCommands(
      "if test -f /x; then a; elif b && c; then d; else e; fi\n"
      "for i in $(seq 3); do f \"$i\"; done\n"
      "while read l; do g; done < file\n"
      "until h; do :; done\n"
      "case \"$x\" in a) i ;; *) j ;; esac\n"
      "fn() { k; }\n"
      "{ l; m; } > out\n"
      "(cd /tmp && n)\n"
      "x=$(o)\n");
  EXPECT_FALSE(script.has_error);
  EXPECT_EQ(Commands(script),
            (Strings{"test -f /x", "a", "b", "c", "d", "e", "seq 3", "f \"$i\"", "read l", "g",
                     "h",          ":", "i", "j", "k", "l", "m",     "cd /tmp",  "n",      "o"}));
  std::vector<std::string> conditions;
  for (const ShellCommand& command : script.commands) {
    if (command.in_condition) conditions.push_back(command.argv[0].value);
  }
  EXPECT_EQ(conditions, (Strings{"test", "b", "c", "read", "h"}));
}

TEST(ShellCommandsTest, DeclarationsAreCommands) {
  ShellScript script = ExtractShellCommands("export A=\"b c\" D; local x=$y; unset Z; B=2; > file");
  EXPECT_EQ(Commands(script), (Strings{"export A=b c D", "local x=$y", "unset Z"}));
  EXPECT_FALSE(script.commands[1].argv[1].is_static);
}

TEST(ShellCommandsTest, UnwrapsSudoEnvAndFriends) {
  auto unwrap = [](std::string_view text) {
    ShellScript script = ExtractShellCommands(text);
    EXPECT_EQ(script.commands.size(), 1u) << text;
    const ShellCommand& command = script.commands.at(0);
    Unwrapped u = UnwrapCommand(command);
    std::string name = u.name_index < command.argv.size() ? command.argv[u.name_index].value : "<none>";
    return name + (u.via_sudo ? " (sudo)" : "");
  };
  EXPECT_EQ(unwrap("apt-get install x"), "apt-get");
  EXPECT_EQ(unwrap("sudo -u x apt-get install"), "apt-get (sudo)");
  EXPECT_EQ(unwrap("sudo -uleo -E --preserve-env=A,B FOO=1 /usr/bin/apt-get install"),
            "/usr/bin/apt-get (sudo)");
  EXPECT_EQ(unwrap("sudo --user leo -- apt-get"), "apt-get (sudo)");
  EXPECT_EQ(unwrap("sudo -l apt-get"), "<none> (sudo)");
  EXPECT_EQ(unwrap("sudo -i"), "<none> (sudo)");
  EXPECT_EQ(unwrap("doas -u root apk add x"), "apk (sudo)");
  EXPECT_EQ(unwrap("env DEBIAN_FRONTEND=noninteractive apt-get install -y x"), "apt-get");
  EXPECT_EQ(unwrap("env -i - -u HOME --chdir=/ A=1 B=2 make"), "make");
  EXPECT_EQ(unwrap("env -S 'a b'"), "<none>");
  EXPECT_EQ(unwrap("nice -n 10 nohup time -p exec -a x command -p make"), "make");
  EXPECT_EQ(unwrap("nice -5 make"), "make");
  EXPECT_EQ(unwrap("command -v apt-get"), "<none>");
  EXPECT_EQ(unwrap("timeout -s KILL 10 sudo make"), "make (sudo)");
  EXPECT_EQ(unwrap("gosu app:app ./run"), "./run");
  EXPECT_EQ(unwrap("busybox wget x"), "wget");
  EXPECT_EQ(unwrap("xargs -0 -n1 -I{} rm {}"), "rm");
  EXPECT_EQ(unwrap("xargs"), "<none>");
  EXPECT_EQ(unwrap("sudo $CMD x"), "$CMD (sudo)");
  EXPECT_EQ(unwrap("$SUDO apt-get"), "$SUDO");
  EXPECT_EQ(unwrap("exec 3>&1"), "<none>");
  EXPECT_EQ(unwrap("sudo -E env PATH=/x nice -n 5 nohup apt-get"), "apt-get (sudo)");
}

TEST(ShellCommandsTest, FindsOptions) {
  ShellScript script = ExtractShellCommands(
      "apt-get -qy install x\n"
      "apt-get install --assume-yes=true x\n"
      "apt-get install x -- -y\n"
      "apt-get -oDebug::pkgProblemResolver=yes install x\n"
      "apt-get -o Dpkg::Options::=--force-confold install -y x\n"
      "apt-get install \"$Y\" --no-install-recommends x\n");
  ASSERT_EQ(script.commands.size(), 6u);
  const auto& c = script.commands;
  EXPECT_EQ(FindOption(c[0], 0, "y", {"yes", "assume-yes"}, "o"), 1u);
  EXPECT_TRUE(HasOption(c[1], 0, "y", {"yes", "assume-yes"}, "o"));
  EXPECT_FALSE(HasOption(c[2], 0, "y", {"yes", "assume-yes"}, "o"));
  EXPECT_FALSE(HasOption(c[3], 0, "y", {"yes", "assume-yes"}, "o"));
  EXPECT_TRUE(HasOption(c[3], 0, "y", {"yes", "assume-yes"}));  // without 'o' as a value letter
  EXPECT_EQ(FindOption(c[4], 0, "y", {"yes"}, "o"), 4u);
  EXPECT_EQ(FindOption(c[5], 0, "", {"no-install-recommends"}), 3u);
  EXPECT_EQ(FindOption(c[5], 0, "q", {}), c[5].argv.size());
}

TEST(ShellCommandsTest, BaseName) {
  ShellWord word{"/usr/bin/apt-get", true, 0, 0};
  EXPECT_EQ(CommandBaseName(word), "apt-get");
  word.value = "apt";
  EXPECT_EQ(CommandBaseName(word), "apt");
  word.value = "/usr/bin/";
  EXPECT_EQ(CommandBaseName(word), "");
  word = {"$X/bin/apt", false, 0, 0};
  EXPECT_EQ(CommandBaseName(word), "");
}

TEST(ShellCommandsTest, ShellDashCScriptsAreParsed) {
  std::string text = "sh -c \"apt-get update && apt-get install -y x\" || true";
  ShellScript script = ExtractShellCommands(text, 50);
  EXPECT_EQ(Commands(script), (Strings{"sh -c apt-get update && apt-get install -y x", "apt-get update",
                                       "apt-get install -y x", "true"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[1].shell_depth, 1);
  EXPECT_EQ(At(text, 50, c[1].begin, c[1].end), "apt-get update");
  EXPECT_EQ(At(text, 50, c[2].argv[2].begin, c[2].argv[2].end), "-y");
  EXPECT_TRUE(c[1].in_condition);  // the sh is left of ||, so is what it runs
  EXPECT_TRUE(c[2].in_condition);
  EXPECT_FALSE(c[3].in_condition);
}

TEST(ShellCommandsTest, ShellDashCOffsetsAndWrappers) {
  std::string text =
      "sudo bash -ec 'curl x | sh' && su app -c 'make install' && "
      "bash -o pipefail -c \"echo \\\"hi\\\" | cat\" && xargs -I{} sh -c 'rm {}' && sh script.sh -c x && "
      "sh -c \"$CMD\"";
  ShellScript script = ExtractShellCommands(text, 10);
  EXPECT_EQ(Commands(script),
            (Strings{"sudo bash -ec curl x | sh", "curl x", "sh", "su app -c make install", "make install",
                     "bash -o pipefail -c echo \"hi\" | cat", "echo hi", "cat", "xargs -I{} sh -c rm {}",
                     "rm {}", "sh script.sh -c x", "sh -c \"$CMD\""}));
  const auto& c = script.commands;
  EXPECT_EQ(At(text, 10, c[1].argv[0].begin, c[1].argv[0].end), "curl");
  EXPECT_EQ(c[1].pipeline, c[2].pipeline);
  EXPECT_NE(c[1].pipeline, -1);
  EXPECT_EQ(At(text, 10, c[4].begin, c[4].end), "make install");
  // Escaped quotes: the nested commands point at the whole script word.
  EXPECT_EQ(At(text, 10, c[6].begin, c[6].end), "\"echo \\\"hi\\\" | cat\"");
  EXPECT_EQ(At(text, 10, c[6].argv[1].begin, c[6].argv[1].end), "\"echo \\\"hi\\\" | cat\"");
  EXPECT_EQ(c[6].pipeline, c[7].pipeline);
  EXPECT_EQ(At(text, 10, c[9].argv[1].begin, c[9].argv[1].end), "{}");
}

TEST(ShellCommandsTest, ShellDashCOptionForms) {
  ShellScript script = ExtractShellCommands(
      "su - app -c 'a1' && su -cb1 && su --command=c1 && runuser -s /bin/sh -c 'd1' app && bash -c -- 'e1' "
      "&& "
      "bash --login -O extglob -c 'f1' && sh +x -c 'g1' && sh -s -- -c 'h1' && busybox sh -c 'i1'");
  Strings nested;
  for (const ShellCommand& command : script.commands) {
    if (command.shell_depth == 1) nested.push_back(command.argv[0].value);
  }
  EXPECT_EQ(nested, (Strings{"a1", "b1", "c1", "d1", "e1", "f1", "g1", "i1"}));
}

TEST(ShellCommandsTest, NestedShellsAreCapped) {
  // Each level escapes the last in double quotes: the text doubles, 12 levels stay small.
  std::string text = "x";
  for (int i = 0; i < 12; ++i) {
    std::string quoted = "\"";
    for (char ch : text) {
      if (ch == '"' || ch == '\\') quoted += '\\';
      quoted += ch;
    }
    text = "sh -c " + quoted + "\"";
  }
  ASSERT_LT(text.size(), 20000u);
  ShellScript script = ExtractShellCommands(text);
  ASSERT_FALSE(script.commands.empty());
  int deepest = 0;
  for (const ShellCommand& command : script.commands) deepest = std::max(deepest, command.shell_depth);
  EXPECT_EQ(deepest, 8);
}

TEST(ShellCommandsTest, BackslashNewlineContinuations) {
  std::string text =
      "apt-get update \\\n"
      "    && apt-get install -y \\\n"
      "       curl \\\n"
      "                 \\\n"  // a comment line the caller blanked
      "       ca-cert\\\n"
      "ificates";
  ShellScript script = ExtractShellCommands(text, 1000);
  EXPECT_FALSE(script.has_error);
  EXPECT_EQ(Commands(script), (Strings{"apt-get update", "apt-get install -y curl ca-certificates"}));
  const ShellWord& last = script.commands[1].argv.back();
  EXPECT_EQ(At(text, 1000, last.begin, last.end), "ca-cert\\\nificates");
}

TEST(ShellCommandsTest, HeredocBodiesAreNotCommands) {
  ShellScript script = ExtractShellCommands(
      "cat <<EOF > /etc/x && chmod +x /etc/x\n"
      "rm -rf /\n"
      "$(id)\n"
      "EOF\n"
      "cat <<'EOF' | sh\n"
      "apt-get update\n"
      "$(whoami)\n"
      "EOF\n"
      "cat <<-EOF || true\n"
      "\tx\n"
      "\tEOF\n"
      "echo done\n");
  EXPECT_FALSE(script.has_error);
  EXPECT_EQ(Commands(script),
            (Strings{"cat", "chmod +x /etc/x", "id", "cat", "sh", "cat", "true", "echo done"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].pipeline, -1);
  EXPECT_GE(c[3].pipeline, 0);
  EXPECT_EQ(c[3].pipeline, c[4].pipeline);
  EXPECT_EQ(c[4].pipeline_index, 1);
  EXPECT_TRUE(c[5].in_condition);
  EXPECT_FALSE(c[6].in_condition);
}

TEST(ShellCommandsTest, HeredocPipelinesContinue) {
  ShellScript script = ExtractShellCommands(
      "a | cat <<EOF | sh -s && b\n"
      "x\n"
      "EOF\n"
      "c && cat <<EOF | bash || true\n"
      "y\n"
      "EOF\n");
  EXPECT_EQ(Commands(script), (Strings{"a", "cat", "sh -s", "b", "c", "cat", "bash", "true"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].pipeline, c[1].pipeline);
  EXPECT_EQ(c[1].pipeline, c[2].pipeline);
  EXPECT_EQ(c[2].pipeline_index, 2);
  EXPECT_EQ(c[3].pipeline, -1);
  EXPECT_EQ(c[4].pipeline, -1);
  EXPECT_EQ(c[5].pipeline, c[6].pipeline);
  EXPECT_EQ(c[5].pipeline_index, 0);
  EXPECT_TRUE(c[4].in_condition);
  EXPECT_TRUE(c[5].in_condition);
  EXPECT_TRUE(c[6].in_condition);
  EXPECT_FALSE(c[7].in_condition);
}

TEST(ShellCommandsTest, SyntaxErrorsKeepWhatParsed) {
  ShellScript script = ExtractShellCommands("apt-get update && (echo hi\napt-get install -y x");
  EXPECT_TRUE(script.has_error);
  EXPECT_FALSE(script.commands.empty());
  EXPECT_EQ(script.commands[0].argv[0].value, "apt-get");

  script = ExtractShellCommands("echo a; if then fi; curl x | sh");
  EXPECT_TRUE(script.has_error);
  Strings commands = Commands(script);
  EXPECT_NE(std::find(commands.begin(), commands.end(), "echo a"), commands.end());
  EXPECT_NE(std::find(commands.begin(), commands.end(), "sh"), commands.end());
}

TEST(ShellCommandsTest, LongCommandsAreParsed) {
  std::string text = "dnf install -y";
  for (int i = 0; i < 12000; ++i) text += " package-" + std::to_string(i) + ".x86_64";
  ShellScript script = ExtractShellCommands(text);
  EXPECT_FALSE(script.has_error);
  ASSERT_EQ(script.commands.size(), 1u);
  EXPECT_EQ(script.commands[0].argv.size(), 12003u);
}

TEST(ShellCommandsTest, TooManyTokensIsAnErrorNotACrash) {
  ShellScript script = ExtractShellCommands(std::string(70000, ')'));
  EXPECT_TRUE(script.has_error);
  EXPECT_TRUE(script.commands.empty());
}

TEST(ShellCommandsTest, SurvivesHostileInput) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> inputs = {
      std::string("echo a\0b; ls\0", 13),
      "echo \xff\xfe\xc3( \x80 'x\xe2\x82' && ls",
      std::string(20000, '('),
      std::string(70000, ')'),  // tree-sitter 0.20.7 corrupts its heap on this one: not parsed
      std::string(70000, '('),
      std::string(20000, '{') + "; " + std::string(20000, '}'),
      "",
      "\\",
      "'",
      "$'\\",
      "sh -c",
      "sudo",
      "env -u",
  };
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "$(a ";
  inputs.push_back(nested);
  std::string long_pipeline;
  for (int i = 0; i < 20000; ++i) long_pipeline += "a | ";
  inputs.push_back(long_pipeline + "b");
  std::string long_list;
  for (int i = 0; i < 20000; ++i) long_list += "a x && ";
  inputs.push_back(long_list + "b");
  for (const std::string& input : inputs) {
    auto start = Clock::now();
    ShellScript script = ExtractShellCommands(input, 5);
    for (const ShellCommand& command : script.commands) {
      EXPECT_LE(command.begin, command.end);
      EXPECT_GE(command.begin, 5u);
      EXPECT_LE(command.end, 5 + input.size());
      UnwrapCommand(command);
    }
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(5)) << input.substr(0, 20);
  }
}

}  // namespace
}  // namespace docklint::parsers
