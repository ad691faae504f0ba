// CIS 4.9, hadolint DL3020: ADD of local files, which COPY does plainly. Local tar archives are what ADD is
// for (it unpacks them), so archives, and compressed files that may hold one (ADD decides by content), are
// left alone, as hadolint does. Sources are read after quote removal, as BuildKit reads them; URLs, git
// repositories and a source that starts with a variable (it may be a URL) are not plain files, but as in
// hadolint they do not excuse a plain file beside them.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsArchive(std::string_view source) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
                               ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma",
                               // compressed files: ADD unpacks them when they hold a tar archive
                               ".gz", ".bz2", ".xz", ".zst", ".tb2"}) {
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
    std::string remote;
    for (size_t i = 0; i + 1 < add->args.size(); ++i) {
      if (add->args[i].value.starts_with("<<")) continue;  // a heredoc: inline content
      std::string source = dockerfile.model.Arg(*add, i);
      if (ClassifySource(source) != SourceKind::kLocal) {
        if (remote.empty()) remote = source;
      } else if (IsArchive(source)) {
        archives.push_back(source);
      } else {
        plain += (plain.empty() ? "" : ", ") + source;
      }
    }
    if (plain.empty()) return;
    std::string message = "ADD of local files (" + plain + "): use COPY, which does not unpack or fetch";
    if (!archives.empty())
      message += "; keep ADD for the archive " + archives.front() + " in an ADD of its own";
    else if (!remote.empty())
      message += "; keep ADD for " + remote + " in an ADD of its own";
    findings->push_back(FindingAt(add->keyword_span, message));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddInsteadOfCopy() { return std::make_unique<AddInsteadOfCopy>(); }

}  // namespace docklint::rules::checks
