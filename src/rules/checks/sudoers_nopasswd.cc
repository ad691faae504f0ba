// A RUN (or a COPY heredoc) that writes a sudoers rule giving passwordless sudo to every command
// (`NOPASSWD: ALL`, `NOPASSWD:ALL`) into /etc/sudoers or /etc/sudoers.d/: whoever runs in the container as
// that user is root without a password. The RUN must name a sudoers path and hold the rule text (echo,
// printf, tee, a heredoc); the commands between them are not followed.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where `text` holds NOPASSWD, optional blanks, ':', optional blanks, ALL as a whole word; npos if nowhere.
size_t FindNopasswdAll(std::string_view text, size_t* length) {
  for (size_t at = text.find("NOPASSWD"); at != std::string_view::npos; at = text.find("NOPASSWD", at + 1)) {
    size_t i = at + 8;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.substr(i, 3) != "ALL" || (i + 3 < text.size() && IsWordChar(text[i + 3]))) continue;
    *length = i + 3 - at;
    return at;
  }
  return std::string_view::npos;
}

constexpr std::string_view kMessage =
    "passwordless sudo for every command (NOPASSWD: ALL) written into sudoers: that user is root without a "
    "password; run the steps that need root as USER root instead, or allow only the commands needed";

class SudoersNopasswd : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "sudoers-nopasswd"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};  // reads the text, not the parsed commands
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kRun, model::Keyword::kCopy};
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& ref, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::Instruction& instruction = *ref;
    size_t length = 0;
    if (ref.keyword == model::Keyword::kCopy) {
      // COPY <<EOF /etc/sudoers.d/app
      if (instruction.heredocs.empty() || instruction.args.empty()) return;
      std::string destination = dockerfile.model.Arg(instruction, instruction.args.size() - 1);
      if (!destination.starts_with("/etc/sudoers")) return;
      for (const parsers::DockerfileHeredoc& heredoc : instruction.heredocs) {
        size_t at = FindNopasswdAll(heredoc.content, &length);
        if (at == std::string_view::npos) continue;
        findings->push_back(FindingAt(HeredocSpan(heredoc, at, length), std::string(kMessage)));
        return;
      }
      return;
    }
    std::string_view text = instruction.rest.text();
    // Only a RUN that says NOPASSWD somewhere can write the rule.
    bool nopasswd = text.find("NOPASSWD") != std::string_view::npos;
    for (const parsers::DockerfileHeredoc& heredoc : instruction.heredocs)
      nopasswd = nopasswd || heredoc.content.find("NOPASSWD") != std::string::npos;
    if (!nopasswd) return;
    bool sudoers = text.find("/etc/sudoers") != std::string_view::npos;
    for (const parsers::DockerfileHeredoc& heredoc : instruction.heredocs)
      sudoers = sudoers || heredoc.content.find("/etc/sudoers") != std::string::npos;
    if (!sudoers) return;
    size_t at = FindNopasswdAll(text, &length);
    if (at != std::string_view::npos) {
      findings->push_back(FindingAt(instruction.rest.SpanOf(at, at + length), std::string(kMessage)));
      return;
    }
    for (const parsers::DockerfileHeredoc& heredoc : instruction.heredocs) {
      at = FindNopasswdAll(heredoc.content, &length);
      if (at == std::string_view::npos) continue;
      findings->push_back(FindingAt(HeredocSpan(heredoc, at, length), std::string(kMessage)));
      return;
    }
  }

 private:
  // The span of content[at, at + length) of a heredoc; the whole body when <<- removed tabs from it.
  static base::SourceSpan HeredocSpan(const parsers::DockerfileHeredoc& heredoc, size_t at, size_t length) {
    base::SourceSpan span = heredoc.content_span;
    if (heredoc.strip_tabs) return span;
    span.begin += static_cast<uint32_t>(at);
    span.end = span.begin + static_cast<uint32_t>(length);
    return span;
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSudoersNopasswd() { return std::make_unique<SudoersNopasswd>(); }

}  // namespace docklint::rules::checks
