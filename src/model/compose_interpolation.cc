#include "model/compose_interpolation.h"

#include <algorithm>
#include <array>
#include <utility>

namespace docklint::model {
namespace {

bool IsNameStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

// One match of compose-go's pattern
//   \$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))
// at a '$', as Go's leftmost-first regexp finds it ('.' stops at a newline).
struct Match {
  enum class Kind { kEscaped, kNamed, kBraced, kInvalid } kind;
  size_t length = 0;       // of the whole match, from the '$'
  std::string_view group;  // the named or braced group
};

std::optional<Match> MatchAt(std::string_view s, size_t at) {
  if (at + 1 >= s.size()) return std::nullopt;
  char c = s[at + 1];
  if (c == '$') return Match{Match::Kind::kEscaped, 2, s.substr(at + 1, 1)};
  if (IsNameStart(c)) {
    size_t end = at + 2;
    while (end < s.size() && IsNameChar(s[end])) ++end;
    return Match{Match::Kind::kNamed, end - at, s.substr(at + 1, end - at - 1)};
  }
  if (c != '{') return std::nullopt;
  size_t name = at + 2;
  if (name < s.size() && IsNameStart(s[name])) {
    size_t name_end = name + 1;
    while (name_end < s.size() && IsNameChar(s[name_end])) ++name_end;
    // The operator form: `:?[-+?]` then `(.*)` up to the last '}' before the end of the line.
    size_t op_end = 0;
    auto is_op = [](char o) { return o == '-' || o == '+' || o == '?'; };
    if (name_end + 1 < s.size() && s[name_end] == ':' && is_op(s[name_end + 1])) {
      op_end = name_end + 2;
    } else if (name_end < s.size() && is_op(s[name_end])) {
      op_end = name_end + 1;
    }
    if (op_end != 0) {
      size_t line_end = s.find('\n', op_end);
      std::string_view tail =
          s.substr(op_end, (line_end == std::string_view::npos ? s.size() : line_end) - op_end);
      size_t close = tail.rfind('}');
      if (close != std::string_view::npos) {
        size_t q = op_end + close;
        return Match{Match::Kind::kBraced, q + 1 - at, s.substr(name, q - name)};
      }
    }
    if (name_end < s.size() && s[name_end] == '}')
      return Match{Match::Kind::kBraced, name_end + 1 - at, s.substr(name, name_end - name)};
  }
  return Match{Match::Kind::kInvalid, 2, {}};
}

// getFirstBraceClosingIndex: the '}' that closes the first '{', skipping the character after each '{'.
std::optional<size_t> FirstClosingBrace(std::string_view s) {
  int open = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '}') {
      --open;
      if (open == 0) return i;
    }
    if (s[i] == '{') {
      ++open;
      ++i;
    }
  }
  return std::nullopt;
}

enum class Operator { kRequiredNotEmpty, kRequired, kDefaultIfEmpty, kDefault, kAltIfNotEmpty, kAlt };

// getSubstitutionFunctionForTemplate: the operator that occurs first in the whole match; with none, the
// first of the list (which then does not apply).
Operator OperatorOf(std::string_view match) {
  static constexpr std::array<std::pair<std::string_view, Operator>, 6> kOperators = {{
      {":?", Operator::kRequiredNotEmpty},
      {"?", Operator::kRequired},
      {":-", Operator::kDefaultIfEmpty},
      {"-", Operator::kDefault},
      {":+", Operator::kAltIfNotEmpty},
      {"+", Operator::kAlt},
  }};
  Operator best = kOperators[0].second;
  size_t best_at = std::string_view::npos;
  for (const auto& [text, op] : kOperators) {
    size_t at = match.find(text);
    if (at < best_at) {
      best_at = at;
      best = op;
    }
  }
  return best;
}

