// The result cache's storage: one file per job key holding what the job read (app/read_log.h) and what it
// produced, so that a later run whose reads all answer the same reuses the result instead of linting again
// (as ruff's cache does). This file knows where entries live, their bytes and every way they can be bad;
// deciding whether an entry still holds is the caller's.
#ifndef DOCKLINT_APP_RESULT_CACHE_H_
#define DOCKLINT_APP_RESULT_CACHE_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/jobs.h"
#include "app/read_log.h"
#include "base/content_hash.h"
#include "rules/ruleset.h"

namespace docklint::app {

struct CacheEntry {
  std::vector<ReadRecord> reads;
  JobResult result;
};

class ResultCache {
 public:
  // Uses `dir` (created with its parents when missing; e.g. $XDG_CACHE_HOME/docklint). Entries live in a
  // folder per cache format and docklint version, `dir/<version folder>/<2 hex>/<30 hex>`; folders of other
  // versions under `dir` are removed at open (only folders whose name has our version folder's shape, never
  // anything else). Writes a CACHEDIR.TAG (the standard signature line, https://bford.info/cachedir/) into
  // `dir` so backup tools and docklint's own directory walk skip it. `ruleset` resolves the rule ids of
  // stored outcomes (RuleOutcome::rule is a pointer). Never fails: a cache that cannot be used loads
  // nothing and stores nothing, and says why in Note().
  ResultCache(std::string dir, const rules::Ruleset& ruleset);
  // The entry stored under `key`; nullopt when there is none, or it is unusable: truncated, garbage, of
  // another format or docklint version, stored under another key, an outcome naming a rule the ruleset lacks.
  // An unusable entry is said once in Note() and is rewritten by the next Store of that key.
  std::optional<CacheEntry> Load(const base::ContentHash& key);
  // Stores atomically: the bytes go to a temporary file in the same folder (a name unique per process and
  // thread), then rename() over the entry, so concurrent runs never see half an entry. When the folder cannot
  // be written (read-only, full disk), says why once and stops trying for the rest of the run.
  void Store(const base::ContentHash& key, const std::vector<ReadRecord>& reads, const JobResult& result);
  // At most one line for the whole run, "" when nothing went wrong, e.g.
  // "cannot write the cache in /x/docklint: Permission denied: results were not cached" or
  // "ignored 2 unusable cache entries (truncated, another docklint version) and wrote them again".
  std::string Note() const;

 private:
  std::string EntryPath(const base::ContentHash& key) const;
  // `problem` is one of result_cache.cc's Problem values.
  void NoteUnusable(const base::ContentHash& key, int problem);
  // Turns writing off for the rest of the run, keeping the first reason.
  void StopWriting(const std::string& why);

  const std::string dir_;
  const std::string entries_dir_;  // dir_/<version folder>
  const rules::Ruleset& ruleset_;
  bool readable_ = true;  // false when `dir` could not be made: nothing is loaded
  std::atomic<bool> writable_{true};

  mutable std::mutex note_mutex_;
  std::string write_error_;
  // The unusable entries met, by key, and whether a Store has written each again since.
  std::map<std::pair<uint64_t, uint64_t>, bool> unusable_entries_;
  uint32_t unusable_problems_ = 0;  // a bit per Problem met
};

}  // namespace docklint::app

#endif  // DOCKLINT_APP_RESULT_CACHE_H_
