#include "parsers/containerd_config.h"

#include <algorithm>
#include <string>

#include "base/toml.h"
#include "base/toml_parse.h"

namespace docklint::parsers {
namespace {

constexpr base::DiagnosticCode kCode = base::DiagnosticCode::kContainerdConfigRefused;

size_t OffsetOf(const base::SourceFile& file, uint32_t line, uint32_t column) {
  if (line == 0 || line > file.line_count()) return file.content().size();
  return std::min(file.LineStart(line) + (column > 0 ? column - 1 : 0), file.content().size());
}

base::SourceSpan SpanOf(const base::SourceFile& file, const toml::source_region& where) {
  size_t begin = OffsetOf(file, where.begin.line, where.begin.column);
  size_t end = std::max(begin, OffsetOf(file, where.end.line, where.end.column));
  return {&file, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "date or time";
    default:
      return "value";
  }
}

// An integer field of containerd's Config: its value, or a diagnostic when it holds another type.
bool ReadInteger(const base::SourceFile& file, const toml::node* node, std::string_view field,
                 std::optional<ContainerdInteger>* out, base::Diagnostics* diagnostics) {
  if (node == nullptr) return true;
  if (const toml::value<int64_t>* integer = node->as_integer()) {
    *out = ContainerdInteger{integer->get(), SpanOf(file, node->source())};
    return true;
  }
  diagnostics->push_back({kCode,
                          "`" + std::string(field) + "` must be an integer, not a " +
                              std::string(TypeName(*node)) + " (\"failed to unmarshal TOML\")",
                          SpanOf(file, node->source())});
  return false;
}

}  // namespace

ContainerdConfig ParseContainerdConfig(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  ContainerdConfig config;
  base::TomlParse parsed = base::ParseToml(file.content(), file.path());
  if (!parsed.ok) {
    size_t at = OffsetOf(file, parsed.line, parsed.column);
    size_t end = at < file.content().size() && file.content()[at] != '\n' ? at + 1 : at;
    diagnostics->push_back({kCode,
                            "invalid TOML: " + parsed.error,
                            {&file, static_cast<uint32_t>(at), static_cast<uint32_t>(end)}});
    return config;
  }
  bool ok = ReadInteger(file, parsed.table.get("version"), "version", &config.version, diagnostics);
  if (const toml::node* grpc = parsed.table.get("grpc")) {
    if (const toml::table* table = grpc->as_table()) {
      ok &= ReadInteger(file, table->get("uid"), "grpc.uid", &config.grpc_uid, diagnostics);
      ok &= ReadInteger(file, table->get("gid"), "grpc.gid", &config.grpc_gid, diagnostics);
    } else {
      diagnostics->push_back({kCode,
                              "`grpc` must be a table, not a " + std::string(TypeName(*grpc)) +
                                  " (\"failed to unmarshal TOML\")",
                              SpanOf(file, grpc->source())});
      ok = false;
    }
  }
  config.decodes = ok;
  return config;
}

}  // namespace docklint::parsers