std::string_view SeparatorOf(Operator op) {
  switch (op) {
    case Operator::kRequiredNotEmpty:
      return ":?";
    case Operator::kRequired:
      return "?";
    case Operator::kDefaultIfEmpty:
      return ":-";
    case Operator::kDefault:
      return "-";
    case Operator::kAltIfNotEmpty:
      return ":+";
    case Operator::kAlt:
      return "+";
  }
  return "";
}

class Interpolator {
 public:
  Interpolator(std::string_view text, const VariableLookup& lookup, InterpolatedValue* out)
      : text_(text), lookup_(lookup), out_(out) {}

  // template.Substitute: every match replaced; the first error is kept and the rest still replaced.
  std::string Substitute(std::string_view text) {
    std::string result;
    for (size_t i = 0; i < text.size();) {
      std::optional<Match> match = text[i] == '$' ? MatchAt(text, i) : std::nullopt;
      if (!match) {
        result += text[i++];
        continue;
      }
      result += Replace(text.substr(i, match->length));
      i += match->length;
    }
    return result;
  }

 private:
  std::optional<std::string> Lookup(std::string_view name) {
    std::optional<std::string> value = lookup_(name);
    out_->variables.push_back({std::string(name), value.has_value()});
    return value;
  }

  void Error(std::string message) {
    if (out_->error.empty()) out_->error = std::move(message);
  }

  // DefaultReplacementAppliedFunc on one match.
  std::string Replace(std::string_view whole) {
    Operator op = OperatorOf(whole);
    std::string_view rest;
    std::string_view cut = whole;
    if (std::optional<size_t> close = FirstClosingBrace(whole)) {
      rest = whole.substr(*close + 1);
      cut = whole.substr(0, *close + 1);
    }
    std::optional<Match> match = MatchAt(cut, 0);
    if (match && match->kind == Match::Kind::kEscaped) return "$";
    if (!match || match->kind == Match::Kind::kInvalid || match->group.empty()) {
      Error("invalid interpolation format in \"" + std::string(text_) + "\" at " + std::string(whole) +
            " (a literal $ is written $$)");
      return "";
    }
    std::string_view substitution = match->group;
    if (match->kind == Match::Kind::kBraced) {
      std::optional<std::string> applied = Apply(op, substitution);
      if (applied) return *applied + Substitute(rest);
    }
    std::optional<std::string> value = Lookup(substitution);
    if (!value) out_->unset_warnings.push_back(std::string(substitution));
    return value.value_or("");
  }

  // The substitution function of `op` on "NAME<sep>word"; nullopt when it does not apply (no such sep).
  std::optional<std::string> Apply(Operator op, std::string_view substitution) {
    std::string_view sep = SeparatorOf(op);
    size_t at = substitution.find(sep);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view name = substitution.substr(0, at);
    std::string_view word = substitution.substr(at + sep.size());
    std::optional<std::string> value = Lookup(name);
    switch (op) {
      case Operator::kDefaultIfEmpty:
      case Operator::kDefault:
        if (!value || (op == Operator::kDefaultIfEmpty && value->empty())) return Substitute(word);
        return *value;
      case Operator::kAltIfNotEmpty:
      case Operator::kAlt:
        if (value && (op == Operator::kAlt || !value->empty())) return Substitute(word);
        return value.value_or("");
      case Operator::kRequiredNotEmpty:
      case Operator::kRequired:
        if (!value || (op == Operator::kRequiredNotEmpty && value->empty())) {
          std::string reason = Substitute(word);
          if (out_->required_missing.empty()) {
            out_->required_missing = "required variable " + std::string(name) + " is missing a value" +
                                     (reason.empty() ? "" : ": " + reason);
          }
          return "";
        }
        return *value;
    }
    return std::nullopt;
  }

  std::string_view text_;  // the whole value, for messages
  const VariableLookup& lookup_;
  InterpolatedValue* out_;
};

}  // namespace

InterpolatedValue Interpolate(std::string_view text, const VariableLookup& lookup) {
  InterpolatedValue out;
  out.value = Interpolator(text, lookup, &out).Substitute(text);
  return out;
}

}  // namespace docklint::model
