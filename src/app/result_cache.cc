#include "app/result_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <limits>
#include <memory>
#include <string_view>
#include <system_error>

namespace docklint::app {
namespace fs = std::filesystem;
namespace {

// Bump whenever the bytes of an entry change: entries of another format then live in another folder, which
// the next run removes.
constexpr uint32_t kFormatVersion = 2;
constexpr std::string_view kMagic = "DKLCACHE";
constexpr std::string_view kVersionFolderPrefix = "results-v";  // results-v<format>-<docklint version>
// No entry docklint writes comes near this; a larger file is not one of ours, and reading it could cost
// more memory than the run. Store skips a result that would exceed it rather than write what Load refuses.
constexpr uint64_t kMaxEntrySize = uint64_t{256} << 20;
// A docklint version string longer than this is garbage, not another version.
constexpr uint32_t kMaxVersionSize = 256;
constexpr std::string_view kCacheDirTag =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by docklint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n";

// Why an entry was not used: a bit each in ResultCache::unusable_problems_, named by Note() in this order.
enum Problem { kTruncated, kCorrupt, kOtherVersion, kOtherKey, kUnknownRule, kUnreadable, kProblemCount };
constexpr std::string_view kProblemNames[kProblemCount] = {
    "truncated", "corrupt", "another docklint version", "stored under another key", "naming an unknown rule",
    "unreadable"};

bool IsVersionChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
         c == '+' || c == '_';
}

// A folder name for any docklint version, whatever characters its version has.
std::string VersionFolderName() {
  std::string name = std::string(kVersionFolderPrefix) + std::to_string(kFormatVersion) + "-";
  for (char c : std::string_view(DOCKLINT_VERSION)) name += IsVersionChar(c) ? c : '_';
  return name;
}

// Whether `name` has the shape VersionFolderName() gives any format and version: only such folders are ever
// removed, so that a cache directory the user shares with other files loses nothing else.
bool IsVersionFolderName(std::string_view name) {
  if (!name.starts_with(kVersionFolderPrefix)) return false;
  name.remove_prefix(kVersionFolderPrefix.size());
  size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  if (digits == 0 || digits == name.size() || name[digits] != '-') return false;
  name.remove_prefix(digits + 1);
  return !name.empty() && std::all_of(name.begin(), name.end(), IsVersionChar);
}

std::string ErrnoMessage(int error) { return std::error_code(error, std::generic_category()).message(); }

// The byte format: integers little-endian whatever the machine, strings and lists as a u32 count then their
// bytes or items.
class Writer {
 public:
  void U8(uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void U32(uint32_t value) {
    for (int i = 0; i < 4; ++i) U8(static_cast<uint8_t>(value >> (8 * i)));
  }
  void U64(uint64_t value) {
    for (int i = 0; i < 8; ++i) U8(static_cast<uint8_t>(value >> (8 * i)));
  }
  void Bool(bool value) { U8(value ? 1 : 0); }
  void Hash(const base::ContentHash& hash) {
    U64(hash.low);
    U64(hash.high);
  }
  void Count(size_t count) {
    if (count > std::numeric_limits<uint32_t>::max()) too_large_ = true;
    U32(static_cast<uint32_t>(count));
  }
  void String(std::string_view text) {
    Count(text.size());
    bytes_.append(text);
  }
  void Raw(std::string_view bytes) { bytes_.append(bytes); }

  bool too_large() const { return too_large_; }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
  bool too_large_ = false;
};

// Reads what Writer wrote, from any bytes: every read is bounds-checked, and after the first failure every
// read gives zeros, so callers check ok() once at the end instead of after each field.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return !failed_; }
  bool ran_out() const { return ran_out_; }
  size_t remaining() const { return failed_ ? 0 : bytes_.size() - pos_; }
  void Fail() { failed_ = true; }

