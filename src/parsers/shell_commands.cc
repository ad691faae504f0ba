#include "parsers/shell_commands.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/strings.h"
#include "parsers/shell_syntax.h"

namespace docklint::parsers {
namespace {

// sh -c 'sh -c "..."' nests by quoting, so each level is shorter than the last; the cap only bounds work
// on hostile input.
constexpr int kMaxShellDepth = 8;

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

bool Contains(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

bool IsEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// NAME=value, as env and sudo take it before the command.
bool IsEnvAssignment(const ShellWord& word) {
  if (!word.is_static) return false;
  size_t eq = word.value.find('=');
  return eq != std::string::npos && IsEnvName(std::string_view(word.value).substr(0, eq));
}

using base::HexValue;

// Decodes the body of $'...' starting at raw[i] (after the quote); returns the index after the closing
// quote. Follows bash's ansic_quote decoding: \a \b \e \E \f \n \r \t \v \\ \' \" \? \nnn \xHH \uHHHH
// \UHHHHHHHH \cX; an unknown escape keeps its backslash.
size_t DecodeAnsiC(std::string_view raw, size_t i, std::string* out) {
  while (i < raw.size() && raw[i] != '\'') {
    char c = raw[i++];
    if (c != '\\' || i == raw.size()) {
      out->push_back(c);
      continue;
    }
    char e = raw[i++];
    switch (e) {
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'e':
      case 'E':
        out->push_back('\x1B');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case '\\':
      case '\'':
      case '"':
      case '?':
        out->push_back(e);
        break;
      case 'c':
        if (i < raw.size()) out->push_back(static_cast<char>(raw[i++] & 0x1F));
        break;
      case 'x':
      case 'u':
      case 'U': {
        size_t max_digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t value = 0;
        size_t digits = 0;
        while (digits < max_digits && i < raw.size() && HexValue(raw[i]) >= 0) {
          value = value * 16 + static_cast<uint32_t>(HexValue(raw[i++]));
          ++digits;
        }
        if (digits == 0) {
          out->push_back('\\');
          out->push_back(e);
        } else if (e == 'x') {
          out->push_back(static_cast<char>(value));
        } else {
          base::AppendUtf8(value, out, base::BadCodePoint::kClampToMax);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t value = static_cast<uint32_t>(e - '0');
          for (int digits = 1; digits < 3 && i < raw.size() && raw[i] >= '0' && raw[i] <= '7'; ++digits) {
            value = value * 8 + static_cast<uint32_t>(raw[i++] - '0');
          }
          out->push_back(static_cast<char>(value & 0xFF));
        } else {
          out->push_back('\\');
          out->push_back(e);
        }
    }
  }
  return i < raw.size() ? i + 1 : i;
}

// Quote removal on the source text of a word without expansions.
std::string Unquote(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '\\') {
      if (i + 1 == raw.size()) {
        out.push_back('\\');
        ++i;
      } else {
        if (raw[i + 1] != '\n') out.push_back(raw[i + 1]);
        i += 2;
      }
    } else if (c == '\'') {
      size_t close = raw.find('\'', i + 1);
      if (close == std::string_view::npos) close = raw.size();
      out.append(raw.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '$' && i + 1 < raw.size() && raw[i + 1] == '\'') {
      i = DecodeAnsiC(raw, i + 2, &out);
    } else if (c == '"' || (c == '$' && i + 1 < raw.size() && raw[i + 1] == '"')) {
      i += c == '"' ? 1 : 2;
      while (i < raw.size() && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < raw.size() && Contains("$`\"\\\n", raw[i + 1])) {
          if (raw[i + 1] != '\n') out.push_back(raw[i + 1]);
          i += 2;
        } else {
          out.push_back(raw[i++]);
        }
      }
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

// True when text[from, to) is only backslash-newline continuations: the words on both sides are one word.
bool OnlyContinuations(std::string_view text, uint32_t from, uint32_t to) {
  if (to < from || (to - from) % 2 != 0) return false;
  for (uint32_t i = from; i < to; i += 2) {
    if (text[i] != '\\' || text[i + 1] != '\n') return false;
  }
  return true;
}

// An upper estimate of the tokens tree-sitter makes of `text`: each run of word characters and each other
// character. tree-sitter 0.20.7 corrupts its heap when an ERROR node gets 65536 children (its children are
// the tokens and subtrees left on the parse stack, 65536 '(' or ')' is enough), so text past kMaxTokens is
// not parsed; real RUN bodies are far below (the longest in the corpus, a 145 KB dnf install, is 8.5k).
constexpr size_t kMaxTokens = 16384;

size_t EstimateTokens(std::string_view text) {
  constexpr std::string_view kPunctuation = "|&;()<>$`\"'\\{}[]=#\n";
  size_t tokens = 0;
  bool in_word = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r') {
      in_word = false;
    } else if (Contains(kPunctuation, c)) {
      ++tokens;
      in_word = false;
    } else if (!in_word) {
      ++tokens;
      in_word = true;
    }
  }
  return tokens;
}

bool IsExpansionType(std::string_view type) {
  return type == "simple_expansion" || type == "expansion" || type == "command_substitution" ||
         type == "arithmetic_expansion" || type == "process_substitution" || type == "brace_expression";
}

struct Context {
  bool in_condition = false;
  int pipeline = -1;
  int pipeline_index = 0;
};

// What a construct found higher up decides for a node deeper down (tree-sitter's heredoc quirks).
struct Override {
  int pipeline = -1;
  int pipeline_index = 0;
  bool in_condition = false;
};

bool IsRedirect(std::string_view type) {
  return type == "file_redirect" || type == "heredoc_redirect" || type == "herestring_redirect";
}

class Extractor {
 public:
  Extractor(std::string_view text, uint32_t base, int shell_depth, int* next_pipeline,
            std::vector<ShellCommand>* out)
      : text_(text), base_(base), shell_depth_(shell_depth), next_pipeline_(next_pipeline), out_(out) {}

  // Returns whether the tree has errors (or the text was too big to parse safely).
  bool Run() {
    if (EstimateTokens(text_) > kMaxTokens) return true;
    ShellTree tree = ParseShell(text_);
    if (!tree.ok()) return true;
    TSNode root = tree.root();
    cursor_ = ts_tree_cursor_new(root);
    Walk(root);
    ts_tree_cursor_delete(&cursor_);
    return ts_node_has_error(root);
  }

 private:
  struct Item {
    TSNode node;
    Context context;
  };

  // Children through a cursor: ts_node_child(i) walks from the first child each time. Field names are not
  // asked for: finding one climbs the hidden nodes of a repetition, which made long pipelines quadratic.
  std::vector<TSNode> Children(TSNode node) {
    std::vector<TSNode> children;
    ts_tree_cursor_reset(&cursor_, node);
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return children;
    do {
      children.push_back(ts_tree_cursor_current_node(&cursor_));
    } while (ts_tree_cursor_goto_next_sibling(&cursor_));
    return children;
  }

  std::string_view Text(uint32_t begin, uint32_t end) const { return text_.substr(begin, end - begin); }

  void Walk(TSNode root) {
    stack_.push_back({root, Context{}});
    std::vector<Item> next;
    while (!stack_.empty()) {
      Item item = stack_.back();
      stack_.pop_back();
      if (auto it = overrides_.find(item.node.id); it != overrides_.end()) {
        if (it->second.pipeline >= 0) {
          item.context.pipeline = it->second.pipeline;
          item.context.pipeline_index = it->second.pipeline_index;
        }
        item.context.in_condition |= it->second.in_condition;
      }
      next.clear();
      Visit(item, &next);
      for (auto it = next.rbegin(); it != next.rend(); ++it) stack_.push_back(*it);
    }
  }

  // Appends to `next`, in document order, the nodes to visit below `item`.
  void Visit(const Item& item, std::vector<Item>* next) {
    TSNode node = item.node;
    std::string_view type = NodeType(node);
    if (type == "comment" || ts_node_child_count(node) == 0) return;
    Context inner{item.context.in_condition, -1, 0};  // what most children get: no pipeline of their own
    std::vector<TSNode> children = Children(node);
    auto push_named = [&](const Context& context) {
      for (TSNode child : children) {
        if (ts_node_is_named(child)) next->push_back({child, context});
      }
    };

    if (type == "command") {
      EmitCommand(children, node, item.context);
      push_named(inner);
    } else if (type == "declaration_command" || type == "unset_command") {
      EmitDeclaration(children, node, item.context);
      push_named(inner);
    } else if (type == "pipeline") {
      if (!claimed_.contains(node.id)) {
        std::vector<TSNode> elements;
        CollectPipelineElements(node, &elements);
        AssignPipeline(elements, (*next_pipeline_)++, 0);
      }
      push_named(inner);
    } else if (type == "list") {
      // Left-associative: `a && b || c` is ((a && b) || c). A statement followed by || in its list is
      // tolerated to fail.
      for (size_t i = 0; i < children.size(); ++i) {
        if (!ts_node_is_named(children[i])) continue;
        Context context = inner;
        for (size_t j = i + 1; j < children.size(); ++j) {
          if (!ts_node_is_named(children[j]) && NodeType(children[j]) == "||") context.in_condition = true;
        }
        next->push_back({children[i], context});
      }
    } else if (type == "if_statement" || type == "elif_clause" || type == "while_statement") {
      // The condition is what comes before `then` (if, elif) or before the do group (while, until).
      bool in_condition = true;
      for (TSNode child : children) {
        std::string_view child_type = NodeType(child);
        if (child_type == "then" || child_type == "do_group") in_condition = false;
        if (!ts_node_is_named(child)) continue;
        Context context = inner;
        context.in_condition |= in_condition;
        next->push_back({child, context});
      }
    } else if (type == "negated_command") {
      Context context = item.context;
      context.in_condition = true;
      push_named(context);
    } else if (type == "redirected_statement") {
      VisitRedirected(children, item.context, next);
    } else {
      push_named(inner);
    }
  }

  // The elements of a pipeline: `a | b | c` is one pipeline node, but tree-sitter nests pipelines and
  // lists inside heredoc redirects (`cat <<EOF | a | b && c`), where the pipeline continues into the
  // leftmost statement of a list.
  void CollectPipelineElements(TSNode node, std::vector<TSNode>* elements, bool* tolerated = nullptr) {
    std::vector<TSNode> pending{node};
    while (!pending.empty()) {
      TSNode current = pending.back();
      pending.pop_back();
      std::string_view type = NodeType(current);
      if (type == "pipeline") {
        claimed_.insert(current.id);
        std::vector<TSNode> children = Children(current);
        for (auto it = children.rbegin(); it != children.rend(); ++it) {
          if (ts_node_is_named(*it) && NodeType(*it) != "comment") pending.push_back(*it);
        }
      } else if (type == "list" && elements != nullptr && tolerated != nullptr) {
        std::vector<TSNode> children = Children(current);
        for (TSNode child : children) {
          if (!ts_node_is_named(child) && NodeType(child) == "||") *tolerated = true;
        }
        if (!children.empty() && ts_node_is_named(children.front())) pending.push_back(children.front());
      } else {
        elements->push_back(current);
      }
    }
  }

  // Whether a || joins the and-or list that starts at `node`: tree-sitter reads `cat <<EOF && b || c` as
  // cat <<EOF && (b || c), where bash runs (cat && b) || c.
  bool ChainHasOr(TSNode node) {
    while (NodeType(node) == "list") {
      std::vector<TSNode> children = Children(node);
      bool found_or = std::any_of(children.begin(), children.end(),
                                  [](TSNode c) { return !ts_node_is_named(c) && NodeType(c) == "||"; });
      if (found_or) return true;
      if (children.empty() || !ts_node_is_named(children.front())) break;
      node = children.front();
    }
    return false;
  }

  void AssignPipeline(const std::vector<TSNode>& elements, int id, int first_index) {
    for (size_t i = 0; i < elements.size(); ++i) {
      Override& o = overrides_[elements[i].id];
      o.pipeline = id;
      o.pipeline_index = first_index + static_cast<int>(i);
    }
  }

  void MarkTolerated(TSNode node) { overrides_[node.id].in_condition = true; }

  // tree-sitter hangs what follows a heredoc's start on its redirect: `cat <<EOF | sh` puts `| sh` in the
  // heredoc_redirect, and `cat <<EOF && b || c` its operator and right-hand statement.
  void VisitRedirected(const std::vector<TSNode>& children, const Context& context, std::vector<Item>* next) {
    std::optional<TSNode> body;  // the first statement; a bare `> file` has none
    for (TSNode child : children) {
      if (!ts_node_is_named(child) || NodeType(child) == "comment") continue;
      if (!IsRedirect(NodeType(child))) body = child;
      break;
    }
    Context inner{context.in_condition, -1, 0};
    for (TSNode child : children) {
      if (!ts_node_is_named(child)) continue;
      if (body && child.id == body->id) {
        next->push_back({child, context});
        continue;
      }
      if (body && NodeType(child) == "heredoc_redirect") ContinueHeredoc(child, *body);
      next->push_back({child, inner});
    }
  }

  void ContinueHeredoc(TSNode redirect, TSNode body) {
    bool tolerated = false;
    bool after_operator = false;  // the statement after && or || is the `right` field
    for (TSNode child : Children(redirect)) {
      std::string_view type = NodeType(child);
      bool is_right = after_operator;
      after_operator = !ts_node_is_named(child) && (type == "&&" || type == "||");
      if (after_operator && type == "||") tolerated = true;
      if (is_right && ChainHasOr(child)) tolerated = true;
      if (is_right || type != "pipeline") continue;
      // The pipeline starts with the body's last statement: `a && cat <<EOF | sh` is a && (cat | sh).
      TSNode start = body;
      while (NodeType(start) == "list") {
        std::vector<TSNode> parts = Children(start);
        auto last = std::find_if(parts.rbegin(), parts.rend(), [](TSNode c) { return ts_node_is_named(c); });
        if (last == parts.rend()) break;
        start = *last;
      }
      std::vector<TSNode> elements;
      CollectPipelineElements(start, &elements);
      bool pipeline_tolerated = false;
      CollectPipelineElements(child, &elements, &pipeline_tolerated);
      AssignPipeline(elements, (*next_pipeline_)++, 0);
      if (pipeline_tolerated) {
        for (TSNode element : elements) MarkTolerated(element);
        tolerated = true;
      }
    }
    if (tolerated) MarkTolerated(body);
  }

  bool IsStatic(TSNode node) {
    std::vector<TSNode> pending{node};
    while (!pending.empty()) {
      TSNode current = pending.back();
      pending.pop_back();
      if (IsExpansionType(NodeType(current))) return false;
      uint32_t count = ts_node_named_child_count(current);
      if (count == 0) continue;
      for (TSNode child : Children(current)) {
        if (ts_node_is_named(child)) pending.push_back(child);
      }
    }
    return true;
  }

  // Words in source order; pieces that touch, or are only joined by backslash-newlines, are one word
  // (tree-sitter splits `$"x"` and `a\<newline>b`).
  class WordBuilder {
   public:
    explicit WordBuilder(Extractor* extractor) : extractor_(extractor) {}
    void Add(TSNode node) {
      uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
      bool is_static = extractor_->IsStatic(node);
      if (!pieces_.empty() && OnlyContinuations(extractor_->text_, pieces_.back().end, begin)) {
        pieces_.back().end = end;
        pieces_.back().is_static &= is_static;
      } else {
        pieces_.push_back({{}, is_static, begin, end});
      }
    }
    std::vector<ShellWord> Finish() {
      for (ShellWord& word : pieces_) {
        std::string_view raw = extractor_->Text(word.begin, word.end);
        word.value = word.is_static ? Unquote(raw) : std::string(raw);
        word.begin += extractor_->base_;
        word.end += extractor_->base_;
      }
      return std::move(pieces_);
    }

   private:
    Extractor* extractor_;
    std::vector<ShellWord> pieces_;
  };

  ShellCommand NewCommand(TSNode node, const Context& context) const {
    ShellCommand command;
    command.begin = base_ + ts_node_start_byte(node);
    command.end = base_ + ts_node_end_byte(node);
    command.pipeline = context.pipeline;
    command.pipeline_index = context.pipeline < 0 ? 0 : context.pipeline_index;
    command.in_condition = context.in_condition;
    command.shell_depth = shell_depth_;
    return command;
  }

  void EmitCommand(const std::vector<TSNode>& children, TSNode node, const Context& context) {
    ShellCommand command = NewCommand(node, context);
    WordBuilder argv(this), assignments(this);
    bool named = false;
    for (TSNode child : children) {
      std::string_view type = NodeType(child);
      if (type == "comment" || IsRedirect(type)) continue;
      if (type == "command_name") {
        named = true;
        argv.Add(child);
      } else if (named) {
        argv.Add(child);  // arguments, some unnamed: `$`, `==`, `=~`
      } else if (type == "variable_assignment") {
        assignments.Add(child);
      }
    }
    if (!named) return;
    command.argv = argv.Finish();
    command.assignments = assignments.Finish();
    out_->push_back(std::move(command));
    NestShellScript();
  }

  void EmitDeclaration(const std::vector<TSNode>& children, TSNode node, const Context& context) {
    ShellCommand command = NewCommand(node, context);
    WordBuilder argv(this);
    for (TSNode child : children) {
      if (NodeType(child) != "comment") argv.Add(child);
    }
    command.argv = argv.Finish();
    if (command.argv.empty()) return;
    out_->push_back(std::move(command));
  }

  // Where the script of `sh -c SCRIPT` or `su -c SCRIPT` is: the index of the word holding it and, for
  // "--command=SCRIPT" or "-cSCRIPT", the script's offset in that word's value.
  struct ScriptWord {
    size_t index = 0;
    size_t value_offset = 0;
  };

  static std::optional<ScriptWord> FindShellScript(const ShellCommand& command, size_t name_index) {
    const std::vector<ShellWord>& argv = command.argv;
    std::string_view name = CommandBaseName(argv[name_index]);
    if (IsOneOf(name, {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})) {
      bool has_c = false;
      for (size_t i = name_index + 1; i < argv.size(); ++i) {
        if (!argv[i].is_static) return std::nullopt;
        std::string_view word = argv[i].value;
        if (word == "--" || word == "-") {
          if (has_c && i + 1 < argv.size()) return ScriptWord{i + 1, 0};
          return std::nullopt;
        }
        if (word.size() < 2 || (word[0] != '-' && word[0] != '+')) {
          return has_c ? std::optional<ScriptWord>(ScriptWord{i, 0}) : std::nullopt;
        }
        if (word.starts_with("--")) {
          if (IsOneOf(word, {"--rcfile", "--init-file"})) ++i;
          continue;
        }
        if (word[0] == '-' && Contains(word, 'c')) has_c = true;
        if (Contains(word.substr(1), 'o') || Contains(word.substr(1), 'O')) ++i;  // -o pipefail
      }
      return std::nullopt;
    }
    if (IsOneOf(name, {"su", "runuser"})) {
      for (size_t i = name_index + 1; i < argv.size(); ++i) {
        if (!argv[i].is_static) continue;
        std::string_view word = argv[i].value;
        if (word == "--") return std::nullopt;
        if (word == "--command")
          return i + 1 < argv.size() ? std::optional(ScriptWord{i + 1, 0}) : std::nullopt;
        if (word.starts_with("--command=")) return ScriptWord{i, std::strlen("--command=")};
        if (word.size() < 2 || word[0] != '-' || word[1] == '-') continue;
        for (size_t k = 1; k < word.size(); ++k) {
          if (word[k] == 'c') {
            if (k + 1 < word.size()) return ScriptWord{i, k + 1};
            return i + 1 < argv.size() ? std::optional(ScriptWord{i + 1, 0}) : std::nullopt;
          }
          if (Contains("gGsw", word[k])) {
            if (k + 1 == word.size()) ++i;
            break;
          }
        }
      }
    }
    return std::nullopt;
  }

  // Parses the script of the command just emitted when it is `sh -c SCRIPT` with a static SCRIPT.
  void NestShellScript() {
    size_t index = out_->size() - 1;
    if (shell_depth_ >= kMaxShellDepth) return;
    Unwrapped unwrapped = UnwrapCommand((*out_)[index]);
    if (unwrapped.name_index >= (*out_)[index].argv.size()) return;
    std::optional<ScriptWord> where = FindShellScript((*out_)[index], unwrapped.name_index);
    if (!where) return;
    const ShellWord& word = (*out_)[index].argv[where->index];
    if (!word.is_static) return;
    std::string script = word.value.substr(where->value_offset);
    // The script's bytes are written as they are when its word needs no quote removal (or only its outer
    // quotes): then nested offsets are offsets into this text.
    std::string_view raw = Text(word.begin - base_, word.end - base_);
    std::optional<uint32_t> mapped;
    if (raw == word.value) {
      mapped = word.begin + static_cast<uint32_t>(where->value_offset);
    } else if (where->value_offset == 0 && raw.size() == word.value.size() + 2 &&
               (raw[0] == '\'' || raw[0] == '"') && raw.back() == raw[0] &&
               raw.substr(1, raw.size() - 2) == word.value) {
      mapped = word.begin + 1;
    }
    uint32_t word_begin = word.begin, word_end = word.end;
    bool in_condition = (*out_)[index].in_condition;

    std::vector<ShellCommand> nested;
    Extractor(script, mapped.value_or(0), shell_depth_ + 1, next_pipeline_, &nested).Run();
    for (ShellCommand& command : nested) {
      command.in_condition |= in_condition;
      if (!mapped) {
        command.begin = word_begin;
        command.end = word_end;
        for (auto* words : {&command.argv, &command.assignments}) {
          for (ShellWord& w : *words) {
            w.begin = word_begin;
            w.end = word_end;
          }
        }
      }
      out_->push_back(std::move(command));
    }
  }

  std::string_view text_;
  uint32_t base_;
  int shell_depth_;
  int* next_pipeline_;
  std::vector<ShellCommand>* out_;
  TSTreeCursor cursor_{};
  std::vector<Item> stack_;
  std::unordered_map<const void*, Override> overrides_;
  std::unordered_set<const void*> claimed_;
};

// Reads the options of a wrapper from argv[i] on, getopt style, and returns the index of the first word
// after them. A letter of `value_letters` or a long option of `long_values` takes a value.
size_t SkipOptions(const std::vector<ShellWord>& argv, size_t i, std::string_view value_letters,
                   std::initializer_list<std::string_view> long_values) {
  while (i < argv.size() && argv[i].is_static) {
    std::string_view word = argv[i].value;
    if (word == "--") return i + 1;
    if (word.size() < 2 || word[0] != '-') return i;
    if (word.starts_with("--")) {
      bool takes_value = word.find('=') == std::string_view::npos && IsOneOf(word.substr(2), long_values);
      i += takes_value ? 2 : 1;
      continue;
    }
    size_t advance = 1;
    for (size_t k = 1; k < word.size(); ++k) {
      if (Contains(value_letters, word[k])) {
        if (k + 1 == word.size()) advance = 2;
        break;
      }
    }
    i += advance;
  }
  return i;
}

// FindOption over argv[from, to).
size_t FindOptionIn(const std::vector<ShellWord>& argv, size_t from, size_t to,
                    std::string_view short_letters, std::initializer_list<std::string_view> long_names,
                    std::string_view value_letters) {
  to = std::min(to, argv.size());
  for (size_t i = from; i < to; ++i) {
    if (!argv[i].is_static) continue;
    std::string_view word = argv[i].value;
    if (word == "--") break;
    if (word.size() < 2 || word[0] != '-') continue;
    if (word[1] == '-') {
      if (IsOneOf(word.substr(2, word.find('=') == word.npos ? word.npos : word.find('=') - 2), long_names)) {
        return i;
      }
      continue;
    }
    for (size_t k = 1; k < word.size(); ++k) {
      if (Contains(short_letters, word[k])) return i;
      if (Contains(value_letters, word[k])) {
        if (k + 1 == word.size()) ++i;  // the value is the next word
        break;
      }
    }
  }
  return argv.size();
}

}  // namespace

ShellScript ExtractShellCommands(std::string_view text, uint32_t base) {
  ShellScript script;
  int next_pipeline = 0;
  script.has_error = Extractor(text, base, 0, &next_pipeline, &script.commands).Run();
  for (ShellCommand& command : script.commands) command.real = UnwrapCommand(command);
  return script;
}

Unwrapped UnwrapCommand(const ShellCommand& command) {
  const std::vector<ShellWord>& argv = command.argv;
  Unwrapped result;
  size_t i = 0;
  while (i < argv.size() && argv[i].is_static) {
    std::string_view name = CommandBaseName(argv[i]);
    size_t next;
    if (name == "sudo") {
      result.via_sudo = true;
      next = SkipOptions(argv, i + 1, "CDgpRrTtUu",
                         {"user", "group", "prompt", "chdir", "close-from", "role", "type", "other-user",
                          "host", "command-timeout", "chroot"});
      // -e edits files, -l lists, -v, -k alone, -K and -V run nothing.
      if (FindOptionIn(argv, i + 1, next, "elvKV",
                       {"edit", "list", "validate", "remove-timestamp", "version"}, "CDgpRrTtUu") < next) {
        return {argv.size(), true};
      }
      while (next < argv.size() && IsEnvAssignment(argv[next])) ++next;
    } else if (name == "doas") {
      result.via_sudo = true;
      next = SkipOptions(argv, i + 1, "uC", {});
    } else if (name == "env") {
      next = i + 1;
      while (true) {
        next = SkipOptions(argv, next, "uCS", {"unset", "chdir", "split-string"});
        if (next < argv.size() && argv[next].is_static && argv[next].value == "-") {
          ++next;  // "-" is -i
          continue;
        }
        break;
      }
      if (FindOptionIn(argv, i + 1, next, "S", {"split-string"}, "uC") < next)
        return {argv.size(), result.via_sudo};
      while (next < argv.size() && IsEnvAssignment(argv[next])) ++next;
    } else if (name == "nice") {
      next = SkipOptions(argv, i + 1, "n", {"adjustment"});
    } else if (name == "nohup" || name == "builtin") {
      next = SkipOptions(argv, i + 1, "", {});
    } else if (name == "time") {
      next = SkipOptions(argv, i + 1, "fo", {"format", "output"});
    } else if (name == "exec") {
      next = SkipOptions(argv, i + 1, "a", {});
    } else if (name == "command") {
      next = SkipOptions(argv, i + 1, "", {});
      if (FindOptionIn(argv, i + 1, next, "vV", {}, "") < next) return {argv.size(), result.via_sudo};
    } else if (name == "timeout") {
      next = SkipOptions(argv, i + 1, "ks", {"kill-after", "signal"});
      if (next < argv.size()) ++next;  // the duration
    } else if (name == "gosu" || name == "su-exec") {
      next = i + 2;  // the user
    } else if (name == "busybox") {
      next = i + 1;
      if (next < argv.size() && argv[next].is_static && argv[next].value.starts_with("-"))
        return {argv.size(), result.via_sudo};
    } else if (name == "xargs") {
      next = SkipOptions(argv, i + 1, "adEILnPs",
                         {"arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"});
    } else {
      break;
    }
    i = std::min(next, argv.size());
  }
  result.name_index = i;
  return result;
}

std::string_view CommandBaseName(const ShellWord& word) {
  if (!word.is_static) return {};
  std::string_view value = word.value;
  size_t slash = value.rfind('/');
  return slash == std::string_view::npos ? value : value.substr(slash + 1);
}

size_t FindOption(const ShellCommand& command, size_t name_index, std::string_view short_letters,
                  std::initializer_list<std::string_view> long_names, std::string_view value_letters) {
  return FindOptionIn(command.argv, name_index + 1, command.argv.size(), short_letters, long_names,
                      value_letters);
}

}  // namespace docklint::parsers
