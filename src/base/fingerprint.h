// Fingerprints that name a finding across edits: the rule, the file and the text it points at (not its
// line number), so inserting lines above it keeps the fingerprint, while editing the flagged text changes
// it. Identical findings in one file are told apart by their order. For baselines and GitLab Code Quality.
#ifndef DOCKLINT_BASE_FINGERPRINT_H_
#define DOCKLINT_BASE_FINGERPRINT_H_

#include <functional>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/source_file.h"

namespace docklint::base {

// The source file a finding's location names, or nullptr when its text is not known.
using SourceLookup = std::function<const SourceFile*(const std::string& path)>;

// One 32-hex-digit fingerprint per finding, in order. Not a cryptographic hash: it only has to be stable.
std::vector<std::string> Fingerprints(const std::vector<Finding>& findings, const SourceLookup& sources);

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_FINGERPRINT_H_
