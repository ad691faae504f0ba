// The simple commands a piece of bash runs, read from tree-sitter-bash, for rules on RUN instructions
// ("apt-get update without install", "curl ... | sh", "chmod u+s", "sudo", ...).
//
// What counts as a command: every `command` node (a name, its arguments, leading VAR=value words and
// redirections), wherever it is: lists (&&, ||, ;, &), pipelines, subshells, brace groups, if/elif/else,
// while/until, for, case, function bodies, $(...), `...`, <(...), and $(...) inside unquoted heredoc
// bodies (bash runs those). `export`/`local`/`declare`/`readonly`/`typeset` and `unset` are commands too,
// their argv being the keyword and their words (assignments included, as written words). A command with no
// name (only assignments or redirections), `[[ ... ]]`, `[ ... ]` (tree-sitter reads both as test
// expressions) and the text of heredoc bodies are not commands.
// `sh -c SCRIPT` (bash, dash, ash, zsh, ksh, mksh) and `su -c SCRIPT` (runuser) run their script: when
// SCRIPT is static it is parsed in turn and its commands follow the `sh` command (see ShellCommand).
//
// Every offset is a byte offset into the parsed text plus the caller's `base`, so a caller that parses a
// RUN body's own span of a Dockerfile gets file offsets.
//
// Known limits of tree-sitter-bash 0.23.3 that show through: a heredoc operator followed by `;` on its line
// (`cat <<EOF; echo hi`) swallows the rest of the line and the body (has_error, `echo` is lost; `&&`, `|`
// and `>` after it are fine); `! a | b` negates only `a`; `[ ... ]` is a test expression, not a command.
#ifndef DOCKLINT_PARSERS_SHELL_COMMANDS_H_
#define DOCKLINT_PARSERS_SHELL_COMMANDS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::parsers {

// One shell word, as bash would pass it to a program when nothing in it needs expanding.
struct ShellWord {
  // Static: the word after quote removal: '...' kept verbatim, "..." with \$ \` \" \\ and \<newline>
  // decoded, $'...' C escapes decoded, unquoted backslashes removed, backslash-newline removed. Globs (*),
  // tilde (~) and {a,b} are left as written. Not static: the word's source text, unchanged.
  // As in bash, a backslash-newline inside '...' is kept (BuildKit removes it from a RUN line before the
  // shell runs: only words that span lines inside single quotes differ). Pieces joined by a
  // backslash-newline outside quotes (`ca-cert\<newline>ificates`) are one word.
  std::string value;
  // False when the word holds an expansion: $VAR, ${...}, $(...), `...`, $((...)), <(...), {1..3}.
  bool is_static = true;
  // Where the word is written, quotes included.
  uint32_t begin = 0, end = 0;
};

struct Unwrapped {
  // The index in argv of the program that really runs; argv.size() when no word names it (`sudo -i`,
  // `command -v apt-get`, `env -S '...'`, `xargs` alone).
  size_t name_index = 0;
  bool via_sudo = false;  // sudo or doas was one of the wrappers
};

struct ShellCommand {
  // The command name first, then its arguments; leading VAR=value words and redirections are not in argv.
  std::vector<ShellWord> argv;
  // The VAR=value words before the name (value "VAR=value" after quote removal when static).
  std::vector<ShellWord> assignments;
  // The command node: from its first assignment, redirection or word to its last word or redirection
  // written inside it (a redirection after the last word, `cmd >f`, is usually outside it).
  uint32_t begin = 0, end = 0;
  // Commands joined by | or |& share an id (>= 0, unique within one ExtractShellCommands result);
  // pipeline_index is the position in it, 0 the leftmost. -1 when the command is not itself an element of a
  // pipeline: the commands inside `(a; b) | c` or `$(a | b) | c` are not elements of the outer pipeline.
  int pipeline = -1;
  int pipeline_index = 0;
  // Its failure cannot end the script: it is (inside) the condition of an if/elif/while/until, a command
  // left of a || in its and-or list (`a && b || c`: a and b), or negated with !.
  bool in_condition = false;
  // 0 for a command written in the text; 1 inside the script of an `sh -c` written in the text, 2 inside
  // an `sh -c` in that script, and so on. When the script is one literal word that needs no quote removal
  // ('...', "..." without \ $ `, or an unquoted word) the nested offsets point at the script's own bytes;
  // otherwise every offset of a nested command and of its words is the span of the whole script word.
  int shell_depth = 0;
  // UnwrapCommand of this command, as ExtractShellCommands returns it: the checks ask for the program that
  // really runs many times over.
  Unwrapped real;
};

struct ShellScript {
  // In order of their first byte; a command comes before the commands nested in it (its $(...) arguments
  // and its sh -c script).
  std::vector<ShellCommand> commands;
  // tree-sitter found ERROR or MISSING nodes in the text (not in nested sh -c scripts). The commands it
  // could still read are returned.
  bool has_error = false;
};

// Parses `text` as bash. `text` may hold NUL bytes, invalid UTF-8, backslash-newline continuations and
// regions blanked to spaces. Reading the tree is linear and uses no recursion (sh -c nesting stops at 8
// levels); tree-sitter's parse is linear on valid shell but its error recovery can be superlinear. A text
// of more than about 16k tokens is not parsed (has_error, no commands): tree-sitter 0.20.7 corrupts its
// heap on 65536 unbalanced parentheses; the longest RUN in the corpus has 8.5k.
ShellScript ExtractShellCommands(std::string_view text, uint32_t base = 0);

// Skips the wrappers that run the command after them, with their options and operands, repeatedly:
//   sudo [opts] [VAR=x ...] | doas [opts] | env [opts] [VAR=x ...] | nice [-n N | -N] | nohup | time [-p]
//   | exec [-cl] [-a name] | command [-p] | builtin | timeout [opts] DURATION | gosu USER | su-exec USER
//   | busybox | xargs [opts]
// Options taking a value consume it (attached, "--opt=value" or the next word). A word that is not static
// where a wrapper expects the command stops the walk there: its index is returned.
Unwrapped UnwrapCommand(const ShellCommand& command);

// The basename of a static word ("/usr/bin/apt-get" -> "apt-get"); empty when the word is not static or
// ends with '/'. A view into `word.value`.
std::string_view CommandBaseName(const ShellWord& word);

// Finds an option among the words after argv[name_index], GNU style: options may follow operands
// (`apt-get install x -y`), and "--" ends them. A word "-abc" (not "--...") holds the short options a, b
// and c; a letter of `value_letters` takes the rest of the word, or the next word when it is last, as its
// value, so `-oDebug::pkgProblemResolver=yes` holds no -y when value_letters has 'o'. A word "--name" or
// "--name=value" is the long option `name` (give long names without dashes). Words that are not static are
// skipped. Returns the index in argv of the first word holding one of the options, or argv.size().
size_t FindOption(const ShellCommand& command, size_t name_index, std::string_view short_letters,
                  std::initializer_list<std::string_view> long_names, std::string_view value_letters = {});
inline bool HasOption(const ShellCommand& command, size_t name_index, std::string_view short_letters,
                      std::initializer_list<std::string_view> long_names,
                      std::string_view value_letters = {}) {
  return FindOption(command, name_index, short_letters, long_names, value_letters) < command.argv.size();
}

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_SHELL_COMMANDS_H_
