// Differential test of the Dockerfile parser against Docker's classic parser (openshift/imagebuilder's fork,
// through ../shared/tools/dforacle, recorded in ../shared/corpus/dockerfiles-imagebuilder-parse.jsonl.gz),
// and a sweep of every Dockerfile of the shared corpus.
//
// The parser follows current BuildKit, which differs from the classic parser in these categories only;
// files in them are counted and excluded from the comparison of instruction keywords and lines:
//   heredoc        BuildKit reads heredoc bodies (RUN/COPY/ADD <<EOF) as part of the instruction; the
//                  reference predates heredocs and reads the bodies as instructions.
//   double-escape  A line ending in two escape characters (`C:\\`): BuildKit's continuation regexp
//                  `([^\\])\\[ \t]*$` does not continue it (parser.go, setEscapeToken); the classic
//                  `\\[ \t]*$` did.
//   directive      `# escape=` after `# syntax=`: BuildKit knows `syntax` and `check` and keeps scanning
//                  directives (directives.go); the reference stops at the first key it does not know. Also
//                  `# escape = ``...`: BuildKit takes the whole value (and refuses it), the classic parser
//                  its first character.
//   long-line      A line over 65535 bytes: BuildKit's bufio.Scanner fails and BuildKit refuses the file
//                  (handleScannerError); the reference stops reading there without an error.
//   no-instructions  Only comments and blank lines: BuildKit's parser refuses the file ("file with no
//                  instructions"); the reference returns an empty list.
// Only what BuildKit's parser refuses is compared (check_instructions off): the reference is a parser
// only, it never runs the checks of BuildKit's instructions package. Those are covered by the sweep below,
// where every file BuildKit refuses must be listed, with the reason, in kExpectedRefused.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "parsers/dockerfile.h"
#include "testing/rule_of.h"