  std::string_view Raw(size_t size) {
    if (failed_) return {};
    if (size > bytes_.size() - pos_) {
      ran_out_ = failed_ = true;
      return {};
    }
    std::string_view raw = bytes_.substr(pos_, size);
    pos_ += size;
    return raw;
  }
  uint64_t Little(size_t size) {
    std::string_view raw = Raw(size);
    uint64_t value = 0;
    for (size_t i = raw.size(); i-- > 0;) value = (value << 8) | static_cast<unsigned char>(raw[i]);
    return value;
  }
  uint8_t U8() { return static_cast<uint8_t>(Little(1)); }
  uint32_t U32() { return static_cast<uint32_t>(Little(4)); }
  uint64_t U64() { return Little(8); }
  bool Bool() {
    uint8_t value = U8();
    if (value > 1) Fail();
    return value == 1;
  }
  base::ContentHash Hash() {
    base::ContentHash hash;
    hash.low = U64();
    hash.high = U64();
    return hash;
  }
  // A count of items that each take at least one byte: one larger than the bytes left is corrupt, so a
  // corrupt count never makes a loop run long.
  uint32_t Count() {
    uint32_t count = U32();
    if (count > remaining()) Fail();
    return ok() ? count : 0;
  }
  std::string String() {
    uint32_t size = U32();
    if (size > remaining()) Fail();
    return std::string(Raw(ok() ? size : 0));
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool failed_ = false;
  bool ran_out_ = false;
};

// Enumerations are stored as their numbers; these accept only the numbers docklint knows. Their switches
// have no default so that the compiler points here when an enumerator is added.
bool IsKnown(ReadOp op) {
  switch (op) {
    case ReadOp::kTreeRead:
    case ReadOp::kTreeTypeOf:
    case ReadOp::kTreeListEntries:
    case ReadOp::kTreeStat:
    case ReadOp::kTreeMetadataVerdict:
    case ReadOp::kTreeList:
    case ReadOp::kTreeRegularFilesUnder:
    case ReadOp::kTreeSkipped:
    case ReadOp::kDiskRead:
    case ReadOp::kDiskExists:
    case ReadOp::kDiskIsRegularFile:
    case ReadOp::kDockerfileJob:
      return true;
  }
  return false;
}

bool IsKnown(base::Severity severity) {
  switch (severity) {
    case base::Severity::kStyle:
    case base::Severity::kInfo:
    case base::Severity::kWarning:
    case base::Severity::kError:
      return true;
  }
  return false;
}

bool IsKnown(rules::RuleStatus status) {
  switch (status) {
    case rules::RuleStatus::kPass:
    case rules::RuleStatus::kFail:
    case rules::RuleStatus::kNotApplicable:
    case rules::RuleStatus::kManual:
      return true;
  }
  return false;
}

template <typename Enum>
Enum GetEnum(Reader& reader) {
  Enum value = static_cast<Enum>(reader.U8());
  if (!IsKnown(value)) reader.Fail();
  return value;
}

template <typename Enum>
void PutEnum(Writer& writer, Enum value) {
  writer.U8(static_cast<uint8_t>(value));
}

void PutStrings(Writer& writer, const std::vector<std::string>& strings) {
  writer.Count(strings.size());
  for (const std::string& text : strings) writer.String(text);
}

std::vector<std::string> GetStrings(Reader& reader) {
  std::vector<std::string> strings;
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i)
    strings.push_back(reader.String());
  return strings;
}

void PutRange(Writer& writer, const base::Range& range) {
  writer.U32(range.begin.line);
  writer.U32(range.begin.column);
  writer.U32(range.end.line);
  writer.U32(range.end.column);
}

base::Range GetRange(Reader& reader) {
  base::Range range;
  range.begin.line = reader.U32();
  range.begin.column = reader.U32();
  range.end.line = reader.U32();
  range.end.column = reader.U32();
  return range;
}

void PutLocation(Writer& writer, const base::Location& location) {
  writer.String(location.file);
  PutRange(writer, location.range);
}

base::Location GetLocation(Reader& reader) {
  base::Location location;
  location.file = reader.String();
  location.range = GetRange(reader);
  return location;
}

void PutFinding(Writer& writer, const base::Finding& finding) {
  writer.String(finding.rule_id);
  writer.String(finding.rule_name);
  PutEnum(writer, finding.severity);
  writer.String(finding.message);
  PutLocation(writer, finding.location);
  writer.Count(finding.related.size());
  for (const base::RelatedLocation& related : finding.related) {
    PutLocation(writer, related.location);
    writer.String(related.message);
  }
  PutStrings(writer, finding.references);
  writer.Bool(finding.fatal);
  writer.String(finding.fatal_effect);
  writer.Count(finding.fixes.size());
  for (const base::Fix& fix : finding.fixes) {
    writer.String(fix.description);
    writer.Count(fix.edits.size());
    for (const base::TextEdit& edit : fix.edits) {
      PutRange(writer, edit.range);
      writer.String(edit.new_text);
    }
    writer.Bool(fix.unsafe);
  }
}

base::Finding GetFinding(Reader& reader) {
  base::Finding finding;
  finding.rule_id = reader.String();
  finding.rule_name = reader.String();
  finding.severity = GetEnum<base::Severity>(reader);
  finding.message = reader.String();
  finding.location = GetLocation(reader);
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i) {
    base::RelatedLocation related;
    related.location = GetLocation(reader);
    related.message = reader.String();
    finding.related.push_back(std::move(related));
  }
  finding.references = GetStrings(reader);
  finding.fatal = reader.Bool();
  finding.fatal_effect = reader.String();
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i) {
    base::Fix fix;
    fix.description = reader.String();
    for (uint32_t j = 0, edits = reader.Count(); j < edits && reader.ok(); ++j) {
      base::TextEdit edit;
      edit.range = GetRange(reader);
      edit.new_text = reader.String();
      fix.edits.push_back(std::move(edit));
    }
    fix.unsafe = reader.Bool();
    finding.fixes.push_back(std::move(fix));
  }
  return finding;
}

