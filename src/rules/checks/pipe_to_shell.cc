// CIS 4.11: a pipeline feeds what curl or wget downloaded to a shell or an interpreter reading stdin. Only
// downloads written to stdout count: `wget URL | sh` saves a file and pipes nothing.
#include <algorithm>
#include <unordered_map>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool ReadsScriptFromStdin(const parsers::ShellCommand& command, size_t name) {
  std::string_view program = parsers::CommandBaseName(command.argv[name]);
  bool shell = model::IsShellName(program);
  bool interpreter = program == "python" || program == "python3" || program == "perl" || program == "ruby" ||
                     program == "node" || program == "php";
  if (!shell && !interpreter) return false;
  for (size_t i = name + 1; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (word == "-c" || (interpreter && word == "-e"))
      return false;  // runs a script given on the command line
    if (word == "-" || word == "-s" || word == "--") return true;
    if (!word.starts_with('-')) return false;  // runs a script file
  }
  return true;
}

bool IsStdout(std::string_view file) { return file == "-" || file == "/dev/stdout"; }

// Whether curl or wget at argv[name] writes what it downloads to stdout: curl does unless -o FILE or -O
// says otherwise; wget does only with -O - (its default is a file named after the URL).
bool DownloadsToStdout(const parsers::ShellCommand& command, size_t name) {
  const std::vector<parsers::ShellWord>& argv = command.argv;
  bool curl = parsers::CommandBaseName(argv[name]) == "curl";
  // Short options that take a value (the rest of the word, or the next word).
  std::string_view value_letters = curl ? "oHudeEFAbcCrTwxXYyzmKDQU" : "oOaiBePUtTwQlADRIXYe";
  bool to_stdout = curl;
  for (size_t i = name + 1; i < argv.size(); ++i) {
    std::string_view word = argv[i].value;
    std::string_view next = i + 1 < argv.size() ? std::string_view(argv[i + 1].value) : std::string_view();
    if (word == "--") break;
    if (word.starts_with("--")) {
      std::string_view option = word.substr(
          2, word.find('=') == std::string_view::npos ? std::string_view::npos : word.find('=') - 2);
      bool attached = word.find('=') != std::string_view::npos;
      std::string_view value = attached ? word.substr(word.find('=') + 1) : next;
      if (curl && (option == "remote-name" || option == "remote-name-all")) to_stdout = false;
      if ((curl && option == "output") || (!curl && option == "output-document")) {
        to_stdout = IsStdout(value);
        if (!attached) ++i;
      }
      continue;
    }
    if (word.size() < 2 || word[0] != '-') continue;
    for (size_t k = 1; k < word.size(); ++k) {
      char c = word[k];
      if (curl && c == 'O') to_stdout = false;
      if (value_letters.find(c) == std::string_view::npos) continue;
      std::string_view value = k + 1 < word.size() ? word.substr(k + 1) : next;
      if ((curl && c == 'o') || (!curl && c == 'O')) to_stdout = IsStdout(value);
      if (k + 1 == word.size()) ++i;
      break;
    }
  }
  return to_stdout;
}

class PipeToShell : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "pipe-to-shell"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"curl", "wget"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    const std::vector<parsers::ShellCommand>& commands = model.RunCommands(*run);
    // The commands that run a script from stdin, by pipeline, in order: decided once, so each download
    // looks only at these (trying every later command for every download was quadratic: 5,000 curls
    // in one pipeline took seconds, a minute and a half under ASan).
    std::unordered_map<int, std::vector<size_t>> sinks;
    for (size_t j = 0; j < commands.size(); ++j) {
      const parsers::ShellCommand& sink = commands[j];
      if (sink.pipeline < 0) continue;
      const parsers::Unwrapped& real = sink.real;
      if (real.name_index < sink.argv.size() && ReadsScriptFromStdin(sink, real.name_index))
        sinks[sink.pipeline].push_back(j);
    }
    for (size_t i = 0; i < commands.size(); ++i) {
      const parsers::ShellCommand& fetch = commands[i];
      const parsers::Unwrapped& fetch_real = fetch.real;
      if (fetch.pipeline < 0 || fetch_real.name_index >= fetch.argv.size()) continue;
      std::string_view fetcher = parsers::CommandBaseName(fetch.argv[fetch_real.name_index]);
      if (fetcher != "curl" && fetcher != "wget") continue;
      if (!DownloadsToStdout(fetch, fetch_real.name_index)) continue;  // `curl -o f url | sh` pipes nothing
      auto in_pipeline = sinks.find(fetch.pipeline);
      if (in_pipeline == sinks.end()) continue;
      const std::vector<size_t>& readers = in_pipeline->second;
      for (auto j = std::upper_bound(readers.begin(), readers.end(), i); j != readers.end(); ++j) {
        const parsers::ShellCommand& sink = commands[*j];
        if (sink.pipeline_index <= fetch.pipeline_index) continue;
        const parsers::Unwrapped& real = sink.real;
        findings->push_back(FindingAt(SpanOf(model, fetch.begin, sink.end),
                                      std::string(fetcher) + " output is run by " +
                                          std::string(parsers::CommandBaseName(sink.argv[real.name_index])) +
                                          " unverified; download to a file and check its checksum first"));
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePipeToShell() { return std::make_unique<PipeToShell>(); }

}  // namespace docklint::rules::checks
