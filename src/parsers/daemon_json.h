// daemon.json as dockerd reads it, with the exact source span of every key and value.
//
// The accepted language is what dockerd accepts, not what a lenient JSON reader accepts: a BOM (UTF-8, or
// UTF-16 which is transcoded) is honoured, a whitespace-only file is an empty configuration, comments and
// trailing commas are errors, invalid UTF-8 inside strings decodes to U+FFFD as in Go's encoding/json, and
// duplicate keys are kept here (the last one is the one dockerd uses).
#ifndef DOCKLINT_PARSERS_DAEMON_JSON_H_
#define DOCKLINT_PARSERS_DAEMON_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

struct JsonMember;

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  nlohmann::json scalar;            // leaves only: the decoded value (string unescaped, number as parsed)
  base::SourceSpan span;            // the whole value: quotes included for strings, '{'..'}' for objects
  std::vector<JsonMember> members;  // objects: every member in document order, duplicate keys kept
  std::vector<JsonNode> elements;   // arrays

  // The value as Go's encoding/json would decode it (duplicate keys: the last one wins). Numbers keep the
  // type nlohmann parsed them as (integer or float), where Go would hold a float64.
  nlohmann::json ToJson() const;
  // The last member with this key (Go semantics), or nullptr. Keys compare exactly.
  const JsonMember* Find(std::string_view key) const;
  // "null", "boolean", "number", "string", "array", "object" (for messages).
  std::string_view KindName() const;
};

struct JsonMember {
  std::string key;            // decoded
  base::SourceSpan key_span;  // the key token, quotes included
  JsonNode value;
};

struct DaemonJson {
  // Absent when the file is empty or whitespace-only (dockerd >= 23 treats that as an empty config) or
  // when it failed to parse (the diagnostic says why). A top-level `null` is present with kind kNull:
  // dockerd accepts it as an empty configuration.
  std::optional<JsonNode> root;
};

// How the dockerd release judged reads the file before decoding it (model/ picks the release's reader).
enum class DaemonJsonReader {
  // 23.0 and later: a UTF-8 byte order mark is dropped and a UTF-16 one switches to UTF-16; bytes that are
  // not UTF-8 are refused; an empty file is an empty configuration; anything after the JSON value is
  // refused.
  kCurrent,
  // 20.10: Go's json.Decoder on the raw bytes: a byte order mark is an invalid character, an empty file
  // fails (EOF), bytes that are not UTF-8 pass, and only the first JSON value is read: what follows it is
  // ignored (reported with kDaemonJsonTrailingContent, not as invalid JSON).
  kEngine2010,
};

// Parses `file` as daemon.json, as `reader` reads it. Problems go to `diagnostics` with code kInvalidJson
// and the span of the offending text (an empty span at the end of the file when the file ends too early).
// Never throws.
DaemonJson ParseDaemonJson(const base::SourceFile& file, base::Diagnostics* diagnostics,
                           DaemonJsonReader reader = DaemonJsonReader::kCurrent);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_DAEMON_JSON_H_