namespace docklint::parsers {
namespace {

namespace fs = std::filesystem;

const std::string kCorpus = DOCKLINT_SOURCE_DIR "/../shared/corpus";

// Files of the corpus that BuildKit refuses (a DKL0007 diagnostic), each with the reason. An entry ending
// in '*' covers every file whose path starts with it (and such files may also parse cleanly).
struct Expected {
  const char* path;
  const char* reason;
};
constexpr Expected kExpectedRefused[] = {
    // Templates and other files that are not Dockerfiles but carry a Dockerfile-like name.
    {"dockerfiles/dotnet__dotnet-docker/eng__dockerfile-templates__*", "Cottle templates ({{ ... }})"},
    {"dockerfiles/microsoft__dotnet-framework-docker/eng__dockerfile-templates__*", "Cottle templates"},
    {"dockerfiles/sclorg__postgresql-container/src__Dockerfile", "Jinja template ({{ spec.version }})"},
    {"dockerfiles/sclorg__postgresql-container/src__Dockerfile.fedora", "Jinja template ({% if %})"},
    {"dockerfiles/docker-library__mysql/Dockerfile.oracle", "jq template ({{ def ... }})"},
    {"dockerfiles/carlossg__docker-maven/Dockerfile-template", "a fragment: LABEL before any FROM"},
    {"dockerfiles/containers__buildah/tests__bud__containerfile__Containerfile.in", "cpp input (#include)"},
    {"dockerfiles/docker__containerd-packaging/scripts__validate__template__dockerfile.txt", "comments only"},
    {"dockerfiles/containerd__nerdctl/mod__tigron__hack__headers__dockerfile.txt", "comments only"},
    {"dockerfiles/GoogleContainerTools__kaniko/"
     "integration__dockerfiles__Dockerfile_dockerignore_relative.dockerignore",
     ".dockerignore"},
    {"dockerfiles/containerd__containerd/.github__workflows__release__Dockerfile.dockerignore",
     ".dockerignore"},
    {"dockerfiles/containers__buildah/tests__bud__dockerignore4__Dockerfile.test.dockerignore",
     ".dockerignore"},
    {"dockerfiles/containers__buildah/tests__bud__dockerignore6__Dockerfile.dockerignore", ".dockerignore"},
    {"dockerfiles/projectatomic__docker/contrib__syntax__nano__Dockerfile.nanorc", "nano syntax file"},
    {"dockerfiles/projectatomic__docker/contrib__syntax__textmate__Docker.tmbundle__Preferences__Dockerfile."
     "tmPreferences",
     "TextMate plist"},
    {"dockerfiles/projectatomic__docker/contrib__syntax__textmate__Docker.tmbundle__Syntaxes__Dockerfile."
     "tmLanguage",
     "TextMate plist"},
    {"dockerfiles/projectatomic__docker/contrib__syntax__vim__doc__dockerfile.txt", "vim help text"},
    {"dockerfiles/projectatomic__dockerfile_lint/bin__dockerfile_lint", "a JavaScript program"},
    {"dockerfiles/rcjsuen__dockerfile-utils/bin__dockerfile-utils", "a JavaScript program"},
    {"dockerfiles/bridgecrewio__checkov/tests__secrets__multiline_finding__Dockerfile.mine",
     "secret fixtures"},
    {"dockerfiles/bridgecrewio__checkov/tests__secrets__multiline_finding__Dockerfile.two_secrets",
     "secret fixtures"},
    // Linters' and builders' deliberately broken inputs.
    {"dockerfiles/RedCoolBeans__dockerlint/test__dockerfiles__comment_only", "no instructions"},
    {"dockerfiles/bridgecrewio__checkov/"
     "tests__dockerfile__checks__example_UpdateNotAlone__failure__Dockerfile",
     "a stray vim `~` line: unknown instruction"},
    {"dockerfiles/bridgecrewio__checkov/tests__secrets__resources__file_type__Dockerfile",
     "a stray `~` line"},
    {"dockerfiles/containers__buildah/tests__bud__add-checksum__Containerfile.bad", "--checksum without ="},
    {"dockerfiles/containers__buildah/tests__bud__add-chmod__Dockerfile.bad", "--chmod without ="},
    {"dockerfiles/containers__buildah/tests__bud__add-chown__Dockerfile.bad", "--chown without ="},
    {"dockerfiles/containers__buildah/tests__bud__copy-chmod__Dockerfile.bad", "--chmod without ="},
    {"dockerfiles/containers__buildah/tests__bud__copy-chown__Dockerfile.bad", "--chown without ="},
    {"dockerfiles/containers__buildah/tests__bud__copy-from__Dockerfile.bad", "--from without ="},
    {"dockerfiles/containers__buildah/tests__bud__copy-multistage-paths__Dockerfile.invalid_from",
     "--from without ="},
    {"dockerfiles/containers__buildah/tests__bud__base-with-arg__Containerfile", "stage names with '/'"},
    {"dockerfiles/containers__buildah/tests__bud__save-stages__Dockerfile.arg-build-stages-and-chained-build-"
     "stages",
     "stage names from ${ARG}: BuildKit does not expand them"},
    {"dockerfiles/containers__buildah/tests__bud__unrecognized__Dockerfile", "unknown instruction BOGUS"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile",
     "ENV without value"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles-negative__only_comments__Dockerfile",
     "no instructions"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles-negative__shykes-nested-json__"
     "Dockerfile",
     "JSON array with an array in it"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__flags__Dockerfile",
     "unknown flags"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__health__Dockerfile",
     "HEALTHCHECK without arguments, unknown type"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-"
     "string-double__Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-"
     "string__Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__jeztah-invalid-json-single-quotes__"
     "Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-"
     "bracket__Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-"
     "string__Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/moby__buildkit/frontend__dockerfile__parser__testfiles__json__Dockerfile",
     "parser test with no FROM"},
    {"dockerfiles/openshift__imagebuilder/dockerclient__testdata__Dockerfile.badhealthcheck",
     "HEALTHCHECK without arguments"},
    {"dockerfiles/openshift__imagebuilder/dockerclient__testdata__Dockerfile.target",
     "stage name ${TARGET3}"},
    {"dockerfiles/openshift__imagebuilder/dockerclient__testdata__Dockerfile.unknown",
     "unknown instructions"},
    {"dockerfiles/openshift__imagebuilder/dockerfile__parser__testfiles-negative__env_no_value__Dockerfile",
     "ENV without value"},
    {"dockerfiles/openshift__imagebuilder/dockerfile__parser__testfiles__escape-nonewline__Dockerfile",
     "# escape = `` (BuildKit's own copy of this test file says `)"},
    {"dockerfiles/openshift__imagebuilder/dockerfile__parser__testfiles__health__Dockerfile", "HEALTHCHECK"},
    {"dockerfiles/openshift__imagebuilder/dockerfile__parser__testfiles__long-text__Dockerfile",
     "a line of 145159 bytes"},
    {"dockerfiles/projectatomic__docker/builder__dockerfile__parser__testfiles__escape-nonewline__Dockerfile",
     "# escape = ``"},
    {"dockerfiles/projectatomic__docker/builder__dockerfile__parser__testfiles__health__Dockerfile",
     "HEALTHCHECK"},
    {"dockerfiles/projectatomic__dockerfile_lint/test__data__dockerfiles__EmptyFile", "lint test input"},
    {"dockerfiles/replicatedhq__dockerfilelint/test__examples__Dockerfile.misc", "lint test input"},
    {"dockerfiles/replicatedhq__dockerfilelint/test__examples__Dockerfile.shell.fail", "SHELL not in JSON"},
    // Real Dockerfiles that BuildKit refuses.
    {"dockerfiles/oracle__docker-images/OracleDatabase__GDD__containerfiles__19.3.0__Dockerfile_19c",
     "a continuation misses its backslash: `MAINPY=...` becomes an unknown instruction"},
    {"dockerfiles/vimagick__dockerfiles/obs-web-arm__Dockerfile", "COPY --from stage (no '=')"},
    // Fragments of BuildKit's Go tests (cut at %s placeholders or string concatenations).
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_addgit_test.go__L313.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_addgit_test.go__L315.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_addgit_test.go__L348.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_copy_test.go__L1346.Dockerfile",
     "%s placeholders"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_copy_test.go__L222.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_heredoc_test.go__L833.Dockerfile",
     "%s placeholders"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_platform_test.go__L181.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_platform_test.go__L182.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_platform_test.go__L29.Dockerfile",
     "%s in a stage name"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_platform_test.go__L35.Dockerfile",
     "%s in a stage name"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_targets_test.go__L37.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_targets_test.go__L39.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_targets_test.go__L42.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_targets_test.go__L45.Dockerfile",
     "fragment"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__exclude_patterns_test.go__L249.Dockerfile",
     "fragment"},
    // BuildKit's tests of its own errors.
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_check_test.go__L931.Dockerfile",
     "unknown instruction BADCMD"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_cmd_test.go__L420.Dockerfile",
     "unknown instruction FNTRYPOINT"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_cmd_test.go__L424.Dockerfile",
     "unknown instruction FNTRYPOINT"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_mount_test.go__L106.Dockerfile",
     "unknown flag --mont"},
    {"dockerfiles-buildkit-tests/moby__buildkit/"
     "frontend__dockerfile__dockerfile_mount_test.go__L110.Dockerfile",
     "unknown flag --mont"},
    {"dockerfiles-buildkit-tests/moby__buildkit/frontend__dockerfile__errors_test.go__L26.Dockerfile",
     "ENV without arguments"},
    {"dockerfiles-buildkit-tests/moby__buildkit/frontend__dockerfile__errors_test.go__L53.Dockerfile",
     "unknown flag --foo"},
    {"dockerfiles-buildkit-tests/moby__buildkit/frontend__dockerfile__parser__parser_heredoc_test.go__L11."
     "Dockerfile",
     "USER <<INVALID makes INVALID an instruction, `<<  EOF` lines too"},
};

