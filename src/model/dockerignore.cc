#include "model/dockerignore.h"

namespace docklint::model {

std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t slash = path.find('/', begin);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(begin, slash - begin);
    begin = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

namespace {

std::string_view TrimSpace(std::string_view s) {
  auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

DockerIgnore DockerIgnore::Parse(std::string_view text) {
  DockerIgnore ignore;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line.front() == '#') continue;  // ignorefile.ReadAll: a comment starts the line
    std::string_view pattern = TrimSpace(line);
    if (pattern.empty()) continue;
    bool exclusion = pattern.front() == '!';
    if (exclusion) pattern = TrimSpace(pattern.substr(1));
    std::string cleaned;
    if (!pattern.empty()) {
      cleaned = CleanPath(pattern);
      if (cleaned.size() > 1 && cleaned.front() == '/') cleaned.erase(0, 1);
    }
    if (cleaned.empty()) continue;  // PatternMatcher refuses a lone "!"; BuildKit then fails the build
    ignore.patterns_.push_back(Compile(std::move(cleaned), exclusion));
  }
  return ignore;
}

bool DockerIgnore::HasExclusions() const {
  for (const Pattern& pattern : patterns_) {
    if (pattern.exclusion) return true;
  }
  return false;
}

std::vector<std::string> DockerIgnore::Patterns() const {
  std::vector<std::string> out;
  for (const Pattern& pattern : patterns_) out.push_back((pattern.exclusion ? "!" : "") + pattern.cleaned);
  return out;
}

// patternmatcher's Pattern.compile: the pattern as a regular expression, or one of the cheaper forms it
// keeps when the pattern has no wildcard (exact), only a trailing `**` (prefix) or a leading `**` (suffix).
DockerIgnore::Pattern DockerIgnore::Compile(std::string cleaned, bool exclusion) {
  Pattern p;
  p.cleaned = std::move(cleaned);
  p.exclusion = exclusion;
  const std::string& s = p.cleaned;
  std::string re = "^";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*') {
      if (i + 1 < s.size() && s[i + 1] == '*') {
        size_t start = i;
        ++i;
        if (i + 1 < s.size() && s[i + 1] == '/') ++i;  // `**/` is `**`
        if (i + 1 >= s.size()) {
          if (p.type == Pattern::Type::kExact) {
            p.type = Pattern::Type::kPrefix;
          } else {
            re += ".*";
            p.type = Pattern::Type::kRegex;
          }
        } else {
          re += "(.*/)?";
          p.type = Pattern::Type::kRegex;
        }
        if (start == 0) p.type = Pattern::Type::kSuffix;
      } else {
        re += "[^/]*";
        p.type = Pattern::Type::kRegex;
      }
    } else if (c == '?') {
      re += "[^/]";
      p.type = Pattern::Type::kRegex;
    } else if (std::string_view(".+()|{}$^").find(c) != std::string_view::npos) {
      re += '\\';
      re += c;
    } else if (c == '\\') {
      if (i + 1 < s.size()) {
        re += '\\';
        re += s[++i];
        p.type = Pattern::Type::kRegex;
      } else {
        re += "\\\\";
      }
    } else if (c == '[' || c == ']') {
      re += c;
      p.type = Pattern::Type::kRegex;
    } else {
      re += c;
    }
  }
  if (p.type == Pattern::Type::kRegex) {
    re += "$";
    try {
      p.regex = std::regex(re);
    } catch (const std::regex_error&) {
      p.valid = false;  // patternmatcher refuses it; BuildKit then fails the build
    }
  }
  return p;
}

bool DockerIgnore::Pattern::Matches(const std::string& path) const {
  switch (type) {
    case Type::kExact:
      return path == cleaned;
    case Type::kPrefix:
      return path.starts_with(std::string_view(cleaned).substr(0, cleaned.size() - 2));
    case Type::kSuffix: {
      std::string_view suffix = std::string_view(cleaned).substr(2);
      if (path.ends_with(suffix)) return true;
      return !suffix.empty() && suffix.front() == '/' && path == suffix.substr(1);
    }
    case Type::kRegex:
      return valid && std::regex_match(path, regex);
  }
  return false;
}

bool DockerIgnore::MatchesOrParentMatches(std::string_view path) const {
  std::string file = CleanPath(path);
  std::vector<std::string> parents;  // "a", "a/b", ... for a/b/c
  for (size_t slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1)) {
    if (slash > 0) parents.push_back(file.substr(0, slash));
  }
  for (const Pattern& pattern : patterns_) {
    if (pattern.exclusion) continue;
    if (pattern.Matches(file)) return true;
    for (const std::string& parent : parents) {
      if (pattern.Matches(parent)) return true;
    }
  }
  return false;
}

}  // namespace docklint::model
