// CIS 4.10: text of an instruction that looks like a credential. Patterns are matched by hand (no regex)
// over each instruction's own bytes, so comments between instructions are never scanned, and matches in
// comment lines inside a continuation are dropped.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Length of a run of characters accepted by `ok` starting at `at`.
template <typename Pred>
size_t RunLength(std::string_view text, size_t at, Pred ok) {
  size_t n = 0;
  while (at + n < text.size() && ok(text[at + n])) ++n;
  return n;
}

struct Match {
  size_t begin, end;
  std::string what;
};

std::vector<Match> FindSecrets(std::string_view text) {
  std::vector<Match> out;
  for (size_t i = 0; i < text.size(); ++i) {
    bool boundary = i == 0 || !IsAlnum(text[i - 1]);
    if (!boundary) continue;
    std::string_view rest = text.substr(i);
    if ((rest.starts_with("AKIA") || rest.starts_with("ASIA")) &&
        RunLength(text, i + 4, IsUpperOrDigit) == 16) {
      out.push_back({i, i + 20, "an AWS access key id"});
      i += 19;
    } else if (rest.starts_with("-----BEGIN ")) {
      size_t close = rest.find("-----", 11);
      if (close != std::string_view::npos && rest.substr(0, close).ends_with("PRIVATE KEY")) {
        out.push_back({i, i + close + 5, "a private key"});
        i += close + 4;
      }
    } else if (rest.size() > 4 && rest[0] == 'g' && rest[1] == 'h' &&
               std::string_view("pousr").find(rest[2]) != std::string_view::npos && rest[3] == '_' &&
               RunLength(text, i + 4, IsAlnum) >= 36) {
      out.push_back({i, i + 4 + RunLength(text, i + 4, IsAlnum), "a GitHub token"});
      i += 3;
    } else if (rest.starts_with("xox") && rest.size() > 4 &&
               std::string_view("abpr").find(rest[3]) != std::string_view::npos && rest[4] == '-' &&
               RunLength(text, i + 5, [](char c) { return IsAlnum(c) || c == '-'; }) >= 10) {
      out.push_back({i, i + 5 + RunLength(text, i + 5, [](char c) { return IsAlnum(c) || c == '-'; }),
                     "a Slack token"});
      i += 4;
    }
  }
  return out;
}

class SecretValue : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "secret-value"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  // The text of every instruction, whatever its keyword.
  std::vector<model::Keyword> Keywords() const override {
    std::vector<model::Keyword> all;
    for (size_t k = 0; k < model::kKeywordCount; ++k) all.push_back(static_cast<model::Keyword>(k));
    return all;
  }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& instruction,
                     const Rule&, std::vector<base::Finding>* findings) const override {
    if (instruction.trigger) return;  // its text is its ONBUILD's, read there
    const base::SourceFile* file = dockerfile.model.file().file;
    const std::vector<parsers::DockerfileComment>& comments = dockerfile.model.file().comments;
    std::string_view text = instruction->span.text();
    for (const Match& match : FindSecrets(text)) {
      // A comment line inside a continuation is dropped by BuildKit: it is in no layer.
      uint32_t at = instruction->span.begin + static_cast<uint32_t>(match.begin);
      if (std::any_of(comments.begin(), comments.end(), [&](const parsers::DockerfileComment& comment) {
            return at >= comment.span.begin && at < comment.span.end;
          })) {
        continue;
      }
      base::SourceSpan span{file, instruction->span.begin + static_cast<uint32_t>(match.begin),
                            instruction->span.begin + static_cast<uint32_t>(match.end)};
      findings->push_back(FindingAt(span, "this looks like " + match.what +
                                              ": it is in the repository and in every image built from it; "
                                              "remove and rotate it"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSecretValue() { return std::make_unique<SecretValue>(); }

}  // namespace docklint::rules::checks
