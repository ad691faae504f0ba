#include "parsers/yaml.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <utility>

namespace docklint::parsers {
namespace {

using base::SourceSpan;

// go-yaml v3: "yaml: exceeded max depth of 10000".
constexpr size_t kMaxDepth = 10000;
// Merged entries copied into mappings, for the whole file: past this a merge chain is an alias bomb.
constexpr uint64_t kMaxMergedPairs = 4'000'000;
constexpr uint64_t kSaturated = uint64_t{1} << 60;

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return std::min(kSaturated, a + b); }

// go-yaml v3 decode.go allowedAliasRatio: how much of what a document decodes may come through aliases.
double AllowedAliasRatio(uint64_t decode_count) {
  constexpr double kLow = 400000, kHigh = 4000000;
  if (static_cast<double>(decode_count) <= kLow) return 0.99;
  if (static_cast<double>(decode_count) >= kHigh) return 0.10;
  return 0.99 - 0.89 * ((static_cast<double>(decode_count) - kLow) / (kHigh - kLow));
}

// libyaml's marks count characters (a CRLF as two, a byte order mark as one: the encoding is given, so the
// mark is the scanner's to skip); spans count bytes. The map exists only for files with bytes outside ASCII.
class Offsets {
 public:
  explicit Offsets(const std::string& text) : size_(text.size()) {
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      return;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(static_cast<uint32_t>(i));
    }
  }
  uint32_t ByteOf(size_t char_index) const {
    if (starts_.empty()) return static_cast<uint32_t>(std::min(size_, char_index));
    return char_index < starts_.size() ? starts_[char_index] : static_cast<uint32_t>(size_);
  }

 private:
  size_t size_ = 0;
  std::vector<uint32_t> starts_;  // the byte offset of each character
};

std::string Text(const yaml_char_t* text) {
  return text == nullptr ? "" : std::string(reinterpret_cast<const char*>(text));
}

// libyaml expands "!!x" to the core schema's URI; spell it back as written.
std::string ShortTag(const yaml_char_t* tag) {
  std::string text = Text(tag);
  constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (text.starts_with(kCore)) return "!!" + text.substr(kCore.size());
  return text;
}

YamlNode::Style StyleOf(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return YamlNode::Style::kSingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return YamlNode::Style::kDoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE:
      return YamlNode::Style::kLiteral;
    case YAML_FOLDED_SCALAR_STYLE:
      return YamlNode::Style::kFolded;
    default:
      return YamlNode::Style::kPlain;
  }
}

bool IsMergeKey(const YamlNode& key) {
  return key.IsScalar() && key.value == "<<" &&
         ((key.style == YamlNode::Style::kPlain && key.tag.empty()) || key.tag == "!!merge");
}

class Builder {
 public:
  Builder(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics,
          YamlFile* out)
      : file_(file), offsets_(file.content()), code_(code), diagnostics_(diagnostics), out_(out) {}

