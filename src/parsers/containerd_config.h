// containerd's /etc/containerd/config.toml, as far as docklint judges it: whether it is TOML containerd
// decodes, its `version`, and the owner containerd gives its gRPC socket ([grpc] uid and gid). containerd
// decodes the file with pelletier/go-toml into its Config type (v1 in containerd 1.x, v2 in 2.x); a value of
// the wrong type for a field is an error in both.
#ifndef DOCKLINT_PARSERS_CONTAINERD_CONFIG_H_
#define DOCKLINT_PARSERS_CONTAINERD_CONFIG_H_

#include <cstdint>
#include <optional>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace docklint::parsers {

struct ContainerdInteger {
  int64_t value = 0;
  base::SourceSpan span;  // the value
};

struct ContainerdConfig {
  bool decodes = false;  // false: containerd refuses the file (reported with kContainerdConfigRefused)
  std::optional<ContainerdInteger> version;
  std::optional<ContainerdInteger> grpc_uid, grpc_gid;
};

// Parses `file`. TOML syntax errors, and a `version`, `[grpc]`, `uid` or `gid` of the wrong type, go to
// `diagnostics` with kContainerdConfigRefused. Never throws.
ContainerdConfig ParseContainerdConfig(const base::SourceFile& file, base::Diagnostics* diagnostics);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_CONTAINERD_CONFIG_H_
