// CIS 4.8: chmod (or install -m) in RUN that sets the setuid or setgid bit.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// "u+s", "g=s", "+s", "a+rs,u-w"; octal "4755", "2755", "06755".
bool AddsSetId(std::string_view mode) {
  if (!mode.empty() && std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    if (mode.size() < 4) return false;
    char special = mode[mode.size() - 4];
    return ((special - '0') & 06) != 0;
  }
  size_t start = 0;
  while (start <= mode.size()) {
    size_t end = mode.find(',', start);
    if (end == std::string_view::npos) end = mode.size();
    std::string_view clause = mode.substr(start, end - start);
    size_t op = clause.find_first_of("+=-");
    std::string_view who = clause.substr(0, op);
    bool user_or_group = who.empty() || who.find_first_of("uga") != std::string_view::npos;
    // Each operator applies to the permission letters after it.
    while (op != std::string_view::npos && op < clause.size()) {
      char sign = clause[op];
      size_t next = clause.find_first_of("+=-", op + 1);
      std::string_view perms = clause.substr(op + 1, next == std::string_view::npos ? std::string_view::npos : next - op - 1);
      if (sign != '-' && user_or_group && perms.find('s') != std::string_view::npos) return true;
      op = next;
    }
    start = end + 1;
  }
  return false;
}

class SetuidAdded : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "setuid-added"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    ForEachRunCommand(model, [&](const model::Instruction&, const parsers::ShellCommand& command, size_t name) {
      std::string_view program = parsers::CommandBaseName(command.argv[name]);
      const parsers::ShellWord* mode = nullptr;
      if (program == "chmod") {
        for (size_t i = name + 1; i < command.argv.size() && mode == nullptr; ++i) {
          std::string_view word = command.argv[i].value;
          // Options, except modes that look like them ("-s" is not an option of chmod, "u-s" is no option).
          if (word.starts_with('-') && word.find_first_of("rwxXst") != 1) continue;
          mode = &command.argv[i];
        }
      } else if (program == "install") {
        for (size_t i = name + 1; i < command.argv.size(); ++i) {
          std::string_view word = command.argv[i].value;
          if ((word == "-m" || word == "--mode") && i + 1 < command.argv.size()) mode = &command.argv[i + 1];
          else if (word.starts_with("--mode=")) mode = &command.argv[i];
        }
      }
      if (mode == nullptr || !mode->is_static) return;
      std::string_view value = mode->value;
      if (value.starts_with("--mode=")) value.remove_prefix(7);
      if (!AddsSetId(value)) return;
      findings->push_back(FindingAt(SpanOf(model, mode->begin, mode->end),
                                    std::string(program) + " " + std::string(value) +
                                        " adds a setuid/setgid bit: a way to root for any process in the container"));
    });
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSetuidAdded() { return std::make_unique<SetuidAdded>(); }

}  // namespace docklint::rules::checks
