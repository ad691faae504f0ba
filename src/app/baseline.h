// Baselines: `--baseline-write FILE` records the fingerprints of today's findings; `--baseline FILE`
// reports only findings not recorded there. Fingerprints (base/fingerprint.h) follow the flagged text, so
// edits elsewhere in a file, which shift lines, do not bring recorded findings back.
#ifndef DOCKLINT_APP_BASELINE_H_
#define DOCKLINT_APP_BASELINE_H_

#include <map>
#include <string>
#include <vector>

#include "base/finding.h"

namespace docklint::app {

// fingerprint -> how many findings had it when the baseline was written.
using Baseline = std::map<std::string, size_t>;

// False with a message (naming the line, for a JSON error) when `path` is not a readable baseline.
bool ReadBaseline(const std::string& path, Baseline* baseline, std::string* error);
// False with a message when `path` cannot be written.
bool WriteBaseline(const std::string& path, const std::vector<base::Finding>& findings,
                   const std::vector<std::string>& fingerprints, std::string* error);
// Removes the findings the baseline records (each recorded fingerprint absorbs as many findings as it
// counted), keeping the order of the rest.
void ApplyBaseline(const Baseline& baseline, std::vector<base::Finding>* findings,
                   const std::vector<std::string>& fingerprints);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_BASELINE_H_
