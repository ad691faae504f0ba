// PowerShell's curl | sh: a RUN that runs a downloaded script with Invoke-Expression (iex) in one
// statement: `iex ((New-Object Net.WebClient).DownloadString('https://...'))`, `iwr https://... | iex`,
// `irm https://... | Invoke-Expression`. Read in RUNs under a PowerShell SHELL (pwsh, powershell, any path),
// after a `powershell` or `pwsh` word in other RUNs (`RUN powershell -Command "..."`), and in RUNs that
// start with a cmdlet (iex, iwr, irm, Invoke-..., Set-ExecutionPolicy), which run under a PowerShell SHELL
// of the base image.
#include <algorithm>
#include <cctype>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_'; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Where `word` is in `text` as a whole word (letters, digits, '-', '_' around it), from `from`; npos if not.
size_t FindWord(std::string_view text, std::string_view word, size_t from = 0) {
  for (size_t at = text.find(word, from); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool starts = at == 0 || !IsWordChar(text[at - 1]);
    bool ends = at + word.size() >= text.size() || !IsWordChar(text[at + word.size()]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

bool IsPowerShell(std::string_view program) {
  std::string base = Lower(program.substr(
      program.find_last_of("/\\") == std::string_view::npos ? 0 : program.find_last_of("/\\") + 1));
  return base.starts_with("pwsh") || base.starts_with("powershell");
}

// The first statement of PowerShell `text` (lower-cased) that runs downloaded text: [begin, end), or
// begin == npos.
std::pair<size_t, size_t> FindDownloadExecute(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find_first_of(";\n", begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view statement = text.substr(begin, end - begin);
    bool runs = FindWord(statement, "iex") != std::string_view::npos ||
                FindWord(statement, "invoke-expression") != std::string_view::npos;
    bool downloads = statement.find("downloadstring") != std::string_view::npos ||
                     FindWord(statement, "iwr") != std::string_view::npos ||
                     FindWord(statement, "irm") != std::string_view::npos ||
                     FindWord(statement, "invoke-webrequest") != std::string_view::npos ||
                     FindWord(statement, "invoke-restmethod") != std::string_view::npos;
    if (runs && downloads) return {begin, end};
    begin = end + 1;
  }
  return {std::string_view::npos, 0};
}

// Whether `text` (any case) holds `lower` (lower-case) anywhere.
bool ContainsAnyCase(std::string_view text, std::string_view lower) {
  // ASCII folding inline: std::tolower is a call per byte, and this runs over every RUN.
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (lower.empty()) return true;
  for (size_t i = 0; i + lower.size() <= text.size(); ++i) {
    if (fold(text[i]) != lower[0]) continue;
    size_t n = 1;
    while (n < lower.size() && fold(text[i + n]) == lower[n]) ++n;
    if (n == lower.size()) return true;
  }
  return false;
}

// Whether RUN text (any case) holds the words FindDownloadExecute needs: something that runs text (iex,
// invoke-expression) and something that downloads it.
bool MayDownloadExecute(std::string_view text) {
  if (!ContainsAnyCase(text, "iex") && !ContainsAnyCase(text, "invoke-expression")) return false;
  for (std::string_view word : {"downloadstring", "iwr", "irm", "invoke-webrequest", "invoke-restmethod"}) {
    if (ContainsAnyCase(text, word)) return true;
  }
  return false;
}

// Whether lower-cased RUN text starts with a PowerShell command no POSIX shell or cmd has.
bool StartsWithCmdlet(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  std::string_view first = text.substr(0, end);
  return first == "iex" || first == "invoke-expression" || first == "iwr" || first == "irm" ||
         first == "invoke-webrequest" || first == "invoke-restmethod" || first == "set-executionpolicy";
}

class PowershellDownloadExecute : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "powershell-download-execute"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};  // reads the text, not the parsed commands
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule&,
              std::vector<base::Finding>* findings) const override {
    const model::DockerfileModel& model = dockerfile.model;
    std::vector<bool> final_powershell;
    for (const model::Stage& stage : model.stages()) {
      bool powershell = stage.base_stage >= 0 && final_powershell[stage.base_stage];
      for (const model::InstructionRef& ref : stage.body) {
        if (ref.keyword == model::Keyword::kShell && !ref->args.empty())
          powershell = IsPowerShell(model.Arg(*ref, 0));
        if (ref.keyword != model::Keyword::kRun) continue;
        const parsers::DockerfileText& rest = ref->rest;
        // Lower-casing and searching every RUN is the cost: first a look, in any case, for the words a
        // statement that runs a download needs.
        if (!MayDownloadExecute(rest.text())) continue;
        std::string text = Lower(rest.text());
        size_t start = 0;
        if (!powershell && !ref->json_form && StartsWithCmdlet(text)) {
          // No SHELL in this file says so, but a RUN that starts with a cmdlet runs under a PowerShell
          // SHELL of the base image.
        } else if (!powershell || ref->json_form) {
          start = std::min(FindWord(text, "powershell"), FindWord(text, "pwsh"));  // powershell.exe too
          if (start == std::string::npos) continue;
        }
        auto [begin, end] = FindDownloadExecute(std::string_view(text).substr(start));
        if (begin == std::string_view::npos) continue;
        // Point at the statement, its leading blanks and quotes left out.
        begin += start;
        end += start;
        while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '"')) ++begin;
        findings->push_back(
            FindingAt(rest.SpanOf(begin, end),
                      "PowerShell runs a downloaded script with Invoke-Expression, unverified; "
                      "download it to a file and check its hash first"));
      }
      final_powershell.push_back(powershell);
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePowershellDownloadExecute() {
  return std::make_unique<PowershellDownloadExecute>();
}

}  // namespace docklint::rules::checks
