#include "rules/dockerfile_walker.h"

#include <memory>

namespace docklint::rules {

DockerfileWalker::DockerfileWalker(std::vector<Selected> selected) : selected_(std::move(selected)) {
  for (size_t i = 0; i < selected_.size(); ++i) {
    for (model::Keyword keyword : selected_[i].check->Keywords()) {
      std::vector<size_t>& readers = readers_[static_cast<size_t>(keyword)];
      if (readers.empty() || readers.back() != i) readers.push_back(i);  // a keyword listed twice: one call
    }
  }
}

std::vector<std::vector<base::Finding>> DockerfileWalker::Walk(const DockerfileContext& dockerfile) const {
  std::vector<std::vector<base::Finding>> findings(selected_.size());
  std::vector<std::unique_ptr<DockerfileCheck::WalkState>> states;
  states.reserve(selected_.size());
  for (const Selected& s : selected_) states.push_back(s.check->StartWalk());
  for (const model::InstructionRef& instruction : dockerfile.model.all_instructions()) {
    for (size_t i : readers_[static_cast<size_t>(instruction.keyword)]) {
      selected_[i].check->Visit(dockerfile, instruction, *selected_[i].rule, states[i].get(), &findings[i]);
    }
  }
  for (size_t i = 0; i < selected_.size(); ++i) {
    selected_[i].check->Finish(dockerfile, *selected_[i].rule, states[i].get(), &findings[i]);
  }
  return findings;
}

}  // namespace docklint::rules
