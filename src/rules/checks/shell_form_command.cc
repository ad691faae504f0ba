// hadolint DL3025, BuildKit JSONArgsRecommended: CMD or ENTRYPOINT in shell form.
#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class ShellFormCommand : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "shell-form-command"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    // After SHELL, shell form is a deliberate choice of interpreter; a stage inherits the SHELL of the
    // stage it is built FROM (BuildKit's JSONArgsRecommended looks the same way). A stage is built only
    // FROM an earlier one, so one pass in order decides every stage (walking each stage's ancestry was
    // quadratic: a chain of 5,000 stages took seconds).
    std::vector<bool> sets_shell, inherits_shell;
    for (const model::Stage& stage : model.stages()) {
      int base = stage.base_stage;
      inherits_shell.push_back(
          base >= 0 && (sets_shell[static_cast<size_t>(base)] || inherits_shell[static_cast<size_t>(base)]));
      sets_shell.push_back(
          std::any_of(stage.body.begin(), stage.body.end(),
                      [](const model::InstructionRef& i) { return i.keyword == model::Keyword::kShell; }));
    }
    for (const model::Stage& stage : model.stages()) {
      bool shell_set = inherits_shell[stage.index];
      bool execs_lone_command = ShellExecsLoneCommand(model, stage);
      for (const model::InstructionRef& instruction : stage.body) {
        if (instruction.keyword == model::Keyword::kShell) shell_set = true;
        if (shell_set || instruction->json_form) continue;
        if (instruction.keyword != model::Keyword::kCmd && instruction.keyword != model::Keyword::kEntrypoint)
          continue;
        if (instruction->args.empty() || StartsWithExec(*instruction)) continue;
        // bash and BusyBox ash run as sh -c exec a lone simple command themselves: the program is PID 1 and
        // gets the signals.
        if (execs_lone_command && IsOneSimpleCommand(instruction->args.front().value)) continue;
        findings->push_back(
            FindingAt(instruction->keyword_span,
                      std::string(model::KeywordName(instruction.keyword)) +
                          " in shell form runs under /bin/sh -c: unless that shell replaces itself "
                          "with the program (Debian's and Ubuntu's dash never does), the program is "
                          "not PID 1 and does not get SIGTERM on docker stop; write it as a JSON "
                          "array, or start it with exec"));
      }
    }
  }

 private:
  // Whether the /bin/sh of the image the stage is built on (through its stages) execs a lone simple command:
  // bash does, in the Red Hat family (RHEL's UBI, CentOS, Fedora, Rocky, Alma, Oracle Linux and Oracle's
  // registry, Amazon Linux, sclorg's s2i images), SUSE, Photon, Azure Linux/CBL-Mariner and Arch; so does
  // BusyBox ash (Alpine, busybox, and -alpine tags). Debian's dash does not (Debian patches that out).
  static bool ShellExecsLoneCommand(const model::DockerfileModel& model, const model::Stage& stage) {
    const model::Stage* root = &stage;
    for (size_t hops = 0; root->base_stage >= 0 && hops < model.stages().size(); ++hops)
      root = &model.stages()[static_cast<size_t>(root->base_stage)];
    std::string image = base::Lower(root->resolved_base.empty() ? root->base : root->resolved_base);
    size_t colon = image.rfind(':');
    if (colon != std::string::npos && image.find('/', colon) == std::string::npos &&
        image.find("alpine", colon) != std::string::npos)
      return true;  // an -alpine tag: BusyBox ash
    if (image.starts_with("container-registry.oracle.com/")) return true;
    std::string_view repository = std::string_view(image).substr(0, image.find_first_of(":@"));
    size_t start = 0;
    while (start <= repository.size()) {
      size_t end = std::min(repository.find('/', start), repository.size());
      std::string_view part = repository.substr(start, end - start);
      for (std::string_view family :
           {"centos", "fedora", "rockylinux", "almalinux", "oraclelinux", "amazonlinux", "rhel", "opensuse",
            "sles", "photon", "cbl-mariner", "azurelinux", "archlinux", "s2i-core", "s2i-base", "alpine",
            "busybox"}) {
        if (part.starts_with(family)) return true;
      }
      if (part.starts_with("ubi") && (part.size() == 3 || part[3] == '-' || std::isdigit(part[3])))
        return true;
      start = end + 1;
    }
    return false;
  }

  // A command with no list, pipeline, subshell, substitution or redirection: `$APP_HOME/bin/run --port 80`.
  static bool IsOneSimpleCommand(std::string_view text) {
    return text.find_first_of(";&|()<>`\n") == std::string_view::npos;
  }

  // `CMD exec nginx -g 'daemon off;'`: the shell replaces itself with the program, which then is PID 1 and
  // gets the signals.
  static bool StartsWithExec(const model::Instruction& instruction) {
    std::string_view text = instruction.args.front().value;
    return text == "exec" || text.starts_with("exec ") || text.starts_with("exec\t");
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeShellFormCommand() { return std::make_unique<ShellFormCommand>(); }

}  // namespace docklint::rules::checks
