// hadolint DL3011: an EXPOSE port (or an end of a port range) above 65535.
#include <charconv>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// The number `digits` spells, or nullopt when it is not all digits (a variable, a typo).
std::optional<unsigned long long> PortNumber(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  unsigned long long value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

class ExposePortRange : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "expose-port-range"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kExpose}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& expose, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    for (size_t i = 0; i < expose->args.size(); ++i) {
      std::string word = dockerfile.model.Arg(*expose, i);
      std::string_view ports = std::string_view(word).substr(0, word.find('/'));  // 80/tcp
      if (ports.find_first_of("$:") != std::string_view::npos) continue;
      size_t dash = ports.find('-');
      std::optional<unsigned long long> low = PortNumber(ports.substr(0, dash));
      std::optional<unsigned long long> high =
          dash == std::string_view::npos ? low : PortNumber(ports.substr(dash + 1));
      if ((low && *low > 65535) || (high && *high > 65535)) {
        findings->push_back(
            FindingAt(expose->args[i].span,
                      "port " + std::string(ports) + " is out of range: ports go from 0 to 65535"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeExposePortRange() { return std::make_unique<ExposePortRange>(); }

}  // namespace docklint::rules::checks
