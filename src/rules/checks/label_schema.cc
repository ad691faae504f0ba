// hadolint's label schema rules, on the schema of the configuration ([dockerfile] label-schema and
// strict-labels, or --require-label and --strict-labels); silent without a schema. The param `test` says
// which: "missing" (DL3049), "superfluous" (DL3050), "empty" (DL3051), or the form of a typed label's
// value: "url" (DL3052), "rfc3339" (DL3053), "spdx" (DL3054), "hash" (DL3055), "semver" (DL3056),
// "email" (DL3058). As in hadolint, ONBUILD LABELs are not read (they label the images built FROM this one).
// Unlike hadolint, a typed value holding a variable (`revision=${GIT_COMMIT}`) is not judged: the build
// fills it in.
#include <algorithm>
#include <cctype>
#include <set>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// An absolute URI of RFC 3986: a scheme, ':', then only the characters a URI may hold (unreserved,
// reserved, %XX). The parts after the scheme are not parsed one by one.
bool IsUrl(std::string_view value) {
  size_t colon = value.find(':');
  if (colon == std::string_view::npos || colon == 0 || !IsAlpha(value[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = value[i];
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  size_t hashes = 0;
  for (size_t i = colon + 1; i < value.size(); ++i) {
    char c = value[i];
    if (c == '%') {
      if (i + 2 >= value.size() || !IsHex(value[i + 1]) || !IsHex(value[i + 2])) return false;
      i += 2;
      continue;
    }
    if (c == '#' && ++hashes > 1) return false;
    if (IsAlpha(c) || IsDigit(c) ||
        std::string_view("-._~:/?#[]@!$&'()*+,;=").find(c) != std::string_view::npos)
      continue;
    return false;
  }
  return true;
}

bool Digits(std::string_view text, size_t at, size_t count, int* out) {
  if (at + count > text.size()) return false;
  int n = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (!IsDigit(text[i])) return false;
    n = n * 10 + (text[i] - '0');
  }
  *out = n;
  return true;
}

// RFC 3339's date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM); 't' and 'z' in either case.
bool IsRfc3339(std::string_view v) {
  int year, month, day, hour, minute, second;
  if (!Digits(v, 0, 4, &year) || v.size() < 20 || v[4] != '-' || !Digits(v, 5, 2, &month) || v[7] != '-' ||
      !Digits(v, 8, 2, &day) || (v[10] != 'T' && v[10] != 't') || !Digits(v, 11, 2, &hour) || v[13] != ':' ||
      !Digits(v, 14, 2, &minute) || v[16] != ':' || !Digits(v, 17, 2, &second))
    return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap) ||
      hour > 23 || minute > 59 || second > 60)
    return false;
  size_t i = 19;
  if (i < v.size() && v[i] == '.') {
    size_t start = ++i;
    while (i < v.size() && IsDigit(v[i])) ++i;
    if (i == start) return false;
  }
  if (i < v.size() && (v[i] == 'Z' || v[i] == 'z')) return i + 1 == v.size();
  int offset_hour, offset_minute;
  return i + 6 == v.size() && (v[i] == '+' || v[i] == '-') && Digits(v, i + 1, 2, &offset_hour) &&
         v[i + 3] == ':' && Digits(v, i + 4, 2, &offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

// A table of common SPDX license ids (the SPDX list has 600 and grows): ours, not SPDX's file.
const std::set<std::string, std::less<>>& SpdxIds() {
  static const auto* kIds = new std::set<std::string, std::less<>>{"0BSD",
                                                                   "AFL-3.0",
                                                                   "AGPL-1.0",
                                                                   "AGPL-3.0",
                                                                   "AGPL-3.0-only",
                                                                   "AGPL-3.0-or-later",
                                                                   "Apache-1.0",
                                                                   "Apache-1.1",
                                                                   "Apache-2.0",
                                                                   "APSL-2.0",
                                                                   "Artistic-1.0",
                                                                   "Artistic-2.0",
                                                                   "Beerware",
                                                                   "BlueOak-1.0.0",
                                                                   "BSD-1-Clause",
                                                                   "BSD-2-Clause",
                                                                   "BSD-2-Clause-Patent",
                                                                   "BSD-3-Clause",
                                                                   "BSD-3-Clause-Clear",
                                                                   "BSD-4-Clause",
                                                                   "BSL-1.0",
                                                                   "BUSL-1.1",
                                                                   "bzip2-1.0.6",
                                                                   "CAL-1.0",
                                                                   "CC-BY-1.0",
                                                                   "CC-BY-2.0",
                                                                   "CC-BY-2.5",
                                                                   "CC-BY-3.0",
                                                                   "CC-BY-4.0",
                                                                   "CC-BY-NC-4.0",
                                                                   "CC-BY-NC-SA-4.0",
                                                                   "CC-BY-ND-4.0",
                                                                   "CC-BY-SA-3.0",
                                                                   "CC-BY-SA-4.0",
                                                                   "CC0-1.0",
                                                                   "CDDL-1.0",
                                                                   "CDDL-1.1",
                                                                   "CECILL-2.1",
                                                                   "CPAL-1.0",
                                                                   "CPL-1.0",
                                                                   "ECL-2.0",
                                                                   "EFL-2.0",
                                                                   "EPL-1.0",
                                                                   "EPL-2.0",
                                                                   "EUPL-1.1",
                                                                   "EUPL-1.2",
                                                                   "FTL",
                                                                   "GFDL-1.3",
                                                                   "GFDL-1.3-only",
                                                                   "GFDL-1.3-or-later",
                                                                   "GPL-1.0",
                                                                   "GPL-1.0-only",
                                                                   "GPL-1.0-or-later",
                                                                   "GPL-2.0",
                                                                   "GPL-2.0+",
                                                                   "GPL-2.0-only",
                                                                   "GPL-2.0-or-later",
                                                                   "GPL-3.0",
                                                                   "GPL-3.0+",
                                                                   "GPL-3.0-only",
                                                                   "GPL-3.0-or-later",
                                                                   "HPND",
                                                                   "ICU",
                                                                   "IPA",
                                                                   "IPL-1.0",
                                                                   "ISC",
                                                                   "LGPL-2.0",
                                                                   "LGPL-2.0-only",
                                                                   "LGPL-2.0-or-later",
                                                                   "LGPL-2.1",
                                                                   "LGPL-2.1+",
                                                                   "LGPL-2.1-only",
                                                                   "LGPL-2.1-or-later",
                                                                   "LGPL-3.0",
                                                                   "LGPL-3.0+",
                                                                   "LGPL-3.0-only",
                                                                   "LGPL-3.0-or-later",
                                                                   "LPPL-1.3c",
                                                                   "MirOS",
                                                                   "MIT",
                                                                   "MIT-0",
                                                                   "MPL-1.0",
                                                                   "MPL-1.1",
                                                                   "MPL-2.0",
                                                                   "MPL-2.0-no-copyleft-exception",
                                                                   "MS-PL",
                                                                   "MS-RL",
                                                                   "MulanPSL-2.0",
                                                                   "NCSA",
                                                                   "ODbL-1.0",
                                                                   "OFL-1.1",
                                                                   "OpenSSL",
                                                                   "OSL-3.0",
                                                                   "PHP-3.0",
                                                                   "PHP-3.01",
                                                                   "PostgreSQL",
                                                                   "PSF-2.0",
                                                                   "Python-2.0",
                                                                   "Ruby",
                                                                   "SSPL-1.0",
                                                                   "Unicode-DFS-2016",
                                                                   "Unlicense",
                                                                   "UPL-1.0",
                                                                   "Vim",
                                                                   "W3C",
                                                                   "WTFPL",
                                                                   "X11",
                                                                   "Zlib",
                                                                   "ZPL-2.0",
                                                                   "ZPL-2.1"};
  return *kIds;
}

bool IsSpdxId(std::string_view id) {
  if (id.starts_with("LicenseRef-") || id.starts_with("DocumentRef-")) {
    return id.size() > 11 && std::all_of(id.begin(), id.end(), [](char c) {
             return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == ':';
           });
  }
  return SpdxIds().contains(id);
}

// A license id of the table, LicenseRef-..., or an SPDX expression of them: AND, OR, WITH <exception>,
// parentheses.
bool IsSpdx(std::string_view value) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : value) {
    if (c == '(' || c == ')' || c == ' ') {
      if (!current.empty()) tokens.push_back(current);
      current.clear();
      if (c != ' ') tokens.emplace_back(1, c);
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(current);
  // expression := term ((AND|OR) term)*; term := id [WITH exception] | '(' expression ')'
  int depth = 0;
  bool expect_term = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (expect_term) {
      if (t == "(") {
        ++depth;
        continue;
      }
      if (!IsSpdxId(t)) return false;
      if (i + 1 < tokens.size() && tokens[i + 1] == "WITH") {
        if (i + 2 >= tokens.size() || tokens[i + 2] == "(" || tokens[i + 2] == ")") return false;
        i += 2;  // the exception id: any word
      }
      expect_term = false;
    } else if (t == ")") {
      if (--depth < 0) return false;
    } else if (t == "AND" || t == "OR") {
      expect_term = true;
    } else {
      return false;
    }
  }
  return !expect_term && depth == 0;
}

// A git commit: 7 or 40 lower-case hex digits, as hadolint.
bool IsGitHash(std::string_view value) {
  return (value.size() == 7 || value.size() == 40) &&
         std::all_of(value.begin(), value.end(), [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); });
}

// Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH[-pre.release][+build.meta], no leading zeros in numbers.
bool IsSemver(std::string_view v) {
  auto identifiers = [](std::string_view part, bool numeric_no_zero) {
    if (part.empty()) return false;
    size_t start = 0;
    while (start <= part.size()) {
      size_t dot = part.find('.', start);
      std::string_view id =
          part.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (id.empty()) return false;
      bool numeric = std::all_of(id.begin(), id.end(), IsDigit);
      if (!std::all_of(id.begin(), id.end(), [](char c) { return IsAlpha(c) || IsDigit(c) || c == '-'; }))
        return false;
      if (numeric_no_zero && numeric && id.size() > 1 && id[0] == '0') return false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return true;
  };
  size_t plus = v.find('+');
  if (plus != std::string_view::npos && !identifiers(v.substr(plus + 1), false)) return false;
  std::string_view rest = v.substr(0, plus);
  size_t dash = rest.find('-');
  if (dash != std::string_view::npos && !identifiers(rest.substr(dash + 1), true)) return false;
  std::string_view core = rest.substr(0, dash);
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = core.find('.', start);
    std::string_view number =
        core.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (number.empty() || !std::all_of(number.begin(), number.end(), IsDigit) ||
        (number.size() > 1 && number[0] == '0'))
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 3;
}

// RFC 5322's addr-spec: a dot-atom or quoted local part, '@', a dot-atom or [literal] domain.
bool IsEmail(std::string_view v) {
  size_t at = v.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == v.size()) return false;
  auto dot_atom = [](std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos)
      return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
      return IsAlpha(c) || IsDigit(c) ||
             std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
    });
  };
  std::string_view local = v.substr(0, at), domain = v.substr(at + 1);
  bool local_ok = dot_atom(local);
  if (!local_ok && local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    local_ok = true;
    for (size_t i = 1; i + 1 < local.size(); ++i) {
      unsigned char c = local[i];
      if (c == '\\') {
        ++i;
      } else if (c == '"' || c < 32 || c > 126) {
        local_ok = false;
      }
    }
  }
  bool domain_ok = dot_atom(domain) || (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']' &&
                                        domain.find_first_of("[]\\", 1) == domain.size() - 1);
  return local_ok && domain_ok;
}

