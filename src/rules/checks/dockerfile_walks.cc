#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {

SourceKind ClassifySource(std::string_view source) {
  if (source.starts_with('$')) return SourceKind::kUnknown;
  if (source.starts_with("git://") || source.starts_with("ssh://") || source.starts_with("git@")) {
    return SourceKind::kGit;
  }
  if (source.starts_with("http://") || source.starts_with("https://")) {
    // https://host/repo.git, https://host/repo.git#ref, https://host/repo.git?ref=v1&keep-git-dir=1
    std::string_view path = source.substr(0, source.find_first_of("#?"));
    return path.ends_with(".git") || path.ends_with(".git/") ? SourceKind::kGit : SourceKind::kUrl;
  }
  return SourceKind::kLocal;
}

bool IsFilesOnlyStage(const model::DockerfileModel& model, const model::Stage& stage) {
  const model::Stage* current = &stage;
  for (size_t hops = 0; hops <= model.stages().size(); ++hops) {  // base_stage only points back: no loop
    for (const model::InstructionRef& instruction : current->body) {
      if (instruction.keyword == model::Keyword::kCmd || instruction.keyword == model::Keyword::kEntrypoint)
        return false;
    }
    if (current->base_stage < 0) return current->resolved_base == "scratch";
    current = &model.stages()[static_cast<size_t>(current->base_stage)];
  }
  return false;
}

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (word == s) return true;
  }
  return false;
}

std::string_view InstructionText(const model::DockerfileModel& model, const model::Instruction& instruction) {
  if (model.file().file == nullptr) return {};
  std::string_view content = model.file().file->content();
  if (instruction.span.begin >= content.size() || instruction.span.end < instruction.span.begin) return {};
  return content.substr(instruction.span.begin, instruction.span.end - instruction.span.begin);
}

bool StageReachesImage(const model::DockerfileModel& model, int stage) {
  const std::vector<model::Stage>& stages = model.stages();
  if (stages.empty()) return stage < 0;
  const model::Stage* shipped = model.shipped_stage();
  for (int at = shipped != nullptr ? static_cast<int>(shipped->index) : -1; at >= 0;
       at = stages[static_cast<size_t>(at)].base_stage) {
    if (at == stage) return true;
  }
  return false;
}

base::SourceSpan SpanOf(const model::DockerfileModel& model, uint32_t begin, uint32_t end) {
  return base::SourceSpan{model.file().file, begin, end};
}

}  // namespace docklint::rules::checks
