// hadolint DL3027 (apt, the interactive front end, instead of apt-get or apt-cache) and DL3035 (zypper
// dist-upgrade): param command = "apt" or "zypper-dist-upgrade". Once per RUN, as hadolint.
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

class PackageCommandAvoided : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "package-command-avoided"; }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("command");
    if (params.size() != 1 || it == params.end() || !IsOneOf(it->second, {"apt", "zypper-dist-upgrade"}))
      return "needs the param command = \"apt\" or \"zypper-dist-upgrade\"";
    return "";
  }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"apt", "zypper"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule& rule,
                     std::vector<base::Finding>* findings) const override {
    bool apt = rule.params.at("command") == "apt";
    const model::DockerfileModel& model = dockerfile.model;
    const parsers::ShellWord* at = nullptr;
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (at) return;
      std::string_view program = parsers::CommandBaseName(command.argv[name]);
      if (apt && program == "apt") at = &command.argv[name];
      if (!apt && program == "zypper" && HasArgument(command, name, {"dist-upgrade", "dup"}))
        at = &command.argv[name];
    });
    if (!at) return;
    findings->push_back(
        FindingAt(SpanOf(model, at->begin, at->end),
                  apt ? "apt is meant for people at a terminal and its output and options may "
                        "change: use apt-get or apt-cache in scripts"
                      : "zypper dist-upgrade in an image: build from an updated base image "
                        "instead"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePackageCommandAvoided() {
  return std::make_unique<PackageCommandAvoided>();
}

}  // namespace docklint::rules::checks