bool HasError(const Dockerfile& df) {
  for (const auto& d : df.diagnostics) {
    if (d.code == kDockerfileErrorCode) return true;
  }
  return false;
}

bool HasHeredoc(const Dockerfile& df) {
  for (const auto& ins : df.instructions) {
    if (!ins.heredocs.empty() || (ins.trigger != nullptr && !ins.trigger->heredocs.empty())) return true;
  }
  return false;
}

bool HasDoubleEscapeLine(const std::string& text, char escape) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    size_t e = end;
    while (e > begin && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    if (e - begin >= 2 && text[e - 1] == escape && text[e - 2] == escape) return true;
    begin = end + 1;
  }
  return false;
}

bool HasLongLine(const std::string& text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (end - begin > kDockerfileMaxLineLength) return true;
    begin = end + 1;
  }
  return false;
}

// The reference reads `# escape` only as the first directive, and only its first character.
bool HasDirectiveTheReferenceMisreads(const Dockerfile& df) {
  for (size_t i = 0; i < df.directives.size(); ++i) {
    if (df.directives[i].name == "escape" && (i > 0 || df.directives[i].value.size() != 1)) return true;
  }
  return false;
}

bool ReadGzipLines(const std::string& path, std::vector<std::string>* lines) {
  std::string command = "gzip -dc '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  std::string current;
  char buffer[1 << 16];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    for (size_t i = 0; i < n; ++i) {
      if (buffer[i] == '\n') {
        lines->push_back(std::move(current));
        current.clear();
      } else {
        current.push_back(buffer[i]);
      }
    }
  }
  if (!current.empty()) lines->push_back(std::move(current));
  return pclose(pipe) == 0;
}

