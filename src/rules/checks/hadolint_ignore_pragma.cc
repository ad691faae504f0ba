// hadolint DL1001: an inline `# hadolint ignore=DL3003,SC2086` pragma, which hides a finding from the next
// instruction instead of fixing it. Only the inline form counts, as in hadolint: `# hadolint global
// ignore=...`, `# hadolint stage ignore=...` and `# hadolint shell=...` do not.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// hadolint's grammar: blanks, "hadolint", blanks (at least one), "ignore", blanks, "=", blanks, then rule
// names of the letters DLSC and digits separated by commas (blanks around them), then blanks and an optional
// trailing "# ..." comment.
bool IsInlineIgnorePragma(std::string_view text) {
  size_t i = 0;
  auto skip_blanks = [&] {
    size_t from = i;
    while (i < text.size() && IsBlank(text[i])) ++i;
    return i > from;
  };
  auto take = [&](std::string_view word) {
    if (text.substr(i).starts_with(word)) {
      i += word.size();
      return true;
    }
    return false;
  };
  skip_blanks();
  if (!take("hadolint") || !skip_blanks() || !take("ignore")) return false;
  skip_blanks();
  if (!take("=")) return false;
  skip_blanks();
  while (true) {
    size_t from = i;
    while (i < text.size() && std::string_view("DLSC0123456789").find(text[i]) != std::string_view::npos) ++i;
    if (i == from) return false;
    skip_blanks();
    if (i < text.size() && text[i] == '#') return true;  // a comment after the last name
    if (i == text.size()) return true;
    if (!take(",")) return false;
    skip_blanks();
  }
}

class HadolintIgnorePragma : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "hadolint-ignore-pragma"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    for (const parsers::DockerfileComment& comment : dockerfile.model.file().comments) {
      std::string_view text = comment.text;
      if (text.ends_with('\r')) text.remove_suffix(1);
      if (!IsInlineIgnorePragma(text)) continue;
      findings->push_back(
          FindingAt(comment.span, "an inline hadolint ignore pragma hides a finding instead of fixing it"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeHadolintIgnorePragma() {
  return std::make_unique<HadolintIgnorePragma>();
}

}  // namespace docklint::rules::checks
