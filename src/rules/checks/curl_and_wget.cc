// hadolint DL4001: a stage runs both curl and wget (one downloader is enough; each adds its libraries to
// the image). Fires on each RUN of a stage that runs one of them once the stage has run both; ONBUILD
// triggers are counted apart, as they run in another build.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

struct Seen {
  unsigned stage = 0;     // bit 0: curl, bit 1: wget
  unsigned triggers = 0;  // the same for ONBUILD RUNs
};

class CurlAndWget : public DockerfileCheckWithState<Seen> {
 public:
  std::string_view Name() const override { return "curl-and-wget"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"curl", "wget"}}; }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kFrom, model::Keyword::kRun};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            Seen* seen, std::vector<base::Finding>* findings) const override {
    if (instruction.keyword == model::Keyword::kFrom) {
      *seen = Seen{};
      return;
    }
    const model::DockerfileModel& model = dockerfile.model;
    unsigned here = 0;
    const parsers::ShellCommand* first = nullptr;
    for (const parsers::ShellCommand& command : model.RunCommands(*instruction)) {
      const parsers::Unwrapped& real = command.real;
      if (real.name_index >= command.argv.size()) continue;
      std::string_view name = parsers::CommandBaseName(command.argv[real.name_index]);
      unsigned bit = name == "curl" ? 1u : name == "wget" ? 2u : 0u;
      if (bit == 0) continue;
      here |= bit;
      if (first == nullptr) first = &command;
    }
    if (here == 0) return;
    unsigned& all = instruction.trigger ? seen->triggers : seen->stage;
    all |= here;
    if (all != 3u) return;
    findings->push_back(FindingAt(SpanOf(model, first->begin, first->end),
                                  "this stage runs both curl and wget: use one of them"));
  }
  void Done(const DockerfileContext&, const Rule&, Seen*, std::vector<base::Finding>*) const override {}
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCurlAndWget() { return std::make_unique<CurlAndWget>(); }

}  // namespace docklint::rules::checks
