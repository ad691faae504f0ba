#include "parsers/dockerfile.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "parsers/internal/dockerfile_lex.h"

namespace docklint::parsers {
namespace {

using base::Diagnostic;
using base::MappedText;
using base::SourceFile;
using base::SourceSpan;
using internal::GoIsSpace;
using internal::GoIsSpaceByte;
using internal::GoTrimLeftSpace;
using internal::GoTrimSpace;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kNpos = std::string::npos;
// ONBUILD ONBUILD ... is refused anyway; past this depth the triggers are not parsed any further.
constexpr int kMaxTriggerDepth = 8;

// The `[\t\v\f\r ]` of BuildKit's reWhitespace, which splits the keyword from its arguments and
// whitespace-delimited arguments from each other.
bool IsReWhitespace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }
// The `\s` of Go's regexp (directives): no \v.
bool IsRegexpSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// strings.ToLower as far as it can turn a word into an ASCII keyword: ASCII letters, plus the Kelvin sign
// (to 'k') and the dotted capital I (to 'i'), whose lowercase forms are ASCII.
std::string GoLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (s.compare(i, 3, "\xE2\x84\xAA") == 0) {
      out.push_back('k');
      i += 2;
    } else if (s.compare(i, 2, "\xC4\xB0") == 0) {
      out.push_back('i');
      i += 1;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// strings.ToUpper likewise: the dotless i and the long s uppercase to ASCII.
std::string GoUpper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (s.compare(i, 2, "\xC4\xB1") == 0) {
      out.push_back('I');
      i += 1;
    } else if (s.compare(i, 2, "\xC5\xBF") == 0) {
      out.push_back('S');
      i += 1;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// strings.EqualFold(word, "as"): 's' also folds with the long s.
bool IsAsKeyword(std::string_view word) {
  if (word.empty() || (word[0] != 'a' && word[0] != 'A')) return false;
  std::string_view s = word.substr(1);
  return s == "s" || s == "S" || s == "\xC5\xBF";
}

// BuildKit's stage name rule: ^[a-z][a-z0-9-_.]*$ on the lowercased name.
bool IsValidStageName(std::string_view lower) {
  if (lower.empty() || lower[0] < 'a' || lower[0] > 'z') return false;
  for (char c : lower) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// Levenshtein distance; `b` is an instruction name (at most 11 bytes).
size_t EditDistance(std::string_view a, std::string_view b) {
  size_t row[16];
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

constexpr std::string_view kInstructions[] = {
    "add",   "arg",        "cmd",     "copy", "entrypoint", "env",        "expose", "from",   "healthcheck",
    "label", "maintainer", "onbuild", "run",  "shell",      "stopsignal", "user",   "volume", "workdir"};

enum class Kind {
  kUnknown,
  kAdd,
  kArg,
  kCmd,
  kCopy,
  kEntrypoint,
  kEnv,
  kExpose,
  kFrom,
  kHealthcheck,
  kLabel,
  kMaintainer,
  kOnbuild,
  kRun,
  kShell,
  kStopsignal,
  kUser,
  kVolume,
  kWorkdir,
};

// The instruction a lowercased keyword names (BuildKit's dispatch table).
Kind KindOf(std::string_view k) {
  switch (k.size()) {
    case 3:
      if (k == "add") return Kind::kAdd;
      if (k == "arg") return Kind::kArg;
      if (k == "cmd") return Kind::kCmd;
      if (k == "env") return Kind::kEnv;
      if (k == "run") return Kind::kRun;
      break;
    case 4:
      if (k == "copy") return Kind::kCopy;
      if (k == "from") return Kind::kFrom;
      if (k == "user") return Kind::kUser;
      break;
    case 5:
      if (k == "label") return Kind::kLabel;
      if (k == "shell") return Kind::kShell;
      break;
    case 6:
      if (k == "expose") return Kind::kExpose;
      if (k == "volume") return Kind::kVolume;
      break;
    case 7:
      if (k == "onbuild") return Kind::kOnbuild;
      if (k == "workdir") return Kind::kWorkdir;
      break;
    case 10:
      if (k == "entrypoint") return Kind::kEntrypoint;
      if (k == "maintainer") return Kind::kMaintainer;
      if (k == "stopsignal") return Kind::kStopsignal;
      break;
    case 11:
      if (k == "healthcheck") return Kind::kHealthcheck;
      break;
    default:
      break;
  }
  return Kind::kUnknown;
}

bool IsKnownInstruction(std::string_view keyword) { return KindOf(keyword) != Kind::kUnknown; }

// Like BuildKit's suggest.WrapError: the closest instruction name within an edit distance of 2.
std::string SuggestInstruction(std::string_view lower) {
  if (lower.size() > 64) return {};
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view name : kInstructions) {
    // The distance is at least the difference in length.
    if (lower.size() + 2 < name.size() || name.size() + 2 < lower.size()) continue;
    size_t d = EditDistance(lower, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best.empty() ? std::string() : GoUpper(best);
}

struct PhysicalLine {
  uint32_t number = 0;
  size_t begin = 0;    // first byte (after the BOM on line 1)
  size_t end = 0;      // end of content: the '\n' excluded
  size_t trimmed = 0;  // end without trailing '\r's (BuildKit's trimNewline)
  size_t next = 0;     // start of the next line
};

// How a physical line of an instruction was used, for the shell source.
struct LineRecord {
  size_t begin;
  size_t next;
  size_t newline;  // offset of the '\n', or kNpos at the end of the file
  bool dropped;    // comment or blank line inside a continuation
  size_t escape;   // the continuation's escape character, or kNpos
};

enum class FlagKind { kBool, kString, kStrings };
struct FlagSpec {
  std::string_view name;
  FlagKind kind;
};

struct WordPos {
  std::string text;
  size_t begin;
  size_t end;
};

class DockerfileParser {
 public:
  DockerfileParser(const SourceFile& file, const DockerfileParseOptions& options)
      : file_(file), content_(file.content()), options_(options) {
    result_.file = &file;
  }

  Dockerfile Parse() {
    if (content_.empty()) {
      Report(kDockerfileErrorCode, Span(0, 0),
             "the Dockerfile is empty; BuildKit refuses an empty Dockerfile");
      return std::move(result_);
    }
    // About one instruction per 200 bytes in real Dockerfiles: spare most regrowth of this vector (capped, so
    // a huge file of one line reserves little).
    result_.instructions.reserve(std::min<size_t>(content_.size() / 160 + 4, 1024));
    PhysicalLine line;
    while (NextLine(&line)) ParseFromLine(line);
    CheckStages();
    result_.escape = escape_;
    return std::move(result_);
  }

 private:
  // ---- Reading lines -----------------------------------------------------------------------------------

  bool NextLine(PhysicalLine* line) {
    if (pos_ >= content_.size()) return false;
    const char* base = content_.data();
    const void* nl = std::memchr(base + pos_, '\n', content_.size() - pos_);
    size_t end = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - base) : content_.size();
    line->number = ++line_number_;
    line->begin = pos_;
    line->end = end;
    line->next = nl != nullptr ? end + 1 : end;
    if (end - pos_ > kDockerfileMaxLineLength) {
      Report(kDockerfileErrorCode, Span(pos_, end),
             "line is " + std::to_string(end - pos_) + " bytes long; BuildKit refuses lines longer than " +
                 std::to_string(kDockerfileMaxLineLength) + " bytes");
    }
    if (line->number == 1 && content_.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) {
      line->begin = std::min(end, pos_ + kUtf8Bom.size());
    }
    size_t trimmed = end;
    while (trimmed > line->begin && content_[trimmed - 1] == '\r') --trimmed;
    line->trimmed = trimmed;
    pos_ = line->next;
    return true;
  }

  // ---- Diagnostics and spans -----------------------------------------------------------------------------

  SourceSpan Span(size_t begin, size_t end) const {
    return SourceSpan{&file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }
  SourceSpan LSpan(size_t begin, size_t end) const { return logical_.SpanOf(begin, end); }

  void Report(base::DiagnosticCode code, SourceSpan span, std::string message) {
    result_.diagnostics.push_back(Diagnostic{code, std::move(message), span});
  }

  // An error from BuildKit's instructions package: for an ONBUILD trigger it only surfaces when another
  // image is built FROM this one, so it is a warning there.
  void ReportInstruction(bool in_trigger, SourceSpan span, const std::string& message) {
    if (in_trigger) {
      Report(kDockerfileWarningCode, span,
             "ONBUILD trigger: " + message + " (builds FROM this image will fail)");
    } else {
      Report(kDockerfileErrorCode, span, message);
    }
  }

  // ---- Directives and comments ---------------------------------------------------------------------------

  // BuildKit's DirectiveParser.ParseLine on the left-trimmed line [t, e). True when the line is a directive.
  bool TryDirective(size_t t, size_t e) {
    auto stop = [this] {
      directives_done_ = true;
      return false;
    };
    if (t >= e || content_[t] != '#') return stop();
    size_t p = GoTrimLeftSpace(content_, t + 1, e);
    if (p >= e || !IsAsciiAlpha(content_[p])) return stop();
    size_t key_begin = p;
    while (p < e && IsAsciiAlnum(content_[p])) ++p;
    size_t key_end = p;
    while (p < e && IsRegexpSpace(content_[p])) ++p;
    if (p >= e || content_[p] != '=') return stop();
    ++p;
    size_t q = p;
    while (q < e && IsRegexpSpace(content_[q])) ++q;
    size_t value_begin;
    size_t value_end;
    if (q < e) {
      value_begin = q;
      value_end = e;
      while (value_end > value_begin && IsRegexpSpace(content_[value_end - 1])) --value_end;
    } else if (p < e) {
      // `\s*=\s*(.+?)\s*$` on blanks only: the greedy \s* gives its last blank back to (.+?).
      value_begin = e - 1;
      value_end = e;
    } else {
      return stop();
    }
    std::string key = GoLower(content_.substr(key_begin, key_end - key_begin));
    if (key != "syntax" && key != "escape" && key != "check") return stop();
    if (!seen_directives_.insert(key).second) {
      Report(kDockerfileErrorCode, Span(t, e),
             "only one `" + key + "` parser directive can be used; BuildKit refuses a repeated directive");
      return true;
    }
    DockerfileDirective directive;
    directive.name = key;
    directive.value.assign(content_.substr(value_begin, value_end - value_begin));
    directive.span = Span(t, e);
    directive.value_span = Span(value_begin, value_end);
    if (key == "check" && options_.check_instructions) CheckLintOptions(directive);
    if (key == "escape") {
      if (directive.value == "`" || directive.value == "\\") {
        escape_ = directive.value[0];
      } else {
        Report(kDockerfileErrorCode, directive.value_span,
               "invalid escape token '" + directive.value + "': it must be ` or \\");
      }
    }
    result_.directives.push_back(std::move(directive));
    return true;
  }

  size_t TrimBlanksEnd(size_t begin, size_t end) const {
    while (end > begin && (content_[end - 1] == ' ' || content_[end - 1] == '\t')) --end;
    return end;
  }

  // dockerfile2llb refuses a `# check=` value that linter.ParseLintOptions cannot read: up to three
  // `;`-separated key=value options among skip, experimental and error (a Go boolean).
  void CheckLintOptions(const DockerfileDirective& directive) {
    std::string_view value = directive.value;
    size_t b = 0;
    size_t e = value.size();
    GoTrimSpace(value, &b, &e);
    if (b == e) return;
    size_t pos = b;
    for (int part = 0; part < 3 && pos <= e; ++part) {
      size_t semi = part < 2 ? value.find(';', pos) : std::string_view::npos;
      size_t part_end = semi == std::string_view::npos || semi > e ? e : semi;
      std::string_view option = value.substr(pos, part_end - pos);
      SourceSpan span{&file_, directive.value_span.begin + static_cast<uint32_t>(pos),
                      directive.value_span.begin + static_cast<uint32_t>(part_end)};
      size_t eq = option.find('=');
      size_t kb = 0;
      size_t ke = eq == std::string_view::npos ? option.size() : eq;
      GoTrimSpace(option, &kb, &ke);
      std::string_view key = option.substr(kb, ke - kb);
      if (eq == std::string_view::npos || (key != "skip" && key != "experimental" && key != "error")) {
        Report(
            kDockerfileErrorCode, span,
            "invalid check option `" + std::string(eq == std::string_view::npos ? option : key) +
                "`: use skip=<rules|all>, error=<true|false> or experimental=<rules|all>, separated by ';'");
      } else if (key == "error") {
        size_t vb = eq + 1;
        size_t ve = option.size();
        GoTrimSpace(option, &vb, &ve);
        static constexpr std::string_view kBools[] = {"1", "t", "T", "TRUE",  "true",  "True",
                                                      "0", "f", "F", "FALSE", "false", "False"};
        if (std::find(std::begin(kBools), std::end(kBools), option.substr(vb, ve - vb)) == std::end(kBools)) {
          Report(kDockerfileErrorCode, span, "check option error= takes true or false");
        }
      }
      if (semi == std::string_view::npos || semi > e) break;
      pos = semi + 1;
    }
  }

  void AddComment(size_t hash, size_t end) {
    result_.comments.push_back(
        DockerfileComment{std::string(content_.substr(hash + 1, end - hash - 1)), Span(hash, end)});
  }

  // trimContinuationCharacter on [b, e): true when the line ends with the escape character (trailing blanks
  // allowed) that is not itself escaped; *escape is its offset.
  bool IsContinued(size_t b, size_t e, size_t* escape) const {
    size_t k = e;
    while (k > b && (content_[k - 1] == ' ' || content_[k - 1] == '\t')) --k;
    if (k == b || content_[k - 1] != escape_) return false;
    if (k - 1 > b && content_[k - 2] == escape_) return false;
    *escape = k - 1;
    return true;
  }

  // ---- One instruction -----------------------------------------------------------------------------------

  void ParseFromLine(const PhysicalLine& first) {
    size_t t = GoTrimLeftSpace(content_, first.begin, first.trimmed);
    size_t e = first.trimmed;
    bool is_comment = t < e && content_[t] == '#';
    bool is_directive = !directives_done_ && TryDirective(t, e);
    if (is_comment) {
      if (!is_directive) AddComment(t, e);
      return;
    }
    size_t escape = kNpos;
    bool continued = IsContinued(t, e, &escape);
    if (!continued && t == e) return;  // blank line

    logical_.Reset(&file_, static_cast<uint32_t>(continued ? escape : t));
    logical_.Append(content_.substr(t, (continued ? escape : e) - t), static_cast<uint32_t>(t));
    records_.clear();
    records_.push_back(LineRecord{first.begin, first.next, first.end < first.next ? first.end : kNpos, false,
                                  continued ? escape : kNpos});
    uint32_t start_line = first.number;
    uint32_t end_line = first.number;
    size_t span_end = TrimBlanksEnd(t, e);
    std::vector<size_t> empty_lines;
    PhysicalLine line;
    while (continued && NextLine(&line)) {
      end_line = line.number;
      size_t newline = line.end < line.next ? line.end : kNpos;
      size_t lead = GoTrimLeftSpace(content_, line.begin, line.end);
      if (lead < line.end && content_[lead] == '#') {
        AddComment(lead, line.trimmed);
        records_.push_back(LineRecord{line.begin, line.next, newline, true, kNpos});
        continue;
      }
      if (GoTrimLeftSpace(content_, line.begin, line.trimmed) == line.trimmed) {
        empty_lines.push_back(line.begin);
        empty_lines.push_back(line.trimmed);
        records_.push_back(LineRecord{line.begin, line.next, newline, true, kNpos});
        continue;
      }
      span_end = TrimBlanksEnd(line.begin, line.trimmed);
      continued = IsContinued(line.begin, line.trimmed, &escape);
      size_t kept_end = continued ? escape : line.trimmed;
      logical_.Append(content_.substr(line.begin, kept_end - line.begin), static_cast<uint32_t>(line.begin));
      records_.push_back(LineRecord{line.begin, line.next, newline, false, continued ? escape : kNpos});
    }
    for (size_t i = 0; i < empty_lines.size(); i += 2) {
      Report(kDockerfileWarningCode, Span(empty_lines[i], empty_lines[i + 1]),
             "empty continuation line: BuildKit skips it and joins the next line to this instruction (it "
             "warns that empty continuation lines will become errors)");
    }

    DockerfileInstruction& ins = result_.instructions.emplace_back();
    ins.start_line = start_line;
    ParseNode(0, logical_.text().size(), &ins, 0);
    ins.span = Span(t, span_end);

    DockerfileInstruction* target = &ins;
    if (ins.keyword == "onbuild" && ins.trigger != nullptr) target = ins.trigger.get();
    if ((target->keyword == "run" || target->keyword == "copy" || target->keyword == "add") &&
        !target->json_form && logical_.text().find("<<") != std::string::npos) {
      ReadHeredocs(target, &end_line, &span_end);
      ins.span = Span(t, span_end);
      if (target != &ins) target->span.end = ins.span.end;
    }
    ins.end_line = end_line;
    if (ins.trigger != nullptr) {
      ins.trigger->start_line = ins.start_line;
      ins.trigger->end_line = ins.end_line;
    }
    if (options_.check_instructions) Validate(ins, false);
  }

  // newNodeFromLine on logical_[b, e): splitCommand, extractBuilderFlags and the instruction's line parser.
  void ParseNode(size_t b, size_t e, DockerfileInstruction* ins, int depth) {
    const std::string& text = logical_.text();
    size_t tb = b;
    size_t te = e;
    GoTrimSpace(text, &tb, &te);
    size_t ke = tb;
    while (ke < te && !IsReWhitespace(text[ke])) ++ke;
    ins->keyword = GoLower(std::string_view(text).substr(tb, ke - tb));
    ins->keyword_span = LSpan(tb, ke);
    size_t rb = te;
    size_t re = te;
    if (ke < te) {
      size_t ab = ke;
      while (ab < te && IsReWhitespace(text[ab])) ++ab;
      rb = ExtractFlags(ab, te, ins);
      GoTrimSpace(text, &rb, &re);
    }
    ins->span = LSpan(tb, te);
    ins->rest = logical_.Substr(rb, re);

    switch (KindOf(ins->keyword)) {
      case Kind::kAdd:
      case Kind::kCopy:
      case Kind::kVolume:
        ParseMaybeJson(rb, re, ins, /*to_list=*/true);
        break;
      case Kind::kCmd:
      case Kind::kEntrypoint:
      case Kind::kRun:
        ParseMaybeJson(rb, re, ins, /*to_list=*/false);
        if (!ins->json_form && rb < re) MakeShellSource(rb, re, ins);
        break;
      case Kind::kShell:
        ParseMaybeJson(rb, re, ins, /*to_list=*/false);
        break;
      case Kind::kEnv:
      case Kind::kLabel:
        ParseNameVal(rb, re, ins);
        break;
      case Kind::kArg:
        for (WordPos& w : ParseWords(rb, re)) AddArg(ins, std::move(w.text), w.begin, w.end);
        break;
      case Kind::kExpose:
      case Kind::kFrom:
        ParseWhitespaceDelimited(rb, re, ins);
        break;
      case Kind::kMaintainer:
      case Kind::kStopsignal:
      case Kind::kUser:
      case Kind::kWorkdir:
        if (rb < re) AddArg(ins, text.substr(rb, re - rb), rb, re);
        break;
      case Kind::kHealthcheck:
        ParseHealthConfig(rb, re, ins);
        break;
      case Kind::kOnbuild:
        ParseSubCommand(rb, re, ins, depth);
        break;
      case Kind::kUnknown:
        break;  // parseIgnore: the instructions pass refuses it
    }
  }

  void AddArg(DockerfileInstruction* ins, std::string value, size_t b, size_t e) {
    ins->args.push_back(DockerfileWord{std::move(value), LSpan(b, e)});
  }

  // extractBuilderFlags: leading `--` words, with quotes and the escape character processed byte by byte
  // (bytes 0x85 and 0xA0 count as blanks, as in BuildKit). Returns where the rest of the line starts.
  size_t ExtractFlags(size_t b, size_t e, DockerfileInstruction* ins) {
    const std::string& text = logical_.text();
    enum { kSpaces, kWord, kQuote } phase = kSpaces;
    std::string word;
    std::vector<size_t> at;  // logical offset of each byte of `word`
    size_t word_begin = b;
    char quote = 0;
    bool blank_ok = false;
    for (size_t p = b; p <= e; ++p) {
      char ch = p < e ? text[p] : 0;
      if (phase == kSpaces) {
        if (p == e) return e;
        if (GoIsSpaceByte(static_cast<unsigned char>(ch))) continue;
        if (ch != '-' || p + 1 == e || text[p + 1] != '-') return p;
        phase = kWord;
        word_begin = p;
      }
      if (p == e) {
        if (word != "--" && (blank_ok || !word.empty())) AddFlag(ins, word, at, word_begin, e);
        return e;
      }
      if (phase == kWord) {
        if (GoIsSpaceByte(static_cast<unsigned char>(ch))) {
          phase = kSpaces;
          if (word == "--") return p;
          if (blank_ok || !word.empty()) AddFlag(ins, word, at, word_begin, p);
          word.clear();
          at.clear();
          blank_ok = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blank_ok = true;
          phase = kQuote;
          continue;
        }
        if (ch == escape_) {
          if (p + 1 == e) continue;
          ch = text[++p];
        }
        word.push_back(ch);
        at.push_back(p);
        continue;
      }
      if (ch == quote) {
        phase = kWord;
        continue;
      }
      if (ch == escape_) {
        if (p + 1 == e) {
          phase = kWord;
          continue;
        }
        ch = text[++p];
      }
      word.push_back(ch);
      at.push_back(p);
    }
    return e;
  }

  void AddFlag(DockerfileInstruction* ins, const std::string& word, const std::vector<size_t>& at,
               size_t begin, size_t end) {
    DockerfileFlag flag;
    flag.span = LSpan(begin, end);
    size_t eq = word.find('=');
    size_t name_end = eq == kNpos ? word.size() : eq;
    flag.name = word.substr(std::min<size_t>(2, name_end), name_end - std::min<size_t>(2, name_end));
    auto sub_span = [&](size_t from, size_t to) {
      if (from >= to) {
        size_t p = from < at.size() ? at[from] : (at.empty() ? begin : at.back() + 1);
        return LSpan(p, p);
      }
      return LSpan(at[from], at[to - 1] + 1);
    };
    flag.name_span = sub_span(std::min<size_t>(2, name_end), name_end);
    if (eq != kNpos) {
      flag.value = word.substr(eq + 1);
      flag.value_span = eq + 1 < word.size() ? sub_span(eq + 1, word.size()) : LSpan(at[eq] + 1, at[eq] + 1);
    } else {
      flag.value_span = LSpan(end, end);
    }
    ins->flags.push_back(std::move(flag));
  }

  // parseMaybeJSON / parseMaybeJSONToList.
  void ParseMaybeJson(size_t rb, size_t re, DockerfileInstruction* ins, bool to_list) {
    if (rb >= re) return;
    std::string_view rest = std::string_view(logical_.text()).substr(rb, re - rb);
    if (rest[0] == '[') {
      internal::JsonArrayResult json = internal::ParseJsonArray(rest);
      if (json.status == internal::JsonArrayStatus::kStrings) {
        ins->json_form = true;
        for (internal::JsonString& s : json.strings)
          AddArg(ins, std::move(s.value), rb + s.begin, rb + s.end);
        return;
      }
      if (json.status == internal::JsonArrayStatus::kNotStringArray) {
        ins->json_form = true;
        Report(kDockerfileErrorCode, LSpan(rb + json.bad_element_begin, rb + json.bad_element_end),
               "a JSON array of arguments must hold only strings; BuildKit refuses this instruction");
        return;
      }
    }
    if (to_list) {
      ParseWhitespaceDelimited(rb, re, ins);
    } else {
      AddArg(ins, std::string(rest), rb, re);
    }
  }

  // parseStringsWhitespaceDelimited: split on [\t\v\f\r ]+.
  void ParseWhitespaceDelimited(size_t rb, size_t re, DockerfileInstruction* ins) {
    const std::string& text = logical_.text();
    size_t p = rb;
    while (p < re) {
      size_t w = p;
      while (p < re && !IsReWhitespace(text[p])) ++p;
      AddArg(ins, text.substr(w, p - w), w, p);
      while (p < re && IsReWhitespace(text[p])) ++p;
    }
  }

  // parseWords: quote-aware words (quotes and escape characters kept) for ENV, LABEL and ARG. A word's text
  // is its bytes as written, except an escape character at the very end of the line, which BuildKit drops.
  std::vector<WordPos> ParseWords(size_t rb, size_t re) const {
    std::string_view text = std::string_view(logical_.text()).substr(0, re);
    std::vector<WordPos> words;
    enum { kSpaces, kWord, kQuote } phase = kSpaces;
    size_t word_begin = rb;
    bool dropped_escape = false;
    int32_t quote = 0;
    bool blank_ok = false;
    auto emit = [&](size_t end) {
      if (blank_ok || end > word_begin + (dropped_escape ? 1 : 0)) {
        size_t text_end = dropped_escape ? end - 1 : end;
        words.push_back(
            WordPos{std::string(text.substr(word_begin, text_end - word_begin)), word_begin, end});
      }
    };
    auto decode = [&](size_t p, int32_t* ch) {
      auto b = static_cast<unsigned char>(text[p]);
      if (b < 0x80) {
        *ch = b;
        return size_t{1};
      }
      internal::GoRune r = internal::DecodeGoRune(text, p);
      *ch = r.cp;
      return r.size;
    };
    int32_t ch = 0;
    size_t width = 0;
    for (size_t p = rb; p <= re; p += width) {
      if (p != re) width = decode(p, &ch);
      if (phase == kSpaces) {
        if (p == re) break;
        if (GoIsSpace(ch)) continue;
        phase = kWord;
        word_begin = p;
      }
      if (p == re) {
        emit(re);
        break;
      }
      if (phase == kWord) {
        if (GoIsSpace(ch)) {
          phase = kSpaces;
          emit(p);
          blank_ok = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blank_ok = true;
          phase = kQuote;
        }
        if (ch == escape_) {
          if (p + width == re) {  // an escape character at the end is dropped
            dropped_escape = true;
            continue;
          }
          p += width;
          width = decode(p, &ch);
        }
        continue;
      }
      if (ch == quote) phase = kWord;
      if (ch == escape_ && quote != '\'') {
        if (p + width == re) {
          dropped_escape = true;
          phase = kWord;
          continue;
        }
        p += width;
        width = decode(p, &ch);
      }
    }
    return words;
  }

  // parseNameVal for ENV and LABEL: `k=v ...`, or the legacy `k rest of line`.
  void ParseNameVal(size_t rb, size_t re, DockerfileInstruction* ins) {
    const std::string& text = logical_.text();
    std::vector<WordPos> words = ParseWords(rb, re);
    if (words.empty()) return;
    if (words[0].text.find('=') == kNpos) {
      std::string upper = GoUpper(ins->keyword);
      size_t key_end = rb;
      while (key_end < re && !IsReWhitespace(text[key_end])) ++key_end;
      AddArg(ins, text.substr(rb, key_end - rb), rb, key_end);
      if (key_end == re) {
        Report(kDockerfileErrorCode, LSpan(rb, re),
               upper + " needs a value: write `" + upper + " " + text.substr(rb, re - rb) +
                   "=value` (BuildKit: " + upper + " must have two arguments)");
        return;
      }
      size_t value_begin = key_end;
      while (value_begin < re && IsReWhitespace(text[value_begin])) ++value_begin;
      AddArg(ins, text.substr(value_begin, re - value_begin), value_begin, re);
      ins->legacy_key_value = true;
      return;
    }
    for (WordPos& w : words) {
      size_t eq = w.text.find('=');
      if (eq == kNpos) {
        Report(
            kDockerfileErrorCode, LSpan(w.begin, w.end),
            "`" + w.text + "` has no '=': " + GoUpper(ins->keyword) +
                " takes name=value pairs once the first one has '=' (BuildKit: Syntax error - can't find =)");
        continue;
      }
      AddArg(ins, w.text.substr(0, eq), w.begin, w.begin + eq);
      AddArg(ins, w.text.substr(eq + 1), w.begin + eq + 1, w.end);
    }
  }

  // parseHealthConfig: the type word (up to a blank byte), then the command as for CMD.
  void ParseHealthConfig(size_t rb, size_t re, DockerfileInstruction* ins) {
    const std::string& text = logical_.text();
    size_t sep = rb;
    while (sep < re && !GoIsSpaceByte(static_cast<unsigned char>(text[sep]))) ++sep;
    size_t next = sep;
    while (next < re && GoIsSpaceByte(static_cast<unsigned char>(text[next]))) ++next;
    if (sep == rb) return;
    AddArg(ins, text.substr(rb, sep - rb), rb, sep);
    ParseMaybeJson(next, re, ins, /*to_list=*/false);
    if (GoUpper(ins->args[0].value) == "CMD" && !ins->json_form && next < re) MakeShellSource(next, re, ins);
  }

  // parseSubCommand: ONBUILD's trigger is parsed as an instruction of its own.
  void ParseSubCommand(size_t rb, size_t re, DockerfileInstruction* ins, int depth) {
    if (rb >= re || depth >= kMaxTriggerDepth) return;
    auto trigger = std::make_unique<DockerfileInstruction>();
    ParseNode(rb, re, trigger.get(), depth + 1);
    // nodeArgs: the trigger's keyword as written, then its arguments.
    size_t kb = rb;
    size_t ke = rb;
    const std::string& text = logical_.text();
    kb = GoTrimLeftSpace(text, rb, re);
    ke = kb;
    while (ke < re && !IsReWhitespace(text[ke])) ++ke;
    AddArg(ins, text.substr(kb, ke - kb), kb, ke);
    for (const DockerfileWord& w : trigger->args) ins->args.push_back(w);
    ins->trigger = std::move(trigger);
  }

  // ---- Shell source ---------------------------------------------------------------------------------------

  void MakeShellSource(size_t cb, size_t ce, DockerfileInstruction* ins) const {
    size_t f0 = logical_.FileOffset(cb);
    size_t f1 = logical_.FileOffset(ce - 1) + 1;
    std::string s(content_.substr(f0, f1 - f0));
    for (const LineRecord& r : records_) {
      if (r.next <= f0 || r.begin >= f1) continue;
      if (r.dropped) {
        size_t b = std::max(r.begin, f0);
        size_t e = std::min(r.next, f1);
        std::fill(s.begin() + static_cast<ptrdiff_t>(b - f0), s.begin() + static_cast<ptrdiff_t>(e - f0),
                  ' ');
      } else if (r.escape != kNpos && r.newline != kNpos && r.escape >= f0 && r.newline < f1) {
        std::fill(s.begin() + static_cast<ptrdiff_t>(r.escape - f0),
                  s.begin() + static_cast<ptrdiff_t>(r.newline - f0), ' ');
        s[r.newline - 1 - f0] = '\\';
      }
    }
    ins->shell_source = std::move(s);
    ins->shell_offset = static_cast<uint32_t>(f0);
  }

  // ---- Heredocs -------------------------------------------------------------------------------------------

  void ReadHeredocs(DockerfileInstruction* target, uint32_t* end_line, size_t* span_end) {
    std::vector<internal::ShellWord> words;
    if (!internal::LexShellWords(logical_.text(), /*raw_quotes=*/true, /*raw_escapes=*/true, &words,
                                 nullptr)) {
      return;  // BuildKit ignores the lexer's error here: no heredocs
    }
    for (const internal::ShellWord& word : words) {
      internal::HeredocWord marker = internal::ParseHeredocWord(word.text);
      if (marker.status == internal::HeredocWordStatus::kNotHeredoc) continue;
      SourceSpan marker_span = LSpan(word.begin, word.end);
      if (marker.status == internal::HeredocWordStatus::kError) {
        Report(kDockerfileErrorCode, marker_span, "invalid heredoc delimiter: " + marker.error);
        continue;
      }
      DockerfileHeredoc doc;
      doc.name = marker.name;
      doc.strip_tabs = marker.strip_tabs;
      doc.expand = marker.expand;
      doc.fd = marker.fd;
      doc.span = marker_span;
      size_t body_begin = pos_;
      size_t body_end = pos_;
      bool terminated = false;
      PhysicalLine line;
      while (NextLine(&line)) {
        *end_line = line.number;
        *span_end = line.trimmed;
        size_t b = line.begin;
        if (doc.strip_tabs) {
          while (b < line.trimmed && content_[b] == '\t') ++b;
        }
        if (content_.substr(b, line.trimmed - b) == doc.name) {
          terminated = true;
          doc.terminator_span = Span(line.begin, line.trimmed);
          break;
        }
        body_end = line.next;
      }
      doc.content_span = Span(body_begin, body_end);
      std::string_view body = content_.substr(body_begin, body_end - body_begin);
      if (doc.strip_tabs) {
        // ChompHeredocContent: (?m)^\t+ removed.
        doc.content.reserve(body.size());
        bool at_line_start = true;
        for (char c : body) {
          if (at_line_start && c == '\t') continue;
          at_line_start = c == '\n';
          doc.content.push_back(c);
        }
      } else {
        doc.content.assign(body);
      }
      if (!terminated) {
        Report(kDockerfileErrorCode, marker_span,
               "unterminated heredoc: no line `" + doc.name + "` before the end of the file");
      }
      target->heredocs.push_back(std::move(doc));
      if (!terminated) break;
    }
  }

  // ---- BuildKit's instructions package
  // ----------------------------------------------------------------------

  void CheckFlags(const DockerfileInstruction& ins, bool in_trigger, std::initializer_list<FlagSpec> specs) {
    if (ins.flags.empty()) return;
    std::set<std::string> used;
    std::string upper = GoUpper(ins.keyword);
    for (const DockerfileFlag& flag : ins.flags) {
      const FlagSpec* spec = nullptr;
      for (const FlagSpec& s : specs) {
        if (s.name == flag.name) spec = &s;
      }
      if (spec == nullptr) {
        ReportInstruction(in_trigger, flag.span, "unknown flag --" + flag.name + " for " + upper);
        continue;
      }
      if (!used.insert(flag.name).second && spec->kind != FlagKind::kStrings) {
        ReportInstruction(in_trigger, flag.span, "duplicate flag --" + flag.name + " for " + upper);
        continue;
      }
      if (spec->kind == FlagKind::kBool) {
        if (!flag.value.has_value()) continue;
        std::string lower = GoLower(*flag.value);
        if (flag.value->empty()) {
          ReportInstruction(in_trigger, flag.span,
                            "flag --" + flag.name + "= has no value: write --" + flag.name + " or --" +
                                flag.name + "=true|false");
        } else if (lower != "true" && lower != "false") {
          ReportInstruction(in_trigger, flag.value_span,
                            "flag --" + flag.name + " expects true or false, not `" + *flag.value + "`");
        }
      } else if (!flag.value.has_value()) {
        ReportInstruction(in_trigger, flag.span,
                          "flag --" + flag.name + " needs a value: write --" + flag.name + "=<value>");
      }
    }
  }

  // Flags on an instruction whose parser never looks at them: BuildKit accepts and ignores them.
  void WarnIgnoredFlags(const DockerfileInstruction& ins, const std::string& why) {
    for (const DockerfileFlag& flag : ins.flags) {
      Report(kDockerfileWarningCode, flag.span, "BuildKit ignores flag --" + flag.name + " " + why);
    }
  }

  SourceSpan ArgsSpan(const DockerfileInstruction& ins, size_t from) const {
    const SourceSpan& a = ins.args[from].span;
    const SourceSpan& b = ins.args.back().span;
    return SourceSpan{&file_, a.begin, std::max(a.end, b.end)};
  }

  void NeedArgs(const DockerfileInstruction& ins, bool in_trigger, size_t min, bool exactly = false) {
    if (ins.args.size() >= min && !(exactly && ins.args.size() > min)) return;
    std::string upper = GoUpper(ins.keyword);
    if (ins.args.size() < min) {
      std::string what = min == 1 ? (exactly ? "exactly one argument" : "at least one argument")
                                  : "at least two arguments (sources and a destination)";
      ReportInstruction(in_trigger, ins.args.empty() ? ins.keyword_span : ins.args[0].span,
                        upper + " requires " + what);
    } else if (exactly && ins.args.size() > min) {
      ReportInstruction(in_trigger, ArgsSpan(ins, min), upper + " requires exactly one argument");
    }
  }

  void CheckDuration(bool in_trigger, const DockerfileFlag& flag) {
    if (!flag.value.has_value() || flag.value->empty()) return;
    int64_t nanos = 0;
    if (!internal::ParseGoDuration(*flag.value, &nanos)) {
      ReportInstruction(
          in_trigger, flag.value_span,
          "invalid duration `" + *flag.value + "` for --" + flag.name + " (write e.g. 30s, 1m30s, 500ms)");
    } else if (nanos != 0 && nanos < 1000 * 1000) {
      ReportInstruction(in_trigger, flag.value_span,
                        "--" + flag.name + " cannot be less than 1ms (0 means the default)");
    }
  }

  void Validate(const DockerfileInstruction& ins, bool in_trigger) {
    const std::string& k = ins.keyword;
    switch (KindOf(k)) {
      case Kind::kFrom: {
        bool with_as = ins.args.size() == 3 && IsAsKeyword(ins.args[1].value);
        if (!with_as && ins.args.size() != 1) {
          ReportInstruction(in_trigger, ins.args.empty() ? ins.keyword_span : ArgsSpan(ins, 0),
                            "FROM requires either one or three arguments (image [AS name])");
        } else if (with_as && !IsValidStageName(GoLower(ins.args[2].value))) {
          ReportInstruction(
              in_trigger, ins.args[2].span,
              "invalid build stage name `" + ins.args[2].value +
                  "`: it must start with a letter and hold only letters, digits, '-', '_' and '.'");
        }
        CheckFlags(ins, in_trigger, {{"platform", FlagKind::kString}});
        break;
      }
      case Kind::kRun:
        CheckFlags(ins, in_trigger,
                   {{"mount", FlagKind::kStrings},
                    {"network", FlagKind::kString},
                    {"security", FlagKind::kString},
                    {"device", FlagKind::kStrings}});
        break;
      case Kind::kCmd:
      case Kind::kEntrypoint:
        CheckFlags(ins, in_trigger, {});
        break;
      case Kind::kCopy:
        NeedArgs(ins, in_trigger, 2);
        CheckFlags(ins, in_trigger,
                   {{"from", FlagKind::kString},
                    {"chown", FlagKind::kString},
                    {"chmod", FlagKind::kString},
                    {"link", FlagKind::kBool},
                    {"parents", FlagKind::kBool},
                    {"exclude", FlagKind::kStrings}});
        CheckHeredocDestination(ins, in_trigger);
        break;
      case Kind::kAdd:
        NeedArgs(ins, in_trigger, 2);
        CheckFlags(ins, in_trigger,
                   {{"chown", FlagKind::kString},
                    {"chmod", FlagKind::kString},
                    {"link", FlagKind::kBool},
                    {"keep-git-dir", FlagKind::kBool},
                    {"checksum", FlagKind::kString},
                    {"unpack", FlagKind::kBool},
                    {"exclude", FlagKind::kStrings}});
        CheckHeredocDestination(ins, in_trigger);
        break;
      case Kind::kEnv:
      case Kind::kLabel:
        CheckFlags(ins, in_trigger, {});
        NeedArgs(ins, in_trigger, 1);
        for (size_t i = 0; i + 1 < ins.args.size(); i += 2) {
          if (ins.args[i].value.empty()) {
            ReportInstruction(in_trigger, ins.args[i].span, GoUpper(k) + " names can not be blank");
          }
        }
        break;
      case Kind::kArg:
        WarnIgnoredFlags(ins, "on ARG");
        NeedArgs(ins, in_trigger, 1);
        for (const DockerfileWord& w : ins.args) {
          if (!w.value.empty() && w.value[0] == '=') {
            ReportInstruction(in_trigger, w.span, "ARG names can not be blank");
          }
        }
        break;
      case Kind::kMaintainer:
      case Kind::kUser:
      case Kind::kWorkdir:
        NeedArgs(ins, in_trigger, 1, /*exactly=*/true);
        CheckFlags(ins, in_trigger, {});
        break;
      case Kind::kExpose:
        NeedArgs(ins, in_trigger, 1);
        CheckFlags(ins, in_trigger, {});
        break;
      case Kind::kVolume:
        NeedArgs(ins, in_trigger, 1);
        CheckFlags(ins, in_trigger, {});
        for (const DockerfileWord& w : ins.args) {
          size_t b = 0;
          size_t e = w.value.size();
          GoTrimSpace(w.value, &b, &e);
          if (b == e) ReportInstruction(in_trigger, w.span, "VOLUME specified can not be an empty string");
        }
        break;
      case Kind::kStopsignal:
        NeedArgs(ins, in_trigger, 1, /*exactly=*/true);
        WarnIgnoredFlags(ins, "on STOPSIGNAL");
        break;
      case Kind::kShell:
        CheckFlags(ins, in_trigger, {});
        if (ins.args.empty()) {
          ReportInstruction(in_trigger, ins.keyword_span, "SHELL requires at least one argument");
        } else if (!ins.json_form) {
          ReportInstruction(in_trigger, ArgsSpan(ins, 0),
                            "SHELL requires the arguments to be in JSON form, e.g. [\"/bin/bash\", \"-c\"]");
        }
        break;
      case Kind::kHealthcheck:
        ValidateHealthcheck(ins, in_trigger);
        break;
      case Kind::kOnbuild:
        ValidateOnbuild(ins, in_trigger);
        break;
      case Kind::kUnknown: {
        std::string message = k.empty() ? "empty instruction" : "unknown instruction: " + keyword_text(ins);
        std::string suggestion = k.empty() ? std::string() : SuggestInstruction(k);
        if (!suggestion.empty()) message += " (did you mean " + suggestion + "?)";
        ReportInstruction(in_trigger, ins.keyword_span, message);
        break;
      }
    }
  }

  void CheckHeredocDestination(const DockerfileInstruction& ins, bool in_trigger) {
    if (ins.args.size() >= 2 &&
        internal::ParseHeredocWord(ins.args.back().value).status == internal::HeredocWordStatus::kHeredoc) {
      ReportInstruction(in_trigger, ins.args.back().span,
                        GoUpper(ins.keyword) + " cannot take a heredoc as its destination");
    }
  }

  std::string keyword_text(const DockerfileInstruction& ins) const {
    return std::string(ins.keyword_span.text());
  }

  void ValidateHealthcheck(const DockerfileInstruction& ins, bool in_trigger) {
    if (ins.args.empty()) {
      ReportInstruction(in_trigger, ins.keyword_span, "HEALTHCHECK requires at least one argument");
      return;
    }
    std::string type = GoUpper(ins.args[0].value);
    if (type == "NONE") {
      if (ins.args.size() > 1) {
        ReportInstruction(in_trigger, ArgsSpan(ins, 1), "HEALTHCHECK NONE takes no arguments");
      }
      WarnIgnoredFlags(ins, "on HEALTHCHECK NONE");
      return;
    }
    CheckFlags(ins, in_trigger,
               {{"interval", FlagKind::kString},
                {"timeout", FlagKind::kString},
                {"start-period", FlagKind::kString},
                {"start-interval", FlagKind::kString},
                {"retries", FlagKind::kString}});
    if (type != "CMD") {
      ReportInstruction(in_trigger, ins.args[0].span,
                        "unknown HEALTHCHECK type `" + ins.args[0].value + "`: use CMD or NONE");
      return;
    }
    if (ins.args.size() < 2) {
      ReportInstruction(in_trigger, ins.args[0].span, "missing command after HEALTHCHECK CMD");
    }
    for (const DockerfileFlag& flag : ins.flags) {
      if (flag.name == "retries") {
        if (!flag.value.has_value() || flag.value->empty()) continue;
        int32_t retries = 0;
        if (!internal::ParseGoInt32(*flag.value, &retries)) {
          ReportInstruction(in_trigger, flag.value_span,
                            "--retries must be a whole number, not `" + *flag.value + "`");
        } else if (retries < 0) {
          ReportInstruction(in_trigger, flag.value_span, "--retries cannot be negative");
        }
      } else if (flag.name != "retries") {
        CheckDuration(in_trigger, flag);
      }
    }
  }

  void ValidateOnbuild(const DockerfileInstruction& ins, bool in_trigger) {
    if (ins.args.empty()) {
      ReportInstruction(in_trigger, ins.keyword_span, "ONBUILD requires at least one argument");
      return;
    }
    CheckFlags(ins, in_trigger, {});
    std::string trigger = GoUpper(ins.args[0].value);
    if (trigger == "ONBUILD") {
      ReportInstruction(in_trigger, ins.args[0].span, "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      return;
    }
    if (trigger == "MAINTAINER" || trigger == "FROM") {
      ReportInstruction(in_trigger, ins.args[0].span, trigger + " isn't allowed as an ONBUILD trigger");
      return;
    }
    if (ins.trigger != nullptr && !in_trigger) Validate(*ins.trigger, /*in_trigger=*/true);
  }

  // instructions.Parse: only ARG may come before the first FROM; dockerfile2llb: at least one stage.
  void CheckStages() {
    if (result_.instructions.empty()) {
      size_t end = content_.size();
      Report(kDockerfileErrorCode, Span(end, end),
             "the Dockerfile has no instructions; BuildKit refuses it (file with no instructions)");
      return;
    }
    if (!options_.check_instructions) return;
    bool seen_from = false;
    bool reported = false;
    for (const DockerfileInstruction& ins : result_.instructions) {
      if (ins.keyword == "from") {
        seen_from = true;
        break;
      }
      if (ins.keyword != "arg" && IsKnownInstruction(ins.keyword)) {
        Report(
            kDockerfileErrorCode, ins.keyword_span,
            GoUpper(ins.keyword) +
                " before the first FROM: only ARG may come before FROM (BuildKit: no build stage in current "
                "context)");
        reported = true;
        break;
      }
    }
    if (!seen_from && !reported) {
      bool all_known =
          std::all_of(result_.instructions.begin(), result_.instructions.end(),
                      [](const DockerfileInstruction& i) { return IsKnownInstruction(i.keyword); });
      if (all_known) {
        Report(kDockerfileErrorCode, result_.instructions.front().keyword_span,
               "the Dockerfile has no FROM instruction, so there is no stage to build");
      }
    }
  }

  const SourceFile& file_;
  std::string_view content_;
  DockerfileParseOptions options_;
  Dockerfile result_;
  size_t pos_ = 0;
  uint32_t line_number_ = 0;
  char escape_ = '\\';
  bool directives_done_ = false;
  std::set<std::string> seen_directives_;
  DockerfileText logical_;  // the instruction's lines joined the way BuildKit joins them
  std::vector<LineRecord> records_;
};

}  // namespace

const DockerfileText::Piece& DockerfileText::PieceAt(size_t i) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                             [](size_t value, const Piece& piece) { return value < piece.offset; });
  return *(it - 1);
}

uint32_t DockerfileText::FileOffset(size_t i) const {
  if (pieces_.empty()) return empty_offset_;
  if (i >= text_.size()) {
    const Piece& last = pieces_.back();
    return last.file_offset + static_cast<uint32_t>(text_.size() - last.offset);
  }
  const Piece& piece = PieceAt(i);
  return piece.file_offset + static_cast<uint32_t>(i - piece.offset);
}

SourceSpan DockerfileText::OriginOf(size_t i) const {
  uint32_t at = FileOffset(i);
  return SourceSpan{file_, at, at + 1};
}

SourceSpan DockerfileText::SpanOf(size_t begin, size_t end) const {
  uint32_t file_begin = FileOffset(begin);
  uint32_t file_end = end > begin ? FileOffset(end - 1) + 1 : file_begin;
  return SourceSpan{file_, file_begin, file_end};
}

MappedText DockerfileText::ToMappedText() const {
  MappedText out;
  for (size_t k = 0; k < pieces_.size(); ++k) {
    size_t end = k + 1 < pieces_.size() ? pieces_[k + 1].offset : text_.size();
    uint32_t fb = pieces_[k].file_offset;
    out.Append(MappedText::FromFile(*file_, fb, fb + (end - pieces_[k].offset)));
  }
  return out;
}

DockerfileText DockerfileText::Substr(size_t begin, size_t end) const {
  DockerfileText out;
  out.Reset(file_, FileOffset(begin));
  if (begin >= end) return out;
  out.text_.assign(text_, begin, end - begin);
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), begin,
                             [](size_t value, const Piece& piece) { return value < piece.offset; });
  for (auto piece = it - 1; piece != pieces_.end() && piece->offset < end; ++piece) {
    size_t from = std::max<size_t>(begin, piece->offset);
    out.pieces_.push_back(Piece{static_cast<uint32_t>(from - begin),
                                piece->file_offset + static_cast<uint32_t>(from - piece->offset)});
  }
  return out;
}

void DockerfileText::Reset(const SourceFile* file, uint32_t empty_offset) {
  file_ = file;
  text_.clear();
  pieces_.clear();
  empty_offset_ = empty_offset;
}

void DockerfileText::Append(std::string_view bytes, uint32_t file_offset) {
  if (bytes.empty()) return;
  pieces_.push_back(Piece{static_cast<uint32_t>(text_.size()), file_offset});
  text_.append(bytes);
}

const DockerfileFlag* DockerfileInstruction::FindFlag(std::string_view name) const {
  for (const DockerfileFlag& flag : flags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

Dockerfile ParseDockerfile(const base::SourceFile& file, const DockerfileParseOptions& options) {
  return DockerfileParser(file, options).Parse();
}

}  // namespace docklint::parsers
