#include "parsers/exec_command.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "base/strings.h"

namespace docklint::parsers {
namespace {

using base::Diagnostic;
using base::Diagnostics;
using base::MappedText;
using base::SourceSpan;

// systemd's NAME_MAX and PATH_MAX checks on the executable (filename_is_valid(), path_is_valid() and the
// length limit of specifier expansion).
constexpr size_t kNameMax = 255;
constexpr size_t kPathMax = 4096;

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

using base::HexValue;

int OctalValue(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }

bool UnicharIsValid(uint32_t c) {
  return c < 0x110000 && (c & 0xFFFFF800) != 0xD800 && !(c >= 0xFDD0 && c <= 0xFDEF) &&
         (c & 0xFFFE) != 0xFFFE;
}

// Decodes the escape whose letter is s[i] (the backslash is at i - 1) like systemd's cunescape_one() without
// accepting NUL. Returns how many bytes after the backslash it used, or 0 if it is not a valid escape.
size_t CUnescapeOne(std::string_view s, size_t i, std::string* out) {
  auto at = [s](size_t k) { return k < s.size() ? s[k] : '\0'; };
  // Letter and meaning of the one-letter escapes; \s (a space) is systemd's own.
  static constexpr std::string_view kSimple = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"''s ";
  for (size_t k = 0; k < kSimple.size(); k += 2) {
    if (at(i) == kSimple[k]) {
      *out = std::string(1, kSimple[k + 1]);
      return 1;
    }
  }
  switch (at(i)) {
    case 'x': {
      int high = HexValue(at(i + 1));
      int low = high < 0 ? -1 : HexValue(at(i + 2));
      if (low < 0 || (high == 0 && low == 0)) return 0;
      *out = std::string(1, static_cast<char>((high << 4) | low));  // a raw byte, not a code point
      return 3;
    }
    case 'u':
    case 'U': {
      size_t digits = at(i) == 'u' ? 4 : 8;
      uint32_t c = 0;
      for (size_t k = 1; k <= digits; ++k) {
        int v = HexValue(at(i + k));
        if (v < 0) return 0;
        c = (c << 4) | static_cast<uint32_t>(v);
      }
      // systemd checks only \U for valid code points: "\uD800" encodes a lone surrogate.
      if (c == 0 || (digits == 8 && !UnicharIsValid(c))) return 0;
      out->clear();
      base::AppendUtf8(c, out, base::BadCodePoint::kEncodeAsGiven);
      return digits + 1;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      int a = OctalValue(at(i));
      int b = OctalValue(at(i + 1));
      int c = b < 0 ? -1 : OctalValue(at(i + 2));
      if (c < 0) return 0;
      int value = (a << 6) | (b << 3) | c;
      if (value == 0 || value > 255) return 0;
      *out = std::string(1, static_cast<char>(value));
      return 3;
    }
    default:
      return 0;
  }
}

struct ExtractFlags {
  bool relax = false;           // EXTRACT_RELAX: an unclosed quote ends at the end; a trailing '\' is dropped
  bool cunescape = false;       // EXTRACT_CUNESCAPE
  bool unescape_relax = false;  // EXTRACT_UNESCAPE_RELAX: keep unknown escapes as written
};

constexpr ExtractFlags kExecLineFlags{.relax = false, .cunescape = true, .unescape_relax = true};
constexpr ExtractFlags kEnvironmentValueFlags{.relax = true, .cunescape = false, .unescape_relax = false};

struct Word {
  MappedText text;
  size_t raw_begin = 0;  // the word as written in the input, quotes included
  size_t raw_end = 0;
  std::vector<std::pair<size_t, size_t>> kept_escapes;  // input ranges of escapes kept as written
};

enum class Extracted { kEnd, kWord, kUnbalanced };

// One step of extract_first_word() with EXTRACT_UNQUOTE. Running it with EXTRACT_UNESCAPE_RELAX right away
// gives what systemd's extract_first_word_and_warn() gets from its strict try and relaxed retry: the two
// only differ where the strict one fails on an escape. On kUnbalanced, *open_quote is the quote's index.
Extracted ExtractWord(const MappedText& in, size_t* pos, const ExtractFlags& flags, Word* word,
                      size_t* open_quote) {
  const std::string& s = in.text();
  const size_t n = s.size();
  size_t i = *pos;
  while (i < n && IsSeparator(s[i])) ++i;
  if (i >= n) {
    *pos = n;
    return Extracted::kEnd;
  }
  *word = Word{};
  word->raw_begin = i;
  char quote = 0;
  size_t quote_at = 0;
  std::string decoded;
  while (true) {
    if (i >= n) {
      if (quote != 0 && !flags.relax) {
        *open_quote = quote_at;
        return Extracted::kUnbalanced;
      }
      word->raw_end = n;
      *pos = n;
      return Extracted::kWord;
    }
    char c = s[i];
    if (c == '\\') {
      size_t next = i + 1;
      if (next >= n) {
        if (flags.unescape_relax && (quote == 0 || flags.relax)) {
          word->text.Append('\\', in.SpanOf(i, next));
          word->kept_escapes.emplace_back(i, next);
        } else if (!flags.relax) {
          *open_quote = quote != 0 ? quote_at : i;
          return Extracted::kUnbalanced;
        }
        i = next;
        continue;
      }
      if (!flags.cunescape) {
        word->text.Append(s[next], in.SpanOf(next, next + 1));
        i = next + 1;
        continue;
      }
      size_t used = CUnescapeOne(s, next, &decoded);
      if (used > 0) {
        SourceSpan origin = in.SpanOf(i, next + used);
        for (char byte : decoded) word->text.Append(byte, origin);
        i = next + used;
      } else {
        // Only reached with unescape_relax (the strict form is never run, see above).
        word->text.Append('\\', in.SpanOf(i, i + 1));
        word->text.Append(s[next], in.SpanOf(next, next + 1));
        word->kept_escapes.emplace_back(i, next + 1);
        i = next + 1;
      }
      continue;
    }
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word->text.Append(c, in.SpanOf(i, i + 1));
      }
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      quote_at = i;
      ++i;
      continue;
    }
    if (IsSeparator(c)) {
      word->raw_end = i;
      while (i < n && IsSeparator(s[i])) ++i;
      *pos = i;
      return Extracted::kWord;
    }
    word->text.Append(c, in.SpanOf(i, i + 1));
    ++i;
  }
}

