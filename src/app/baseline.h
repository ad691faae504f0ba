// Baselines: `--baseline-write FILE` records the fingerprints of today's findings; `--baseline FILE`
// reports only findings not recorded there. Fingerprints (base/fingerprint.h) follow the flagged text, so
// edits elsewhere in a file, which shift lines, do not bring recorded findings back.
#ifndef DOCKLINT_APP_BASELINE_H_
#define DOCKLINT_APP_BASELINE_H_

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "base/finding.h"

namespace docklint::app {

// fingerprint -> how many findings had it when the baseline was written.
using Baseline = std::map<std::string, size_t>;

// False with a message (naming the line, for a JSON error) when `path` is not a readable baseline.
bool ReadBaseline(const std::string& path, Baseline* baseline, std::string* error);
// Writes a baseline as the run's findings come: to a temporary file beside `path`, renamed over it by Finish,
// so a run that stops half-way leaves the old baseline.
class BaselineWriter {
 public:
  // False with a message when the file cannot be created.
  bool Open(const std::string& path, std::string* error);
  void Add(const std::vector<base::Finding>& findings, const std::vector<std::string>& fingerprints);
  // False with a message when the file cannot be written.
  bool Finish(std::string* error);

 private:
  std::string path_, temporary_;
  std::ofstream out_;
  size_t count_ = 0;
};

// Removes the findings (and their fingerprints) that `remaining` records: each recorded fingerprint absorbs
// as many findings as it counted, over the whole run. Keeps the order of the rest.
void ApplyBaseline(Baseline* remaining, std::vector<base::Finding>* findings,
                   std::vector<std::string>* fingerprints);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_BASELINE_H_
