// Splits the value of an Exec*= setting (ExecStart=, ExecStartPre=, ...) into commands and words the way
// systemd 252 does (config_parse_exec() and extract_first_word()), checked against systemd 252 itself:
//  - Words are separated by spaces, tabs, CR and LF. Quotes work as in a shell, not as systemd.syntax(7)
//    says: a quote may open anywhere in a word and text right after the closing quote continues the same
//    word (a"b c"d is the one word "ab cd"); "" is an empty word. C escapes are decoded inside and outside
//    quotes; an unknown or invalid one (\q, \x00, a trailing backslash) is kept as written, with a warning.
//  - A lone unquoted ";" between words separates commands; "\;" standing alone is a literal ";" word.
//    A first word that decodes to ";" (even "\x3b" or ";" quoted) is also a separator, as in systemd.
//  - Prefixes are read from the first word after unquoting, so "-/bin/x" quoted still has the '-' prefix.
//
// What is left to the caller, on the returned words (this is the order systemd applies them):
//  - % specifiers: systemd expands them in every word after unquoting (so "%%" becomes "%" only then, and
//    an escaped "\x25h" is still the specifier %h). Nothing here expands them, and the checks on the
//    executable path are skipped when it holds a '%'.
//  - $VAR, ${VAR} and $$: expanded at exec time unless ':' was given; '$' is left untouched here. The
//    executable path itself is never expanded. A word that is exactly "$VAR" becomes the variable's value
//    split with SplitWords(..., WordSyntax::kEnvironmentValue), which differs from Exec lines: no C escapes
//    (a backslash just keeps the next character) and an unclosed quote runs to the end without error.
#ifndef DOCKLINT_PARSERS_EXEC_COMMAND_H_
#define DOCKLINT_PARSERS_EXEC_COMMAND_H_

#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

// A command line systemd refuses or drops: unbalanced quoting, a bad executable, invalid prefixes.
inline constexpr base::DiagnosticCode kExecSyntaxCode = base::DiagnosticCode::kInvalidExecLine;
// An escape sequence systemd does not know; it warns and keeps the backslash and the next character.
inline constexpr base::DiagnosticCode kUnknownEscapeCode = base::DiagnosticCode::kUnknownEscapeInUnit;

struct ExecCommand {
  bool ignore_failure = false;                      // '-'
  bool argv0_from_next = false;                     // '@'
  bool no_env_expansion = false;                    // ':'
  bool full_privileges = false;                     // '+'
  bool no_user_group = false;                       // '!' or '!!'
  bool no_user_group_only_without_ambient = false;  // '!!': '!' applies only where ambient caps are missing
  base::SourceSpan prefix_span;  // the prefix characters (an empty span at the word's start when none)
  // Unquoted, C-unescaped words. argv[0] is the executable (prefixes removed). With '@' the word after the
  // executable is the process's argv[0]: it stays in argv (argv[1]) and argv0_from_next tells the caller.
  std::vector<base::MappedText> argv;
  // Where each argv word is written, quotes included (and the prefixes, for argv[0]); unlike a MappedText
  // this also places empty words such as "".
  std::vector<base::SourceSpan> word_spans;
  base::SourceSpan span;  // from the first word of the command to its last
};

// Splits an Exec*= value (a UnitEntry::value) into its commands. An empty value yields no commands (for the
// caller it resets the list). When systemd would refuse or drop a command, a diagnostic says which and
// why, and the commands before it are returned: systemd stops reading the value there too.
std::vector<ExecCommand> SplitExecCommands(const base::MappedText& value, base::Diagnostics* diagnostics);

enum class WordSyntax {
  // extract_first_word(EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE), with systemd's retry that keeps unknown escapes:
  // the syntax of Exec lines.
  kExecLine,
  // extract_first_word(EXTRACT_RELAX | EXTRACT_UNQUOTE): how systemd splits the value of a "$VAR" word.
  // Never fails and reports nothing.
  kEnvironmentValue,
};

// Splits `text` into words (appended to `words`), each byte mapped to its origin; a decoded escape maps to
// the whole escape sequence. Returns false with a diagnostic at the opening quote when a quote is never
// closed (only possible with kExecLine); the words before it are kept.
bool SplitWords(const base::MappedText& text, std::vector<base::MappedText>* words,
                base::Diagnostics* diagnostics, WordSyntax syntax = WordSyntax::kExecLine);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_EXEC_COMMAND_H_
