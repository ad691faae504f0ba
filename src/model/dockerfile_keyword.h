// The instructions a Dockerfile can hold, as an enum the image rules switch on instead of comparing the
// parser's keyword strings; decided once per instruction when the model is built.
#ifndef DOCKLINT_MODEL_DOCKERFILE_KEYWORD_H_
#define DOCKLINT_MODEL_DOCKERFILE_KEYWORD_H_

#include <cstddef>
#include <string_view>

namespace docklint::model {

// BuildKit's instructions, in alphabetical order, then kUnknown for a keyword BuildKit does not know (the
// parser reports it; the rules leave it alone).
enum class Keyword {
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
  kUnknown,
};

// How many values Keyword has, kUnknown included: the size of a table indexed by keyword.
inline constexpr size_t kKeywordCount = static_cast<size_t>(Keyword::kUnknown) + 1;

// The keyword the parser's lower-cased keyword string names ("copy" -> kCopy); kUnknown for any other
// string, an upper-case spelling included.
Keyword KeywordOf(std::string_view lowered);

// The keyword as Dockerfiles and messages write it ("ENTRYPOINT"); "" for kUnknown.
std::string_view KeywordName(Keyword keyword);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_DOCKERFILE_KEYWORD_H_