  void Run() {
    yaml_parser_t parser;
    if (yaml_parser_initialize(&parser) == 0) {
      Fail(SourceSpan{&file_, 0, 0}, "cannot start the YAML parser");
      return;
    }
    const std::string& text = file_.content();
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    bool done = false;
    while (!done && !failed_) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser, &event) == 0) {
        ReportParserError(parser);
        break;
      }
      done = event.type == YAML_STREAM_END_EVENT;
      Handle(event);
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
  }

 private:
  // A collection whose end event has not come yet.
  struct Open {
    YamlNode* node;
    std::vector<std::pair<const YamlNode*, const YamlNode*>> written;  // a mapping's pairs as written
    const YamlNode* pending_key = nullptr;
    bool pending_key_is_set = false;
    // go-yaml's counts for what this collection decodes: every node, and those reached through aliases.
    uint64_t decodes = 1;
    uint64_t alias_decodes = 0;
  };

  struct Counts {
    uint64_t decodes = 0;
    uint64_t alias_decodes = 0;
  };

  SourceSpan Span(const yaml_mark_t& begin, const yaml_mark_t& end) const {
    uint32_t b = offsets_.ByteOf(begin.index);
    uint32_t e = std::max(b, offsets_.ByteOf(end.index));
    return SourceSpan{&file_, b, e};
  }

  void Fail(SourceSpan span, std::string message) {
    if (failed_) return;
    failed_ = true;
    diagnostics_->push_back({code_, std::move(message), span});
  }

  void ReportParserError(const yaml_parser_t& parser) {
    std::string problem = parser.problem ? parser.problem : "invalid YAML";
    if (parser.error == YAML_READER_ERROR) {
      // The reader's place is a byte offset of the input (an invalid UTF-8 sequence, a control character).
      uint32_t at = static_cast<uint32_t>(std::min(parser.problem_offset, file_.content().size()));
      Fail(SourceSpan{&file_, at, std::min<uint32_t>(at + 1, static_cast<uint32_t>(file_.content().size()))},
           "invalid YAML: " + problem);
      return;
    }
    std::string message = "invalid YAML: " + problem;
    if (parser.context != nullptr) message += " (" + std::string(parser.context) + ")";
    SourceSpan at = Span(parser.problem_mark, parser.problem_mark);
    if (at.end < file_.content().size()) ++at.end;
    // libyaml names the character, not the cause; a tab where indentation goes is the common one.
    if (at.begin < file_.content().size() && file_.content()[at.begin] == '\t' &&
        problem.find("tab") == std::string::npos)
      message += ": a tab is used for indentation, and YAML indents with spaces only";
    Fail(at, std::move(message));
  }

  YamlNode* NewNode(YamlNode::Kind kind, const yaml_event_t& event) {
    YamlNode& node = out_->nodes.emplace_back();
    node.kind = kind;
    node.span = SkipProperties(Span(event.start_mark, event.end_mark));
    return &node;
  }

  // libyaml starts a node at its anchor or tag; a finding about a value points at the value itself.
  SourceSpan SkipProperties(SourceSpan span) const {
    const std::string& text = file_.content();
    uint32_t at = span.begin;
    auto blank = [&](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (at < span.end && (text[at] == '&' || text[at] == '!')) {
      while (at < span.end && !blank(text[at]) &&
             std::string_view(",[]{}").find(text[at]) == std::string_view::npos)
        ++at;
      while (at < span.end && (blank(text[at]) || text[at] == '#')) {
        if (text[at] == '#') {
          while (at < span.end && text[at] != '\n') ++at;
        } else {
          ++at;
        }
      }
    }
    span.begin = std::min(at, span.end);
    return span;
  }

  void Handle(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors_.clear();
        first_alias_.reset();
        break;
      case YAML_DOCUMENT_END_EVENT:
        out_->documents.push_back({document_root_});
        document_root_ = nullptr;
        break;
      case YAML_SCALAR_EVENT: {
        YamlNode* node = NewNode(YamlNode::Kind::kScalar, event);
        node->value.assign(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
        node->style = StyleOf(event.data.scalar.style);
        node->tag = ShortTag(event.data.scalar.tag);
        Define(event.data.scalar.anchor, node);
        Complete(node, {1, 0});
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool mapping = event.type == YAML_MAPPING_START_EVENT;
        YamlNode* node = NewNode(mapping ? YamlNode::Kind::kMapping : YamlNode::Kind::kSequence, event);
        node->tag = ShortTag(mapping ? event.data.mapping_start.tag : event.data.sequence_start.tag);
        if (stack_.size() >= kMaxDepth) {
          Fail(node->span, "the YAML nests deeper than 10000 levels");
          return;
        }
        Define(mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor, node);
        stack_.push_back(Open{.node = node, .written = {}});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        Close(event);
        break;
      case YAML_ALIAS_EVENT:
        Alias(event);
        break;
      default:
        break;
    }
  }

  void Define(const yaml_char_t* anchor, YamlNode* node) {
    if (anchor == nullptr) return;
    node->anchor = Text(anchor);
    anchors_[node->anchor] = Anchored{node, {}};  // a later anchor of the same name replaces an earlier one
  }

  void Alias(const yaml_event_t& event) {
    std::string name = Text(event.data.alias.anchor);
    SourceSpan span = Span(event.start_mark, event.end_mark);
    auto it = anchors_.find(name);
    if (it == anchors_.end()) {
      Fail(span, "unknown anchor '" + name + "' referenced");
      return;
    }
    const YamlNode* target = it->second.node;
    for (const Open& open : stack_) {
      if (open.node == target) {
        Fail(span, "anchor '" + name + "' value contains itself");
        return;
      }
    }
    if (!first_alias_) first_alias_ = span;
    // go-yaml decodes the alias node, then the anchored value once more, all of it counting as aliased.
    const Counts& counts = it->second.counts;
    Add(target, {SaturatingAdd(1, counts.decodes), counts.decodes});
  }

  // A node just written is finished: an alias to it now costs what it cost.
  void Complete(const YamlNode* node, Counts counts) {
    if (!node->anchor.empty()) {
      auto it = anchors_.find(node->anchor);
      if (it != anchors_.end() && it->second.node == node) it->second.counts = counts;
    }
    Add(node, counts);
  }

  // Puts a finished node where it belongs: the document's root, a sequence's next item, a mapping's key or
  // value. `counts` are what decoding it costs go-yaml.
  void Add(const YamlNode* node, Counts counts) {
    if (stack_.empty()) {
      document_root_ = node;
      CheckAliasing(counts, node->span);
      return;
    }
    Open& parent = stack_.back();
    parent.decodes = SaturatingAdd(parent.decodes, counts.decodes);
    parent.alias_decodes = SaturatingAdd(parent.alias_decodes, counts.alias_decodes);
    if (parent.node->IsSequence()) {
      parent.node->items.push_back(node);
    } else if (!parent.pending_key_is_set) {
      parent.pending_key = node;
      parent.pending_key_is_set = true;
    } else {
      parent.written.emplace_back(parent.pending_key, node);
      parent.pending_key_is_set = false;
    }
  }

  void CheckAliasing(const Counts& counts, const SourceSpan& where) {
    double ratio = counts.decodes == 0 ? 0 : static_cast<double>(counts.alias_decodes) / counts.decodes;
    if (counts.alias_decodes > 100 && counts.decodes > 1000 && ratio > AllowedAliasRatio(counts.decodes))
      Fail(first_alias_.value_or(where), "the document contains excessive aliasing (an alias bomb?)");
  }

  void Close(const yaml_event_t& event) {
    if (stack_.empty()) return;
    Open open = std::move(stack_.back());
    stack_.pop_back();
    YamlNode* node = open.node;
    node->span.end = std::max(node->span.begin, Span(event.end_mark, event.end_mark).end);
    // A block collection ends where the next token starts; end it at its last child instead.
    const YamlNode* last = node->IsSequence() ? (node->items.empty() ? nullptr : node->items.back())
                                              : (open.written.empty() ? nullptr : open.written.back().second);
    if (last != nullptr && last->span.end > node->span.begin && last->span.end < node->span.end &&
        event.end_mark.index == event.start_mark.index)
      node->span.end = last->span.end;
    if (node->IsMapping() && !ResolveMapping(node, open.written)) return;
    Counts counts{open.decodes, open.alias_decodes};
    CheckAliasing(counts, node->span);
    if (failed_) return;
    Complete(node, counts);
  }

  // go-yaml v3 decoder.mapping: duplicate keys are refused; the value of a merge key `<<` (a mapping, or a
  // sequence of them) adds the entries this mapping does not write itself, earlier mappings winning.
  bool ResolveMapping(YamlNode* node,
                      const std::vector<std::pair<const YamlNode*, const YamlNode*>>& written) {
    std::map<std::string_view, const YamlNode*> seen;
    std::vector<std::pair<const YamlNode*, const YamlNode*>> merges;  // the `<<` key and its value
    for (const auto& [key, value] : written) {
      if (key->IsScalar()) {
        auto [it, added] = seen.emplace(key->value, key);
        if (!added) {
          Fail(key->span, "mapping key \"" + key->value + "\" already defined at line " +
                              std::to_string(it->second->span.range().begin.line));
          return false;
        }
      }
      if (IsMergeKey(*key)) {
        merges.emplace_back(key, value);
        continue;
      }
      node->pairs.push_back({key, value, false});
    }
    for (const auto& [merge_key, merge] : merges) {
      std::vector<const YamlNode*> sources;
      if (merge->IsMapping()) {
        sources.push_back(merge);
      } else if (merge->IsSequence()) {
        sources = merge->items;
      }
      bool valid = !sources.empty() || merge->IsSequence();
      for (const YamlNode* source : sources) valid = valid && source->IsMapping();
      if (!valid) {
        Fail(merge_key->span, "map merge requires map or sequence of maps as the value");
        return false;
      }
      std::set<std::string_view> own;
      for (const YamlPair& pair : node->pairs) {
        if (pair.key->IsScalar()) own.insert(pair.key->value);
      }
      for (const YamlNode* source : sources) {
        for (const YamlPair& pair : source->pairs) {
          if (pair.key->IsScalar() && !own.insert(pair.key->value).second) continue;
          if (++merged_pairs_ > kMaxMergedPairs) {
            Fail(merge_key->span, "the document contains excessive aliasing (an alias bomb?)");
            return false;
          }
          node->pairs.push_back({pair.key, pair.value, true});
        }
      }
    }
    return true;
  }

  struct Anchored {
    const YamlNode* node = nullptr;
    Counts counts;  // known once the node is complete
  };

  const base::SourceFile& file_;
  Offsets offsets_;
  base::DiagnosticCode code_;
  base::Diagnostics* diagnostics_;
  YamlFile* out_;
  std::vector<Open> stack_;
  std::map<std::string, Anchored, std::less<>> anchors_;
  const YamlNode* document_root_ = nullptr;
  std::optional<SourceSpan> first_alias_;
  uint64_t merged_pairs_ = 0;
  bool failed_ = false;
};

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool IsDigits(std::string_view s, bool (*digit)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return digit(c) || c == '_'; }) &&
         s.front() != '_';
}

