#include "lsp/suppression_edits.h"

#include <string_view>

#include "parsers/dockerfile.h"

namespace docklint::lsp {
namespace {

// The line break the file uses, for a line we insert.
std::string_view LineBreak(const base::SourceFile& file) {
  size_t newline = file.content().find('\n');
  return newline != std::string::npos && newline > 0 && file.content()[newline - 1] == '\r' ? "\r\n" : "\n";
}

std::string_view Indentation(std::string_view line) {
  size_t end = line.find_first_not_of(" \t");
  return line.substr(0, end == std::string_view::npos ? line.size() : end);
}

// An insertion of a whole line before line `line` (1-based; one past the last line appends).
base::TextEdit InsertLineBefore(const base::SourceFile& file, uint32_t line, const std::string& text) {
  if (line > file.line_count()) {
    // After the last line, which may lack its line break.
    uint32_t last = static_cast<uint32_t>(file.line_count());
    uint32_t end_column = static_cast<uint32_t>(file.LineText(last).size()) + 1;
    bool ends_with_break = !file.content().empty() && file.content().back() == '\n';
    base::Position at = ends_with_break ? base::Position{last + 1, 1} : base::Position{last, end_column};
    return {{at, at}, (ends_with_break ? "" : std::string(LineBreak(file))) + text};
  }
  base::Position at{line, 1};
  return {{at, at}, text + std::string(LineBreak(file))};
}

}  // namespace

bool ReadsIgnoreComments(model::InputKind kind) {
  return kind == model::InputKind::kDockerfile || kind == model::InputKind::kComposeFile;
}

std::optional<base::TextEdit> IgnoreHereEdit(const base::SourceFile& file, model::InputKind kind,
                                             uint32_t line, const std::string& rule_id) {
  if (!ReadsIgnoreComments(kind) || line == 0 || line > file.line_count()) return std::nullopt;
  uint32_t element = line;
  if (kind == model::InputKind::kDockerfile) {
    parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file, {.check_instructions = false});
    element = 0;
    for (const parsers::DockerfileInstruction& instruction : dockerfile.instructions) {
      if (instruction.start_line <= line && line <= instruction.end_line) element = instruction.start_line;
    }
    if (element == 0) return std::nullopt;
  }
  std::string_view element_text = file.LineText(element);
  if (element > 1) {
    // The comment right above already ignores rules here: add this one to its list.
    std::string_view above = file.LineText(element - 1);
    std::string_view indent = Indentation(above);
    std::string_view comment = above.substr(indent.size());
    constexpr std::string_view kPrefix = "# docklint ignore=";
    if (comment.starts_with(kPrefix)) {
      size_t list_end = comment.find_first_of(" \t", kPrefix.size());
      if (list_end == std::string_view::npos) list_end = comment.size();
      uint32_t column = static_cast<uint32_t>(indent.size() + list_end) + 1;
      base::Position at{element - 1, column};
      return base::TextEdit{{at, at}, "," + rule_id};
    }
  }
  return InsertLineBefore(file, element,
                          std::string(Indentation(element_text)) + "# docklint ignore=" + rule_id);
}

std::optional<base::TextEdit> IgnoreInFileEdit(const base::SourceFile& file, model::InputKind kind,
                                               const std::string& rule_id) {
  if (!ReadsIgnoreComments(kind)) return std::nullopt;
  uint32_t line = 1;
  if (kind == model::InputKind::kDockerfile) {
    parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file, {.check_instructions = false});
    for (const parsers::DockerfileDirective& directive : dockerfile.directives)
      line = std::max(line, directive.span.range().begin.line + 1);
  }
  return InsertLineBefore(file, line, "# docklint global ignore=" + rule_id);
}

}  // namespace docklint::lsp