// Every field of the reads and the result, in declaration order: a cached result must print exactly what
// linting again would.
void PutPayload(Writer& writer, const std::vector<ReadRecord>& reads, const JobResult& result) {
  writer.Count(reads.size());
  for (const ReadRecord& read : reads) {
    PutEnum(writer, read.op);
    writer.String(read.path);
    writer.Hash(read.answer);
  }
  writer.Count(result.files.size());
  for (const std::unique_ptr<base::SourceFile>& file : result.files) {
    writer.String(file->path());
    writer.String(file->content());
  }
  writer.Count(result.findings.size());
  for (const base::Finding& finding : result.findings) PutFinding(writer, finding);
  writer.Count(result.outcomes.size());
  for (const rules::RuleOutcome& outcome : result.outcomes) {
    writer.String(outcome.rule ? outcome.rule->id : "");  // rules are stored by id; "" for none
    PutEnum(writer, outcome.status);
    writer.String(outcome.host);
    writer.String(outcome.project);
    writer.String(outcome.service);
    PutStrings(writer, outcome.profiles);
  }
  writer.U64(result.files_read);
  writer.Bool(result.unreadable);
  writer.String(result.messages);
  writer.Bool(result.engine_unknown);
  writer.Bool(result.metadata_not_judged);
  PutStrings(writer, result.dockerfiles_linted);
  writer.U64(result.templates);
}

// Parses what PutPayload wrote; nullopt when `entry` holds it all, else why not.
std::optional<Problem> GetPayload(std::string_view payload, const rules::Ruleset& ruleset,
                                  CacheEntry* entry) {
  Reader reader(payload);
  bool unknown_rule = false;
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i) {
    ReadRecord read;
    read.op = GetEnum<ReadOp>(reader);
    read.path = reader.String();
    read.answer = reader.Hash();
    entry->reads.push_back(std::move(read));
  }
  JobResult& result = entry->result;
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i) {
    std::string path = reader.String();
    std::string content = reader.String();
    if (reader.ok()) result.files.push_back(std::make_unique<base::SourceFile>(path, std::move(content)));
  }
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i)
    result.findings.push_back(GetFinding(reader));
  for (uint32_t i = 0, count = reader.Count(); i < count && reader.ok(); ++i) {
    rules::RuleOutcome outcome;
    std::string rule_id = reader.String();
    if (!rule_id.empty()) {
      outcome.rule = ruleset.FindById(rule_id);
      if (!outcome.rule) unknown_rule = true;
    }
    outcome.status = GetEnum<rules::RuleStatus>(reader);
    outcome.host = reader.String();
    outcome.project = reader.String();
    outcome.service = reader.String();
    outcome.profiles = GetStrings(reader);
    result.outcomes.push_back(std::move(outcome));
  }
  result.files_read = reader.U64();
  result.unreadable = reader.Bool();
  result.messages = reader.String();
  result.engine_unknown = reader.Bool();
  result.metadata_not_judged = reader.Bool();
  result.dockerfiles_linted = GetStrings(reader);
  result.templates = reader.U64();
  if (!reader.ok() || reader.remaining() != 0) return kCorrupt;
  if (unknown_rule) return kUnknownRule;
  return std::nullopt;
}

// The entry: a header that says what it is and how long its payload is, then the payload.
//   magic "DKLCACHE" | u32 format version | string docklint version | key (16 bytes)
//   | u64 payload size | payload hash (16 bytes) | payload
// The magic and the format version stay first in every format, so any later one is recognised as another.
std::string EncodeEntry(const base::ContentHash& key, const std::vector<ReadRecord>& reads,
                        const JobResult& result) {
  Writer payload;
  PutPayload(payload, reads, result);
  if (payload.too_large()) return "";
  Writer entry;
  entry.Raw(kMagic);
  entry.U32(kFormatVersion);
  entry.String(DOCKLINT_VERSION);
  entry.Hash(key);
  entry.U64(payload.bytes().size());
  entry.Hash(base::HashBytes(payload.bytes()));
  if (entry.bytes().size() + payload.bytes().size() > kMaxEntrySize) return "";
  entry.Raw(payload.bytes());
  return std::move(entry.bytes());
}

