// CIS 4.8: chmod (or install -m) in RUN that sets the setuid or setgid bit on files. A setgid bit on a
// directory only makes new files inherit its group, and the kernel ignores setuid on directories, so modes
// given to directories are left out: install -d, and chmod of paths the same RUN made with mkdir, paths
// written with a trailing '/', or what `find -type d` pipes to xargs chmod (not with -R, which reaches
// files).
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

enum SetIdBits { kNone = 0, kSetgid = 1, kSetuid = 2 };

// "u+s", "g=s", "+s", "a+rs,u-w"; octal "4755", "2755", "06755".
int AddedSetIdBits(std::string_view mode) {
  if (!mode.empty() && std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    if (mode.size() < 4) return kNone;
    int special = mode[mode.size() - 4] - '0';
    return ((special & 04) != 0 ? kSetuid : 0) | ((special & 02) != 0 ? kSetgid : 0);
  }
  int bits = kNone;
  size_t start = 0;
  while (start <= mode.size()) {
    size_t end = mode.find(',', start);
    if (end == std::string_view::npos) end = mode.size();
    std::string_view clause = mode.substr(start, end - start);
    size_t op = clause.find_first_of("+=-");
    std::string_view who = clause.substr(0, op);
    bool all = who.empty() || who.find('a') != std::string_view::npos;
    // Each operator applies to the permission letters after it.
    while (op != std::string_view::npos && op < clause.size()) {
      char sign = clause[op];
      size_t next = clause.find_first_of("+=-", op + 1);
      std::string_view perms =
          clause.substr(op + 1, next == std::string_view::npos ? std::string_view::npos : next - op - 1);
      if (sign != '-' && perms.find('s') != std::string_view::npos) {
        if (all || who.find('u') != std::string_view::npos) bits |= kSetuid;
        if (all || who.find('g') != std::string_view::npos) bits |= kSetgid;
      }
      op = next;
    }
    start = end + 1;
  }
  return bits;
}

bool IsOption(std::string_view word) {
  // "-s" is no option of chmod and "-w" is a mode ("u-s" is no option either): a word of mode letters after
  // '-' is a mode.
  return word.starts_with('-') && word.size() > 1 && word.find_first_of("rwxXst") != 1;
}

class SetuidAdded : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "setuid-added"; }
  std::optional<std::vector<std::string_view>> RunWords() const override { return {{"chmod", "install"}}; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& run, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    const std::vector<parsers::ShellCommand>& commands = model.RunCommands(*run);
    std::set<std::string> made_dirs;  // operands of mkdir earlier in this RUN
    std::set<int> finds_directories;  // pipelines that start with find ... -type d
    for (const parsers::ShellCommand& command : commands) {
      const parsers::Unwrapped& real = command.real;
      if (real.name_index >= command.argv.size()) continue;
      std::string_view program = parsers::CommandBaseName(command.argv[real.name_index]);
      if (program == "mkdir") {
        for (size_t i = real.name_index + 1; i < command.argv.size(); ++i) {
          if (!command.argv[i].value.starts_with('-')) made_dirs.insert(command.argv[i].value);
        }
      } else if (program == "find" && command.pipeline >= 0) {
        for (size_t i = real.name_index + 1; i + 1 < command.argv.size(); ++i) {
          if (command.argv[i].value == "-type" && command.argv[i + 1].value == "d") {
            finds_directories.insert(command.pipeline);
          }
        }
      } else if (program == "chmod" || program == "install") {
        Check(model, command, real.name_index, made_dirs, finds_directories, findings);
      }
    }
  }

 private:
  static void Check(const model::DockerfileModel& model, const parsers::ShellCommand& command, size_t name,
                    const std::set<std::string>& made_dirs, const std::set<int>& finds_directories,
                    std::vector<base::Finding>* findings) {
    std::string_view program = parsers::CommandBaseName(command.argv[name]);
    const parsers::ShellWord* mode = nullptr;
    bool directories = false;
    if (program == "chmod") {
      size_t mode_index = command.argv.size();
      bool recursive = parsers::HasOption(command, name, "R", {"recursive"});
      for (size_t i = name + 1; i < command.argv.size() && mode == nullptr; ++i) {
        if (IsOption(command.argv[i].value)) continue;
        mode = &command.argv[i];
        mode_index = i;
      }
      // Every operand is a directory, and -R does not carry the mode to the files inside.
      bool any_operand = false;
      directories = !recursive;
      for (size_t i = mode_index + 1; i < command.argv.size() && directories; ++i) {
        const parsers::ShellWord& operand = command.argv[i];
        if (IsOption(operand.value)) continue;
        any_operand = true;
        directories = operand.value.ends_with('/') || made_dirs.count(operand.value) > 0;
      }
      if (!any_operand) {
        // `find /opt -type d | xargs chmod g+s`: the operands come from find.
        directories = directories && command.pipeline >= 0 && command.pipeline_index > 0 &&
                      finds_directories.count(command.pipeline) > 0;
      }
    } else {
      // install -d makes directories.
      if (parsers::HasOption(command, name, "d", {"directory"}, "gmoStT")) return;
      for (size_t i = name + 1; i < command.argv.size(); ++i) {
        std::string_view word = command.argv[i].value;
        if ((word == "-m" || word == "--mode") && i + 1 < command.argv.size())
          mode = &command.argv[i + 1];
        else if (word.starts_with("--mode=") || (word.starts_with("-m") && word.size() > 2))
          mode = &command.argv[i];
      }
    }
    if (mode == nullptr || !mode->is_static) return;
    std::string_view value = mode->value;
    if (value.starts_with("--mode="))
      value.remove_prefix(7);
    else if (program == "install" && value.starts_with("-m"))
      value.remove_prefix(2);
    int bits = AddedSetIdBits(value);
    if (bits == kNone || directories) return;
    findings->push_back(FindingAt(
        SpanOf(model, mode->begin, mode->end),
        std::string(program) + " " + std::string(value) +
            ((bits & kSetuid) != 0 ? " adds a setuid bit: a way to the owner's rights (root's, most "
                                     "often) for any process in the container"
                                   : " adds a setgid bit: a way to the group's rights for any process in "
                                     "the container")));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeSetuidAdded() { return std::make_unique<SetuidAdded>(); }

}  // namespace docklint::rules::checks
