// hadolint DL3030 (yum), DL3038 (dnf) and DL3034 (zypper): an install without the switch that answers the
// confirmation prompt (param manager). A `yes |` feeding the command answers it too. microdnf never asks
// (its -y does nothing), so unlike hadolint's DL3038 it is left out.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

class PackageManagerPrompt : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "package-manager-prompt"; }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("manager");
    if (params.size() != 1 || it == params.end() || !IsOneOf(it->second, {"yum", "dnf", "zypper"}))
      return "needs the param manager = yum, dnf or zypper";
    return "";
  }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return {{"yum", "dnf", "zypper"}};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule& rule,
                     std::vector<base::Finding>* findings) const override {
    const std::string& manager = rule.params.at("manager");
    const model::DockerfileModel& model = dockerfile.model;
    std::vector<int> fed_by_yes;
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (parsers::CommandBaseName(command.argv[name]) == "yes" && command.pipeline >= 0)
        fed_by_yes.push_back(command.pipeline);
    });
    bool reported = false;  // once per RUN, as hadolint
    ForEachRunCommand(model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      if (reported || parsers::CommandBaseName(command.argv[name]) != manager) return;
      bool zypper = manager == "zypper";
      bool installs = zypper ? HasArgument(command, name,
                                           {"install", "in", "remove", "rm", "source-install", "si", "patch"})
                             : HasArgument(command, name, {"install", "groupinstall", "localinstall"});
      if (!installs) return;
      bool answered = zypper
                          ? parsers::HasOption(command, name, "ny", {"non-interactive", "no-confirm"}, "cRDC")
                          : parsers::HasOption(command, name, "y", {"assumeyes"}, "cdeRx");
      if (answered) return;
      if (command.pipeline >= 0 && command.pipeline_index > 0 &&
          std::find(fed_by_yes.begin(), fed_by_yes.end(), command.pipeline) != fed_by_yes.end())
        return;
      const parsers::ShellWord& at = command.argv[name];
      findings->push_back(FindingAt(SpanOf(model, at.begin, at.end),
                                    zypper
                                        ? "zypper without -n (--non-interactive) or -y waits for an answer "
                                          "the build cannot give"
                                        : manager + " install without -y waits for a confirmation the build "
                                                    "cannot give"));
      reported = true;
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePackageManagerPrompt() {
  return std::make_unique<PackageManagerPrompt>();
}

}  // namespace docklint::rules::checks
