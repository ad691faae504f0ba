#include "parsers/shell_syntax.h"

#include <memory>
#include <vector>

extern "C" const TSLanguage* tree_sitter_bash();

namespace docklint::parsers {
namespace {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

TSParser* ThreadParser() {
  // Creating a parser and loading the language costs more than parsing a small file: reuse one per thread.
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser = [] {
    std::unique_ptr<TSParser, ParserDeleter> p(ts_parser_new());
    ts_parser_set_language(p.get(), tree_sitter_bash());
    return p;
  }();
  return parser.get();
}

}  // namespace

ShellTree ParseShell(std::string_view text) {
  TSParser* parser = ThreadParser();
  ts_parser_reset(parser);
  return ShellTree(ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
}

void VisitNamedNodes(TSNode root, const std::function<bool(TSNode)>& visit) {
  // Iterative, so deeply nested input cannot exhaust the stack.
  std::vector<TSNode> stack{root};
  while (!stack.empty()) {
    TSNode node = stack.back();
    stack.pop_back();
    if (ts_node_is_named(node) && !visit(node)) continue;
    for (uint32_t i = ts_node_child_count(node); i > 0; --i) stack.push_back(ts_node_child(node, i - 1));
  }
}

}  // namespace docklint::parsers
