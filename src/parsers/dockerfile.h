// Parser for Dockerfiles, following BuildKit's frontend/dockerfile/parser rule by rule (how lines are read,
// parser directives, continuation lines, comments, heredocs, builder flags and each instruction's argument
// splitting), plus the checks of frontend/dockerfile/instructions that make BuildKit refuse a file (unknown
// instructions and flags, argument counts, JSON-only SHELL, ONBUILD triggers, HEALTHCHECK options, ...).
// Every instruction, word, flag, heredoc and directive keeps its exact place in the file.
#ifndef DOCKLINT_PARSERS_DOCKERFILE_H_
#define DOCKLINT_PARSERS_DOCKERFILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

// Diagnostic code for a problem that makes BuildKit refuse the Dockerfile.
inline constexpr base::DiagnosticCode kDockerfileErrorCode = base::DiagnosticCode::kDockerfileSyntaxError;
// Diagnostic code for a problem BuildKit only warns about, or silently ignores.
inline constexpr base::DiagnosticCode kDockerfileWarningCode = base::DiagnosticCode::kDockerfileParseWarning;
// BuildKit reads lines with a default bufio.Scanner: a line longer than this makes it refuse the file.
inline constexpr size_t kDockerfileMaxLineLength = 65535;

// A parser directive (`# syntax=...`, `# escape=...`, `# check=...`) from the top of the file.
struct DockerfileDirective {
  std::string name;  // lowercased
  std::string value;
  base::SourceSpan span;  // the whole comment line
  base::SourceSpan value_span;
};

// A comment line (its first non-blank byte is '#'), wherever BuildKit reads it as one: between
// instructions and inside continuations, never inside heredoc bodies. Directives are not listed here.
struct DockerfileComment {
  std::string text;       // what follows the '#', line terminator excluded
  base::SourceSpan span;  // from the '#' to the end of the line
};

// A builder flag (`--name=value` or `--name`) before an instruction's arguments.
struct DockerfileFlag {
  std::string name;                  // without the leading "--"
  std::optional<std::string> value;  // quotes and escapes removed as BuildKit removes them; none without '='
  base::SourceSpan span;             // the whole word as written
  base::SourceSpan name_span;        // the name, without "--"
  base::SourceSpan value_span;       // the value after '=' (empty when there is none)
};

// An argument as BuildKit's parser splits it for the instruction. Quotes are kept wherever BuildKit keeps
// them at this stage (ENV/LABEL/ARG words, whitespace-split COPY/ADD/VOLUME/FROM/EXPOSE words); JSON
// strings are decoded.
struct DockerfileWord {
  std::string value;
  base::SourceSpan span;
};

struct DockerfileHeredoc {
  std::string name;         // the delimiter, quotes removed
  bool strip_tabs = false;  // <<-
  bool expand = true;       // no part of the delimiter was quoted
  int fd = -1;              // the number before <<, or -1
  // The body as the build gets it: the lines between the marker line and the terminator, line terminators
  // kept; for <<- with the leading tabs of each line removed.
  std::string content;
  base::SourceSpan content_span;     // the raw body lines, terminators included
  base::SourceSpan span;             // the marker word in the instruction line, e.g. `<<-"EOF"`
  base::SourceSpan terminator_span;  // the delimiter line ending the body (not valid when unterminated)
};

// Text joined from pieces of one file (the lines of a continued instruction), every byte still mapped to its
// file offset. It reads like base::MappedText (text(), SpanOf(), OriginOf()) but stores one entry per piece
// instead of a SourceSpan per byte: building a MappedText for every instruction cost 60% of the parse time.
class DockerfileText {
 public:
  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  char operator[](size_t i) const { return text_[i]; }
  const base::SourceFile* file() const { return file_; }

  // File offset of byte i; i == size() maps just past the last byte.
  uint32_t FileOffset(size_t i) const;
  // The one-byte file span byte i came from.
  base::SourceSpan OriginOf(size_t i) const;
  // The file span from byte `begin`'s origin to byte `end - 1`'s (across joined lines it also covers what
  // lies between them in the file). An empty range is a zero-width span where byte `begin` is.
  base::SourceSpan SpanOf(size_t begin, size_t end) const;
  // The same text as a base::MappedText, for code that works on those.
  base::MappedText ToMappedText() const;
  DockerfileText Substr(size_t begin, size_t end) const;

