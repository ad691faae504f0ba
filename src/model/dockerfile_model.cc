#include "model/dockerfile_model.h"

#include <algorithm>
#include <charconv>

namespace docklint::model {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IsShellName(std::string_view name) {
  for (std::string_view shell : {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"}) {
    if (name == shell) return true;
  }
  return false;
}

DockerfileModel::DockerfileModel(const parsers::Dockerfile& file) : file_(file) {
  for (const Instruction& instruction : file.instructions) {
    all_.push_back(&instruction);
    if (instruction.trigger) all_.push_back(instruction.trigger.get());
    if (instruction.keyword == "from") {
      Stage stage;
      stage.index = stages_.size();
      stage.from = &instruction;
      if (!instruction.args.empty()) stage.base = instruction.args[0].value;
      if (instruction.args.size() >= 3 && Lower(instruction.args[1].value) == "as") {
        stage.name = Lower(instruction.args[2].value);
      }
      stage.base_stage = FindStage(Lower(stage.base), stage.index);
      stages_.push_back(std::move(stage));
    } else if (stages_.empty()) {
      if (instruction.keyword == "arg") global_args_.push_back(&instruction);
    } else {
      stages_.back().body.push_back(&instruction);
    }
  }
}

int DockerfileModel::FindStage(std::string_view reference, size_t before) const {
  std::string name = Lower(reference);
  if (name.empty()) return -1;
  size_t index = 0;
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (ec == std::errc() && ptr == name.data() + name.size()) {
    return index < before && index < stages_.size() ? static_cast<int>(index) : -1;
  }
  // BuildKit takes the first stage of a name (a second one is an error of its own).
  for (size_t i = 0; i < before && i < stages_.size(); ++i) {
    if (stages_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int DockerfileModel::FindAnyStage(std::string_view reference) const {
  return FindStage(reference, stages_.size());
}

const std::vector<parsers::ShellCommand>& DockerfileModel::RunCommands(const Instruction& run) const {
  auto cached = run_commands_.find(&run);
  if (cached != run_commands_.end()) return cached->second;
  std::vector<parsers::ShellCommand>& commands = run_commands_[&run];
  if (run.json_form) {
    parsers::ShellCommand command;
    for (const parsers::DockerfileWord& arg : run.args) {
      command.argv.push_back({arg.value, true, arg.span.begin, arg.span.end});
    }
    if (!run.args.empty()) {
      command.begin = run.args.front().span.begin;
      command.end = run.args.back().span.end;
      // ["sh", "-c", "script"]: the script is shell text of its own.
      if (command.argv.size() >= 3 && IsShellName(parsers::CommandBaseName(command.argv[0])) &&
          command.argv[1].value == "-c") {
        const parsers::DockerfileWord& script = run.args[2];
        for (parsers::ShellCommand& inner : parsers::ExtractShellCommands(script.value, script.span.begin).commands) {
          // The decoded JSON string's offsets are not the file's: point every word at the whole string.
          for (parsers::ShellWord& word : inner.argv) {
            word.begin = script.span.begin;
            word.end = script.span.end;
          }
          inner.begin = script.span.begin;
          inner.end = script.span.end;
          commands.push_back(std::move(inner));
        }
      }
      commands.insert(commands.begin(), std::move(command));
    }
    return commands;
  }
  parsers::ShellScript script = parsers::ExtractShellCommands(run.shell_source, run.shell_offset);
  bool runs_heredoc_as_script = script.commands.empty();
  for (const parsers::ShellCommand& command : script.commands) {
    parsers::Unwrapped real = parsers::UnwrapCommand(command);
    if (real.name_index < command.argv.size() &&
        IsShellName(parsers::CommandBaseName(command.argv[real.name_index])) &&
        real.name_index + 1 == command.argv.size()) {
      runs_heredoc_as_script = true;  // `bash <<EOF`: the shell reads the heredoc as its script
    }
  }
  commands = std::move(script.commands);
  if (runs_heredoc_as_script) {
    const std::string& text = file_.file->content();
    for (const parsers::DockerfileHeredoc& heredoc : run.heredocs) {
      // The body as written in the file (tabs that <<- strips do not matter to bash), so offsets are the file's.
      std::string_view body =
          std::string_view(text).substr(heredoc.content_span.begin, heredoc.content_span.end - heredoc.content_span.begin);
      for (parsers::ShellCommand& command : parsers::ExtractShellCommands(body, heredoc.content_span.begin).commands) {
        commands.push_back(std::move(command));
      }
    }
  }
  return commands;
}

}  // namespace docklint::model