TEST(DockerfileCorpusTest, AgreesWithTheClassicParser) {
  const std::string jsonl = kCorpus + "/dockerfiles-imagebuilder-parse.jsonl.gz";
  if (!fs::exists(jsonl)) GTEST_SKIP() << "no corpus at " << kCorpus;
  std::vector<std::string> lines;
  ASSERT_TRUE(ReadGzipLines(jsonl, &lines)) << "cannot read " << jsonl;

  std::map<std::string, int> counts;
  for (const std::string& line : lines) {
    nlohmann::json record = nlohmann::json::parse(line);
    const std::string rel = record.at("file").get<std::string>();
    std::string content;
    std::string error;
    if (!base::ReadFileToString(kCorpus + "/" + rel, &content, &error)) {
      ++counts["missing from the corpus"];
      continue;
    }
    ++counts["files"];
    base::SourceFile file(rel, content);
    Dockerfile df = ParseDockerfile(file, {.check_instructions = false});

    std::vector<std::string> ours;
    for (const auto& ins : df.instructions) {
      ours.push_back(ins.keyword + " " + std::to_string(ins.start_line) + "-" + std::to_string(ins.end_line));
    }
    std::vector<std::string> theirs;
    for (const auto& ins : record.at("instructions")) {
      theirs.push_back(ins.at("cmd").get<std::string>() + " " + std::to_string(ins.at("start").get<int>()) +
                       "-" + std::to_string(ins.at("end").get<int>()));
    }
    // When the reference refuses a file it gives no instructions: then only the refusal is compared.
    bool reference_refuses = record.contains("error");
    if (reference_refuses ? HasError(df) : ours == theirs && !HasError(df)) {
      ++counts[reference_refuses ? "agreeing (both refuse)" : "agreeing"];
      continue;
    }
    // A difference must fall in one of the categories above.
    const char* category = HasHeredoc(df)                              ? "heredoc"
                           : HasDoubleEscapeLine(content, df.escape)   ? "double-escape"
                           : HasDirectiveTheReferenceMisreads(df)      ? "directive"
                           : HasLongLine(content)                      ? "long-line"
                           : df.instructions.empty() && theirs.empty() ? "no-instructions"
                                                                       : nullptr;
    if (category != nullptr) {
      ++counts[std::string("excluded: ") + category];
      continue;
    }
    ++counts["disagreeing"];
    if (!reference_refuses) {
      EXPECT_EQ(ours, theirs) << rel;
    }
    EXPECT_EQ(HasError(df), reference_refuses) << rel << ": reference error: " << record.value("error", "");
    for (const auto& d : df.diagnostics) {
      ADD_FAILURE() << rel << ":" << d.span.range().begin << ": " << test_support::RuleOf(d) << " "
                    << d.message;
    }
  }
  for (const auto& [what, n] : counts) std::printf("  %-28s %d\n", what.c_str(), n);
  EXPECT_EQ(counts["disagreeing"], 0);
  EXPECT_GT(counts["agreeing"], 4400);
}

