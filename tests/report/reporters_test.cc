// The machine formats, end to end on fixtures with real findings: SARIF validated against the official
// SARIF 2.1.0 schema (python3-jsonschema; schema fetched by tools/setup), XML formats parsed, GitHub
// workflow commands checked line by line; and the text reporter's code frames.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/escape.h"
#include "report/reporter.h"
#include "testing/run_docklint.h"

namespace docklint::report {
namespace {

namespace fs = std::filesystem;
using test_support::RunDocklint;
using test_support::RunInSourceDir;

// Inputs whose findings have related locations, fatal flags, file-only places and Dockerfile ranges.
const char* kInputs = "--root fixtures/hosts/hosts-conflict";

std::string WriteTemp(const std::string& name, const std::string& content) {
  fs::path path = fs::temp_directory_path() / ("docklint-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << content;
  return path.string();
}

TEST(SarifTest, OutputIsValidAgainstTheOfficialSchema) {
  fs::path schema =
      fs::path(DOCKLINT_BINARY).parent_path() / "_deps/sarif-schema/lib/schemas/sarif-2.1.0-rtm.5.json";
  ASSERT_TRUE(fs::exists(schema)) << schema << " is missing: run tools/setup";
  // With fixes of every kind: a value replaced, members inserted, one removed (unsafe), after non-ASCII text.
  fs::path fixes_dir = fs::temp_directory_path() / ("docklint-" + std::to_string(::getpid()) + "-fixes");
  fs::create_directories(fixes_dir);
  std::string with_fixes = (fixes_dir / "daemon.json").string();
  std::ofstream(with_fixes)
      << "{\n  \"labels\": [\"zoné=1\"], \"icc\": true,\n  \"insecure-registries\": [\"a:5000\"]\n}\n";
  for (std::string args : {std::string(kInputs), std::string("fixtures/demo-host/etc/docker/daemon.json"),
                           std::string("--root fixtures/hosts/file-permissions"), "'" + with_fixes + "'"}) {
    std::string sarif = RunDocklint("--format sarif " + args).output;
    nlohmann::json doc = nlohmann::json::parse(sarif, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << sarif;
    ASSERT_FALSE(doc["runs"][0]["results"].empty()) << args;
    std::string file = WriteTemp("out.sarif", sarif);
    test_support::CommandResult check = RunInSourceDir(
        "python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), "
        "json.load(open(sys.argv[1]))); print(\"valid\")' '" +
        schema.string() + "' '" + file + "'");
    fs::remove(file);
    EXPECT_EQ(check.output, "valid\n") << args;
    if (args.find(with_fixes) != std::string::npos) {
      size_t fixes = 0;
      for (const nlohmann::json& result : doc["runs"][0]["results"])
        fixes += result.value("fixes", nlohmann::json::array()).size();
      EXPECT_GE(fixes, 4u) << sarif;  // icc, no-new-privileges, live-restore; insecure-registries (unsafe)
    }
  }
  fs::remove_all(fixes_dir);
}

TEST(SarifTest, FixesReplaceRegionsCountedInCodePoints) {
  base::SourceFile file("daemon.json", "{\"labels\": [\"zoné\"], \"icc\": true}\n");
  base::Finding finding;
  finding.rule_id = "DKL1001";
  finding.rule_name = "icc-enabled";
  finding.message = "icc";
  finding.location = base::Location::Of(base::SourceSpan{&file, 22, 27});  // "icc"
  // "true" is bytes 29..33 (byte columns 30..34, code points 29..33): é is two bytes.
  finding.fixes.push_back({"Set \"icc\" to false", {{file.RangeOf(29, 33), "false"}}, false});
  finding.fixes.push_back({"Remove \"icc\"", {{file.RangeOf(20, 33), ""}}, true});
  std::vector<base::Finding> findings{finding};
  std::ostringstream out;
  WriteSarif(Report{findings, {}, [&](const std::string&) { return &file; }}, out);
  nlohmann::json result = nlohmann::json::parse(out.str())["runs"][0]["results"][0];
  EXPECT_EQ(result["fixes"], nlohmann::json::parse(R"([
    {"description": {"text": "Set \"icc\" to false"},
     "artifactChanges": [{"artifactLocation": {"uri": "daemon.json"},
                          "replacements": [{"deletedRegion": {"startLine": 1, "startColumn": 29,
                                                              "endLine": 1, "endColumn": 33},
                                            "insertedContent": {"text": "false"}}]}]},
    {"description": {"text": "Remove \"icc\""},
     "artifactChanges": [{"artifactLocation": {"uri": "daemon.json"},
                          "replacements": [{"deletedRegion": {"startLine": 1, "startColumn": 20,
                                                              "endLine": 1, "endColumn": 33}}]}],
     "properties": {"unsafe": true}}])"))
      << result.dump(2);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 22);
}

TEST(SarifTest, ResultsCarryRulesLocationsAndFingerprints) {
  nlohmann::json doc = nlohmann::json::parse(RunDocklint("--format sarif " + std::string(kInputs)).output);
  const nlohmann::json& run = doc["runs"][0];
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  bool saw_related = false;
  for (const nlohmann::json& result : run["results"]) {
    const nlohmann::json& rule = run["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()];
    EXPECT_EQ(rule["id"], result["ruleId"]);
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_EQ(result["partialFingerprints"]["docklintFingerprint/v1"].get<std::string>().size(), 32u);
    saw_related = saw_related || result.contains("relatedLocations");
  }
  EXPECT_TRUE(saw_related);  // the flag/file conflict points at both places
}

TEST(EscapeTest, UrisAndColumns) {
  EXPECT_EQ(UriEncode("image.tar:/etc/docker/daemon.json"), "image.tar%3A/etc/docker/daemon.json");
  EXPECT_EQ(UriEncode("a b/ü"), "a%20b/%C3%BC");
  EXPECT_EQ(CodePointColumn("ENV A=\"é\" B=1", 12), 11u);  // é is two bytes, one code point
  EXPECT_EQ(XmlEscape("a<b & \x01 \xff"), "a&lt;b &amp; \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(GithubProperty("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
}

TEST(CiFormatsTest, GithubCommandsOnePerFinding) {
  std::string json = RunDocklint("--format json " + std::string(kInputs)).output;
  size_t findings = nlohmann::json::parse(json)["findings"].size();
  std::istringstream lines(RunDocklint("--format github " + std::string(kInputs)).output);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(line.starts_with("::error file=") || line.starts_with("::warning file=") ||
                line.starts_with("::notice file="))
        << line;
    EXPECT_NE(line.find(",title=DKL"), std::string::npos) << line;
  }
  EXPECT_EQ(count, findings);
}

TEST(CiFormatsTest, GitlabCodeQualityHasUniqueFingerprints) {
  nlohmann::json issues =
      nlohmann::json::parse(RunDocklint("--format gitlab " + std::string(kInputs)).output);
  ASSERT_TRUE(issues.is_array());
  ASSERT_FALSE(issues.empty());
  std::set<std::string> fingerprints;
  for (const nlohmann::json& issue : issues) {
    fingerprints.insert(issue["fingerprint"].get<std::string>());
    EXPECT_TRUE(issue["location"]["lines"]["begin"].get<int>() >= 1);
    EXPECT_NE(std::string("info minor major critical blocker").find(issue["severity"].get<std::string>()),
              std::string::npos);
  }
  EXPECT_EQ(fingerprints.size(), issues.size());
}

TEST(CiFormatsTest, CheckstyleAndJunitAreWellFormedXml) {
  for (std::string format : {"checkstyle", "junit"}) {
    for (std::string args :
         {std::string(kInputs), std::string("fixtures/hosts/hardened/etc/docker/daemon.json "
                                            "--ignore DKL1")}) {
      std::string file = WriteTemp("out.xml", RunDocklint("--format " + format + " " + args).output);
      test_support::CommandResult parsed = RunInSourceDir(
          "python3 -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); "
          "print(r.tag)' '" +
          file + "'");
      fs::remove(file);
      EXPECT_EQ(parsed.output, format == "junit" ? "testsuites\n" : "checkstyle\n") << format << " " << args;
    }
  }
}

TEST(TextTest, CodeFrameUnderlinesTheExactColumns) {
  base::SourceFile file("Dockerfile", "FROM debian:12\nRUN sudo apt-get install -y curl\n");
  base::Finding finding;
  finding.rule_id = "DKL3015";
  finding.message = "sudo in a build step";
  finding.location = base::Location::Of(base::SourceSpan{&file, 19, 23});
  std::vector<base::Finding> findings{finding};
  std::ostringstream out;
  WriteText(Report{findings, {}, [&](const std::string&) { return &file; }}, TextStyle{false, true}, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:2:5: warning: sudo in a build step [DKL3015]\n"
            "   |\n"
            " 2 | RUN sudo apt-get install -y curl\n"
            "   |     ^~~~\n");
}

}  // namespace
}  // namespace docklint::report
