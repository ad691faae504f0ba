// A service that mounts one of the host paths a control names: the Docker socket, or a sensitive host
// directory. Reads the short volume syntax (SOURCE:TARGET[:MODE], where a source that starts with '/', '.'
// or '~' is a host path) and the long one (type: bind, source: ...). Params: `paths`, comma-separated host
// paths, matched exactly after removing trailing and repeated slashes.
#include <sstream>

#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

std::string NormalizePath(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// The host path a volume entry binds, or "" for a named volume, a tmpfs or an anonymous volume.
std::string HostSource(const model::ComposeNode& volume) {
  if (volume.IsScalar()) {
    std::string_view text = volume.value;
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) return "";  // an anonymous volume: a target alone
    std::string_view source = text.substr(0, colon);
    if (source.empty() || (source[0] != '/' && source[0] != '.' && source[0] != '~')) return "";
    return std::string(source);
  }
  if (volume.IsMapping()) {
    const model::ComposeNode* type = volume.Find("type");
    const model::ComposeNode* source = volume.Find("source");
    if (type == nullptr || type->value != "bind" || source == nullptr) return "";
    return source->value;
  }
  return "";
}

class ComposeHostPathMounted : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-host-path-mounted"; }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    std::vector<std::string> paths;
    std::stringstream in(rule.params.at("paths"));
    for (std::string path; std::getline(in, path, ',');) {
      if (!base::Trim(path).empty()) paths.push_back(NormalizePath(base::Trim(path)));
    }
    std::string what = rule.message.empty() ? rule.title : rule.message;
    for (const model::ComposeService& service : compose.project.services) {
      const model::ComposeNode* volumes = service.definition->Find("volumes");
      if (volumes == nullptr || !volumes->IsSequence()) continue;
      for (const model::ComposeNode& volume : volumes->items) {
        std::string source = HostSource(volume);
        if (source.empty()) continue;
        std::string normalized = NormalizePath(source);
        if (std::find(paths.begin(), paths.end(), normalized) == paths.end()) continue;
        const model::ComposeNode* at = volume.IsMapping() ? volume.Find("source") : &volume;
        findings->push_back(ServiceFinding(compose.project, service, at, "mounts " + source + ": " + what));
      }
    }
  }

  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    if (params.size() != 1 || !params.contains("paths"))
      return "takes one param, paths (comma-separated host paths)";
    return "";
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeHostPathMounted() {
  return std::make_unique<ComposeHostPathMounted>();
}

}  // namespace docklint::rules::checks
