#include "rules/checks/data_root_mount.h"

#include "model/mounts.h"
#include "rules/declarative_test.h"

namespace docklint::rules::checks {
namespace {

// "100000.100000": the folder name dockerd gives a remapped root (the remapped uid and gid of root).
bool IsRemappedRootName(std::string_view name) {
  size_t dot = name.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i != dot && (name[i] < '0' || name[i] > '9')) return false;
  }
  return true;
}

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

bool DataRootMount::Run(const HostContext& host, const Rule& rule,
                        std::vector<base::Finding>* findings) const {
  (void)rule;
  const model::HostConfig& config = host.config;
  if (config.IsUnknown("data-root")) return false;
  nlohmann::json value = config.ValueOrDefault("data-root");
  if (!value.is_string() || value.get<std::string>().empty()) return false;
  std::string root = model::NormalizeMountPath(value.get<std::string>());
  if (!root.starts_with('/')) return false;  // dockerd makes it absolute against a cwd we cannot know

  model::HostMounts mounts = model::ReadHostMounts(host);
  if (!mounts.known()) return false;
  if (mounts.Find(root) != nullptr) return true;

  bool remapped = false;
  if (!config.IsUnknown("userns-remap")) {
    nlohmann::json remap = config.ValueOrDefault("userns-remap");
    remapped = remap.is_string() && !remap.get<std::string>().empty();
  }
  for (const model::MountPoint& point : mounts.points) {
    std::string_view path = point.path;
    if (remapped && path.size() > root.size() + 1 && path.starts_with(root) && path[root.size()] == '/' &&
        IsRemappedRootName(path.substr(root.size() + 1))) {
      return true;
    }
  }
  if (!remapped && config.IsUnknown("userns-remap")) {
    // A remapped root below the data root could still be mounted; only a mount there would tell.
    for (const model::MountPoint& point : mounts.points) {
      if (point.path.starts_with(root + "/")) return false;
    }
  }

  std::vector<std::string> read;
  if (mounts.fstab != nullptr) read.push_back("/etc/fstab");
  read.insert(read.end(), mounts.unit_paths.begin(), mounts.unit_paths.end());
  std::vector<std::string> points;
  for (const model::MountPoint& point : mounts.points) points.push_back(point.path);

  base::Finding finding;
  finding.message = "the data root " + root + " is not a mount point";
  if (remapped) finding.message += " (nor is the remapped root below it, " + root + "/<uid>.<gid>)";
  if (const model::MountPoint* holder = mounts.Holding(root)) {
    finding.message += ": it lives on the file system mounted at " + holder->path;
  } else {
    finding.message += ": it lives on the root file system";
  }
  finding.message += ", so containers that fill it fill that file system too; read " + List(read) +
                     ", mounted at boot: " + (points.empty() ? std::string("nothing") : List(points));
  if (!mounts.not_counted.empty()) finding.message += "; not counted: " + List(mounts.not_counted);

  base::SourceSpan place;
  if (const model::Setting* setting = config.Find("data-root");
      setting != nullptr && !setting->EffectiveItems().empty()) {
    place = setting->EffectiveItems().back()->origin.whole;
  } else if (mounts.fstab != nullptr) {
    place = base::SourceSpan{mounts.fstab, 0, static_cast<uint32_t>(mounts.fstab->LineText(1).size())};
  } else {
    place = HostWidePlace(config);
  }
  finding.location = base::Location::Of(place);
  findings->push_back(std::move(finding));
  return true;
}

}  // namespace docklint::rules::checks
