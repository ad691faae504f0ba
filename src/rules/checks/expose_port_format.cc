// BuildKit ExposeProtoCasing and ExposeInvalidFormat: an EXPOSE port whose protocol is not lower case
// (param problem = "proto-casing"), or that names a host IP or host port (problem = "host-mapping"), which
// EXPOSE ignores. Words holding a variable are left out: their value is known only at build time.
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ExposePortFormat : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "expose-port-format"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("problem");
    if (params.size() != 1 || it == params.end() || !IsOneOf(it->second, {"proto-casing", "host-mapping"})) {
      return "needs exactly the param 'problem' = \"proto-casing\" or \"host-mapping\"";
    }
    return "";
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kExpose}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& expose,
                     const Rule& rule, std::vector<base::Finding>* findings) const override {
    if (expose.trigger) return;
    bool casing = rule.params.at("problem") == "proto-casing";
    for (size_t i = 0; i < expose->args.size(); ++i) {
      std::string port = dockerfile.model.Arg(*expose, i);
      if (port.find('$') != std::string::npos) continue;
      // As BuildKit's parsePort: [ip:][host:]container[/proto]; the container part is after the last ':'.
      size_t colon = port.rfind(':');
      std::string_view container =
          colon == std::string::npos ? std::string_view(port) : std::string_view(port).substr(colon + 1);
      size_t slash = container.find('/');
      std::string_view number = container.substr(0, slash);
      std::string_view proto = slash == std::string_view::npos ? "" : container.substr(slash + 1);
      // BuildKit refuses a missing port or an unknown protocol before it lints.
      if (number.empty() || !IsOneOf(base::Lower(proto), {"", "tcp", "udp", "sctp"})) continue;
      const base::SourceSpan& span = expose->args[i].span;
      if (casing) {
        if (base::Lower(proto) != proto) {
          findings->push_back(FindingAt(span, "protocol in EXPOSE " + port + " should be lowercase: " +
                                                  std::string(number) + "/" + base::Lower(proto)));
        }
      } else if (colon != std::string::npos) {
        findings->push_back(FindingAt(
            span, "EXPOSE " + port +
                      " names a host IP or host port, which EXPOSE ignores (publish with docker run -p): "
                      "expose only the container port " +
                      std::string(container)));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeExposePortFormat() { return std::make_unique<ExposePortFormat>(); }

}  // namespace docklint::rules::checks
