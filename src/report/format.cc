#include <map>

#include "report/reporter.h"

namespace docklint::report {

std::optional<Format> ParseFormat(std::string_view name) {
  static const std::map<std::string_view, Format> kFormats = {
      {"text", Format::kText},     {"json", Format::kJson},     {"sarif", Format::kSarif},
      {"github", Format::kGithub}, {"gitlab", Format::kGitlab}, {"checkstyle", Format::kCheckstyle},
      {"junit", Format::kJunit}};
  auto it = kFormats.find(name);
  if (it == kFormats.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> FormatNames() {
  return {"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"};
}

void Write(Format format, const Report& report, const TextStyle& style, std::ostream& out) {
  switch (format) {
    case Format::kText:
      return WriteText(report, style, out);
    case Format::kJson:
      return WriteJson(report, out);
    case Format::kSarif:
      return WriteSarif(report, out);
    case Format::kGithub:
      return WriteGithub(report, out);
    case Format::kGitlab:
      return WriteGitlab(report, out);
    case Format::kCheckstyle:
      return WriteCheckstyle(report, out);
    case Format::kJunit:
      return WriteJunit(report, out);
  }
}

}  // namespace docklint::report
