// hadolint DL3014 (param require = "yes") and DL3015 (require = "no-recommends") on apt-get install.
#include <algorithm>

#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

// -o Name=value given as "-o" "Name=value", "-oName=value" or "--option=Name=value".
bool HasAptOption(const parsers::ShellCommand& command, size_t from, std::string_view name,
                  std::initializer_list<std::string_view> values) {
  for (size_t i = from; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    std::string_view setting;
    if ((word == "-o" || word == "--option") && i + 1 < command.argv.size())
      setting = command.argv[i + 1].value;
    else if (word.starts_with("-o"))
      setting = word.substr(2);
    else if (word.starts_with("--option="))
      setting = word.substr(9);
    size_t eq = setting.find('=');
    if (eq == std::string_view::npos || setting.substr(0, eq) != name) continue;
    for (std::string_view v : values) {
      if (setting.substr(eq + 1) == v) return true;
    }
  }
  return false;
}

// -qq (quiet level 2) implies -y, as apt-get(8) says.
bool QuietTwice(const parsers::ShellCommand& command, size_t from) {
  int level = 0;
  for (size_t i = from; i < command.argv.size(); ++i) {
    std::string_view word = command.argv[i].value;
    if (word == "--quiet=2" || word == "-q=2") return true;
    if (word == "--quiet") ++level;
    if (word.size() > 1 && word[0] == '-' && word[1] != '-') {
      for (char c : word.substr(1)) level += c == 'q';
    }
  }
  return level >= 2;
}

// What the RUNs walked so far hold. The apt-get commands are judged at the end of the file, because a
// command's pipeline number is matched against the yes-fed pipelines of every RUN of the file.
struct AptGetState {
  std::vector<int> fed_by_yes;  // the pipelines a `yes` command feeds
  struct AptGet {
    const parsers::ShellCommand* command;  // in the model's RunCommands, which outlive the walk
    size_t name;                           // the index in argv of apt-get itself
    int stage;
    bool trigger;  // in an ONBUILD trigger: it runs in the images built FROM this one
  };
  std::vector<AptGet> apt_gets;  // every apt-get command, in file order
};

class AptGetInstallFlags : public DockerfileCheckWithState<AptGetState> {
 public:
  std::string_view Name() const override { return "apt-get-install-flags"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"apt-get"}}; }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("require");
    if (params.size() != 1 || it == params.end() || (it->second != "yes" && it->second != "no-recommends")) {
      return "needs the param require = \"yes\" or \"no-recommends\"";
    }
    return "";
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
            AptGetState* state, std::vector<base::Finding>*) const override {
    ForEachRunCommand(dockerfile.model, *run, [&](const parsers::ShellCommand& command, size_t name) {
      std::string_view program = parsers::CommandBaseName(command.argv[name]);
      // `yes | apt-get install ...` answers the prompt: remember pipelines fed by yes.
      if (program == "yes" && command.pipeline >= 0) state->fed_by_yes.push_back(command.pipeline);
      if (program == "apt-get") state->apt_gets.push_back({&command, name, run.stage, run.trigger});
    });
  }
  void Done(const DockerfileContext& dockerfile, const Rule& rule, AptGetState* state,
            std::vector<base::Finding>* findings) const override {
    bool want_yes = rule.params.at("require") == "yes";
    const model::DockerfileModel& model = dockerfile.model;
    const std::vector<int>& fed_by_yes = state->fed_by_yes;
    for (const AptGetState::AptGet& apt_get : state->apt_gets) {
      const parsers::ShellCommand& command = *apt_get.command;
      size_t name = apt_get.name;
      size_t sub = SubcommandIndex(command, name);
      if (sub >= command.argv.size() || command.argv[sub].value != "install") continue;
      const parsers::ShellWord& at = command.argv[sub];
      // -s and its aliases only print what would be done: no prompt, nothing installed.
      if (parsers::HasOption(command, name, "s", {"simulate", "just-print", "dry-run", "recon", "no-act"},
                             "oct")) {
        continue;
      }
      if (want_yes) {
        bool yes = parsers::HasOption(command, name, "y", {"yes", "assume-yes"}, "oct") ||
                   QuietTwice(command, name + 1) ||
                   HasAptOption(command, name + 1, "APT::Get::Assume-Yes", {"true", "1", "yes"}) ||
                   (command.pipeline >= 0 && command.pipeline_index > 0 &&
                    std::find(fed_by_yes.begin(), fed_by_yes.end(), command.pipeline) != fed_by_yes.end());
        if (!yes)
          findings->push_back(
              FindingAt(SpanOf(model, at.begin, at.end),
                        "apt-get install without -y waits for a confirmation the build cannot give"));
      } else {
        // Recommended packages weigh on the image only in stages that end up in it (as the cache rules).
        if (!apt_get.trigger && !StageReachesImage(model, apt_get.stage)) continue;
        bool no_recommends = parsers::HasOption(command, name, "", {"no-install-recommends"}, "oct") ||
                             HasAptOption(command, name + 1, "APT::Install-Recommends", {"false", "0", "no"});
        if (!no_recommends)
          findings->push_back(FindingAt(SpanOf(model, at.begin, at.end),
                                        "apt-get install without --no-install-recommends also installs "
                                        "the packages these recommend, if they recommend any: the image "
                                        "rarely needs them"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAptGetInstallFlags() { return std::make_unique<AptGetInstallFlags>(); }

}  // namespace docklint::rules::checks