  // Building (used by the parser).
  void Reset(const base::SourceFile* file, uint32_t empty_offset);
  void Append(std::string_view bytes, uint32_t file_offset);

 private:
  struct Piece {
    uint32_t offset;       // into text_
    uint32_t file_offset;  // where that byte is in the file
  };
  const Piece& PieceAt(size_t i) const;

  const base::SourceFile* file_ = nullptr;
  std::string text_;
  std::vector<Piece> pieces_;
  uint32_t empty_offset_ = 0;  // where an empty text points
};

struct DockerfileInstruction {
  std::string keyword;  // lowercased: "from", "run", ... (as written, lowercased, when unknown)
  base::SourceSpan keyword_span;
  // The whole instruction, from the keyword to the last non-blank byte of its last line that BuildKit reads
  // as part of it (comment and blank lines at the end of a continuation aside), heredoc bodies through
  // their terminators included.
  base::SourceSpan span;
  uint32_t start_line = 0;  // 1-based, as BuildKit reports them
  uint32_t end_line = 0;
  std::vector<DockerfileFlag> flags;
  bool json_form = false;  // exec form: the arguments were a JSON array of strings
  // ENV or LABEL in the legacy `key value` form (no '=' in the first word; BuildKit's NoDelim).
  bool legacy_key_value = false;
  // The arguments as BuildKit's parser gives them for this instruction:
  //   FROM, EXPOSE, and COPY/ADD/VOLUME in shell form: whitespace-separated words;
  //   ENV, LABEL: key, value, key, value, ... (the legacy `ENV key value` form gives one pair);
  //   ARG: one word per name[=default];
  //   RUN, CMD, ENTRYPOINT, SHELL: the JSON strings, or the whole command text as one word;
  //   MAINTAINER, USER, WORKDIR, STOPSIGNAL: the rest of the line as one word;
  //   HEALTHCHECK: the type word (NONE or CMD), then the command as for CMD;
  //   ONBUILD: the trigger's keyword as written, then the trigger's arguments.
  std::vector<DockerfileWord> args;
  // The text after the keyword and flags, trimmed, continuation lines joined exactly as BuildKit joins them
  // (escape character and line break removed, comment and blank lines inside the continuation dropped).
  DockerfileText rest;
  // RUN, COPY and ADD heredocs (for ONBUILD they belong to the trigger).
  std::vector<DockerfileHeredoc> heredocs;
  std::unique_ptr<DockerfileInstruction> trigger;  // ONBUILD's instruction
  // Shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: the command as a shell should see it, byte for byte
  // as long as the command's span in the file (from its first to its last byte), so an offset into it plus
  // shell_offset is a file offset. What BuildKit drops (comment and blank lines inside the continuation,
  // with their line breaks) is blanked to spaces, and every continuation ends with '\' right before its
  // line break (the escape character moved over trailing blanks and a '\r', a backtick escape replaced).
  std::string shell_source;
  uint32_t shell_offset = 0;

  const DockerfileFlag* FindFlag(std::string_view name) const;
};

struct Dockerfile {
  const base::SourceFile* file = nullptr;
  char escape = '\\';
  std::vector<DockerfileDirective> directives;
  std::vector<DockerfileComment> comments;
  std::vector<DockerfileInstruction> instructions;
  base::Diagnostics diagnostics;
};

struct DockerfileParseOptions {
  // Also report what BuildKit's instructions package refuses after parsing (unknown instructions and flags,
  // argument counts, stage names, HEALTHCHECK options, instructions before the first FROM, ...). Off, only
  // what its parser itself refuses is reported.
  bool check_instructions = true;
};

// Parses `file` (which must outlive the result). Never fails: every problem is a diagnostic with the exact
// span (kDockerfileErrorCode when BuildKit would refuse the file, kDockerfileWarningCode otherwise), and
// parsing goes on past it.
Dockerfile ParseDockerfile(const base::SourceFile& file, const DockerfileParseOptions& options = {});

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_DOCKERFILE_H_
