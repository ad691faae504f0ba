// BuildKit StageNameCasing, FromAsCasing and ReservedStageName (hadolint DL3063): how a FROM ... AS names
// its stage (param `problem`: "casing", "as-casing" or "reserved").
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsLower(std::string_view s) { return base::Lower(s) == s; }
bool IsUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

class FromStageName : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "from-stage-name"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("problem");
    if (params.size() != 1 || it == params.end() ||
        !IsOneOf(it->second, {"casing", "as-casing", "reserved"})) {
      return "needs exactly the param 'problem' = \"casing\", \"as-casing\" or \"reserved\"";
    }
    return "";
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kFrom}; }
  void OnInstruction(const DockerfileContext&, const model::InstructionRef& from, const Rule& rule,
                     std::vector<base::Finding>* findings) const override {
    if (from.trigger) return;
    const auto& args = from->args;
    // BuildKit reads a name only from exactly `FROM image AS name` (anything else is refused).
    if (args.size() != 3 || base::Lower(args[1].value) != "as") return;
    const std::string& problem = rule.params.at("problem");
    const std::string& name = args[2].value;
    if (problem == "casing") {
      // A name with a variable is an error of its own (BuildKit does not expand stage names).
      if (!IsLower(name) && name.find('$') == std::string::npos) {
        findings->push_back(FindingAt(args[2].span, "stage name '" + name +
                                                        "' should be lowercase (BuildKit lowercases it: "
                                                        "references to it compare case-insensitively)"));
      }
    } else if (problem == "as-casing") {
      // A FROM keyword of mixed case is ConsistentInstructionCasing's finding; BuildKit says nothing here.
      std::string_view keyword = from->keyword_span.text();
      bool lower = IsLower(keyword), upper = IsUpper(keyword);
      if (!lower && !upper) return;
      const std::string& as = args[1].value;
      if (lower ? IsLower(as) : IsUpper(as)) return;
      findings->push_back(FindingAt(args[1].span, "'" + as + "' and '" + std::string(keyword) +
                                                      "' keywords' casing do not match: write '" +
                                                      (lower ? "as" : "AS") + "'"));
    } else {
      std::string lowered = base::Lower(name);
      if (lowered == "scratch" || lowered == "context") {
        findings->push_back(
            FindingAt(args[2].span,
                      "stage name '" + name + "' is the reserved name \"" + lowered + "\" (" +
                          (lowered == "scratch" ? "the empty base image" : "the name of the build context") +
                          "): references to it are ambiguous"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeFromStageName() { return std::make_unique<FromStageName>(); }

}  // namespace docklint::rules::checks
