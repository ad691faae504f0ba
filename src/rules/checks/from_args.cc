// BuildKit UndefinedArgInFrom and InvalidDefaultArgInFrom: the variables of FROM (its image and its
// --platform) as BuildKit expands them, from the ARGs before the first FROM and its built-in platform
// arguments. Param problem = "undefined" (a variable no global ARG declares) or "invalid-default" (the
// image the defaults give, with no --build-arg, is empty or no valid reference).
#include <algorithm>
#include <regex>
#include <set>

#include "base/strings.h"
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

using Env = std::map<std::string, std::string, std::less<>>;

constexpr size_t kMaxExpandedLength = 64 * 1024;

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// BuildKit's shell lexer (ProcessWordWithMatches) for one word: quotes, the escape character, $NAME,
// ${NAME}, ${NAME:-word}, ${NAME-word}, ${NAME:+word} and ${NAME+word}; an unset variable is empty. `names`
// gets every variable the word reads, set or not. `ok` turns false on a form not followed here (${x%y},
// ${x:?}, unterminated quotes): the result is then not to be judged.
class WordLexer {
 public:
  WordLexer(std::string_view text, char escape, const Env& env, std::set<std::string>* names)
      : text_(text), escape_(escape), env_(env), names_(names) {}

  std::string Process() { return ProcessUntil('\0'); }
  bool ok() const { return ok_; }

 private:
  std::string ProcessUntil(char stop) {
    std::string out;
    while (i_ < text_.size()) {
      // ARG A=$A$A repeated doubles the value each time: past any real image name, stop judging.
      if (out.size() > kMaxExpandedLength) {
        ok_ = false;
        i_ = text_.size();
        return out;
      }
      char c = text_[i_];
      if (stop != '\0' && c == stop) {
        ++i_;
        return out;
      }
      if (c == escape_) {
        ++i_;
        if (i_ < text_.size()) out += text_[i_++];
      } else if (c == '\'') {
        size_t close = text_.find('\'', i_ + 1);
        if (close == std::string_view::npos) {
          ok_ = false;
          close = text_.size();
        }
        out += text_.substr(i_ + 1, close - i_ - 1);
        i_ = close + 1;
      } else if (c == '"') {
        ++i_;
        while (i_ < text_.size() && text_[i_] != '"') {
          if (text_[i_] == escape_ && i_ + 1 < text_.size() &&
              (text_[i_ + 1] == '"' || text_[i_ + 1] == '$' || text_[i_ + 1] == escape_)) {
            out += text_[i_ + 1];
            i_ += 2;
          } else if (text_[i_] == '$') {
            out += Dollar();
          } else {
            out += text_[i_++];
          }
        }
        if (i_ >= text_.size()) ok_ = false;
        ++i_;
      } else if (c == '$') {
        out += Dollar();
      } else {
        out += c;
        ++i_;
      }
    }
    if (stop != '\0') ok_ = false;  // unterminated ${
    return out;
  }

  std::string Dollar() {
    ++i_;  // the '$'
    bool braced = i_ < text_.size() && text_[i_] == '{';
    if (braced) ++i_;
    size_t start = i_;
    while (i_ < text_.size() && IsNameChar(text_[i_])) ++i_;
    std::string name(text_.substr(start, i_ - start));
    if (name.empty()) {
      if (!braced) return "$";
      ok_ = false;
      return "";
    }
    names_->insert(name);
    auto it = env_.find(name);
    bool set = it != env_.end();
    std::string value = set ? it->second : "";
    if (!braced) return value;
    if (i_ >= text_.size()) {
      ok_ = false;
      return "";
    }
    if (text_[i_] == '}') {
      ++i_;
      return value;
    }
    bool colon = text_[i_] == ':';
    if (colon) ++i_;
    if (i_ < text_.size() && (text_[i_] == '-' || text_[i_] == '+')) {
      bool minus = text_[i_] == '-';
      ++i_;
      std::string word = ProcessUntil('}');
      bool use_value = colon ? !value.empty() : set;
      if (minus) return use_value ? value : word;
      return use_value ? word : "";
    }
    ok_ = false;
    return "";
  }

  std::string_view text_;
  char escape_;
  const Env& env_;
  std::set<std::string>* names_;
  size_t i_ = 0;
  bool ok_ = true;
};

// What BuildKit sets before the first FROM whatever the file says (defaultArgs), for a linux/amd64 build.
Env BuiltinArgs(const model::DockerfileModel& model) {
  const model::Stage* last = model.final_stage();
  return Env{{"BUILDPLATFORM", "linux/amd64"},
             {"BUILDOS", "linux"},
             {"BUILDOSVERSION", ""},
             {"BUILDARCH", "amd64"},
             {"BUILDVARIANT", ""},
             {"TARGETPLATFORM", "linux/amd64"},
             {"TARGETOS", "linux"},
             {"TARGETOSVERSION", ""},
             {"TARGETARCH", "amd64"},
             {"TARGETVARIANT", ""},
             {"TARGETSTAGE", last != nullptr && !last->name.empty() ? last->name : "default"}};
}

