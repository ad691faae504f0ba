// hadolint DL3006 (param forbid = "untagged") and DL3007 / trivy DS001 (forbid = "latest").
#include "rules/checks/dockerfile_checks.h"

namespace docklint::rules::checks {
namespace {

class BaseImageTag : public DockerfileCheck {
 public:
  std::string_view Name() const override { return "base-image-tag"; }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    return std::vector<std::string_view>{};
  }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("forbid");
    if (params.size() != 1 || it == params.end() || (it->second != "untagged" && it->second != "latest")) {
      return "needs the param forbid = \"untagged\" or \"latest\"";
    }
    return "";
  }
  void OnFile(const DockerfileContext& dockerfile, const Rule& rule,
              std::vector<base::Finding>* findings) const override {
    bool forbid_latest = rule.params.at("forbid") == "latest";
    for (const model::Stage& stage : dockerfile.model.stages()) {
      if (stage.base_stage >= 0 || stage.from->args.empty()) continue;  // built FROM an earlier stage
      const std::string& image = stage.base;
      if (image == "scratch" || image.find('$') != std::string::npos) continue;
      bool has_digest = image.find('@') != std::string::npos;
      size_t last_slash = image.rfind('/');
      size_t colon = image.find(':', last_slash == std::string::npos ? 0 : last_slash);
      std::string tag =
          colon == std::string::npos ? "" : image.substr(colon + 1, image.find('@', colon) - colon - 1);
      const base::SourceSpan& at = stage.from->args.front().span;
      if (!forbid_latest && tag.empty() && !has_digest) {
        findings->push_back(FindingAt(at, "FROM " + image +
                                              " has no tag: the build takes whatever :latest is that day; "
                                              "pin a version tag or a digest"));
      }
      if (forbid_latest && tag == "latest" && !has_digest) {
        findings->push_back(
            FindingAt(at, "FROM " + image + " follows :latest, which moves; pin a version tag or a digest"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakeBaseImageTag() { return std::make_unique<BaseImageTag>(); }

}  // namespace docklint::rules::checks