class Reporter {
 public:
  explicit Reporter(Diagnostics* diagnostics) : diagnostics_(diagnostics) {}

  void Report(base::DiagnosticCode code, SourceSpan span, std::string message) {
    if (diagnostics_ != nullptr) diagnostics_->push_back(Diagnostic{code, std::move(message), span});
  }

  void KeptEscapes(const MappedText& in, const Word& word) {
    for (const auto& [begin, end] : word.kept_escapes) {
      std::string escape = in.text().substr(begin, end - begin);
      std::string message;
      if (escape.size() == 1) {
        message = "trailing backslash escapes nothing";
      } else if (std::string_view("xuU01234567").find(escape[1]) != std::string_view::npos) {
        message = "invalid escape sequence \"" + escape +
                  "...\" (systemd wants exactly 2, 4 or 8 hex or 3 octal digits, and no NUL)";
      } else {
        message = "unknown escape sequence \"" + escape + "\"";
      }
      Report(kUnknownEscapeCode, in.SpanOf(begin, end), message + "; systemd warns and keeps it as written");
    }
  }

  void Unbalanced(const MappedText& in, size_t quote_at, const std::string& consequence) {
    Report(kExecSyntaxCode, in.SpanOf(quote_at, quote_at + 1),
           "unbalanced quoting: this quote is never closed" + consequence);
  }

