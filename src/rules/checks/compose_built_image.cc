// What a service's image says of itself, for the services whose image the project builds: judged with
// its Dockerfile's HEALTHCHECK (CIS 5.27) or USER (CIS 4.1) at the stage compose builds
// (model::ComposeBuild), unless the service sets its own `healthcheck` or `user`. An image from elsewhere,
// or a Dockerfile that cannot be read, is not judged (INFO in the summary): what it holds is unknown here.
#include "base/strings.h"
#include "rules/checks/compose_checks.h"

namespace docklint::rules::checks {
namespace {

std::string PlaceOf(const model::ComposeBuild& build) {
  std::string path = build.file != nullptr ? build.file->path() : build.dockerfile;
  if (build.user_at.valid()) path += ":" + std::to_string(build.user_at.range().begin.line);
  return path;
}

class ComposeBuiltImage : public ComposeCheck {
 public:
  std::string_view Name() const override { return "compose-built-image"; }

  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("fact");
    if (params.size() != 1 || it == params.end() || (it->second != "healthcheck" && it->second != "user"))
      return "check 'compose-built-image' takes params = { fact = \"healthcheck\" or \"user\" }";
    return "";
  }

  // A service is judged when it sets the fact itself or builds its image from a Dockerfile read here.
  bool Judges(const ComposeContext& /*compose*/, const Rule& rule,
              const model::ComposeService& service) const override {
    bool own = service.definition->Find(rule.params.at("fact")) != nullptr;
    return own || (service.build && service.build->read);
  }

  void Run(const ComposeContext& compose, const Rule& rule,
           std::vector<base::Finding>* findings) const override {
    bool healthcheck = rule.params.at("fact") == "healthcheck";
    for (const model::ComposeService& service : compose.project.services) {
      if (!service.build || !service.build->read) continue;
      const model::ComposeBuild& build = *service.build;
      std::string file = build.file->path();
      std::string message;
      if (healthcheck) {
        if (service.definition->Find("healthcheck") != nullptr || build.healthcheck) continue;
        message = build.healthcheck_none
                      ? "its Dockerfile " + file + " turns HEALTHCHECK off"
                      : "neither the service nor its Dockerfile " + file + " defines a health check";
      } else {
        if (service.definition->Find("user") != nullptr) continue;
        std::string user = build.user.substr(0, build.user.find(':'));
        if (build.user.empty()) {
          message = "no `user`, and its Dockerfile " + file +
                    " sets no USER: it runs as its base image's user, root unless that image sets another";
        } else if (user == "root" || user == "0") {
          message = "no `user`, and its Dockerfile sets USER " + build.user + " (" + PlaceOf(build) + ")";
        } else {
          continue;
        }
      }
      findings->push_back(
          ServiceFinding(compose.project, service, build.at,
                         message + ": " + (rule.message.empty() ? rule.title : rule.message)));
    }
  }
};

}  // namespace

std::unique_ptr<ComposeCheck> MakeComposeBuiltImage() { return std::make_unique<ComposeBuiltImage>(); }

}  // namespace docklint::rules::checks
