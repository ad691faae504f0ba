// Which paths of a host are mount points, as the host mounts them at boot: the entries of /etc/fstab
// (systemd's fstab-generator turns each into a mount unit) and the .mount units in systemd's system unit
// search path. CIS 1.1.1 asks this of Docker's data root, as docker-bench's `mountpoint -q` does on a running
// host.
#ifndef DOCKLINT_MODEL_MOUNTS_H_
#define DOCKLINT_MODEL_MOUNTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"
#include "model/host_model.h"

namespace docklint::model {

// A path as systemd-escape --path writes it in a unit name: "/var/lib/docker" -> "var-lib-docker", "/" ->
// "-", and every byte that is not [A-Za-z0-9:_.] (or a leading '.') as \xNN: "/srv/my-data" ->
// "srv-my\x2ddata".
std::string EscapeUnitPath(std::string_view path);
// The path a unit name prefix stands for ("var-lib-docker" -> "/var/lib/docker"); nullopt when it is no
// valid escaped path (a bad \x escape, an empty component).
std::optional<std::string> UnescapeUnitPath(std::string_view name);
// A path with repeated slashes, "." components and the trailing slash removed ("/var//lib/docker/" ->
// "/var/lib/docker"); ".." is kept as written.
std::string NormalizeMountPath(std::string_view path);

struct MountPoint {
  std::string path;       // normalized
  base::SourceSpan span;  // the fstab field, or the unit's Where= (its first byte when it has none)
  std::string source;     // "/etc/fstab" or the unit's host path, for messages
};

struct HostMounts {
  const base::SourceFile* fstab = nullptr;  // null when the host has none
  std::vector<std::string> unit_paths;      // the .mount units found (host paths), masked ones included
  std::vector<MountPoint> points;           // what is mounted at boot
  // Entries that mount nothing at boot, for messages: "/mnt/backup (noauto, /etc/fstab)".
  std::vector<std::string> not_counted;

  // Whether anything was read: without fstab and mount units the tree cannot say what is mounted.
  bool known() const { return fstab != nullptr || !unit_paths.empty(); }
  const MountPoint* Find(std::string_view normalized_path) const;
  // The mount point that holds `normalized_path` (the longest that is it or a folder above it); null when
  // none, not even "/", is listed.
  const MountPoint* Holding(std::string_view normalized_path) const;
};

// Reads /etc/fstab and the .mount units of the system unit dirs through host.read_file and host.list_dir.
// An fstab entry with "noauto" or of type swap mounts nothing at boot; neither does a masked unit (a link
// to /dev/null or an empty file, where systemd looks first), nor one systemd refuses: Where= that is not
// the path its name says, or no What=.
HostMounts ReadHostMounts(const HostModel& host);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_MOUNTS_H_
