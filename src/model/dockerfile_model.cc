#include "model/dockerfile_model.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "base/strings.h"

namespace docklint::model {
namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Longer than any image reference or build argument that means something.
constexpr size_t kMaxExpandedLength = 64 * 1024;

// `text` with $NAME, ${NAME}, ${NAME:-word}, ${NAME-word}, ${NAME:+word} and ${NAME+word} replaced from
// `args` (a name without a default maps to nullopt); nullopt when a variable cannot be resolved.
std::optional<std::string> Expand(
    std::string_view text, const std::map<std::string, std::optional<std::string>, std::less<>>& args) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
      continue;
    }
    std::string_view name, op, word;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inside = text.substr(i + 2, close - i - 2);
      size_t n = 0;
      while (n < inside.size() && IsNameChar(inside[n])) ++n;
      name = inside.substr(0, n);
      std::string_view rest = inside.substr(n);
      for (std::string_view candidate : {":-", ":+", "-", "+"}) {
        if (rest.starts_with(candidate)) {
          op = candidate;
          word = rest.substr(candidate.size());
          break;
        }
      }
      if (op.empty() && !rest.empty()) return std::nullopt;  // ${x%y}, ${x#y}, ${x:?}: not worth guessing
      i = close;
    } else {
      size_t n = i + 1;
      while (n < text.size() && IsNameChar(text[n])) ++n;
      name = text.substr(i + 1, n - i - 1);
      i = n - 1;
    }
    if (name.empty()) return std::nullopt;
    auto it = args.find(name);
    const std::optional<std::string>* value = it == args.end() ? nullptr : &it->second;
    bool set = value != nullptr && value->has_value();
    bool non_empty = set && !(*value)->empty();
    if (op == ":-" || op == "-") {
      out += (op == ":-" ? non_empty : set) ? std::string_view(**value) : word;
    } else if (op == ":+" || op == "+") {
      if (op == ":+" ? non_empty : set) out += word;
    } else if (set) {
      out += **value;
    } else {
      return std::nullopt;
    }
    // ARG A=$A$A repeated doubles the value each time: forty such lines would ask for terabytes.
    if (out.size() > kMaxExpandedLength) return std::nullopt;
  }
  return out;
}

}  // namespace

std::string UnquoteWord(std::string_view word, char escape) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c == '\'') {
      size_t close = word.find('\'', i + 1);
      if (close == std::string_view::npos) close = word.size();
      out += word.substr(i + 1, close - i - 1);
      i = close;
    } else if (c == '"') {
      for (++i; i < word.size() && word[i] != '"'; ++i) {
        if (word[i] == escape && i + 1 < word.size() &&
            (word[i + 1] == '"' || word[i + 1] == '$' || word[i + 1] == escape)) {
          ++i;  // only these can be escaped inside double quotes; other escapes stay as written
        }
        out += word[i];
      }
    } else if (c == escape) {
      if (i + 1 < word.size()) out += word[++i];
    } else {
      out += c;
    }
  }
  return out;
}

bool IsDevelopmentStageName(std::string_view name) {
  static const std::set<std::string, std::less<>> kDevelopmentStages = {
      "dev", "development", "dev-envs", "devcontainer", "debug", "test", "tests"};
  return kDevelopmentStages.contains(name);
}

