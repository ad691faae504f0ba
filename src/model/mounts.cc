#include "model/mounts.h"

#include <map>

#include "model/inputs.h"
#include "parsers/fstab.h"
#include "parsers/systemd_unit.h"

namespace docklint::model {
namespace {

bool IsPlain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '_' ||
         c == '.';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnder(std::string_view path, std::string_view dir) {
  if (dir == "/") return path.starts_with('/');
  return path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

}  // namespace

std::string NormalizeMountPath(std::string_view path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = std::min(path.find('/', i), path.size());
    std::string_view part = path.substr(i, slash - i);
    if (!part.empty() && part != ".") out += "/" + std::string(part);
    i = slash + 1;
  }
  if (out.empty()) return path.starts_with('/') || path.empty() ? "/" : std::string(path);
  if (!path.starts_with('/')) out.erase(0, 1);  // a relative path stays relative (and never matches)
  return out;
}

std::string EscapeUnitPath(std::string_view path) {
  std::string normalized = NormalizeMountPath(path);
  if (normalized == "/") return "-";
  std::string_view rest = normalized;
  if (rest.starts_with('/')) rest.remove_prefix(1);
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '/') {
      out += '-';
    } else if (IsPlain(c) && !(c == '.' && i == 0)) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      auto byte = static_cast<unsigned char>(c);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::optional<std::string> UnescapeUnitPath(std::string_view name) {
  if (name == "-") return "/";
  std::string out = "/";
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '-') {
      if (out.back() == '/') return std::nullopt;  // an empty component: "a--b", "-a"
      out += '/';
    } else if (name[i] == '\\') {
      if (i + 3 >= name.size() || name[i + 1] != 'x') return std::nullopt;
      int high = HexValue(name[i + 2]), low = HexValue(name[i + 3]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 3;
    } else {
      out += name[i];
    }
  }
  if (out.size() > 1 && out.back() == '/') return std::nullopt;
  return out;
}

const MountPoint* HostMounts::Find(std::string_view normalized_path) const {
  for (const MountPoint& point : points) {
    if (point.path == normalized_path) return &point;
  }
  return nullptr;
}

const MountPoint* HostMounts::Holding(std::string_view normalized_path) const {
  const MountPoint* best = nullptr;
  for (const MountPoint& point : points) {
    if (IsUnder(normalized_path, point.path) && (best == nullptr || point.path.size() > best->path.size()))
      best = &point;
  }
  return best;
}

HostMounts ReadHostMounts(const HostModel& host) {
  HostMounts mounts;
  if (!host.read_file) return mounts;
  if (const base::SourceFile* fstab = host.read_file("/etc/fstab")) {
    mounts.fstab = fstab;
    for (const parsers::FstabEntry& entry : parsers::ParseFstab(*fstab).entries) {
      if (entry.IsSwap()) {
        mounts.not_counted.push_back(entry.spec.value + " (swap, /etc/fstab)");
      } else if (entry.HasOption("noauto")) {
        mounts.not_counted.push_back(NormalizeMountPath(entry.file.value) + " (noauto, /etc/fstab)");
      } else if (entry.file.value.starts_with('/')) {
        mounts.points.push_back({NormalizeMountPath(entry.file.value), entry.file.span, "/etc/fstab"});
      }
    }
  }
  if (!host.list_dir) return mounts;
  // For each unit name, the file systemd loads: the first in the search path.
  std::map<std::string, std::string> first;
  for (const std::string& dir : SystemUnitDirs()) {
    for (const std::string& name : host.list_dir("/" + dir)) {
      if (name.ends_with(".mount") && name.size() > 6) first.emplace(name, "/" + dir + "/" + name);
    }
  }
  for (const auto& [name, path] : first) {
    mounts.unit_paths.push_back(path);
    std::optional<std::string> named = UnescapeUnitPath(std::string_view(name).substr(0, name.size() - 6));
    const base::SourceFile* file = host.read_file(path);
    bool empty = file == nullptr || file->content().find_first_not_of(" \t\r\n") == std::string::npos;
    if (empty) {
      mounts.not_counted.push_back((named ? *named : name) + " (masked, " + path + ")");
      continue;
    }
    base::Diagnostics ignored;
    parsers::UnitFile unit = parsers::ParseSystemdUnit(*file, &ignored);
    std::vector<const parsers::UnitEntry*> where = unit.Find("Mount", "Where");
    std::vector<const parsers::UnitEntry*> what = unit.Find("Mount", "What");
    base::SourceSpan span{file, 0, 0};
    std::optional<std::string> path_of_unit = named;
    if (!where.empty()) {
      span = where.back()->value.empty() ? where.back()->span
                                         : where.back()->value.SpanOf(0, where.back()->value.size());
      std::string where_path = NormalizeMountPath(where.back()->value.text());
      if (!named || where_path != *named) {
        mounts.not_counted.push_back(where_path + " (Where= does not match the unit's name, " + path + ")");
        continue;
      }
    }
    if (!path_of_unit || unit.load_error) {
      mounts.not_counted.push_back(name + " (systemd refuses the unit, " + path + ")");
      continue;
    }
    if (what.empty() || what.back()->value.empty()) {
      mounts.not_counted.push_back(*path_of_unit + " (no What=, " + path + ")");
      continue;
    }
    mounts.points.push_back({*path_of_unit, span, path});
  }
  return mounts;
}

}  // namespace docklint::model