TEST(DockerfileCorpusTest, EveryCorpusDockerfileParsesAndOnlyListedOnesAreRefused) {
  if (!fs::exists(kCorpus + "/dockerfiles")) GTEST_SKIP() << "no corpus at " << kCorpus;
  std::vector<std::string> paths;
  for (const char* dir : {"dockerfiles", "dockerfiles-buildkit-tests"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kCorpus + "/" + dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "MANIFEST.tsv") continue;
      paths.push_back(fs::relative(entry.path(), kCorpus).generic_string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::unique_ptr<base::SourceFile>> files;
  size_t bytes = 0;
  for (const std::string& rel : paths) {
    std::string content;
    std::string error;
    ASSERT_TRUE(base::ReadFileToString(kCorpus + "/" + rel, &content, &error)) << rel << ": " << error;
    bytes += content.size();
    files.push_back(std::make_unique<base::SourceFile>(rel, std::move(content)));
  }

  std::set<std::string> refused;
  size_t instructions = 0;
  size_t warnings = 0;
  for (const auto& file : files) {
    Dockerfile df = ParseDockerfile(*file);
    instructions += df.instructions.size();
    for (const auto& d : df.diagnostics) warnings += d.code == kDockerfileWarningCode ? 1 : 0;
    if (HasError(df)) refused.insert(file->path());
  }
  // Speed: the best of a few passes, in wall and CPU time (other processes share the machine).
  double seconds = 1e9;
  double cpu_seconds = 1e9;
  for (int pass = 0; pass < 3; ++pass) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    for (const auto& file : files) {
      Dockerfile df = ParseDockerfile(*file);
      ASSERT_EQ(df.file, file.get());
    }
    seconds =
        std::min(seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu_seconds = std::min(cpu_seconds, static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
  }

  auto listed = [](const std::string& path) -> const Expected* {
    for (const Expected& e : kExpectedRefused) {
      std::string_view p = e.path;
      if (p.ends_with('*') ? path.starts_with(p.substr(0, p.size() - 1)) : path == p) return &e;
    }
    return nullptr;
  };
  for (const std::string& path : refused) {
    EXPECT_NE(listed(path), nullptr) << path << " is refused but not in kExpectedRefused";
  }
  for (const Expected& e : kExpectedRefused) {
    std::string_view p = e.path;
    if (!p.ends_with('*') && fs::exists(kCorpus + "/" + e.path)) {
      EXPECT_TRUE(refused.count(e.path)) << e.path << " is listed (" << e.reason << ") but parses cleanly";
    }
  }
  std::printf("  %zu files, %zu instructions, %zu refused (all listed), %zu warnings\n", files.size(),
              instructions, refused.size(), warnings);
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("  parsed %.1f MB in %.3f s (%.3f s of CPU): %.0f MB/s (%.0f MB/s of CPU time)\n", mb, seconds,
              cpu_seconds, mb / seconds, mb / cpu_seconds);
}

}  // namespace
}  // namespace docklint::parsers
