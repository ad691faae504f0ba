#include "parsers/dotenv.h"

#include <string_view>

#include "base/strings.h"

namespace docklint::parsers {
namespace {

using base::SourceSpan;

// dotenv's isSpace: not '\n', which ends a statement.
bool IsSpace(char c) { return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' '; }
bool IsAnySpace(char c) { return IsSpace(c) || c == '\n'; }
bool IsKeyChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-' || c == '[' || c == ']' || u >= 0x80;  // letters and numbers of other scripts
}

// expandEscapes: \a \b \c(kept) \f \n \r \t \v \" \\ and \0NNN decoded as Go unquotes them; \$ becomes $$
// so that the expansion leaves a literal dollar.
std::string ExpandEscapes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char c = s[i + 1];
    switch (c) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '$':
        out += "$$";
        break;
      case '0': {
        // \0 followed by up to three digits: read as an octal escape \NNN when that is one.
        size_t end = i + 2;
        while (end < s.size() && end < i + 5 && s[end] >= '0' && s[end] <= '9') ++end;
        std::string_view digits = s.substr(i + 2, end - i - 2);
        bool octal = digits.size() == 3 && digits.find_first_not_of("01234567") == std::string_view::npos &&
                     (digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0') <= 255;
        if (octal) {
          out += static_cast<char>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0'));
        } else {
          out += s.substr(i, end - i);  // not a valid escape: kept as written
        }
        i = end - 1;
        continue;
      }
      default:
        out += '\\';
        out += c;
        break;
    }
    ++i;
  }
  return out;
}

class Parser {
 public:
  Parser(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics)
      : file_(file), s_(file.content()), code_(code), diagnostics_(diagnostics) {}

  Dotenv Run() {
    Dotenv out;
    size_t at = s_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (true) {
      at = StatementStart(at);
      if (at >= s_.size()) break;
      if (!Statement(&at, &out)) break;
    }
    return out;
  }

 private:
  SourceSpan Span(size_t begin, size_t end) const {
    return SourceSpan{&file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }

  void Fail(size_t begin, size_t end, std::string message) {
    diagnostics_->push_back({code_, std::move(message), Span(begin, end)});
  }

  // Past blanks and comment lines.
  size_t StatementStart(size_t at) const {
    while (true) {
      while (at < s_.size() && IsAnySpace(s_[at])) ++at;
      if (at >= s_.size() || s_[at] != '#') return at;
      at = s_.find('\n', at);
      if (at == std::string_view::npos) return s_.size();
    }
  }

  bool Statement(size_t* at, Dotenv* out) {
    size_t start = *at;
    if (s_.compare(start, 6, "export") == 0 && start + 6 < s_.size() && IsAnySpace(s_[start + 6])) {
      start += 6;
      while (start < s_.size() && IsSpace(s_[start])) ++start;
    }
    size_t i = start;
    char stop = 0;
    for (; i < s_.size(); ++i) {
      char c = s_[i];
      if (IsSpace(c)) continue;
      if (c == '=' || c == ':' || c == '\n') {
        stop = c;
        break;
      }
      if (!IsKeyChar(c)) {
        size_t line_end = s_.find('\n', start);
        Fail(i, i + 1,
             "unexpected character '" + std::string(1, c) + "' in variable name \"" +
                 std::string(
                     s_.substr(start, line_end == std::string_view::npos ? line_end : line_end - start)) +
                 "\": docker compose refuses this .env file");
        return false;
      }
    }
    std::string_view key = base::Trim(s_.substr(start, i - start), base::Blanks::kSpaceTabCr);
    size_t key_end = start + key.size();
    if (key.find(' ') != std::string_view::npos) {
      Fail(start, key_end, "a variable name cannot contain a space: docker compose refuses this .env file");
      return false;
    }
    DotenvEntry entry;
    entry.name = std::string(key);
    entry.name_span = Span(start, key_end);
    if (stop == '\n') {  // a bare KEY: taken from the environment, if it has it
      entry.inherited = true;
      entry.value_span = entry.name_span;
      out->entries.push_back(std::move(entry));
      *at = i + 1;
      return true;
    }
    size_t value = stop == 0 ? start : i + 1;  // no '=': compose-go reads the rest as the value of ""
    if (stop == 0) entry.name.clear();
    while (value < s_.size() && IsSpace(s_[value])) ++value;
    if (value < s_.size() && (s_[value] == '"' || s_[value] == '\'')) {
      if (!Quoted(value, &entry, at)) return false;
    } else {
      size_t line_end = s_.find('\n', value);
      if (line_end == std::string_view::npos) line_end = s_.size();
      std::string_view text = s_.substr(value, line_end - value);
      if (size_t comment = text.find(" #"); comment != std::string_view::npos) text = text.substr(0, comment);
      while (!text.empty() && IsAnySpace(text.back())) text.remove_suffix(1);
      entry.value = std::string(text);
      entry.value_span = Span(value, value + text.size());
      entry.expand = true;
      *at = line_end;
    }
    out->entries.push_back(std::move(entry));
    return true;
  }

  bool Quoted(size_t open, DotenvEntry* entry, size_t* at) {
    char quote = s_[open];
    std::string chars;
    bool escaped = false;
    for (size_t i = open + 1; i < s_.size(); ++i) {
      char c = s_[i];
      if (c != quote) {
        if (!escaped && c == '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      entry->value = quote == '"' ? ExpandEscapes(chars) : chars;
      entry->expand = quote == '"';
      entry->value_span = Span(open, i + 1);
      *at = i + 1;
      return true;
    }
    size_t line_end = s_.find('\n', open);
    Fail(open, line_end == std::string_view::npos ? s_.size() : line_end,
         "unterminated quoted value: docker compose refuses this .env file");
    return false;
  }

  const base::SourceFile& file_;
  std::string_view s_;
  base::DiagnosticCode code_;
  base::Diagnostics* diagnostics_;
};

}  // namespace

Dotenv ParseDotenv(const base::SourceFile& file, base::DiagnosticCode code, base::Diagnostics* diagnostics) {
  return Parser(file, code, diagnostics).Run();
}

}  // namespace docklint::parsers
