// CIS 4.11: a pipeline feeds what curl or wget downloaded to a shell or an interpreter reading stdin.
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
    if (word == "-c" || (interpreter && word == "-e")) return false;  // runs a script given on the command line
    if (word == "-" || word == "-s" || word == "--") return true;
    if (!word.starts_with('-')) return false;  // runs a script file
  }
  return true;
}

class PipeToShell : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "pipe-to-shell"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    for (const model::Instruction* instruction : model.all_instructions()) {
      if (instruction->keyword != "run") continue;
      const std::vector<parsers::ShellCommand>& commands = model.RunCommands(*instruction);
      for (size_t i = 0; i < commands.size(); ++i) {
        const parsers::ShellCommand& fetch = commands[i];
        parsers::Unwrapped fetch_real = parsers::UnwrapCommand(fetch);
        if (fetch.pipeline < 0 || fetch_real.name_index >= fetch.argv.size()) continue;
        std::string_view fetcher = parsers::CommandBaseName(fetch.argv[fetch_real.name_index]);
        if (fetcher != "curl" && fetcher != "wget") continue;
        for (size_t j = i + 1; j < commands.size(); ++j) {
          const parsers::ShellCommand& sink = commands[j];
          if (sink.pipeline != fetch.pipeline || sink.pipeline_index <= fetch.pipeline_index) continue;
          parsers::Unwrapped real = parsers::UnwrapCommand(sink);
          if (real.name_index >= sink.argv.size() || !ReadsScriptFromStdin(sink, real.name_index)) continue;
          findings->push_back(FindingAt(SpanOf(model, fetch.begin, sink.end),
                                        std::string(fetcher) + " output is run by " +
                                            std::string(parsers::CommandBaseName(sink.argv[real.name_index])) +
                                            " unverified; download to a file and check its checksum first"));
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePipeToShell() { return std::make_unique<PipeToShell>(); }

}  // namespace docklint::rules::checks
