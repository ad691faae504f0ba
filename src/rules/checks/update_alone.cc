// CIS 4.7, trivy DS017: a RUN refreshes the package index and installs nothing. The cached layer keeps
// the index of that day, and a later RUN installs from it. A RUN that goes on to run anything that may
// install (a script, pip, make) is left alone: only RUNs whose other commands surely install nothing fire.
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

bool SurelyInstallsNothing(std::string_view name) {
  for (std::string_view harmless :
       {"echo", "printf", "true", ":",     "set",   "export", "rm",  "mkdir", "ln", "cp",   "mv",
        "cat",  "tee",    "ls",   "touch", "chmod", "chown",  "sed", "test",  "[",  "sleep"}) {
    if (name == harmless) return true;
  }
  return false;
}

class UpdateAlone : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "update-alone"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return {{"apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper"}};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    const parsers::ShellCommand* refresh = nullptr;
    bool may_install = false;
    for (const parsers::ShellCommand& command : model.RunCommands(*run)) {
      const parsers::Unwrapped& real = command.real;
      if (real.name_index >= command.argv.size()) {
        // A wrapper whose command is not a word we see (`xargs < list`, `sudo -i`): it may install.
        if (!command.argv.empty()) may_install = true;
        continue;
      }
      PackageAction action = ClassifyPackageCommand(command, real.name_index);
      std::string_view name = parsers::CommandBaseName(command.argv[real.name_index]);
      if (action == PackageAction::kRefreshIndex) {
        if (refresh == nullptr) refresh = &command;
      } else if (action == PackageAction::kInstall) {
        may_install = true;
      } else if (!SurelyInstallsNothing(name) && !(name == "apt-get" || name == "apt" || name == "apk" ||
                                                   name == "yum" || name == "dnf" || name == "zypper")) {
        may_install = true;  // a script or another tool: it may install with the fresh index
      }
    }
    if (refresh == nullptr || may_install) return;
    findings->push_back(
        FindingAt(SpanOf(model, refresh->begin, refresh->end),
                  "this RUN refreshes the package index and installs nothing: the cached layer "
                  "keeps a stale index for later RUNs; update and install in one RUN"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeUpdateAlone() { return std::make_unique<UpdateAlone>(); }

}  // namespace docklint::rules::checks
