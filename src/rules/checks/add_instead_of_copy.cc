// CIS 4.9, hadolint DL3020: ADD of local files, which COPY does plainly. Local tar archives are what ADD is
// for (it unpacks them), so an ADD of archives only is left alone, as hadolint does.
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

bool IsRemote(std::string_view source) {
  return source.starts_with("http://") || source.starts_with("https://") || source.starts_with("git@") ||
         source.starts_with("git://") || source.starts_with("ssh://");
}

bool IsArchive(std::string_view source) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
                               ".tzst", ".tar.lz", ".tar.lzma"}) {
    if (source.ends_with(ext)) return true;
  }
  return false;
}

class AddInsteadOfCopy : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "add-instead-of-copy"; }
  void Run(const DockerfileContext& dockerfile, const Rule&, std::vector<base::Finding>* findings) const override {
    for (const model::Instruction* instruction : dockerfile.model.all_instructions()) {
      if (instruction->keyword != "add" || instruction->args.size() < 2) continue;
      std::string plain;
      std::vector<std::string> archives;
      bool remote = false;
      for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
        const std::string& source = instruction->args[i].value;
        if (source.starts_with("<<")) continue;  // a heredoc: inline content
        if (IsRemote(source)) remote = true;
        else if (IsArchive(source)) archives.push_back(source);
        else plain += (plain.empty() ? "" : ", ") + source;
      }
      if (plain.empty() || remote) continue;
      std::string message = "ADD of local files (" + plain + "): use COPY, which does not unpack or fetch";
      if (!archives.empty()) message += "; keep ADD for the archive " + archives.front() + " in an ADD of its own";
      findings->push_back(FindingAt(instruction->keyword_span, message));
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddInsteadOfCopy() { return std::make_unique<AddInsteadOfCopy>(); }

}  // namespace docklint::rules::checks
