#include "app/engine_version.h"

#include <filesystem>

#include "base/source_file.h"

namespace docklint::app {
namespace {

// The packages that ship dockerd, most specific first.
constexpr std::string_view kEnginePackages[] = {"docker-ce", "docker.io", "moby-engine", "docker-engine"};

}  // namespace

std::string UpstreamVersion(std::string_view debian_version) {
  size_t colon = debian_version.find(':');
  if (colon != std::string_view::npos) debian_version.remove_prefix(colon + 1);
  size_t end = debian_version.find_first_not_of("0123456789.");
  std::string_view core = debian_version.substr(0, end);
  while (!core.empty() && core.back() == '.') core.remove_suffix(1);
  return std::string(core);
}

bool IsEngineVersion(std::string_view text) {
  int dots = 0;
  bool digit = false;
  for (char c : text) {
    if (c == '.') {
      if (!digit) return false;
      ++dots;
      digit = false;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      return false;
    }
  }
  return digit && dots >= 1 && dots <= 2;
}

DetectedEngine DetectEngineVersion(const HostFs& tree) {
  DetectedEngine out;
  std::string content, error;
  if (!tree.Read("var/lib/dpkg/status", &content, &error)) {
    bool rpm = tree.TypeOf("var/lib/rpm") == HostFs::Type::kDirectory ||
               tree.TypeOf("usr/lib/sysimage/rpm") == HostFs::Type::kDirectory;
    out.why_not = rpm ? "the image keeps its packages in an RPM database, which docklint does not read"
                      : "the image has no dpkg status file (var/lib/dpkg/status)";
    return out;
  }
  // Stanzas are separated by blank lines; fields we need: Package, Status, Version.
  size_t pos = 0;
  size_t best = std::size(kEnginePackages);
  while (pos < content.size()) {
    size_t end = content.find("\n\n", pos);
    if (end == std::string::npos) end = content.size();
    std::string_view stanza(content.data() + pos, end - pos);
    std::string package, status, version;
    size_t line_start = 0;
    while (line_start < stanza.size()) {
      size_t line_end = stanza.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = stanza.size();
      std::string_view line = stanza.substr(line_start, line_end - line_start);
      if (line.starts_with("Package: ")) package = line.substr(9);
      if (line.starts_with("Status: ")) status = line.substr(8);
      if (line.starts_with("Version: ")) version = line.substr(9);
      line_start = line_end + 1;
    }
    for (size_t i = 0; i < best; ++i) {
      if (package == kEnginePackages[i] && status.ends_with(" installed")) {
        best = i;
        out.package = package;
        out.version = UpstreamVersion(version);
      }
    }
    pos = end + 2;
  }
  if (out.version.empty()) {
    out.why_not =
        "no Docker engine package (docker-ce, docker.io, moby-engine) is installed in var/lib/dpkg/status";
  }
  return out;
}

}  // namespace docklint::app
