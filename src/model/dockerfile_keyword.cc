#include "model/dockerfile_keyword.h"

#include <array>

namespace docklint::model {
namespace {

struct Spelling {
  std::string_view lowered;
  std::string_view name;
};

// Indexed by Keyword.
constexpr std::array<Spelling, kKeywordCount> kSpellings = {{
    {"add", "ADD"},
    {"arg", "ARG"},
    {"cmd", "CMD"},
    {"copy", "COPY"},
    {"entrypoint", "ENTRYPOINT"},
    {"env", "ENV"},
    {"expose", "EXPOSE"},
    {"from", "FROM"},
    {"healthcheck", "HEALTHCHECK"},
    {"label", "LABEL"},
    {"maintainer", "MAINTAINER"},
    {"onbuild", "ONBUILD"},
    {"run", "RUN"},
    {"shell", "SHELL"},
    {"stopsignal", "STOPSIGNAL"},
    {"user", "USER"},
    {"volume", "VOLUME"},
    {"workdir", "WORKDIR"},
    {"", ""},
}};

}  // namespace

Keyword KeywordOf(std::string_view lowered) {
  for (size_t i = 0; i + 1 < kSpellings.size(); ++i) {
    if (kSpellings[i].lowered == lowered) return static_cast<Keyword>(i);
  }
  return Keyword::kUnknown;
}

std::string_view KeywordName(Keyword keyword) { return kSpellings[static_cast<size_t>(keyword)].name; }

}  // namespace docklint::model
