// CIS 4.9: ADD fetches an http(s) URL and nothing checks what it got. Git sources are left out (a commit
// pins them), and so are sources that start with a variable. A later RUN of the same stage that checks a
// hash or signature (sha256sum, Get-FileHash, gpg --verify, ...) and names the downloaded file counts as the
// check: the finding is dropped.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

// A download no RUN has verified yet: reported at the end of the file unless one does.
struct Pending {
  int stage = -1;
  bool trigger = false;
  std::vector<std::string> names;  // the destination and the file's base name, as a RUN would name them
  base::Finding finding;
};

struct State {
  std::vector<Pending> pending;
};

// The last path element of `path` (a URL without its query or fragment), "" when it ends in '/'.
std::string BaseName(std::string_view path) {
  path = path.substr(0, path.find_first_of("?#"));
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Whether RUN text checks a hash or a signature.
bool VerifiesSomething(std::string_view text) {
  for (std::string_view word :
       {"sha256sum", "sha512sum", "sha1sum", "md5sum", "gpgv", "gpg --verify", "cosign verify"}) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("get-filehash") != std::string::npos ||
         lower.find("certutil -hashfile") != std::string::npos;
}

class AddUrlWithoutChecksum : public DockerfileCheckWithState<State> {
 public:
  std::string_view Name() const override { return "add-url-without-checksum"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};  // RUN text is searched as written, never parsed
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kAdd, model::Keyword::kRun};
  }
  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule&,
            State* state, std::vector<base::Finding>*) const override {
    const model::DockerfileModel& model = dockerfile.model;
    if (instruction.keyword == model::Keyword::kRun) {
      if (state->pending.empty()) return;
      std::string_view text = InstructionText(model, *instruction);
      if (!VerifiesSomething(text)) return;
      std::erase_if(state->pending, [&](const Pending& pending) {
        return pending.stage == instruction.stage && pending.trigger == instruction.trigger &&
               std::any_of(pending.names.begin(), pending.names.end(), [&](const std::string& name) {
                 return text.find(name) != std::string_view::npos;
               });
      });
      return;
    }
    if (instruction->FindFlag("checksum") != nullptr || instruction->args.size() < 2) return;
    std::string destination = model.Arg(*instruction, instruction->args.size() - 1);
    for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
      std::string url = model.Arg(*instruction, i);
      if (ClassifySource(url) != SourceKind::kUrl) continue;
      Pending pending{instruction.stage, instruction.trigger, {}, {}};
      // ADD https://.../busybox.exe /busybox.exe: a RUN names /busybox.exe, or busybox.exe.
      if (!destination.empty() && !destination.ends_with('/') && destination != "." && destination != "..") {
        pending.names.push_back(destination);
        std::string file = BaseName(destination);
        if (!file.empty() && file != "." && file != "..") pending.names.push_back(file);
      }
      std::string_view after_scheme = std::string_view(url).substr(url.find("://") + 3);
      size_t path = after_scheme.find('/');  // https://host/dir/file.tar.gz?x=1: file.tar.gz
      if (path != std::string_view::npos) {
        std::string file = BaseName(after_scheme.substr(path));
        if (!file.empty()) pending.names.push_back(file);
      }
      pending.finding =
          FindingAt(instruction->args[i].span,
                    "ADD fetches " + url + " without --checksum: the build trusts whatever the server sends");
      state->pending.push_back(std::move(pending));
    }
  }
  void Done(const DockerfileContext&, const Rule&, State* state,
            std::vector<base::Finding>* findings) const override {
    for (Pending& pending : state->pending) findings->push_back(std::move(pending.finding));
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeAddUrlWithoutChecksum() {
  return std::make_unique<AddUrlWithoutChecksum>();
}

}  // namespace docklint::rules::checks
