// End-to-end, as clang-tidy's lit tests: runs the docklint binary on every Dockerfile under
// fixtures/dockerfiles and checks its findings against the annotations in the file. A comment
// `# expect: DKL3001 DKL3005` states the findings of the next instruction (a finding belongs to the
// instruction whose lines hold its start); `# expect-file: DKL0009` states a finding outside any
// instruction (a parser directive, a comment). A finding without an annotation fails, and so does an
// annotation without its finding; a file without annotations must produce none. A fixture may also have
// `<name>.expected.txt`: then the text output must match it exactly, columns included; and `<name>.args`,
// options for its runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/source_file.h"
#include "parsers/dockerfile.h"
#include "testing/golden.h"
#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

using test_support::ReadFile;

std::string RunDocklint(const std::string& args) { return test_support::RunDocklint(args).output; }

std::vector<std::string> DockerfileFixtures() {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry :
       fs::directory_iterator(fs::path(DOCKLINT_SOURCE_DIR) / "fixtures/dockerfiles", ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".Dockerfile")) found.push_back("fixtures/dockerfiles/" + name);
  }
  std::sort(found.begin(), found.end());
  return found;
}

// "instruction <n> (line <l>): DKL3001" or "file: DKL0009", one per expected or actual finding.
using Expectations = std::multiset<std::string>;

std::vector<std::string> Ids(std::string_view list) {
  std::vector<std::string> ids;
  std::istringstream words{std::string(list)};
  std::string id;
  while (words >> id) ids.push_back(id);
  return ids;
}

Expectations Annotations(const parsers::Dockerfile& dockerfile) {
  Expectations out;
  for (const parsers::DockerfileComment& comment : dockerfile.comments) {
    std::string_view text = comment.text;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    uint32_t line = comment.span.range().begin.line;
    if (text.starts_with("expect-file:")) {
      for (const std::string& id : Ids(text.substr(12))) out.insert("file: " + id);
    } else if (text.starts_with("expect:")) {
      for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions) {
        if (instruction.start_line <= line) continue;
        for (const std::string& id : Ids(text.substr(7)))
          out.insert("instruction at line " + std::to_string(instruction.start_line) + ": " + id);
        break;
      }
    }
  }
  return out;
}

class DockerfileFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(DockerfileFixtureTest, FindingsMatchTheAnnotations) {
  const std::string& fixture = GetParam();
  base::SourceFile file(fixture, ReadFile(fs::path(DOCKLINT_SOURCE_DIR) / fixture));
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  Expectations expected = Annotations(dockerfile);

  // A fixture may pin options (--trusted-registry) in <name>.args.
  std::string args;
  fs::path args_file = fs::path(DOCKLINT_SOURCE_DIR) / (fixture.substr(0, fixture.size() - 11) + ".args");
  if (fs::exists(args_file)) {
    args = ReadFile(args_file);
    while (!args.empty() && args.back() == '\n') args.pop_back();
    args += " ";
  }
  if (args.find("--shellcheck") != std::string::npos &&
      std::system("command -v shellcheck >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << fixture << " needs shellcheck (apt-get install shellcheck)";
  }
  std::string output = RunDocklint(args + "--format json " + fixture);
  nlohmann::json json = nlohmann::json::parse(output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << output;
  Expectations actual;
  std::string all;
  for (const nlohmann::json& finding : json["findings"]) {
    uint32_t line = finding.value("line", 0u);
    std::string where = "file";
    for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions) {
      if (line >= instruction.start_line && line <= instruction.end_line) {
        where = "instruction at line " + std::to_string(instruction.start_line);
        break;
      }
    }
    actual.insert(where + ": " + finding["rule"].get<std::string>());
    all += "  " + std::to_string(line) + ": [" + finding["rule"].get<std::string>() + "] " +
           finding["message"].get<std::string>() + "\n";
  }
  std::vector<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  for (const std::string& m : missing) ADD_FAILURE() << fixture << ": expected but not reported: " << m;
  for (const std::string& u : unexpected)
    ADD_FAILURE() << fixture << ": reported without an annotation: " << u;
  if (!missing.empty() || !unexpected.empty()) std::cerr << "findings of " << fixture << ":\n" << all;

  fs::path golden =
      fs::path(DOCKLINT_SOURCE_DIR) / (fixture.substr(0, fixture.size() - 11) + ".expected.txt");
  if (fs::exists(golden)) {
    test_support::ExpectGolden(RunDocklint(args + fixture), golden, "docklint " + args + fixture);
  }
}

INSTANTIATE_TEST_SUITE_P(Dockerfiles, DockerfileFixtureTest, testing::ValuesIn(DockerfileFixtures()),
                         [](const auto& info) {
                           std::string name = fs::path(info.param).stem().string();
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace docklint
