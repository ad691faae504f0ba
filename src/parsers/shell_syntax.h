// tree-sitter-bash behind a small RAII wrapper. One parser per thread is reused across files; callers
// walk the tree with the tree-sitter C API and get byte offsets that are offsets into the parsed text.
#ifndef DOCKLINT_PARSERS_SHELL_SYNTAX_H_
#define DOCKLINT_PARSERS_SHELL_SYNTAX_H_

#include <tree_sitter/api.h>

#include <functional>
#include <string_view>

namespace docklint::parsers {

class ShellTree {
 public:
  explicit ShellTree(TSTree* tree) : tree_(tree) {}
  ShellTree(ShellTree&& other) noexcept : tree_(other.tree_) { other.tree_ = nullptr; }
  ShellTree& operator=(ShellTree&&) = delete;
  ShellTree(const ShellTree&) = delete;
  ~ShellTree() {
    if (tree_) ts_tree_delete(tree_);
  }

  bool ok() const { return tree_ != nullptr; }
  TSNode root() const { return ts_tree_root_node(tree_); }

 private:
  TSTree* tree_;
};

// Parses `text` as bash. The tree refers to offsets in `text`; it does not keep a copy.
ShellTree ParseShell(std::string_view text);

// Calls `visit` for every named node in document order; `visit` returns false to skip a node's children.
void VisitNamedNodes(TSNode node, const std::function<bool(TSNode)>& visit);

inline std::string_view NodeType(TSNode node) { return ts_node_type(node); }
inline std::string_view NodeText(TSNode node, std::string_view text) {
  return text.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
}

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_SHELL_SYNTAX_H_
