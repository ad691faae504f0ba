// Every real host file of ../shared/corpus/host goes through its parser: nothing may crash, and the files
// that Debian itself ships (debian__*) must parse without a syntax diagnostic. Skipped when the corpus is
// not beside the checkout.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "app/dockerfile_lint.h"
#include "base/source_file.h"
#include "parsers/audit_rules.h"
#include "parsers/daemon_json.h"
#include "parsers/env_file.h"
#include "parsers/exec_command.h"
#include "parsers/systemd_unit.h"
#include "rules/ruleset.h"
#include "testing/rule_of.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

fs::path CorpusHost() { return fs::path(DOCKLINT_SOURCE_DIR) / ".." / "shared" / "corpus" / "host"; }

// Parses every regular file in `folder` with `parse`, which returns the syntax diagnostics it found.
template <typename Parse>
void ParseAll(const std::string& folder, Parse parse) {
  fs::path dir = CorpusHost() / folder;
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is not there";
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string content, error;
    ASSERT_TRUE(base::ReadFileToString(entry.path().string(), &content, &error)) << entry.path();
    base::SourceFile file(entry.path().filename().string(), content);
    base::Diagnostics diagnostics = parse(file);
    ++files;
    if (entry.path().filename().string().starts_with("debian__")) {
      EXPECT_TRUE(diagnostics.empty()) << entry.path() << ": " << diagnostics.front().message;
    }
  }
  EXPECT_GT(files, 0u);
}

TEST(CorpusTest, SystemdUnitsAndTheirExecLines) {
  for (const char* folder : {"systemd_unit", "systemd_dropin"}) {
    ParseAll(folder, [](const base::SourceFile& file) {
      base::Diagnostics diagnostics;
      parsers::UnitFile unit = parsers::ParseSystemdUnit(file, &diagnostics);
      for (const parsers::UnitEntry* exec : unit.Find("Service", "ExecStart")) {
        parsers::SplitExecCommands(exec->value, &diagnostics);
      }
      return diagnostics;
    });
  }
}

TEST(CorpusTest, EnvironmentFiles) {
  for (const char* folder : {"etc_default", "etc_sysconfig"}) {
    ParseAll(folder, [](const base::SourceFile& file) {
      base::Diagnostics diagnostics;
      parsers::ParseEnvFile(file, &diagnostics);
      base::Diagnostics syntax;  // shell code in these files is reported by design; only crashes matter here
      return syntax;
    });
  }
}

TEST(CorpusTest, AuditRules) {
  ParseAll("audit_rules", [](const base::SourceFile& file) {
    base::Diagnostics diagnostics;
    parsers::ParseAuditRules(file, &diagnostics);
    base::Diagnostics rejected;
    for (const auto& d : diagnostics) {
      if (test_support::RuleOf(d) == "DKL4001") rejected.push_back(d);
    }
    return rejected;
  });
}

TEST(CorpusTest, DaemonJson) {
  ParseAll("daemon_json", [](const base::SourceFile& file) {
    base::Diagnostics diagnostics;
    parsers::ParseDaemonJson(file, &diagnostics);
    return diagnostics;
  });
}

}  // namespace
}  // namespace docklint

namespace docklint {
namespace {

// The whole linter, rules and tree-sitter-bash included, over every Dockerfile of the corpus: no crash,
// and no finding of DKL0000 (a diagnostic no rule owns, which would be a bug of ours). Each file is linted
// twice, with RUNs ruled out by the checks' words and with every RUN parsed: the filter must lose nothing.
TEST(DockerfileCorpusLintTest, EveryCorpusDockerfileLintsWithoutInternalErrors) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(DOCKLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::is_directory(corpus / "dockerfiles")) GTEST_SKIP() << corpus << " is not there";
  rules::Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::vector<const rules::Rule*> all;
  for (const rules::Rule& rule : ruleset.rules()) all.push_back(&rule);
  app::DockerfileLinter filtered(ruleset, all);
  app::DockerfileLinter unfiltered(ruleset, all, {}, /*filter_runs=*/false);
  auto text = [](const std::vector<base::Finding>& found) {
    std::string out;
    for (const base::Finding& f : found) {
      out += f.rule_id + " " + std::to_string(f.location.range.begin.line) + ":" +
             std::to_string(f.location.range.begin.column) + " " + f.message + "\n";
    }
    return out;
  };
  size_t files = 0, refused = 0, findings = 0;
  for (const char* folder : {"dockerfiles", "dockerfiles-buildkit-tests"}) {
    for (const auto& entry : fs::recursive_directory_iterator(corpus / folder)) {
      if (!entry.is_regular_file() || entry.path().filename() == "MANIFEST.tsv") continue;
      std::string content, error;
      ASSERT_TRUE(base::ReadFileToString(entry.path().string(), &content, &error)) << entry.path();
      base::SourceFile file(entry.path().string(), std::move(content));
      std::vector<base::Finding> found, found_unfiltered;
      filtered.Lint(file, &found);
      unfiltered.Lint(file, &found_unfiltered);
      EXPECT_EQ(text(found), text(found_unfiltered)) << entry.path();
      ++files;
      findings += found.size();
      bool file_refused = false;
      for (const base::Finding& finding : found) {
        EXPECT_NE(finding.rule_id, "DKL0000") << entry.path() << ": " << finding.message;
        file_refused = file_refused || finding.rule_id == "DKL0007";
      }
      refused += file_refused;
    }
  }
  std::cout << "[ corpus   ] " << files << " Dockerfiles linted, " << findings << " findings, " << refused
            << " refused by BuildKit's rules (DKL0007)\n";
  EXPECT_GT(files, 4000u);
}

}  // namespace
}  // namespace docklint