bool IsInt(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  auto dec = [](char c) { return c >= '0' && c <= '9'; };
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  auto oct = [](char c) { return c >= '0' && c <= '7'; };
  auto bin = [](char c) { return c == '0' || c == '1'; };
  if (s.starts_with("0x")) return IsDigits(s.substr(2), hex);
  if (s.starts_with("0o")) return IsDigits(s.substr(2), oct);
  if (s.starts_with("0b")) return IsDigits(s.substr(2), bin);
  return IsDigits(s, dec);
}

bool IsFloat(std::string_view s) {
  if (IsOneOf(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
                  ".NaN", ".NAN"}))
    return true;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  size_t digits = 0, dots = 0, i = 0;
  for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_'); ++i) {
    if (s[i] == '.') ++dots;
    if (s[i] >= '0' && s[i] <= '9') ++digits;
  }
  if (digits == 0 || dots > 1) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::string_view exponent = s.substr(i + 1);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
    return !exponent.empty() &&
           std::all_of(exponent.begin(), exponent.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return i == s.size() && dots == 1;
}

}  // namespace

bool YamlNode::IsNull() const {
  return IsScalar() && style == Style::kPlain && tag.empty() &&
         IsOneOf(value, {"", "~", "null", "Null", "NULL"});
}

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const YamlPair& pair : pairs) {
    if (pair.key->IsScalar() && pair.key->value == key) return pair.value;
  }
  return nullptr;
}

std::string_view ResolvedTag(const YamlNode& node) {
  if (!node.tag.empty() && node.tag != "!") return node.tag;
  if (node.IsMapping()) return "!!map";
  if (node.IsSequence()) return "!!seq";
  if (node.style != YamlNode::Style::kPlain || node.tag == "!") return "!!str";
  const std::string& v = node.value;
  if (node.IsNull()) return "!!null";
  if (IsOneOf(v, {"true", "True", "TRUE", "false", "False", "FALSE"})) return "!!bool";
  if (IsInt(v)) return "!!int";
  if (IsFloat(v)) return "!!float";
  if (v == "<<") return "!!merge";
  return "!!str";
}

YamlFile ParseYaml(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics) {
  YamlFile out;
  Builder(file, code, diagnostics, &out).Run();
  return out;
}

}  // namespace docklint::parsers
