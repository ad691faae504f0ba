// What the image a Dockerfile ships (its final stage, with the stages it is built FROM) is for, as far as
// the file says: the image-level rules (root user, health check) judge only images that run something,
// because on a base, SDK or tooling image a derived image decides, and a finding there is true but useless.
#ifndef DOCKLINT_RULES_CHECKS_FINAL_IMAGE_H_
#define DOCKLINT_RULES_CHECKS_FINAL_IMAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/dockerfile_model.h"

namespace docklint::rules::checks {

struct FinalImage {
  // The shipped stage (model.shipped_stage(): the final stage unless that is a development stage); null when
  // the file has none or does not say which.
  const model::Stage* stage = nullptr;
  std::vector<const model::Stage*> chain;  // that stage, then each stage it is built FROM
  bool files_only = false;  // FROM scratch (through its stages) with no CMD or ENTRYPOINT: nothing runs
  bool windows = false;     // a Windows base image or a cmd/PowerShell SHELL: USER means another thing there
  bool exposes = false;     // an EXPOSE in the chain: a network service
  // The chain sets a CMD or ENTRYPOINT that starts a program, not a bare shell or REPL (`bash`, `python3`)
  // nor a help or version command: the image runs something when started as it is.
  bool runs_program = false;
  // The command the image starts drops root itself: s6-overlay's /init, a process supervisor, a server
  // that runs its workers unprivileged. (A RUN, CMD or ENTRYPOINT that uses gosu or su-exec is
  // UsesPrivilegeDropTool, asked only when a finding is due: it scans the text.)
  bool drops_privileges = false;
  // io.k8s.* or io.openshift.* labels: made for Kubernetes/OpenShift, whose probes replace HEALTHCHECK
  // (Kubernetes ignores it).
  bool kubernetes = false;
};

FinalImage DescribeFinalImage(const model::DockerfileModel& model);

// How findings name the shipped stage (not null): "the final stage (FROM debian:12)", or "stage production
// (FROM debian:12; the last stage, dev-envs, is for development)"; without the FROM part unless `with_base`.
std::string ShippedStageTitle(const model::DockerfileModel& model, const FinalImage& image, bool with_base);

// Whether a RUN, ENTRYPOINT or CMD of the image's chain installs or calls a tool that drops root at start
// (gosu, su-exec, setpriv, runuser, chpst, s6-setuidgid): the entrypoint switches user itself, as the
// official images do.
bool UsesPrivilegeDropTool(const model::DockerfileModel& model, const FinalImage& image);

// Whether a base image is known to run as a user that is not root without a USER of ours: images named
// nonroot, non-root, unprivileged, rootless or chiseled, and Microsoft's .NET -distroless images.
bool NamedNonRoot(std::string_view image);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_FINAL_IMAGE_H_