bool IsShellName(std::string_view name) {
  for (std::string_view shell : {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"}) {
    if (name == shell) return true;
  }
  return false;
}

DockerfileModel::DockerfileModel(const parsers::Dockerfile& file, const RunWordFilter* run_filter)
    : file_(file), run_filter_(run_filter) {
  std::map<std::string, std::optional<std::string>, std::less<>> defaults;  // global ARGs
  for (const Instruction& instruction : file.instructions) {
    InstructionRef ref{&instruction, KeywordOf(instruction.keyword)};
    // A FROM starts the next stage; anything else is in the current one, if there is one yet.
    ref.stage = static_cast<int>(stages_.size()) - (ref.keyword == Keyword::kFrom ? 0 : 1);
    all_.push_back(ref);
    if (instruction.trigger) {
      all_.push_back({instruction.trigger.get(), KeywordOf(instruction.trigger->keyword), ref.stage, true});
    }
    if (ref.keyword == Keyword::kFrom) {
      Stage stage;
      stage.index = stages_.size();
      stage.from = &instruction;
      if (!instruction.args.empty()) stage.base = instruction.args[0].value;
      if (instruction.args.size() >= 3 && base::Lower(instruction.args[1].value) == "as") {
        stage.name = base::Lower(instruction.args[2].value);
      }
      // `FROM ${BASE}` with `ARG BASE=build` before the first FROM is built FROM the stage build.
      stage.resolved_base = Expand(stage.base, defaults).value_or("");
      stage.base_stage = FindStage(base::Lower(stage.resolved_base), stage.index);
      if (!stage.name.empty()) first_stage_named_.emplace(stage.name, stage.index);
      stages_.push_back(std::move(stage));
    } else if (stages_.empty()) {
      if (ref.keyword == Keyword::kArg) {
        global_args_.push_back(&instruction);
        for (const parsers::DockerfileWord& word : instruction.args) {
          size_t eq = word.value.find('=');
          std::optional<std::string> value;
          if (eq != std::string::npos)
            value = Expand(UnquoteWord(word.value.substr(eq + 1), file.escape), defaults);
          defaults[word.value.substr(0, eq)] = value;
        }
      }
    } else {
      stages_.back().body.push_back(ref);
    }
  }
  // A last stage for development or tests is built with --target by whoever develops; the image that is
  // shipped is the stage it builds on (Docker's dev environments add `FROM production AS dev-envs`).
  shipped_stage_ = stages_.empty() ? -1 : static_cast<int>(stages_.size()) - 1;
  for (size_t hops = 0; shipped_stage_ >= 0 && hops < stages_.size() &&
                        IsDevelopmentStageName(stages_[static_cast<size_t>(shipped_stage_)].name);
       ++hops) {
    shipped_stage_ = stages_[static_cast<size_t>(shipped_stage_)].base_stage;
  }
}

bool DockerfileModel::IsUnshippedDevelopmentStage(size_t index) const {
  if (index >= stages_.size() || !IsDevelopmentStageName(stages_[index].name)) return false;
  for (int at = shipped_stage_; at >= 0; at = stages_[static_cast<size_t>(at)].base_stage) {
    if (static_cast<size_t>(at) == index) return false;
  }
  return true;
}

std::string DockerfileModel::Arg(const Instruction& instruction, size_t index) const {
  const std::string& value = instruction.args.at(index).value;
  return instruction.json_form ? value : UnquoteWord(value, file_.escape);
}

int DockerfileModel::FindStage(std::string_view reference, size_t before) const {
  std::string name = base::Lower(reference);
  if (name.empty()) return -1;
  size_t index = 0;
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (ec == std::errc() && ptr == name.data() + name.size()) {
    return index < before && index < stages_.size() ? static_cast<int>(index) : -1;
  }
  // BuildKit takes the first stage of a name (a second one is an error of its own).
  auto first = first_stage_named_.find(name);
  return first != first_stage_named_.end() && first->second < before ? static_cast<int>(first->second) : -1;
}

int DockerfileModel::FindAnyStage(std::string_view reference) const {
  return FindStage(reference, stages_.size());
}

const std::vector<parsers::ShellCommand>& DockerfileModel::RunCommands(const Instruction& run) const {
  auto cached = run_commands_.find(&run);
  if (cached != run_commands_.end()) return cached->second;
  std::vector<parsers::ShellCommand>& commands = run_commands_[&run];
  if (run_filter_ != nullptr) {
    const std::string& text = file_.file->content();
    if (!run_filter_->Mentions(std::string_view(text).substr(run.span.begin, run.span.end - run.span.begin)))
      return commands;
  }
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
        for (parsers::ShellCommand& inner :
             parsers::ExtractShellCommands(script.value, script.span.begin).commands) {
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
      command.real = parsers::UnwrapCommand(command);
      commands.insert(commands.begin(), std::move(command));
    }
    return commands;
  }
  parsers::ShellScript script = parsers::ExtractShellCommands(run.shell_source, run.shell_offset);
  bool runs_heredoc_as_script = script.commands.empty();
  for (const parsers::ShellCommand& command : script.commands) {
    const parsers::Unwrapped& real = command.real;
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
      // The body as written in the file (tabs that <<- strips do not matter to bash), so offsets are the
      // file's.
      std::string_view body = std::string_view(text).substr(
          heredoc.content_span.begin, heredoc.content_span.end - heredoc.content_span.begin);
      for (parsers::ShellCommand& command :
           parsers::ExtractShellCommands(body, heredoc.content_span.begin).commands) {
        commands.push_back(std::move(command));
      }
    }
  }
  return commands;
}

}  // namespace docklint::model