 private:
  Diagnostics* diagnostics_;
};

bool IsPrefixChar(char c) { return c == '-' || c == '@' || c == ':' || c == '+' || c == '!'; }

// systemd's filename_is_valid() / path_is_valid() for the executable (before specifier expansion).
bool ExecutableNameIsValid(std::string_view path) {
  if (path.front() != '/') {
    return path != "." && path != ".." && path.find('/') == std::string_view::npos && path.size() <= kNameMax;
  }
  if (path.size() >= kPathMax) return false;
  size_t component = 0;
  for (char c : path) {
    component = c == '/' ? 0 : component + 1;
    if (component > kNameMax) return false;
  }
  return true;
}

bool StringIsSafe(std::string_view s) {
  for (char c : s) {
    if ((c > 0 && c < ' ') || c == '"' || c == '\'' || c == '\\' || c == '\x7f') return false;
  }
  return true;
}

}  // namespace

std::vector<ExecCommand> SplitExecCommands(const base::MappedText& value, base::Diagnostics* diagnostics) {
  std::vector<ExecCommand> commands;
  Reporter reporter(diagnostics);
  const std::string& s = value.text();
  const size_t n = s.size();
  size_t pos = 0;
  bool another = true;
  while (another) {
    another = false;
    Word first;
    size_t open_quote = 0;
    Extracted status = ExtractWord(value, &pos, kExecLineFlags, &first, &open_quote);
    if (status == Extracted::kEnd) break;
    if (status == Extracted::kUnbalanced) {
      reporter.Unbalanced(value, open_quote, "; systemd ignores the rest of this assignment");
      break;
    }
    reporter.KeptEscapes(value, first);
    // A first word that is ";" only separates (systemd checks the unquoted word here).
    if (first.text.text() == ";") {
      another = true;
      continue;
    }

    ExecCommand command;
    // The order and the exclusions are systemd's: each of '-', '@', ':' once, and one of '+', '!', '!!'.
    // The first character that does not fit stays in the executable name.
    const std::string& word = first.text.text();
    size_t prefix_length = 0;
    bool setuid_bang = false;
    for (; prefix_length < word.size(); ++prefix_length) {
      char c = word[prefix_length];
      bool privileged = command.full_privileges || setuid_bang || command.no_user_group_only_without_ambient;
      if (c == '-' && !command.ignore_failure) {
        command.ignore_failure = true;
      } else if (c == '@' && !command.argv0_from_next) {
        command.argv0_from_next = true;
      } else if (c == ':' && !command.no_env_expansion) {
        command.no_env_expansion = true;
      } else if (c == '+' && !privileged) {
        command.full_privileges = true;
      } else if (c == '!' && !privileged) {
        setuid_bang = true;
      } else if (c == '!' && !command.full_privileges && !command.no_user_group_only_without_ambient) {
        setuid_bang = false;  // the second '!' turns '!' into '!!'
        command.no_user_group_only_without_ambient = true;
      } else {
        break;
      }
    }
    command.no_user_group = setuid_bang || command.no_user_group_only_without_ambient;
    command.prefix_span = first.text.SpanOf(0, prefix_length);
    MappedText path = first.text.Substr(prefix_length);
    SourceSpan first_span = value.SpanOf(first.raw_begin, first.raw_end);
    const std::string consequence =
        command.ignore_failure ? "; systemd ignores this command and the rest of the assignment ('-')"
                               : "; systemd refuses to load the unit";

    const std::string& path_text = path.text();
    if (path_text.empty()) {
      reporter.Report(kExecSyntaxCode, first_span, "empty executable path" + consequence);
      break;
    }
    bool leftover_prefix = IsPrefixChar(path_text.front());
    std::string problem;
    if (!StringIsSafe(path_text)) {
      problem = "the executable contains quotes, backslashes or control characters";
    } else if (path_text.find('%') == std::string::npos) {
      // Specifiers can change the path, so the rest is only checked on paths without one.
      if (path_text.back() == '/') {
        problem = "the executable path names a directory";
      } else if (!ExecutableNameIsValid(path_text)) {
        problem = "the executable is neither an absolute path nor a valid file name";
      }
    }
    std::string prefix_problem;
    if (leftover_prefix) {
      prefix_problem = std::string("prefix '") + path_text.front() +
                       "' cannot follow the prefixes before it ('@', '-' and ':' may be combined with one of "
                       "'+', '!' or '!!', each once)";
    }
    if (!problem.empty()) {
      reporter.Report(kExecSyntaxCode, leftover_prefix ? path.SpanOf(0, 1) : first_span,
                      (leftover_prefix ? prefix_problem : problem) + consequence);
      break;
    }
    if (leftover_prefix) {
      // systemd accepts it as part of a plain file name, which is never what was meant.
      prefix_problem += "; systemd takes \"";
      prefix_problem += path_text;
      prefix_problem += "\" as the executable name";
      reporter.Report(kExecSyntaxCode, path.SpanOf(0, 1), prefix_problem);
    }
    command.argv.push_back(std::move(path));
    command.word_spans.push_back(first_span);
    size_t command_end = first.raw_end;

    bool failed = false;
    while (pos < n) {
      // The separator is checked on the raw text: only an unquoted ";" standing alone separates.
      if (s[pos] == ';' && (pos + 1 == n || IsSeparator(s[pos + 1]))) {
        ++pos;
        while (pos < n && IsSeparator(s[pos])) ++pos;
        another = true;
        break;
      }
      if (s[pos] == '\\' && pos + 1 < n && s[pos + 1] == ';' && (pos + 2 == n || IsSeparator(s[pos + 2]))) {
        MappedText semicolon;
        semicolon.Append(';', value.SpanOf(pos, pos + 2));
        command.argv.push_back(std::move(semicolon));
        command.word_spans.push_back(value.SpanOf(pos, pos + 2));
        command_end = pos + 2;
        pos += 2;
        while (pos < n && IsSeparator(s[pos])) ++pos;
        continue;
      }
      Word next;
      status = ExtractWord(value, &pos, kExecLineFlags, &next, &open_quote);
      if (status == Extracted::kEnd) break;
      if (status == Extracted::kUnbalanced) {
        reporter.Unbalanced(value, open_quote, consequence);
        failed = true;
        break;
      }
      reporter.KeptEscapes(value, next);
      command.argv.push_back(std::move(next.text));
      command.word_spans.push_back(value.SpanOf(next.raw_begin, next.raw_end));
      command_end = next.raw_end;
    }
    if (failed) break;
    if (command.argv0_from_next && command.argv.size() < 2) {
      reporter.Report(kExecSyntaxCode, first_span,
                      "'@' needs a word after the executable to use as argv[0]" + consequence);
      break;
    }
    command.span = value.SpanOf(first.raw_begin, command_end);
    commands.push_back(std::move(command));
  }
  return commands;
}

bool SplitWords(const base::MappedText& text, std::vector<base::MappedText>* words,
                base::Diagnostics* diagnostics, WordSyntax syntax) {
  Reporter reporter(diagnostics);
  const ExtractFlags& flags = syntax == WordSyntax::kExecLine ? kExecLineFlags : kEnvironmentValueFlags;
  size_t pos = 0;
  while (true) {
    Word word;
    size_t open_quote = 0;
    Extracted status = ExtractWord(text, &pos, flags, &word, &open_quote);
    if (status == Extracted::kEnd) return true;
    if (status == Extracted::kUnbalanced) {
      reporter.Unbalanced(text, open_quote, "");
      return false;
    }
    reporter.KeptEscapes(text, word);
    words->push_back(std::move(word.text));
  }
}

}  // namespace docklint::parsers
