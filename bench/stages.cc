// Per-stage cost of linting the corpus's Dockerfiles and host files (Google Benchmark): read, parse,
// tree-sitter-bash, rules, report. Each benchmark processes the whole corpus once per iteration and reports
// bytes/s over the text it consumed. The corpus is ../shared/corpus beside the checkout, or $DOCKLINT_CORPUS.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/dockerfile_lint.h"
#include "base/source_file.h"
#include "model/dockerfile_model.h"
#include "parsers/daemon_json.h"
#include "parsers/dockerfile.h"
#include "parsers/shell_commands.h"
#include "parsers/shell_syntax.h"
#include "parsers/systemd_unit.h"
#include "report/reporter.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() {
  if (const char* dir = std::getenv("DOCKLINT_CORPUS")) return dir;
  return fs::path(DOCKLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
}

std::vector<std::string> FilesUnder(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "MANIFEST.tsv" &&
        entry.path().string().find("/templates/") == std::string::npos)
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Everything the benchmarks share, loaded once.
struct Corpus {
  std::vector<std::string> dockerfile_paths;
  std::vector<std::unique_ptr<base::SourceFile>> dockerfiles;
  std::vector<std::unique_ptr<base::SourceFile>> daemon_jsons;
  std::vector<std::unique_ptr<base::SourceFile>> units;
  std::vector<std::string> run_texts;  // every shell-form RUN, as the shell sees it
  size_t dockerfile_bytes = 0, run_bytes = 0, daemon_json_bytes = 0, unit_bytes = 0;
  rules::Ruleset ruleset;
  std::vector<const rules::Rule*> all_rules;

  static const Corpus& Get() {
    static const Corpus* corpus = new Corpus();
    return *corpus;
  }

 private:
  Corpus() {
    fs::path dir = CorpusDir();
    for (const char* folder : {"dockerfiles", "dockerfiles-buildkit-tests"}) {
      for (std::string& path : FilesUnder(dir / folder)) dockerfile_paths.push_back(std::move(path));
    }
    auto load = [](const std::vector<std::string>& paths, std::vector<std::unique_ptr<base::SourceFile>>* out,
                   size_t* bytes) {
      for (const std::string& path : paths) {
        std::string text, error;
        if (!base::ReadFileToString(path, &text, &error)) continue;
        *bytes += text.size();
        out->push_back(std::make_unique<base::SourceFile>(path, std::move(text)));
      }
    };
    load(dockerfile_paths, &dockerfiles, &dockerfile_bytes);
    load(FilesUnder(dir / "host" / "daemon_json"), &daemon_jsons, &daemon_json_bytes);
    std::vector<std::string> unit_paths = FilesUnder(dir / "host" / "systemd_unit");
    for (std::string& path : FilesUnder(dir / "host" / "systemd_dropin"))
      unit_paths.push_back(std::move(path));
    load(unit_paths, &units, &unit_bytes);
    for (const auto& file : dockerfiles) {
      parsers::Dockerfile parsed = parsers::ParseDockerfile(*file);
      for (const parsers::DockerfileInstruction& instruction : parsed.instructions) {
        if (instruction.keyword != "run" || instruction.json_form) continue;
        run_texts.push_back(instruction.shell_source);
        run_bytes += instruction.shell_source.size();
      }
    }
    std::vector<std::string> errors;
    ruleset.LoadBuiltin(&errors);
    for (const rules::Rule& rule : ruleset.rules()) all_rules.push_back(&rule);
  }
};

void BM_ReadDockerfiles(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const std::string& path : corpus.dockerfile_paths) {
      std::string text, error;
      base::ReadFileToString(path, &text, &error);
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.dockerfile_bytes));
  state.counters["files"] = static_cast<double>(corpus.dockerfile_paths.size());
}

void BM_ParseDockerfiles(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const auto& file : corpus.dockerfiles) benchmark::DoNotOptimize(parsers::ParseDockerfile(*file));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.dockerfile_bytes));
}

// tree-sitter-bash alone, on the text of every shell-form RUN.
void BM_TreeSitterBashOnRunText(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const std::string& text : corpus.run_texts) benchmark::DoNotOptimize(parsers::ParseShell(text).ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.run_bytes));
}

// tree-sitter-bash plus turning its tree into commands with words and offsets.
void BM_ShellCommandsOfRunText(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const std::string& text : corpus.run_texts)
      benchmark::DoNotOptimize(parsers::ExtractShellCommands(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.run_bytes));
}

// The model and every Dockerfile rule on parsed files, every RUN parsed as shell (no word filter).
void BM_DockerfileRules(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  std::vector<parsers::Dockerfile> parsed;
  for (const auto& file : corpus.dockerfiles) parsed.push_back(parsers::ParseDockerfile(*file));
  for (auto _ : state) {
    size_t findings = 0;
    for (const parsers::Dockerfile& dockerfile : parsed) {
      model::DockerfileModel model(dockerfile);
      std::vector<base::Finding> found;
      rules::EvaluateDockerfileRules(corpus.all_rules, rules::DockerfileContext{model, {}}, &found);
      findings += found.size();
    }
    state.counters["findings"] = static_cast<double>(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.dockerfile_bytes));
}

// Read, parse, rules and suppressions, as `docklint` runs them per Dockerfile on one thread.
void BM_LintDockerfiles(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  app::DockerfileLinter linter(corpus.ruleset, corpus.all_rules);
  for (auto _ : state) {
    for (const auto& file : corpus.dockerfiles) {
      std::vector<base::Finding> found;
      linter.Lint(*file, &found);
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.dockerfile_bytes));
}

void BM_Report(benchmark::State& state, report::Format format) {
  const Corpus& corpus = Corpus::Get();
  app::DockerfileLinter linter(corpus.ruleset, corpus.all_rules);
  std::vector<base::Finding> findings;
  for (const auto& file : corpus.dockerfiles) linter.Lint(*file, &findings);
  std::stable_sort(findings.begin(), findings.end(), base::FindingLess);
  std::map<std::string, const base::SourceFile*, std::less<>> files;
  for (const auto& file : corpus.dockerfiles) files.emplace(file->path(), file.get());
  report::Report report{findings, report::RunSummary{corpus.dockerfiles.size()},
                        [&files](const std::string& path) -> const base::SourceFile* {
                          auto it = files.find(path);
                          return it == files.end() ? nullptr : it->second;
                        },
                        &corpus.ruleset};
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    report::Write(format, report, report::TextStyle{}, out);
    bytes = out.str().size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["findings"] = static_cast<double>(findings.size());
}

void BM_ParseDaemonJson(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const auto& file : corpus.daemon_jsons) {
      base::Diagnostics diagnostics;
      benchmark::DoNotOptimize(parsers::ParseDaemonJson(*file, &diagnostics));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.daemon_json_bytes));
}

void BM_ParseSystemdUnits(benchmark::State& state) {
  const Corpus& corpus = Corpus::Get();
  for (auto _ : state) {
    for (const auto& file : corpus.units) {
      base::Diagnostics diagnostics;
      benchmark::DoNotOptimize(parsers::ParseSystemdUnit(*file, &diagnostics));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.unit_bytes));
}

BENCHMARK(BM_ReadDockerfiles)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseDockerfiles)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreeSitterBashOnRunText)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShellCommandsOfRunText)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DockerfileRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintDockerfiles)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, text, report::Format::kText)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, json, report::Format::kJson)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, sarif, report::Format::kSarif)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseDaemonJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseSystemdUnits)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docklint

BENCHMARK_MAIN();
