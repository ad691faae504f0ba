// BuildKit RedundantTargetPlatform (hadolint DL3065) and FromPlatformFlagConstDisallowed: what FROM
// --platform is set to (param problem = "redundant" or "constant").
#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// containerd's platforms.Parse, as far as this rule needs it: the OS and the normalized architecture of a
// constant specifier; nullopt when Parse refuses it (BuildKit then fails the build instead).
struct Platform {
  std::string os, arch;
};

bool IsSpecifierPart(std::string_view part) {
  if (part.empty()) return false;
  for (char c : part) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

std::string NormalizeOs(std::string_view os) {
  std::string lower = base::Lower(os);
  return lower == "macos" ? "darwin" : lower;
}

std::string NormalizeArch(std::string_view arch) {
  std::string lower = base::Lower(arch);
  if (lower == "i386") return "386";
  if (lower == "x86_64" || lower == "x86-64") return "amd64";
  if (lower == "aarch64") return "arm64";
  if (lower == "armhf" || lower == "armel") return "arm";
  return lower;
}

bool IsKnownOs(std::string_view os) {
  return IsOneOf(os, {"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
                      "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos"});
}

bool IsKnownArch(std::string_view arch) {
  return IsOneOf(
      arch, {"386",     "amd64",   "amd64p32", "arm",    "armbe",  "arm64",    "arm64be",   "ppc64",
             "ppc64le", "loong64", "mips",     "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le",
             "ppc",     "riscv",   "riscv64",  "s390",   "s390x",  "sparc",    "sparc64",   "wasm"});
}

std::optional<Platform> ParsePlatform(std::string_view specifier) {
  std::vector<std::string_view> parts;
  for (size_t begin = 0;;) {
    size_t slash = specifier.find('/', begin);
    parts.push_back(specifier.substr(begin, slash == std::string_view::npos ? slash : slash - begin));
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  if (parts.size() > 3) return std::nullopt;
  for (std::string_view part : parts) {
    if (!IsSpecifierPart(part)) return std::nullopt;
  }
  if (parts.size() == 1) {
    // One word is an OS (with the builder's architecture) or an architecture (with Linux).
    std::string os = NormalizeOs(parts[0]);
    if (IsKnownOs(os)) return Platform{os, "amd64"};
    std::string arch = NormalizeArch(parts[0]);
    if (IsKnownArch(arch)) return Platform{"linux", arch};
    return std::nullopt;
  }
  return Platform{NormalizeOs(parts[0]), NormalizeArch(parts[1])};
}

// `$TARGETPLATFORM`, `${TARGETPLATFORM}`, or a default BuildKit never uses (TARGETPLATFORM is always set).
bool IsTargetPlatform(std::string_view value) {
  if (value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}") return true;
  for (std::string_view prefix : {"${TARGETPLATFORM:-", "${TARGETPLATFORM-"}) {
    if (value.starts_with(prefix) && value.ends_with('}') &&
        value.find_first_of("${}", prefix.size()) == value.size() - 1) {
      return true;
    }
  }
  return false;
}

class FromPlatformFlag : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "from-platform-flag"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("problem");
    if (params.size() != 1 || it == params.end() || !IsOneOf(it->second, {"redundant", "constant"})) {
      return "needs exactly the param 'problem' = \"redundant\" or \"constant\"";
    }
    return "";
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kFrom}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& from, const Rule& rule,
                     std::vector<base::Finding>* findings) const override {
    if (from.trigger) return;
    const parsers::DockerfileFlag* flag = from->FindFlag("platform");
    if (flag == nullptr || !flag->value) return;
    const std::string& value = *flag->value;
    if (rule.params.at("problem") == "redundant") {
      if (IsTargetPlatform(value)) {
        findings->push_back(FindingAt(flag->span, "--platform=" + value +
                                                      " is redundant: FROM already pulls the target "
                                                      "platform's image by default"));
      }
      return;
    }
    if (value.find('$') != std::string::npos) return;  // any substitution makes it no constant
    std::optional<Platform> platform = ParsePlatform(value);
    if (!platform) return;
    // A stage named for its platform (`AS build-amd64`) is pinned on purpose.
    const model::Stage& stage = dockerfile.model.stages().at(static_cast<size_t>(from.stage));
    if (stage.name.find(platform->os) != std::string::npos ||
        stage.name.find(platform->arch) != std::string::npos) {
      return;
    }
    findings->push_back(FindingAt(flag->span, "FROM --platform=" + value +
                                                  " pins the stage to one platform whatever the build "
                                                  "targets: use $BUILDPLATFORM or $TARGETPLATFORM, or name "
                                                  "the stage for its platform"));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeFromPlatformFlag() { return std::make_unique<FromPlatformFlag>(); }

}  // namespace docklint::rules::checks
