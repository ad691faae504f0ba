// CIS 4.9, hadolint DL3020: ADD of local files, which COPY does plainly. Local tar archives are what ADD is
// for (it unpacks them), so an ADD of archives only is left alone, as hadolint does. Sources are read after
// quote removal, as BuildKit reads them; one that starts with a variable may be a URL and is not judged.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsArchive(std::string_view source) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
                               ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma"}) {
    if (source.ends_with(ext)) return true;
  }
  return false;
}

class AddInsteadOfCopy : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "add-instead-of-copy"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kAdd}; }
  void OnInstruction(const DockerfileContext& dockerfile, const model::InstructionRef& add, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    if (add->args.size() < 2) return;
    std::string plain;
    std::vector<std::string> archives;
    bool not_local = false;
    for (size_t i = 0; i + 1 < add->args.size(); ++i) {
      if (add->args[i].value.starts_with("<<")) continue;  // a heredoc: inline content
      std::string source = dockerfile.model.Arg(*add, i);
      if (ClassifySource(source) != SourceKind::kLocal) {
        not_local = true;
      } else if (IsArchive(source)) {
        archives.push_back(source);
      } else {
        plain += (plain.empty() ? "" : ", ") + source;
      }
    }
    if (plain.empty() || not_local) return;
    std::string message = "ADD of local files (" + plain + "): use COPY, which does not unpack or fetch";
    if (!archives.empty())
      message += "; keep ADD for the archive " + archives.front() + " in an ADD of its own";
    findings->push_back(FindingAt(add->keyword_span, message));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddInsteadOfCopy() { return std::make_unique<AddInsteadOfCopy>(); }

}  // namespace docklint::rules::checks
