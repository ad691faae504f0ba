// The man page (docs/docklint.1) and the shell completions (docs/completions/) are written by hand from
// `docklint --help`. These tests keep them from drifting: every option and subcommand --help lists must be in
// each of them, the completions offer no option --help lacks, the page's title carries the version, the page
// renders without warnings (groff, mandoc) and the completions parse in their shells.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "testing/run_docklint.h"

namespace docklint {
namespace {

using test_support::CommandResult;
using test_support::ReadFile;
using test_support::RunInSourceDir;

struct HelpItems {
  std::set<std::string> long_options;  // without the dashes: "root", "list-rules"
  std::set<char> short_options;        // 'h', 'f', 'j'
  std::set<std::string> subcommands;   // "lsp", once --help lists it
};

// CLI11's help: an "Options:" section with lines such as "  -f,--format TEXT ..." and "  --root DIR ...",
// and a "Subcommands:" section with lines such as "  lsp   Run ...".
HelpItems ParseHelp(const std::string& help) {
  HelpItems items;
  static const std::regex kOption(R"(^\s+((?:-[A-Za-z],)*)--([a-z][a-z0-9-]*))");
  static const std::regex kShortOnly(R"(^\s+-([A-Za-z])(?:\s|,|$))");
  static const std::regex kSubcommand(R"(^\s+([a-z][a-z0-9-]*)(?:\s|$))");
  std::istringstream in(help);
  std::string line;
  std::string section;
  while (std::getline(in, line)) {
    if (!line.empty() && !std::isspace(static_cast<unsigned char>(line[0]))) {
      section = line;
      continue;
    }
    std::smatch match;
    if (section == "Options:") {
      if (std::regex_search(line, match, kOption)) {
        items.long_options.insert(match[2]);
        std::string shorts = match[1];
        for (size_t at = 0; at + 1 < shorts.size(); at += 3) items.short_options.insert(shorts[at + 1]);
      } else if (std::regex_search(line, match, kShortOnly)) {
        items.short_options.insert(match[1].str()[0]);
      }
    } else if (section == "Subcommands:" && std::regex_search(line, match, kSubcommand)) {
      items.subcommands.insert(match[1]);
    }
  }
  return items;
}

HelpItems Help() {
  CommandResult help = RunInSourceDir(std::string("'") + DOCKLINT_BINARY + "' --help");
  EXPECT_EQ(help.exit_code, 0);
  HelpItems items = ParseHelp(help.output);
  // A floor, so that a change of --help's layout cannot make these tests pass by finding nothing.
  EXPECT_GE(items.long_options.size(), 25u) << help.output;
  EXPECT_TRUE(items.long_options.count("root") && items.long_options.count("list-rules")) << help.output;
  EXPECT_TRUE(items.short_options.count('f')) << help.output;
  return items;
}

bool IsOptionChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// `token` occurs in `text` as a whole word: not inside a longer option or name.
bool HasWord(const std::string& text, const std::string& token) {
  for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + 1)) {
    bool starts = at == 0 || !IsOptionChar(text[at - 1]);
    size_t end = at + token.size();
    bool ends = end == text.size() || !IsOptionChar(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

// roff writes a minus sign as \-: "--list-rules" is \-\-list\-rules in the page. A word ends where no letter,
// digit or further \- follows.
bool ManHas(const std::string& page, const std::string& option) {
  std::string roff;
  for (char c : option) roff += c == '-' ? std::string("\\-") : std::string(1, c);
  for (size_t at = page.find(roff); at != std::string::npos; at = page.find(roff, at + 1)) {
    bool starts = at == 0 || (page[at - 1] != '-' && !std::isalnum(static_cast<unsigned char>(page[at - 1])));
    size_t end = at + roff.size();
    bool ends = end == page.size() ||
                (!std::isalnum(static_cast<unsigned char>(page[end])) && page.compare(end, 2, "\\-") != 0);
    if (starts && ends) return true;
  }
  return false;
}

std::string Source(const std::string& relative) {
  return ReadFile(std::string(DOCKLINT_SOURCE_DIR) + "/" + relative);
}

// The file without its comment lines, so that a comment cannot stand in for an option.
std::string WithoutComments(const std::string& text) {
  std::istringstream in(text);
  std::string line, kept;
  while (std::getline(in, line)) {
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') continue;
    kept += line + "\n";
  }
  return kept;
}

bool Have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command` in the source directory with its standard error in the output.
CommandResult RunWithStderr(const std::string& command) {
  return RunInSourceDir("( { " + command + "; } 2>&1 )");
}

TEST(InstallDocsTest, HelpParserReadsCli11Layout) {
  HelpItems items = ParseHelp(
      "docklint: a linter\nUsage: docklint [OPTIONS] [paths...] [SUBCOMMAND]\n\nPositionals:\n"
      "  paths TEXT ...              Files\n\nOptions:\n  -h,--help                   Print this help\n"
      "  --root DIR                  Lint the host tree (see --format)\n"
      "  -f,--format TEXT:{text,json}=text\n                              Output format\n"
      "  -q                          Quiet\n\nSubcommands:\n  lsp                         Run the language "
      "server\n"
      "\nExit status: 0 no findings.\n");
  EXPECT_EQ(items.long_options, (std::set<std::string>{"help", "root", "format"}));
  EXPECT_EQ(items.short_options, (std::set<char>{'h', 'f', 'q'}));
  EXPECT_EQ(items.subcommands, (std::set<std::string>{"lsp"}));
}

TEST(InstallDocsTest, ManPageDocumentsEveryOptionOfHelp) {
  HelpItems help = Help();
  std::string page = Source("docs/docklint.1");
  ASSERT_FALSE(page.empty()) << "docs/docklint.1 is missing";
  for (const std::string& option : help.long_options) {
    EXPECT_TRUE(ManHas(page, "--" + option)) << "docs/docklint.1 does not document --" << option;
  }
  for (char option : help.short_options) {
    EXPECT_TRUE(ManHas(page, std::string("-") + option)) << "docs/docklint.1 does not document -" << option;
  }
  for (const std::string& command : help.subcommands) {
    EXPECT_TRUE(HasWord(page, command)) << "docs/docklint.1 does not document the " << command << " command";
  }
  // What the page must say besides the options.
  for (const char* section : {".SH EXIT STATUS", ".SH OUTPUT", ".SH FILES", ".SH EXAMPLES", ".SH SEE ALSO"}) {
    EXPECT_NE(page.find(section), std::string::npos) << "docs/docklint.1 has no " << section;
  }
  EXPECT_NE(page.find(".docklint.toml"), std::string::npos);
  EXPECT_NE(page.find(".BR hadolint (1)"), std::string::npos);
  EXPECT_TRUE(HasWord(page, "lsp")) << "docs/docklint.1 does not document docklint lsp";
}

TEST(InstallDocsTest, ManPageTitleCarriesTheVersion) {
  CommandResult version = RunInSourceDir(std::string("'") + DOCKLINT_BINARY + "' --version");
  ASSERT_EQ(version.exit_code, 0);
  std::string name_and_version = version.output.substr(0, version.output.find('\n'));  // "docklint 0.1.0"
  std::string page = Source("docs/docklint.1");
  std::string title = page.substr(page.find(".TH "));
  title = title.substr(0, title.find('\n'));
  EXPECT_NE(title.find("\"" + name_and_version + "\""), std::string::npos)
      << "the .TH line of docs/docklint.1 should name \"" << name_and_version << "\": " << title;
}

TEST(InstallDocsTest, CompletionsOfferEveryOptionOfHelpAndNoOther) {
  HelpItems help = Help();
  struct Completion {
    std::string path;
    std::string long_prefix;   // how the file spells a long option: "--" or fish's "-l "
    std::string short_prefix;  // "-" or fish's "-s "
  };
  for (const Completion& completion : {Completion{"docs/completions/docklint.bash", "--", "-"},
                                       Completion{"docs/completions/_docklint", "--", "-"},
                                       Completion{"docs/completions/docklint.fish", "-l ", "-s "}}) {
    SCOPED_TRACE(completion.path);
    std::string text = WithoutComments(Source(completion.path));
    ASSERT_FALSE(text.empty()) << completion.path << " is missing";
    for (const std::string& option : help.long_options) {
      EXPECT_TRUE(HasWord(text, completion.long_prefix + option)) << completion.path << " lacks --" << option;
    }
    for (char option : help.short_options) {
      EXPECT_TRUE(HasWord(text, completion.short_prefix + option)) << completion.path << " lacks -" << option;
    }
    for (const std::string& command : help.subcommands) {
      EXPECT_TRUE(HasWord(text, command)) << completion.path << " lacks the " << command << " command";
    }
    EXPECT_TRUE(HasWord(text, "lsp")) << completion.path << " does not offer docklint lsp";
    // And nothing stale: every long option the file names is one of --help's.
    std::regex spelled(completion.long_prefix == "--" ? R"((^|[^A-Za-z0-9_-])--([a-z][a-z0-9-]*))"
                                                      : R"((^|\s)-l ([a-z][a-z0-9-]*))");
    for (std::sregex_iterator it(text.begin(), text.end(), spelled), end; it != end; ++it) {
      EXPECT_TRUE(help.long_options.count((*it)[2]))
          << completion.path << " offers --" << (*it)[2] << ", which docklint --help does not list";
    }
  }
}

TEST(InstallDocsTest, ManPageRendersWithoutWarnings) {
  bool checked = false;
  if (Have("groff")) {
    checked = true;
    CommandResult groff = RunWithStderr("groff -man -ww -z -Tutf8 docs/docklint.1");
    EXPECT_EQ(groff.exit_code, 0) << groff.output;
    EXPECT_EQ(groff.output, "") << "groff warns about docs/docklint.1";
  }
  if (Have("mandoc")) {
    checked = true;
    CommandResult lint = RunWithStderr("mandoc -T lint -W warning docs/docklint.1");
    EXPECT_EQ(lint.exit_code, 0) << lint.output;
    EXPECT_EQ(lint.output, "") << "mandoc -T lint warns about docs/docklint.1";
  }
  if (!checked) GTEST_SKIP() << "neither groff nor mandoc is installed (tools/setup installs both)";
}

TEST(InstallDocsTest, CompletionsParseAndBashCompletesOptionsAndValues) {
  CommandResult bash = RunWithStderr("bash -n docs/completions/docklint.bash");
  EXPECT_EQ(bash.exit_code, 0) << bash.output;
  if (Have("zsh")) {
    CommandResult zsh = RunWithStderr("zsh -n docs/completions/_docklint");
    EXPECT_EQ(zsh.exit_code, 0) << zsh.output;
  }
  if (Have("fish")) {
    CommandResult fish = RunWithStderr("fish --no-execute docs/completions/docklint.fish");
    EXPECT_EQ(fish.exit_code, 0) << fish.output;
  }
  // Bash's completion function, called as bash calls it, with the docklint under test on PATH.
  std::string bin_dir = std::filesystem::path(DOCKLINT_BINARY).parent_path().string();
  auto complete = [&](const std::string& words) {
    return RunWithStderr("PATH='" + bin_dir +
                         "':\"$PATH\" bash -c '. docs/completions/docklint.bash; COMP_WORDS=(" + words +
                         "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _docklint; echo \"${COMPREPLY[*]}\"'")
        .output;
  };
  EXPECT_EQ(complete("docklint --list-r"), "--list-rules\n");
  EXPECT_EQ(complete("docklint --color \"\""), "auto always never\n");
  EXPECT_EQ(complete("docklint --format = sa"), "sarif\n");
  EXPECT_EQ(complete("docklint --explain icc-en"), "icc-enabled\n");
  EXPECT_EQ(complete("docklint --select DKL1001,icc-en"), "DKL1001,icc-enabled\n");
  EXPECT_EQ(complete("docklint ls"), "lsp\n");
  EXPECT_EQ(complete("docklint lsp \"\""), "\n");
}

}  // namespace
}  // namespace docklint
