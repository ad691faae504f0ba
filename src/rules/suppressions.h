// Inline suppressions. docklint's own: `# docklint ignore=DKL3002,add-instead-of-copy [reason]` on the
// line(s) above an element (a Dockerfile instruction, a compose key with its value) silences those rules for
// that element; `# docklint global ignore=...` anywhere silences them for the file. Rules are named by id or
// name.
//
// In Dockerfiles the peers' pragmas are honoured too, for the rules that cite the peer's id, each with the
// peer's own placement:
// - hadolint: `# hadolint ignore=DL3008,SC2086` on the line right above an instruction, `# hadolint global
//   ignore=...`, and `# hadolint stage ignore=...` (from the line below it to the next FROM);
// - BuildKit: the `# check=skip=A,B;error=true` directive at the top (skip=all: every check), and the same
//   comment among those above an instruction, for that instruction; error=true makes the checks errors;
// - trivy: `# trivy:ignore:DS002` (or AVD-DS-0002) on the line(s) above an instruction.
#ifndef DOCKLINT_RULES_SUPPRESSIONS_H_
#define DOCKLINT_RULES_SUPPRESSIONS_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/finding.h"
#include "parsers/dockerfile.h"
#include "parsers/yaml.h"
#include "rules/ruleset.h"

namespace docklint::rules {

// A comment of a file: its text after the '#', and its span from the '#'.
struct SuppressionComment {
  std::string_view text;
  base::SourceSpan span;
};

// The first and last line of the element that starts after `line` (the one a comment above it is about),
// or nullopt when there is none.
using ElementBelow = std::function<std::optional<std::pair<uint32_t, uint32_t>>(uint32_t line)>;

class Suppressions {
 public:
  // Reads the comments of `dockerfile`, the peers' pragmas too unless `peer_pragmas` is false. A name that
  // is no rule is reported (DKL0009) and ignored.
  Suppressions(const parsers::Dockerfile& dockerfile, const Ruleset& ruleset, base::Diagnostics* diagnostics,
               bool peer_pragmas = true);
  // The same for any file's comments.
  Suppressions(std::string file, const std::vector<SuppressionComment>& comments, const ElementBelow& below,
               const Ruleset& ruleset, base::Diagnostics* diagnostics);

  // Whether a comment silences `finding`; the comment is then marked as used.
  bool Suppresses(const base::Finding& finding) const;
  // What the file's directives do to a finding it keeps: BuildKit's `error=true` makes its checks errors.
  void Adjust(base::Finding* finding) const;
  // The comments that silenced nothing (DKL0015), once every finding went through Suppresses. A name is
  // reported only when a selected rule could have fired under it: a comment for a rule the run did not
  // select, or for a peer id no selected rule cites, says nothing about this run.
  base::Diagnostics Unused(const std::vector<const Rule*>& selected) const;

 private:
  // One comment: the rules it names, as rule ids or peer references ("hadolint:DL3008", "buildkit:*").
  struct Entry {
    std::vector<std::string> keys;
    base::SourceSpan span;
    mutable std::vector<bool> used;  // per key
  };
  // Entries that apply from a first line to a last line.
  struct Scoped {
    uint32_t last_line = 0;
    std::vector<size_t> entries;
  };
  void Read(const std::vector<SuppressionComment>& comments, const ElementBelow& below,
            const Ruleset& ruleset, base::Diagnostics* diagnostics);
  void ReadPeerPragmas(const parsers::Dockerfile& dockerfile);
  size_t AddEntry(std::vector<std::string> keys, const base::SourceSpan& span);
  void AddScoped(std::map<uint32_t, Scoped>* scopes, uint32_t first, uint32_t last, size_t entry);
  bool EntryMatches(const Entry& entry, const base::Finding& finding) const;
  bool ScopeMatches(const std::map<uint32_t, Scoped>& scopes, uint32_t line,
                    const base::Finding& finding) const;

  std::string file_;
  std::vector<Entry> entries_;
  // Indexes into entries_, not lists of comments: a finding was checked against every comment (8,000
  // suppressions took a second). Instructions do not overlap, nor do stages, so a map by first line finds
  // the one scope a line can be in.
  std::vector<size_t> global_;
  std::map<uint32_t, Scoped> local_;   // by the first line of the element below
  std::map<uint32_t, Scoped> stages_;  // hadolint's stage ignores, by the line they start at
  // The start line of the instruction each line is in (Dockerfiles): hadolint places findings there.
  std::map<uint32_t, uint32_t> instruction_starts_;  // first line -> last line
  bool buildkit_error_ = false;
};

// The reference our rules cite for a code of hadolint's: DL codes are hadolint's (`hadolint:DL3008`), SC
// codes ShellCheck's (`shellcheck:SC2086`). Pragmas and hadolint's configuration name rules by these.
std::string HadolintReference(std::string_view code);

// The suppressions of a YAML file (a compose file): comments on lines of their own, each about the key (with
// its value) or the list item that starts below it.
Suppressions YamlSuppressions(const base::SourceFile& file, const parsers::YamlFile& yaml,
                              const Ruleset& ruleset, base::Diagnostics* diagnostics);

}  // namespace docklint::rules

#endif  // DOCKLINT_RULES_SUPPRESSIONS_H_
