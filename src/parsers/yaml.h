// YAML as compose-go reads it (go-yaml v3, itself a translation of libyaml): a node tree in which every key
// and scalar keeps its exact place in the file. The syntax is libyaml's own parser, so what it refuses and
// where is what go-yaml refuses; on top of it come go-yaml's loading rules: anchors and aliases (an alias is
// the anchored node itself, so positions stay where the value was written), merge keys `<<` with one
// mapping or a list of them, duplicate keys refused, nesting bounded at 10,000 levels and alias expansion at
// go-yaml's ratio, so that no input makes time or memory explode.
#ifndef DOCKLINT_PARSERS_YAML_H_
#define DOCKLINT_PARSERS_YAML_H_

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

struct YamlNode;

// One entry of a mapping, after merge keys are resolved.
struct YamlPair {
  const YamlNode* key = nullptr;
  const YamlNode* value = nullptr;
  bool merged = false;  // it came through a merge key `<<`, not written in this mapping
};

struct YamlNode {
  enum class Kind { kScalar, kMapping, kSequence };
  enum class Style { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };

  Kind kind = Kind::kScalar;
  Style style = Style::kPlain;         // scalars only
  std::string value;                   // a scalar's text after YAML's escapes and folding
  std::string tag;                     // as written ("!reset", "!override", "!!str"); "" when none
  std::string anchor;                  // "&name" without the '&'; "" when none
  base::SourceSpan span;               // the whole node, where it was written
  std::vector<const YamlNode*> items;  // a sequence's items
  std::vector<YamlPair> pairs;         // a mapping's entries: its own in order, then merged ones

  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMapping() const { return kind == Kind::kMapping; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  // A plain, untagged scalar that YAML reads as null ("", "~", "null", "Null", "NULL").
  bool IsNull() const;
  // The value of `key` in a mapping, or null.
  const YamlNode* Find(std::string_view key) const;
};

// go-yaml v3's resolution of an untagged plain scalar: "!!null", "!!bool", "!!int", "!!float" or "!!str";
// a quoted or block scalar is "!!str"; an explicit tag wins.
std::string_view ResolvedTag(const YamlNode& node);

struct YamlDocument {
  const YamlNode* root = nullptr;  // null for an empty document
};

struct YamlFile {
  std::vector<YamlDocument> documents;  // each `---` document in order; none for an empty file
  std::deque<YamlNode> nodes;           // owns every node (a deque: pointers stay valid while it grows)
};

// Parses `file`. The first problem (a syntax error, an unknown anchor, a duplicate key, a bad merge,
// excessive aliasing, nesting too deep) becomes one diagnostic of `code` at its place, and the documents
// before it are kept.
YamlFile ParseYaml(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_YAML_H_
