// Which Docker Engine release a host tree runs, read from the image's package database, so that
// daemon.json keys and flags are judged as that dockerd judges them.
#ifndef DOCKLINT_APP_ENGINE_VERSION_H_
#define DOCKLINT_APP_ENGINE_VERSION_H_

#include <string>
#include <string_view>

#include "app/host_fs.h"

namespace docklint::app {

struct DetectedEngine {
  std::string version;  // "24.0.7"; empty when not found
  std::string package;  // "docker-ce", "docker.io", "moby-engine", "docker-engine"
  std::string why_not;  // when not found: why, in words for a note
};

// Reads var/lib/dpkg/status of the tree for an installed engine package.
DetectedEngine DetectEngineVersion(const HostFs& tree);

// The upstream release in a Debian version: "5:24.0.7-1~debian.12~bookworm" -> "24.0.7",
// "20.10.24+dfsg1-1+deb12u1" -> "20.10.24", "18.09.1~3-0~debian-stretch" -> "18.09.1".
std::string UpstreamVersion(std::string_view debian_version);

// "X.Y" or "X.Y.Z" with decimal numbers.
bool IsEngineVersion(std::string_view text);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_ENGINE_VERSION_H_
