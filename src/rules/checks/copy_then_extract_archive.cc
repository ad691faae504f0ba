// hadolint DL3010: a local tar archive COPYed into a stage and then unpacked by a RUN of that stage; ADD
// unpacks a local tar archive itself, without keeping the archive in a layer.
#include <algorithm>
#include <array>
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// A COPY word as written with surrounding quotes dropped, as hadolint reads it (`build\app.tgz` keeps its
// backslash, so Windows paths match the RUN that names them).
std::string_view DropQuotes(std::string_view word) {
  size_t begin = word.find_first_not_of("'\"");
  if (begin == std::string_view::npos) return {};
  return word.substr(begin, word.find_last_not_of("'\"") + 1 - begin);
}

// The name after the last '/' or '\'.
std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A tar archive ADD unpacks: plain, gzip, bzip2 or xz compressed. (hadolint also counts .Z, .lz, .lzma and
// plain .gz/.bz2/.xz files, which ADD copies as they are unless they hold a tar.)
bool IsTarArchive(std::string_view name) {
  for (std::string_view ext :
       {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz"}) {
    if (name.size() > ext.size() && name.ends_with(ext)) return true;
  }
  return false;
}

// The programs Extracts knows: a RUN whose text holds none of them extracts nothing.
constexpr std::array<std::string_view, 10> kExtractWords = {
    "tar", "unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"};

bool Extracts(const parsers::ShellCommand& command, size_t name) {
  std::string_view program = parsers::CommandBaseName(command.argv[name]);
  if (program != "tar" &&
      std::find(kExtractWords.begin(), kExtractWords.end(), program) != kExtractWords.end())
    return true;
  if (program != "tar") return false;
  for (size_t i = name + 1; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (word == "--extract" || word == "--get") return true;
    if (word.size() > 1 && word[0] == '-' && word[1] != '-' && word.find('x') != std::string_view::npos)
      return true;
    // Old-style options without a dash: `tar xzf a.tgz` (hadolint misses these).
    if (i == name + 1 && !word.starts_with('-') && word.find('x') != std::string_view::npos &&
        word.find_first_not_of("AcdrtuxfbBhiklmMnNoOpPRsSvwzjJZ") == std::string_view::npos)
      return true;
  }
  return false;
}

struct Archives {
  struct Copied {
    const model::Instruction* copy;
    std::string name;  // the archive's base name
    bool extracted = false;
  };
  std::vector<Copied> copied;  // in the current stage
  std::vector<const model::Instruction*> report;
};

class CopyThenExtractArchive : public DockerfileCheckWithState<Archives> {
 public:
  std::string_view Name() const override { return "copy-then-extract-archive"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>(kExtractWords.begin(), kExtractWords.end());
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kFrom, model::Keyword::kCopy, model::Keyword::kRun};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            Archives* state, std::vector<base::Finding>*) const override {
    if (instruction.trigger) return;
    const model::DockerfileModel& model = dockerfile.model;
    if (instruction.keyword == model::Keyword::kFrom) {
      Flush(state);
      return;
    }
    if (instruction.keyword == model::Keyword::kCopy) {
      if (instruction->FindFlag("from") != nullptr || instruction->args.size() < 2) return;
      size_t last = instruction->args.size() - 1;
      std::string_view dest = DropQuotes(instruction->args[last].value);
      if (IsTarArchive(BaseName(dest))) {
        state->copied.push_back({instruction.instruction, std::string(BaseName(dest))});
        return;
      }
      for (size_t i = 0; i < last; ++i) {
        std::string_view source = DropQuotes(instruction->args[i].value);
        if (IsTarArchive(BaseName(source)) && source.find_first_of("*?[") == std::string_view::npos)
          state->copied.push_back({instruction.instruction, std::string(BaseName(source))});
      }
      return;
    }
    if (state->copied.empty()) return;
    // Parse the RUN as shell only when its text names an extraction tool.
    std::string_view text = InstructionText(model, *instruction);
    if (std::none_of(kExtractWords.begin(), kExtractWords.end(),
                     [&](std::string_view word) { return text.find(word) != std::string_view::npos; }))
      return;
    ForEachRunCommand(model, *instruction, [&](const parsers::ShellCommand& command, size_t name) {
      if (!Extracts(command, name)) return;
      for (size_t i = name + 1; i < command.argv.size(); ++i) {
        const parsers::ShellWord& word = command.argv[i];
        // A word with a variable is compared as written, as the COPY's word is: `tar xf app-${V}.tgz`.
        if (word.value.starts_with('-')) continue;
        std::string_view name =
            BaseName(word.is_static ? std::string_view(word.value) : DropQuotes(word.value));
        for (Archives::Copied& copied : state->copied) {
          if (name == copied.name) copied.extracted = true;
        }
      }
    });
  }
  void Done(const DockerfileContext&, const Rule&, Archives* state,
            std::vector<base::Finding>* findings) const override {
    Flush(state);
    std::set<const model::Instruction*> seen;
    for (const model::Instruction* copy : state->report) {
      if (!seen.insert(copy).second) continue;
      findings->push_back(FindingAt(copy->keyword_span,
                                    "this COPY brings in a tar archive that a later RUN unpacks; ADD unpacks "
                                    "a local tar archive itself, without keeping the archive in a layer"));
    }
  }

 private:
  static void Flush(Archives* state) {
    for (const Archives::Copied& copied : state->copied) {
      if (copied.extracted) state->report.push_back(copied.copy);
    }
    state->copied.clear();
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeCopyThenExtractArchive() {
  return std::make_unique<CopyThenExtractArchive>();
}

}  // namespace docklint::rules::checks