// Checks everything the header says before the payload is parsed; nullopt with `payload` set when the
// entry is whole, of this format and version, and stored under `key`.
std::optional<Problem> CheckHeader(std::string_view bytes, const base::ContentHash& key,
                                   std::string_view* payload) {
  Reader reader(bytes);
  std::string_view magic = reader.Raw(kMagic.size());
  if (reader.ran_out()) return kMagic.starts_with(bytes) ? kTruncated : kCorrupt;
  if (magic != kMagic) return kCorrupt;
  uint32_t format = reader.U32();
  if (reader.ran_out()) return kTruncated;
  if (format != kFormatVersion) return kOtherVersion;
  uint32_t version_size = reader.U32();
  if (reader.ok() && version_size > kMaxVersionSize) return kCorrupt;
  std::string_view version = reader.Raw(version_size);
  base::ContentHash stored_key = reader.Hash();
  uint64_t payload_size = reader.U64();
  base::ContentHash payload_hash = reader.Hash();
  if (reader.ran_out()) return kTruncated;
  if (version != DOCKLINT_VERSION) return kOtherVersion;
  if (stored_key != key) return kOtherKey;
  if (payload_size > reader.remaining()) return kTruncated;
  if (payload_size < reader.remaining()) return kCorrupt;  // trailing bytes
  *payload = reader.Raw(payload_size);
  if (base::HashBytes(*payload) != payload_hash) return kCorrupt;
  return std::nullopt;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, for the error close() can report (a write the disk could not take).
  int Close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

enum class FileRead { kRead, kMissing, kUnreadable, kTooLarge };

FileRead ReadEntryFile(const std::string& path, std::string* bytes) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return errno == ENOENT ? FileRead::kMissing : FileRead::kUnreadable;
  struct stat status;
  if (::fstat(file.get(), &status) != 0 || !S_ISREG(status.st_mode)) return FileRead::kUnreadable;
  if (static_cast<uint64_t>(status.st_size) > kMaxEntrySize) return FileRead::kTooLarge;
  bytes->resize(static_cast<size_t>(status.st_size));
  size_t done = 0;
  while (done < bytes->size()) {
    ssize_t got = ::read(file.get(), bytes->data() + done, bytes->size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return FileRead::kUnreadable;
    if (got == 0) break;  // shorter than it was: the header's sizes find out
    done += static_cast<size_t>(got);
  }
  bytes->resize(done);
  return FileRead::kRead;
}

// Writes `bytes` to `path` through a temporary file beside it and rename(), so that a reader, in this run or
// another, sees the old file or the new one and never part of one. Returns "" or why it failed. No fsync:
// an entry a crash tears is found out by its sizes and hash and written again, and syncing each entry
// would cost more than most jobs take.
std::string WriteAtomically(const std::string& path, std::string_view bytes) {
  // The process id and a count make the name unique among the threads and the runs that share the cache.
  static std::atomic<uint64_t> sequence{0};
  std::string temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++sequence);
  // Only the user may read it: an entry holds the text of the files findings point into, which may be
  // secrets of files only the user could read.
  FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (file.get() < 0) return ErrnoMessage(errno);
  int error = 0;
  for (size_t done = 0; done < bytes.size() && error == 0;) {
    ssize_t wrote = ::write(file.get(), bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno != EINTR) error = errno;
    if (wrote > 0) done += static_cast<size_t>(wrote);
  }
  if (file.Close() != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    return ErrnoMessage(error);
  }
  return "";
}

// Writes the tag unless a valid one is there: a run whose cache is read-only but already tagged can still
// load from it.
std::string TagCacheDir(const fs::path& dir) {
  std::string path = (dir / "CACHEDIR.TAG").string();
  std::string tag;
  std::string_view signature = kCacheDirTag.substr(0, kCacheDirTag.find('\n'));
  if (ReadEntryFile(path, &tag) == FileRead::kRead && std::string_view(tag).starts_with(signature)) return "";
  return WriteAtomically(path, kCacheDirTag);
}

