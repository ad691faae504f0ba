#include "parsers/env_file.h"

#include <string_view>

#include "parsers/shell_syntax.h"

namespace docklint::parsers {
namespace {

using base::MappedText;
using base::SourceSpan;

constexpr std::string_view kWhitespace = " \t\n\r";
constexpr std::string_view kShellNeedEscape = "\"\\`$";

bool IsIn(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

// One pass of systemd's env-file state machine (src/basic/env-file.c, parse_env_file_internal) that also
// records where each key and value byte came from.
class SystemdEnvReader {
 public:
  SystemdEnvReader(const base::SourceFile& file, EnvFile* out, base::Diagnostics* diagnostics)
      : file_(file), text_(file.content()), out_(out), diagnostics_(diagnostics) {}

  void Run() {
    size_t start = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (size_t i = start; i < text_.size(); ++i) Step(i);
    if (state_ == kKey) IgnoredLine(text_.size());
    if (state_ >= kPreValue && state_ <= kDoubleQuoteEscape) Push(text_.size());
  }

 private:
  enum State {
    kPreKey,
    kKey,
    kPreValue,
    kValue,
    kValueEscape,
    kSingleQuote,
    kDoubleQuote,
    kDoubleQuoteEscape,
    kComment,
    kCommentEscape,
  };

  SourceSpan At(size_t i, size_t n = 1) const {
    return SourceSpan{&file_, static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)};
  }
  void AddValue(char c, size_t i, size_t n = 1) { value_.Append(c, At(i, n)); }
  void NoteValueWhitespace(char c) {
    if (!IsIn(kWhitespace, c)) {
      last_value_whitespace_ = std::string::npos;
    } else if (last_value_whitespace_ == std::string::npos) {
      last_value_whitespace_ = value_.size();
    }
  }

  void Step(size_t i) {
    char c = text_[i];
    switch (state_) {
      case kPreKey:
        if (c == '#' || c == ';') {
          state_ = kComment;
        } else if (!IsIn(kWhitespace, c)) {
          state_ = kKey;
          key_begin_ = i;
          key_end_ = i + 1;
        }
        break;
      case kKey:
        if (c == '\n') {
          IgnoredLine(i);
          state_ = kPreKey;
        } else if (c == '=') {
          state_ = kPreValue;
          equals_ = i;
          last_value_whitespace_ = std::string::npos;
        } else if (!IsIn(kWhitespace, c)) {
          key_end_ = i + 1;  // trailing whitespace of the key is dropped, inner whitespace kept
        }
        break;
      case kPreValue:
        if (c == '\n') {
          Push(i);
        } else if (c == '\'') {
          state_ = kSingleQuote;
        } else if (c == '"') {
          state_ = kDoubleQuote;
        } else if (c == '\\') {
          state_ = kValueEscape;
          escape_at_ = i;
        } else if (!IsIn(kWhitespace, c)) {
          state_ = kValue;
          AddValue(c, i);
        }
        break;
      case kValue:
        if (c == '\n') {
          Push(i);
        } else if (c == '\\') {
          state_ = kValueEscape;
          escape_at_ = i;
          last_value_whitespace_ = std::string::npos;
        } else {
          NoteValueWhitespace(c);
          AddValue(c, i);
        }
        break;
      case kValueEscape:
        state_ = kValue;
        if (c != '\n') AddValue(c, escape_at_, i + 1 - escape_at_);  // escaped newlines vanish
        break;
      case kSingleQuote:
        if (c == '\'') {
          state_ = kPreValue;
        } else {
          AddValue(c, i);
        }
        break;
      case kDoubleQuote:
        if (c == '"') {
          state_ = kPreValue;
        } else if (c == '\\') {
          state_ = kDoubleQuoteEscape;
          escape_at_ = i;
        } else {
          AddValue(c, i);
        }
        break;
      case kDoubleQuoteEscape:
        state_ = kDoubleQuote;
        if (IsIn(kShellNeedEscape, c)) {
          AddValue(c, escape_at_, 2);
        } else if (c != '\n') {  // like a shell, other escapes keep their backslash
          AddValue('\\', escape_at_);
          AddValue(c, i);
        }
        break;
      case kComment:
        if (c == '\\') {
          state_ = kCommentEscape;
        } else if (c == '\n') {
          state_ = kPreKey;
        }
        break;
      case kCommentEscape:
        state_ = c == '\n' ? kPreKey : kComment;
        break;
    }
  }

  void IgnoredLine(size_t end) {
    diagnostics_->push_back({base::DiagnosticCode::kEnvFileLineIgnored,
                             "systemd ignores this line: it is not a VAR=value assignment",
                             At(key_begin_, end - key_begin_)});
  }

  void Push(size_t end) {
    if (state_ == kValue && last_value_whitespace_ != std::string::npos) {
      value_ = value_.Substr(0, last_value_whitespace_);  // unquoted values lose trailing whitespace
    }
    std::string name = text_.substr(key_begin_, key_end_ - key_begin_);
    SourceSpan name_span = At(key_begin_, key_end_ - key_begin_);
    if (!IsValidEnvName(name)) {
      std::string why =
          name.starts_with("export ") || name.starts_with("export\t")
              ? "'export' is shell syntax, and systemd reads \"" + name + "\" as the variable name"
              : "\"" + name + "\" is not a valid variable name";
      diagnostics_->push_back(
          {base::DiagnosticCode::kEnvFileLineIgnored, "systemd ignores this assignment: " + why, name_span});
    } else {
      size_t value_end = end;
      while (value_end > equals_ + 1 && IsIn(kWhitespace, text_[value_end - 1])) --value_end;
      out_->assignments.push_back(EnvAssignment{std::move(name), name_span, std::move(value_),
                                                At(key_begin_, value_end - key_begin_)});
    }
    value_ = MappedText();
    state_ = kPreKey;
  }

  const base::SourceFile& file_;
  const std::string& text_;
  EnvFile* out_;
  base::Diagnostics* diagnostics_;
  State state_ = kPreKey;
  size_t key_begin_ = 0, key_end_ = 0, equals_ = 0, escape_at_ = 0;
  size_t last_value_whitespace_ = std::string::npos;
  MappedText value_;
};

// A shell expands $VAR, ${VAR} and $(cmd) in these files when an init script sources them; systemd does
// not, so the daemon receives the text literally.
void ReportShellOnlyExpansions(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  std::string_view text = file.content();
  ShellTree tree = ParseShell(text);
  if (!tree.ok()) return;
  VisitNamedNodes(tree.root(), [&](TSNode node) {
    if (NodeType(node) != "variable_assignment") return true;
    TSNode value = ts_node_child_by_field_name(node, "value", 5);
    if (ts_node_is_null(value)) return false;
    VisitNamedNodes(value, [&](TSNode inner) {
      std::string_view type = NodeType(inner);
      if (type != "simple_expansion" && type != "expansion" && type != "command_substitution" &&
          type != "arithmetic_expansion") {
        return true;
      }
      diagnostics->push_back({base::DiagnosticCode::kEnvFileShellExpansion,
                              "systemd does not expand '" + std::string(NodeText(inner, text)) +
                                  "' in an EnvironmentFile=: the variable keeps this text literally",
                              SourceSpan{&file, ts_node_start_byte(inner), ts_node_end_byte(inner)}});
      return false;
    });
    return false;
  });
}

}  // namespace

bool IsValidEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

const EnvAssignment* EnvFile::Find(std::string_view name) const {
  for (auto it = assignments.rbegin(); it != assignments.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

EnvFile ParseEnvFile(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  EnvFile out;
  out.file = &file;
  SystemdEnvReader(file, &out, diagnostics).Run();
  ReportShellOnlyExpansions(file, diagnostics);
  return out;
}

}  // namespace docklint::parsers