// The global ARGs' defaults expanded in order over the built-in args (buildMetaArgs without --build-arg);
// `declared` gets every global ARG name, with a default or not; `unknown` the names whose default could not
// be expanded (a form not followed, or too long).
Env GlobalArgs(const model::DockerfileModel& model, std::set<std::string>* declared,
               std::set<std::string>* unknown) {
  Env env = BuiltinArgs(model);
  for (const model::Instruction* arg : model.global_args()) {
    for (const parsers::DockerfileWord& word : arg->args) {
      size_t eq = word.value.find('=');
      std::string name = word.value.substr(0, eq);
      declared->insert(name);
      if (eq == std::string::npos) continue;
      std::set<std::string> used;
      WordLexer lexer(std::string_view(word.value).substr(eq + 1), model.file().escape, env, &used);
      std::string value = lexer.Process();
      bool known = lexer.ok() && std::none_of(used.begin(), used.end(),
                                              [&](const std::string& n) { return unknown->contains(n); });
      if (!known) {
        unknown->insert(name);
        env.erase(name);
        continue;
      }
      unknown->erase(name);
      env[name] = std::move(value);
    }
  }
  return env;
}

size_t Levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// BuildKit's suggest.Search: the closest option less than 3 edits away (case-sensitive); ties go to the
// first in name order (BuildKit's order is a Go map's, so not fixed).
std::string Suggest(std::string_view name, const std::set<std::string>& options) {
  std::string match;
  if (name.size() > 256) return match;
  size_t best = 3;
  for (const std::string& option : options) {
    size_t distance = Levenshtein(name, option);
    if (distance < best) {
      best = distance;
      match = option;
    }
  }
  return match;
}

// distribution/reference's ParseNormalizedNamed: whether `name` is a valid image reference.
bool IsValidReference(const std::string& name) {
  static const std::regex kHexId("^[a-f0-9]{64}$");
  static const std::regex kReference(
      "^((?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-"
      "]*"
      "[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+"
      "(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+."
      "]"
      "[A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$");
  // A name is at most 255 bytes, a tag 128, a digest far less than this: longer is invalid, and std::regex
  // recurses once per byte.
  if (name.size() > 1024) return false;
  if (std::regex_match(name, kHexId)) return false;
  size_t slash = name.find('/');
  std::string domain = "docker.io", remainder = name;
  if (slash != std::string::npos) {
    std::string first = name.substr(0, slash);
    if (first.find_first_of(".:") != std::string::npos || first == "localhost" ||
        base::Lower(first) != first) {
      domain = first;
      remainder = name.substr(slash + 1);
    }
  }
  if (domain == "docker.io" && remainder.find('/') == std::string::npos) remainder = "library/" + remainder;
  std::string remote = remainder.substr(0, remainder.find(':'));
  if (base::Lower(remote) != remote) return false;
  std::string full = domain + "/" + remainder;
  std::smatch match;
  if (!std::regex_match(full, match, kReference)) return false;
  return match[1].length() <= 255;
}

class FromArgs : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "from-args"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("problem");
    if (params.size() != 1 || it == params.end() || !IsOneOf(it->second, {"undefined", "invalid-default"})) {
      return "needs exactly the param 'problem' = \"undefined\" or \"invalid-default\"";
    }
    return "";
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule& rule,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    // Both problems need a variable in a FROM: most files have none, and expanding the global ARGs is the
    // cost.
    if (std::none_of(model.stages().begin(), model.stages().end(), [](const model::Stage& stage) {
          return stage.from->span.text().find('$') != std::string_view::npos;
        }))
      return;
    std::set<std::string> declared, unknown;
    Env env = GlobalArgs(model, &declared, &unknown);
    for (const auto& [name, value] : BuiltinArgs(model)) declared.insert(name);
    bool undefined = rule.params.at("problem") == "undefined";
    for (const model::Stage& stage : model.stages()) {
      const model::Instruction& from = *stage.from;
      if (from.args.empty()) continue;
      if (undefined) {
        // The image, then --platform, each reported on its own as BuildKit does.
        std::vector<const base::SourceSpan*> spans{&from.args[0].span};
        std::vector<std::string_view> words{from.args[0].value};
        if (const parsers::DockerfileFlag* platform = from.FindFlag("platform");
            platform != nullptr && platform->value) {
          spans.push_back(&platform->span);
          words.push_back(
              std::string_view(platform->span.text()).substr(platform->span.text().find('=') + 1));
        }
        for (size_t w = 0; w < words.size(); ++w) {
          std::set<std::string> names;
          WordLexer lexer(words[w], model.file().escape, env, &names);
          lexer.Process();
          if (!lexer.ok()) continue;  // BuildKit fails on the word (`${x:y}`) instead
          for (const std::string& name : names) {
            if (declared.contains(name)) continue;
            std::string message = "FROM uses $" + name + ", which no ARG before the first FROM declares";
            if (std::string suggestion = Suggest(name, declared); !suggestion.empty()) {
              message += " (did you mean " + suggestion + "?)";
            }
            findings->push_back(FindingAt(*spans[w], message));
          }
        }
        continue;
      }
      const std::string& base = from.args[0].value;
      if (base.find('$') == std::string::npos) continue;  // no ARG default involved
      std::set<std::string> names;
      WordLexer lexer(base, model.file().escape, env, &names);
      std::string image = lexer.Process();
      if (!lexer.ok() || IsValidReference(image)) continue;
      if (std::any_of(names.begin(), names.end(),
                      [&](const std::string& name) { return unknown.contains(name); }))
        continue;
      // A variable no global ARG declares is DKL3149's finding: its default is not the problem.
      if (std::any_of(names.begin(), names.end(),
                      [&](const std::string& name) { return !declared.contains(name); }))
        continue;
      findings->push_back(
          FindingAt(from.args[0].span,
                    "with the ARG defaults (no --build-arg) FROM " + base + " is " +
                        (image.empty() ? std::string("empty") : "'" + image + "', no valid image name") +
                        ": give the ARG a default that makes a valid image"));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeFromArgs() { return std::make_unique<FromArgs>(); }

}  // namespace docklint::rules::checks