// Removes the entries of other formats and versions: they can never be loaded again. A folder that cannot be
// removed only costs disk space, and the next run tries again, so failures are not noted.
void RemoveOtherVersions(const fs::path& dir, std::string_view own) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code status_error;
    if (name == own || !IsVersionFolderName(name) || !it->is_directory(status_error) ||
        it->is_symlink(status_error)) {
      continue;
    }
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

}  // namespace

ResultCache::ResultCache(std::string dir, const rules::Ruleset& ruleset)
    : dir_(std::move(dir)), entries_dir_((fs::path(dir_) / VersionFolderName()).string()), ruleset_(ruleset) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (!ec && !fs::is_directory(dir_, ec) && !ec) ec = std::make_error_code(std::errc::not_a_directory);
  if (ec) {
    readable_ = false;
    StopWriting(ec.message());
    return;
  }
  RemoveOtherVersions(dir_, VersionFolderName());
  std::string error = TagCacheDir(dir_);
  if (error.empty()) {
    fs::create_directory(entries_dir_, ec);
    if (ec) error = ec.message();
  }
  // Loading stays on: a read-only cache that earlier runs filled still answers.
  if (!error.empty()) StopWriting(error);
}

std::string ResultCache::EntryPath(const base::ContentHash& key) const {
  std::string hex = key.Hex();
  return entries_dir_ + "/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

std::optional<CacheEntry> ResultCache::Load(const base::ContentHash& key) {
  if (!readable_) return std::nullopt;
  std::string bytes;
  switch (ReadEntryFile(EntryPath(key), &bytes)) {
    case FileRead::kRead:
      break;
    case FileRead::kMissing:
      return std::nullopt;
    case FileRead::kUnreadable:
      NoteUnusable(key, kUnreadable);
      return std::nullopt;
    case FileRead::kTooLarge:
      NoteUnusable(key, kCorrupt);
      return std::nullopt;
  }
  std::string_view payload;
  std::optional<Problem> problem = CheckHeader(bytes, key, &payload);
  CacheEntry entry;
  if (!problem) problem = GetPayload(payload, ruleset_, &entry);
  if (problem) {
    NoteUnusable(key, *problem);
    return std::nullopt;
  }
  return entry;
}

void ResultCache::Store(const base::ContentHash& key, const std::vector<ReadRecord>& reads,
                        const JobResult& result) {
  if (!writable_.load(std::memory_order_relaxed)) return;
  std::string bytes = EncodeEntry(key, reads, result);
  if (bytes.empty()) return;  // too large to load again: the job is simply linted next time
  std::string path = EntryPath(key);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::string error = ec ? ec.message() : WriteAtomically(path, bytes);
  if (!error.empty()) {
    StopWriting(error);
    return;
  }
  std::lock_guard lock(note_mutex_);
  auto unusable = unusable_entries_.find({key.low, key.high});
  if (unusable != unusable_entries_.end()) unusable->second = true;
}

void ResultCache::NoteUnusable(const base::ContentHash& key, int problem) {
  std::lock_guard lock(note_mutex_);
  unusable_entries_.try_emplace({key.low, key.high}, false);
  unusable_problems_ |= 1u << problem;
}

void ResultCache::StopWriting(const std::string& why) {
  writable_.store(false, std::memory_order_relaxed);
  std::lock_guard lock(note_mutex_);
  if (write_error_.empty()) write_error_ = why;
}

std::string ResultCache::Note() const {
  std::lock_guard lock(note_mutex_);
  std::string note;
  if (!write_error_.empty())
    note = "cannot write the cache in " + dir_ + ": " + write_error_ + ": results were not cached";
  if (unusable_entries_.empty()) return note;
  size_t count = unusable_entries_.size();
  size_t rewritten = std::count_if(unusable_entries_.begin(), unusable_entries_.end(),
                                   [](const auto& entry) { return entry.second; });
  std::string problems;
  for (int problem = 0; problem < kProblemCount; ++problem) {
    if (!(unusable_problems_ & (1u << problem))) continue;
    if (!problems.empty()) problems += ", ";
    problems += kProblemNames[problem];
  }
  std::string ignored = "ignored " + std::to_string(count) + " unusable cache " +
                        (count == 1 ? "entry" : "entries") + " (" + problems + ")";
  if (rewritten == count)
    ignored += count == 1 ? " and wrote it again" : " and wrote them again";
  else if (rewritten > 0)
    ignored += " and wrote " + std::to_string(rewritten) + " of them again";
  return note.empty() ? ignored : note + "; " + ignored;
}

}  // namespace docklint::app