struct TypeTest {
  std::string_view test;
  std::string_view type;  // the schema type it validates; "" for the tests on names
  bool (*valid)(std::string_view);
  std::string_view expected;
};

constexpr TypeTest kTests[] = {
    {"missing", "", nullptr, ""},
    {"superfluous", "", nullptr, ""},
    {"empty", "", nullptr, ""},
    {"url", "url", IsUrl, "an absolute URL"},
    {"rfc3339", "rfc3339", IsRfc3339, "an RFC 3339 date-time such as 2024-05-01T12:00:00Z"},
    {"spdx", "spdx", IsSpdx, "an SPDX license id or expression"},
    {"hash", "hash", IsGitHash, "a git commit hash (7 or 40 lower-case hex digits)"},
    {"semver", "semver", IsSemver, "a semantic version such as 1.2.3"},
    {"email", "email", IsEmail, "an email address (RFC 5322)"},
};

const TypeTest* FindTest(std::string_view name) {
  for (const TypeTest& test : kTests) {
    if (test.test == name) return &test;
  }
  return nullptr;
}

class LabelSchemaCheck : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "label-schema"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("test");
    if (params.size() != 1 || it == params.end() || FindTest(it->second) == nullptr)
      return "needs the param test = \"missing\", \"superfluous\", \"empty\", \"url\", \"rfc3339\", "
             "\"spdx\", "
             "\"hash\", \"semver\" or \"email\"";
    return "";
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kLabel}; }

  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& label,
                     const Rule& rule, std::vector<base::Finding>* findings) const override {
    const LabelSchema* schema = dockerfile.label_schema;
    if (label.trigger || schema == nullptr || schema->labels.empty()) return;
    const TypeTest& test = *FindTest(rule.params.at("test"));
    const model::DockerfileModel& model = dockerfile.model;
    if (test.test == "missing") return;
    if (test.test == "superfluous") {
      if (!schema->strict) return;
      std::string extra;
      const base::SourceSpan* at = nullptr;
      for (size_t i = 0; i < label->args.size(); i += 2) {
        std::string key = model.Arg(*label, i);
        if (schema->labels.contains(key)) continue;
        if (at == nullptr) at = &label->args[i].span;
        extra += (extra.empty() ? "" : ", ") + key;
      }
      if (at != nullptr)
        findings->push_back(FindingAt(*at, "label(s) " + extra + " not in the label schema (strict labels)"));
      return;
    }
    for (size_t i = 0; i + 1 < label->args.size(); i += 2) {
      std::string key = model.Arg(*label, i);
      auto wanted = schema->labels.find(key);
      if (wanted == schema->labels.end()) continue;
      std::string value = model.Arg(*label, i + 1);
      if (test.test == "empty") {
        if (value.empty())
          findings->push_back(FindingAt(label->args[i + 1].span, "label " + key + " is empty"));
        continue;
      }
      if (wanted->second != test.type || test.valid(value)) continue;
      // A value with a variable (`${GIT_COMMIT}`) is filled in by --build-arg: it cannot be judged here.
      const std::string& raw = label->args[i + 1].value;
      if (raw.find('$') != std::string::npos && !raw.starts_with('\'')) continue;
      findings->push_back(FindingAt(label->args[i + 1].span, "label " + key + " is '" + value + "', not " +
                                                                 std::string(test.expected)));
    }
  }

  // DL3049: each stage that is an image of its own must carry each label of the schema, set in the stage or
  // in the stage it is built FROM. A stage without it is forgiven when a later stage is built FROM it and
  // sets the label, or copies files from it (COPY --from, or RUN --mount=from=, which hadolint does not
  // read): it is then a step of the build, not an image anyone ships.
  void OnFile(const DockerfileContext& dockerfile, const Rule& rule,
              std::vector<base::Finding>* findings) const override {
    const LabelSchema* schema = dockerfile.label_schema;
    if (schema == nullptr || schema->labels.empty() || rule.params.at("test") != "missing") return;
    const model::DockerfileModel& model = dockerfile.model;
    const std::vector<model::Stage>& stages = model.stages();
    // Which stages some later stage copies from.
    std::vector<bool> copied(stages.size(), false);
    for (const model::Stage& stage : stages) {
      for (const model::InstructionRef& ref : stage.body) {
        for (const parsers::DockerfileFlag& flag : ref->flags) {
          if (!flag.value) continue;
          std::string from;
          if (ref.keyword == model::Keyword::kCopy && flag.name == "from") from = *flag.value;
          if (ref.keyword == model::Keyword::kRun && flag.name == "mount") {
            size_t at = ("," + *flag.value).find(",from=");  // type=bind,from=build,source=/out
            if (at != std::string::npos)
              from = flag.value->substr(at + 5, flag.value->find(',', at + 5) - at - 5);
          }
          int source = from.empty() ? -1 : model.FindStage(from, stage.index);
          if (source >= 0) copied[source] = true;
        }
      }
    }
    for (const auto& [label, type] : schema->labels) {
      std::vector<bool> has(stages.size(), false), forgiven(stages.size(), false);
      for (const model::Stage& stage : stages) {
        bool sets = false;
        for (const model::InstructionRef& ref : stage.body) {
          if (ref.keyword != model::Keyword::kLabel) continue;
          for (size_t i = 0; i < ref->args.size(); i += 2) sets = sets || model.Arg(*ref, i) == label;
        }
        has[stage.index] = sets || (stage.base_stage >= 0 && has[stage.base_stage]);
        if (sets && stage.base_stage >= 0) forgiven[stage.base_stage] = true;
      }
      for (const model::Stage& stage : stages) {
        if (has[stage.index] || forgiven[stage.index] || copied[stage.index] || stage.from == nullptr)
          continue;
        findings->push_back(FindingAt(stage.from->keyword_span, "the image of this stage has no label " +
                                                                    label +
                                                                    " (the label schema "
                                                                    "requires it)"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeLabelSchema() { return std::make_unique<LabelSchemaCheck>(); }

}  // namespace docklint::rules::checks
