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
      BinSh sh = BinShOf(model, stage);
      for (const model::InstructionRef& instruction : stage.body) {
        if (instruction.keyword == model::Keyword::kShell) shell_set = true;
        if (shell_set || instruction->json_form) continue;
        if (instruction.keyword != model::Keyword::kCmd && instruction.keyword != model::Keyword::kEntrypoint)
          continue;
        if (instruction->args.empty() || StartsWithExec(*instruction)) continue;
        // bash run as sh -c execs a lone simple command itself, and BusyBox ash also the last command of a
        // list joined by && or ;: that program is PID 1 and gets the signals.
        std::string_view text = instruction->args.front().value;
        if ((sh == BinSh::kBash && IsOneSimpleCommand(text)) || (sh == BinSh::kAsh && IsSimpleList(text)))
          continue;
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
  // The /bin/sh of the image the stage is built on (through its stages): bash in the Red Hat family (RHEL's
  // UBI, CentOS, Fedora, Rocky, Alma, Oracle Linux and Oracle's registry, Amazon Linux, sclorg's s2i
  // images), SUSE, Photon, Azure Linux/CBL-Mariner and Arch; BusyBox ash in Alpine, busybox and -alpine
  // tags; otherwise taken as Debian's dash, which never replaces itself with the command (Debian patches
  // that out).
  enum class BinSh { kDash, kBash, kAsh };
  static BinSh BinShOf(const model::DockerfileModel& model, const model::Stage& stage) {
    const model::Stage* root = &stage;
    for (size_t hops = 0; root->base_stage >= 0 && hops < model.stages().size(); ++hops)
      root = &model.stages()[static_cast<size_t>(root->base_stage)];
    std::string image = base::Lower(root->resolved_base.empty() ? root->base : root->resolved_base);
    size_t colon = image.rfind(':');
    if (colon != std::string::npos && image.find('/', colon) == std::string::npos &&
        image.find("alpine", colon) != std::string::npos)
      return BinSh::kAsh;  // an -alpine tag
    if (image.starts_with("container-registry.oracle.com/")) return BinSh::kBash;
    std::string_view repository = std::string_view(image).substr(0, image.find_first_of(":@"));
    size_t start = 0;
    while (start <= repository.size()) {
      size_t end = std::min(repository.find('/', start), repository.size());
      std::string_view part = repository.substr(start, end - start);
      if (part.starts_with("alpine") || part.starts_with("busybox")) return BinSh::kAsh;
      for (std::string_view family :
           {"centos", "fedora", "rockylinux", "almalinux", "oraclelinux", "amazonlinux", "rhel", "opensuse",
            "sles", "photon", "cbl-mariner", "azurelinux", "archlinux", "s2i-core", "s2i-base"}) {
        if (part.starts_with(family)) return BinSh::kBash;
      }
      if (part.starts_with("ubi") && (part.size() == 3 || part[3] == '-' || std::isdigit(part[3])))
        return BinSh::kBash;
      start = end + 1;
    }
    return BinSh::kDash;
  }

  // Reads shell text outside quotes: whether it is simple commands joined only by && or ; (no pipeline,
  // subshell, substitution, redirection or background job), and whether it joins more than one.
  struct ListShape {
    bool simple = true;
    bool joined = false;
  };
  static ListShape ShapeOf(std::string_view text) {
    ListShape shape;
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '`' || (c == '$' && i + 1 < text.size() && text[i + 1] == '(')) shape.simple = false;
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '&' && i + 1 < text.size() && text[i + 1] == '&') {
        shape.joined = true;
        ++i;
      } else if (c == ';') {
        shape.joined = true;
      } else if (c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n') {
        shape.simple = false;
      }
    }
    if (quote != 0) shape.simple = false;
    return shape;
  }

  // One simple command: `$APP_HOME/bin/run --port 80`.
  static bool IsOneSimpleCommand(std::string_view text) {
    ListShape shape = ShapeOf(text);
    return shape.simple && !shape.joined;
  }

  // Simple commands joined only by && or ;: `php-fpm && nginx -g 'daemon off;'`.
  static bool IsSimpleList(std::string_view text) { return ShapeOf(text).simple; }

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
