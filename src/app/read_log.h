// What a job read, recorded while it reads, so that a cached result (app/result_cache.h) is reused only
// while every read would still give the same answer: each file's content, what each path is, what each
// folder lists. Reads go through few places (a host tree's HostFs, jobs.cc's file reads, the .dockerignore
// lookup), and each records itself into the log of the job its thread runs.
#ifndef DOCKLINT_APP_READ_LOG_H_
#define DOCKLINT_APP_READ_LOG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/content_hash.h"

namespace docklint::app {

// What was asked. The numbers are stored in cache entries: never renumber, only add.
enum class ReadOp : uint8_t {
  // Of the job's host tree (app/host_fs.h), by the tree's relative path.
  kTreeRead = 1,
  kTreeTypeOf = 2,
  kTreeListEntries = 3,
  kTreeStat = 4,
  kTreeMetadataVerdict = 5,  // HostFs::WhyMetadataIsNotTheHosts (the path is empty)
  kTreeList = 6,
  kTreeRegularFilesUnder = 7,
  kTreeSkipped = 8,  // HostFs::Skipped (the path is empty)
  // Of the disk, by the path as the job names it.
  kDiskRead = 20,
  kDiskExists = 21,  // what the path names, links not followed: missing or not
  kDiskIsRegularFile = 22,
  // Of the run: whether it lints a Dockerfile as a job of its own (a compose project then leaves it).
  kDockerfileJob = 40,
};

struct ReadRecord {
  ReadOp op = ReadOp::kDiskRead;
  std::string path;
  base::ContentHash answer;  // of the answer, as app/read_log.cc's encoders write it
  friend bool operator==(const ReadRecord&, const ReadRecord&) = default;
};

class ReadLog {
 public:
  // Records that `op` on `path` answered `answer` (its bytes are hashed). The first answer to a question is
  // kept: a job asks the same one many times and the tree does not change under it.
  void Add(ReadOp op, std::string_view path, std::string_view answer);
  // The same for the answer `prefix` followed by `body` (a file's content), without copying them.
  void Add(ReadOp op, std::string_view path, std::string_view prefix, std::string_view body);
  // The job read what a cache cannot check again (standard input, an editor's unsaved text, a program's
  // output): its result is not stored.
  void MarkUncacheable() { cacheable_ = false; }
  bool cacheable() const { return cacheable_; }
  const std::vector<ReadRecord>& records() const { return records_; }

 private:
  std::vector<ReadRecord> records_;
  std::unordered_set<std::string> asked_;  // the op's byte, then the path
  bool cacheable_ = true;
};

// The log of the job the calling thread runs; null when nothing records (a plan, the language server, a
// check of a cached entry).
ReadLog* CurrentReadLog();

// Makes `log` (null: none) the calling thread's log while it lives, and restores the one before.
class ScopedReadLog {
 public:
  explicit ScopedReadLog(ReadLog* log);
  ~ScopedReadLog();
  ScopedReadLog(const ScopedReadLog&) = delete;
  ScopedReadLog& operator=(const ScopedReadLog&) = delete;

 private:
  ReadLog* previous_;
};

// Records into the calling thread's log, when there is one.
inline void RecordRead(ReadOp op, std::string_view path, std::string_view answer) {
  if (ReadLog* log = CurrentReadLog()) log->Add(op, path, answer);
}

// The answer to a disk question (kDiskRead: "+" and the bytes, or "-" and why not; the others "1" or
// "0"), as the log records it and a check of a cached entry asks it again.
std::string DiskAnswer(ReadOp op, const std::string& path);

// DiskAnswer, recorded in the calling thread's log.
inline std::string AskDisk(ReadOp op, const std::string& path) {
  std::string answer = DiskAnswer(op, path);
  RecordRead(op, path, answer);
  return answer;
}

}  // namespace docklint::app

#endif  // DOCKLINT_APP_READ_LOG_H_
