#include "base/fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <map>

#include "base/strings.h"

namespace docklint::base {
namespace {

// Two FNV-1a 64-bit hashes with different offset bases: 128 bits, plenty against accidental collisions.
struct Hash128 {
  uint64_t a = 0xcbf29ce484222325ull;
  uint64_t b = 0x84222325cbf29ce4ull;
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      a = (a ^ c) * 0x100000001b3ull;
      b = (b ^ c) * 0x100000001b3ull;
    }
    a = (a ^ 0xff) * 0x100000001b3ull;  // a separator no text byte sequence can fake
    b = (b ^ 0xfe) * 0x100000001b3ull;
  }
  std::string Hex() const {
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return out;
  }
};

std::string_view Trim(std::string_view s) { return base::Trim(s, base::Blanks::kSpaceTabCr); }

// What the finding points at: its range's text, or its first line when the range is empty, trimmed so
// that re-indenting does not change it.
std::string Anchor(const Finding& finding, const SourceFile* file) {
  const Range& r = finding.location.range;
  if (file == nullptr || r.begin.line == 0 || r.begin.line > file->line_count()) return "";
  size_t begin = file->LineStart(r.begin.line) + (r.begin.column ? r.begin.column - 1 : 0);
  size_t end = begin;
  if (r.end.line >= r.begin.line && r.end.line >= 1 && r.end.line <= file->line_count()) {
    end = file->LineStart(r.end.line) + (r.end.column ? r.end.column - 1 : 0);
  }
  if (end <= begin || end > file->content().size()) return std::string(Trim(file->LineText(r.begin.line)));
  return std::string(Trim(std::string_view(file->content()).substr(begin, end - begin)));
}

}  // namespace

std::vector<std::string> Fingerprints(const std::vector<Finding>& findings, const SourceLookup& sources) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;  // same rule, file and text: numbered in order
  for (const Finding& finding : findings) {
    Hash128 hash;
    hash.Add(finding.rule_id);
    hash.Add(finding.location.file);
    std::string anchor = Anchor(finding, sources ? sources(finding.location.file) : nullptr);
    // Findings with no text to anchor to (a file's mode, a host-wide setting) differ by what they say.
    hash.Add(anchor.empty() ? finding.message : anchor);
    std::string key = hash.Hex();
    hash.Add(std::to_string(seen[key]++));
    out.push_back(hash.Hex());
  }
  return out;
}

}  // namespace docklint::base
