// The result cache's storage: an entry comes back whole and equal; every way an entry or the cache folder
// can be bad loads nothing, is said once in one line, and heals at the next store.
#include "app/result_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <thread>

#include "app/directory_walk.h"

namespace docklint::app {
namespace {

namespace fs = std::filesystem;

// The entry header as result_cache.cc writes it: magic (8), format version (4), version size (4), the
// version, key (16), payload size (8), payload hash (16).
constexpr size_t kFormatOffset = 8;
constexpr size_t kVersionOffset = 16;
const size_t kHeaderSize = kVersionOffset + std::strlen(DOCKLINT_VERSION) + 16 + 8 + 16;

base::ContentHash Key(const std::string& name) { return base::HashBytes("job " + name); }

std::vector<ReadRecord> FullReads() {
  return {{ReadOp::kTreeRead, "etc/docker/daemon.json", base::HashBytes("{\"icc\": true}")},
          {ReadOp::kTreeMetadataVerdict, "", base::HashBytes("")},
          {ReadOp::kDiskIsRegularFile, "/srv/app/Dockerfile", base::HashBytes("yes")},
          {ReadOp::kDockerfileJob, "app/Dockerfile", base::HashBytes("no")}};
}

base::Finding IccFinding() {
  base::Finding finding;
  finding.rule_id = "DKL1001";
  finding.rule_name = "icc-enabled";
  finding.severity = base::Severity::kError;
  finding.message = "inter-container communication is enabled";
  finding.location = {"etc/docker/daemon.json", {{2, 3}, {2, 14}}};
  finding.related = {{{"lib/systemd/system/docker.service", {{2, 30}, {2, 35}}}, "also set here"},
                     {{"etc/default/docker", {{7, 1}, {7, 20}}}, "and here"}};
  finding.references = {"cis-docker-1.6.0:2.1", "sse:DOCKER-3"};
  finding.fatal = true;
  finding.fatal_effect = "dockerd will not start";
  finding.fixes = {{"Set \"icc\" to false", {{{{2, 11}, {2, 15}}, "false"}, {{{1, 1}, {1, 1}}, ""}}, false},
                   {"Remove --icc", {{{{2, 29}, {2, 35}}, ""}}, true}};
  return finding;
}

base::Finding DockerfileFinding() {
  base::Finding finding;
  finding.rule_id = "DKL3001";
  finding.rule_name = "from-latest";
  finding.severity = base::Severity::kStyle;
  finding.message = "pin the image: \xc3\xa9\t\"quoted\"";
  finding.location = {"app/Dockerfile", {{1, 1}, {1, 12}}};
  finding.related = {{{"app/Dockerfile", {{3, 1}, {3, 4}}}, "the stage built from it"}};
  finding.references = {"hadolint:DL3007"};
  finding.fixes = {{"Pin alpine", {{{{1, 6}, {1, 12}}, "alpine:3.20"}}, false}};
  return finding;
}

// Every field differs from its default, so that a field the cache dropped shows.
JobResult FullResult(const rules::Ruleset& ruleset) {
  JobResult result;
  result.files.push_back(
      std::make_unique<base::SourceFile>("etc/docker/daemon.json", "{\n  \"icc\": true\n}\n"));
  // Bytes that are not text, a NUL among them, come back as they were.
  constexpr char kBinary[] = "FROM alpine\r\n\0\xff\xfe RUN true\n";
  result.files.push_back(
      std::make_unique<base::SourceFile>("app/Dockerfile", std::string(kBinary, sizeof kBinary - 1)));
  result.findings = {IccFinding(), DockerfileFinding()};
  result.outcomes.push_back({ruleset.FindById("DKL1001"),
                             rules::RuleStatus::kFail,
                             "rootless dockerd of /home/alice",
                             "compose.yaml",
                             "web",
                             {"debug", "tools"}});
  result.outcomes.push_back({ruleset.FindById("DKL1007"), rules::RuleStatus::kManual, "", "", "", {}});
  result.files_read = 7;
  result.unreadable = true;
  result.messages = "note: etc/docker/daemon.json: a note\nerror: another\n";
  result.engine_unknown = true;
  result.metadata_not_judged = true;
  result.dockerfiles_linted = {"b/Dockerfile", "a/Dockerfile"};
  result.templates = 3;
  return result;
}

// "" when `a` and `b` hold the same in every field, in the same order; else the first difference.
std::string Difference(const JobResult& a, const JobResult& b) {
  std::ostringstream out;
  if (a.files.size() != b.files.size()) return "files count";
  for (size_t i = 0; i < a.files.size(); ++i) {
    if (a.files[i]->path() != b.files[i]->path()) out << "files[" << i << "].path ";
    if (a.files[i]->content() != b.files[i]->content()) out << "files[" << i << "].content ";
  }
  if (a.findings.size() != b.findings.size()) return "findings count";
  for (size_t i = 0; i < a.findings.size(); ++i) {
    const base::Finding& x = a.findings[i];
    const base::Finding& y = b.findings[i];
    std::string at = "findings[" + std::to_string(i) + "].";
    if (x.rule_id != y.rule_id) out << at << "rule_id ";
    if (x.rule_name != y.rule_name) out << at << "rule_name ";
    if (x.severity != y.severity) out << at << "severity ";
    if (x.message != y.message) out << at << "message ";
    if (!(x.location == y.location)) out << at << "location ";
    if (x.related.size() != y.related.size()) {
      out << at << "related count ";
    } else {
      for (size_t j = 0; j < x.related.size(); ++j) {
        if (!(x.related[j].location == y.related[j].location) || x.related[j].message != y.related[j].message)
          out << at << "related[" << j << "] ";
      }
    }
    if (x.references != y.references) out << at << "references ";
    if (x.fatal != y.fatal) out << at << "fatal ";
    if (x.fatal_effect != y.fatal_effect) out << at << "fatal_effect ";
    if (x.fixes != y.fixes) out << at << "fixes ";
  }
  if (a.outcomes.size() != b.outcomes.size()) return "outcomes count";
  for (size_t i = 0; i < a.outcomes.size(); ++i) {
    const rules::RuleOutcome& x = a.outcomes[i];
    const rules::RuleOutcome& y = b.outcomes[i];
    if (x.rule != y.rule || x.status != y.status || x.host != y.host || x.project != y.project ||
        x.service != y.service || x.profiles != y.profiles) {
      out << "outcomes[" << i << "] ";
    }
  }
  if (a.files_read != b.files_read) out << "files_read ";
  if (a.unreadable != b.unreadable) out << "unreadable ";
  if (a.messages != b.messages) out << "messages ";
  if (a.engine_unknown != b.engine_unknown) out << "engine_unknown ";
  if (a.metadata_not_judged != b.metadata_not_judged) out << "metadata_not_judged ";
  if (a.dockerfiles_linted != b.dockerfiles_linted) out << "dockerfiles_linted ";
  if (a.templates != b.templates) out << "templates ";
  return out.str();
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const fs::path& path, std::string_view bytes) {
  // A new file rather than a truncated one: ext4 flushes a truncated file to disk when it is closed, which
  // made the tests that rewrite entries a thousand times slow.
  fs::remove(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), bytes.size());
}

class ResultCacheTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<std::string> errors;
    ruleset_ = new rules::Ruleset;
    ASSERT_TRUE(ruleset_->LoadBuiltin(&errors));
  }
  static void TearDownTestSuite() {
    delete ruleset_;
    ruleset_ = nullptr;
  }

  void SetUp() override {
    scratch_ = fs::temp_directory_path() / ("docklint-result-cache-" + std::to_string(::getpid()) + "-" +
                                            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
    dir_ = (scratch_ / "cache" / "docklint").string();
    result_ = FullResult(*ruleset_);
  }
  void TearDown() override {
    // A test may have left folders read-only; remove_all needs them writable again.
    std::error_code ec;
    for (fs::recursive_directory_iterator it(scratch_, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory() && !it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, ec);
    }
    fs::remove_all(scratch_);
  }

  // The one version folder under the cache directory.
  fs::path VersionFolder() const {
    std::vector<fs::path> folders;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
      if (entry.is_directory()) folders.push_back(entry.path());
    }
    EXPECT_EQ(folders.size(), 1u);
    return folders.empty() ? fs::path(dir_) : folders.front();
  }
  fs::path EntryPath(const base::ContentHash& key) const {
    std::string hex = key.Hex();
    return VersionFolder() / hex.substr(0, 2) / hex.substr(2);
  }

  // Stores the full result under `name` and returns the entry's bytes.
  std::string StoreFull(ResultCache& cache, const std::string& name) {
    cache.Store(Key(name), FullReads(), result_);
    return ReadBytes(EntryPath(Key(name)));
  }

  // Loads `name` and expects the full entry back.
  void ExpectFullEntry(ResultCache& cache, const std::string& name) {
    std::optional<CacheEntry> entry = cache.Load(Key(name));
    ASSERT_TRUE(entry.has_value()) << name;
    EXPECT_EQ(entry->reads, FullReads());
    EXPECT_EQ(Difference(entry->result, result_), "");
  }

  static rules::Ruleset* ruleset_;
  fs::path scratch_;
  std::string dir_;
  JobResult result_;
};

rules::Ruleset* ResultCacheTest::ruleset_ = nullptr;

TEST_F(ResultCacheTest, StoredEntriesLoadWithEveryField) {
  ResultCache cache(dir_, *ruleset_);
  cache.Store(Key("a"), FullReads(), result_);
  std::optional<CacheEntry> entry = cache.Load(Key("a"));
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->reads, FullReads());
  EXPECT_EQ(Difference(entry->result, result_), "");
  // The helper compares what it must: a different result shows.
  EXPECT_NE(Difference(entry->result, JobResult()), "");
  // An empty result too, and a later run opening the same cache finds both.
  cache.Store(Key("empty"), {}, JobResult());
  ResultCache again(dir_, *ruleset_);
  ExpectFullEntry(again, "a");
  std::optional<CacheEntry> empty = again.Load(Key("empty"));
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->reads.empty());
  EXPECT_EQ(Difference(empty->result, JobResult()), "");
  EXPECT_EQ(cache.Note(), "");
  EXPECT_EQ(again.Note(), "");
}

TEST_F(ResultCacheTest, AMissingKeyLoadsNothingAndSaysNothing) {
  ResultCache cache(dir_, *ruleset_);
  EXPECT_FALSE(cache.Load(Key("never stored")).has_value());
  cache.Store(Key("a"), FullReads(), result_);
  EXPECT_FALSE(cache.Load(Key("b")).has_value());
  EXPECT_EQ(cache.Note(), "");
}

TEST_F(ResultCacheTest, TruncatedEntriesAreIgnoredOnceAndWrittenAgain) {
  ResultCache cache(dir_, *ruleset_);
  std::string whole = StoreFull(cache, "probe");
  // Nothing, part of the magic, the magic alone, part of the header, the header alone, part of the payload,
  // all but the last byte.
  std::vector<size_t> cuts = {0, 3, 8, 14, kHeaderSize, kHeaderSize + 10, whole.size() - 1};
  for (size_t cut : cuts) {
    std::string name = "cut " + std::to_string(cut);
    StoreFull(cache, name);
    fs::resize_file(EntryPath(Key(name)), cut);
    EXPECT_FALSE(cache.Load(Key(name)).has_value()) << cut;
    EXPECT_FALSE(cache.Load(Key(name)).has_value()) << cut;  // counted once however often it is asked
  }
  EXPECT_EQ(cache.Note(), "ignored 7 unusable cache entries (truncated)");
  for (size_t cut : cuts) StoreFull(cache, "cut " + std::to_string(cut));
  for (size_t cut : cuts) ExpectFullEntry(cache, "cut " + std::to_string(cut));
  EXPECT_EQ(cache.Note(), "ignored 7 unusable cache entries (truncated) and wrote them again");
}

TEST_F(ResultCacheTest, GarbageIsIgnored) {
  ResultCache cache(dir_, *ruleset_);
  // Each turns a whole entry into garbage of another kind.
  std::vector<std::function<std::string(std::string)>> spoilers = {
      [](std::string) { return std::string("not an entry at all, just some text\n"); },
      [](std::string) { return std::string(4096, '\0'); },
      // The magic and the format, then noise.
      [](std::string whole) { return whole.substr(0, 12) + std::string(200, '\x7f'); },
      // The payload no longer hashes to what the header says.
      [](std::string whole) {
        whole.back() ^= 0x01;
        return whole;
      },
      [](std::string whole) { return whole + '\n'; },
  };
  for (size_t i = 0; i < spoilers.size(); ++i) {
    std::string name = "bad " + std::to_string(i);
    WriteBytes(EntryPath(Key(name)), spoilers[i](StoreFull(cache, name)));
    EXPECT_FALSE(cache.Load(Key(name)).has_value()) << i;
  }
  EXPECT_EQ(cache.Note(), "ignored 5 unusable cache entries (corrupt)");
  StoreFull(cache, "bad 3");
  ExpectFullEntry(cache, "bad 3");
  EXPECT_EQ(cache.Note(), "ignored 5 unusable cache entries (corrupt) and wrote 1 of them again");
}

// The hash keeps accidents from the parser, but the parser must stand any bytes on its own: these payloads
// come with a header that vouches for them.
TEST_F(ResultCacheTest, ThePayloadParserStandsAnyBytes) {
  ResultCache cache(dir_, *ruleset_);
  std::string whole = StoreFull(cache, "whole");
  std::string header = whole.substr(0, kHeaderSize);
  std::string payload = whole.substr(kHeaderSize);
  auto vouched = [&](std::string_view bytes) {
    std::string entry = header;
    uint64_t size = bytes.size();
    base::ContentHash hash = base::HashBytes(bytes);
    for (int i = 0; i < 8; ++i) {
      entry[kHeaderSize - 24 + i] = static_cast<char>(size >> (8 * i));
      entry[kHeaderSize - 16 + i] = static_cast<char>(hash.low >> (8 * i));
      entry[kHeaderSize - 8 + i] = static_cast<char>(hash.high >> (8 * i));
    }
    return entry.append(bytes);
  };
  auto loads = [&](std::string_view bytes) {
    WriteBytes(EntryPath(Key("whole")), vouched(bytes));
    return cache.Load(Key("whole")).has_value();
  };
  ASSERT_TRUE(loads(payload));  // the helper makes what Store makes
  for (size_t cut = 0; cut < payload.size(); ++cut) EXPECT_FALSE(loads(payload.substr(0, cut))) << cut;
  EXPECT_FALSE(loads(payload + '\0'));
  // Counts no bytes can back, an operation docklint does not know, a bool that is neither 0 nor 1.
  std::string huge_count = payload;
  huge_count.replace(0, 4, "\xff\xff\xff\xff");
  EXPECT_FALSE(loads(huge_count));
  std::string unknown_op = payload;
  unknown_op[4] = 99;
  EXPECT_FALSE(loads(unknown_op));
  std::string odd_bool = payload;
  const size_t dockerfiles_linted_size = 4 + (4 + 12) + (4 + 12) + 8;  // the last fields, templates' u64 too
  odd_bool[odd_bool.size() - dockerfiles_linted_size - 1] = 2;         // metadata_not_judged
  EXPECT_FALSE(loads(odd_bool));
  std::mt19937 random(20240611);
  for (int round = 0; round < 300; ++round) {
    std::string noise(random() % 300, '\0');
    for (char& byte : noise) byte = static_cast<char>(random());
    EXPECT_FALSE(loads(noise)) << round;
    // And a valid payload with a few of its bytes changed: whatever it parses to, nothing breaks.
    std::string mutated = payload;
    for (int i = 0; i < 3; ++i) mutated[random() % mutated.size()] = static_cast<char>(random());
    loads(mutated);
  }
  EXPECT_EQ(cache.Note().find('\n'), std::string::npos);
}

TEST_F(ResultCacheTest, AnEntryStoredUnderAnotherKeyIsIgnored) {
  ResultCache cache(dir_, *ruleset_);
  std::string a = StoreFull(cache, "a");
  StoreFull(cache, "b");
  WriteBytes(EntryPath(Key("b")), a);
  EXPECT_FALSE(cache.Load(Key("b")).has_value());
  ExpectFullEntry(cache, "a");
  EXPECT_EQ(cache.Note(), "ignored 1 unusable cache entry (stored under another key)");
  StoreFull(cache, "b");
  ExpectFullEntry(cache, "b");
  EXPECT_EQ(cache.Note(), "ignored 1 unusable cache entry (stored under another key) and wrote it again");
}

TEST_F(ResultCacheTest, AnEntryOfAnotherFormatOrVersionIsIgnored) {
  ResultCache cache(dir_, *ruleset_);
  std::string format = StoreFull(cache, "format");
  format[kFormatOffset] ^= 0x40;
  WriteBytes(EntryPath(Key("format")), format);
  std::string version = StoreFull(cache, "version");
  version[kVersionOffset] = version[kVersionOffset] == '9' ? '8' : '9';
  WriteBytes(EntryPath(Key("version")), version);
  EXPECT_FALSE(cache.Load(Key("format")).has_value());
  EXPECT_FALSE(cache.Load(Key("version")).has_value());
  EXPECT_EQ(cache.Note(), "ignored 2 unusable cache entries (another docklint version)");
  StoreFull(cache, "format");
  StoreFull(cache, "version");
  ExpectFullEntry(cache, "format");
  ExpectFullEntry(cache, "version");
}

TEST_F(ResultCacheTest, AnOutcomeOfARuleTheRulesetLacksIsIgnored) {
  ResultCache cache(dir_, *ruleset_);
  rules::Rule gone;
  gone.id = "DKL9999";
  JobResult result = FullResult(*ruleset_);
  result.outcomes.push_back({&gone, rules::RuleStatus::kPass, "", "", "", {}});
  cache.Store(Key("a"), FullReads(), result);
  EXPECT_FALSE(cache.Load(Key("a")).has_value());
  EXPECT_EQ(cache.Note(), "ignored 1 unusable cache entry (naming an unknown rule)");
}

TEST_F(ResultCacheTest, ManyProblemsMakeOneLine) {
  ResultCache cache(dir_, *ruleset_);
  std::string a = StoreFull(cache, "a");
  StoreFull(cache, "short");
  fs::resize_file(EntryPath(Key("short")), 20);
  StoreFull(cache, "noise");
  WriteBytes(EntryPath(Key("noise")), "noise");
  StoreFull(cache, "moved");
  WriteBytes(EntryPath(Key("moved")), a);
  StoreFull(cache, "folder");
  fs::remove(EntryPath(Key("folder")));
  fs::create_directory(EntryPath(Key("folder")));  // not a file: cannot be read
  for (const char* name : {"short", "noise", "moved", "folder", "short", "noise"})
    EXPECT_FALSE(cache.Load(Key(name)).has_value()) << name;
  EXPECT_EQ(cache.Note(),
            "ignored 4 unusable cache entries (truncated, corrupt, stored under another key, unreadable)");
}

TEST_F(ResultCacheTest, FoldersOfOtherVersionsAreRemovedAtOpenAndNothingElse) {
  fs::create_directories(fs::path(dir_) / "results-v0-0.0.1" / "ab");
  WriteBytes(fs::path(dir_) / "results-v0-0.0.1" / "ab" / "cdef", "old entry");
  fs::create_directories(fs::path(dir_) / "results-v1-9.9.9_rc1+dfsg");  // docklint writes `~` as `_`
  // Not ours: other names, a file of our shape, and a link of our shape to a folder elsewhere.
  std::vector<std::string> kept = {"notes",   "results-vX-1.0",     "results-v1-",
                                   "results", "results-v1-9.9~rc1", "results-v2-1.0.0"};
  for (const char* name : {"notes", "results-vX-1.0", "results-v1-", "results", "results-v1-9.9~rc1"})
    fs::create_directories(fs::path(dir_) / name / "inside");
  WriteBytes(fs::path(dir_) / "results-v2-1.0.0", "a file");
  fs::create_directories(scratch_ / "elsewhere" / "inside");
  fs::create_directory_symlink(scratch_ / "elsewhere", fs::path(dir_) / "results-v3-1.0.0");
  kept.push_back("results-v3-1.0.0");
  {
    ResultCache cache(dir_, *ruleset_);
    EXPECT_FALSE(fs::exists(fs::path(dir_) / "results-v0-0.0.1"));
    EXPECT_FALSE(fs::exists(fs::path(dir_) / "results-v1-9.9.9_rc1+dfsg"));
    for (const std::string& name : kept) EXPECT_TRUE(fs::exists(fs::path(dir_) / name)) << name;
    EXPECT_TRUE(fs::exists(scratch_ / "elsewhere" / "inside"));
    cache.Store(Key("a"), FullReads(), result_);
    EXPECT_EQ(cache.Note(), "");
  }
  // Our own folder stays.
  ResultCache again(dir_, *ruleset_);
  std::optional<CacheEntry> entry = again.Load(Key("a"));
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(Difference(entry->result, result_), "");
}

TEST_F(ResultCacheTest, ACacheDirThatCannotBeMadeStoresNothingAndSaysSoOnce) {
  // A path through a regular file cannot become a folder, for root too.
  WriteBytes(scratch_ / "afile", "not a folder");
  std::string dir = (scratch_ / "afile" / "docklint").string();
  ResultCache cache(dir, *ruleset_);
  cache.Store(Key("a"), FullReads(), result_);
  cache.Store(Key("b"), FullReads(), result_);
  EXPECT_FALSE(cache.Load(Key("a")).has_value());
  EXPECT_EQ(cache.Note(), "cannot write the cache in " + dir + ": Not a directory: results were not cached");
}

TEST_F(ResultCacheTest, AFailedWriteStopsWritingForTheRun) {
  ResultCache cache(dir_, *ruleset_);
  // The folder of `a`'s entry is a file: its store fails, and the cache stops writing.
  std::string hex = Key("a").Hex();
  WriteBytes(VersionFolder() / hex.substr(0, 2), "in the way");
  cache.Store(Key("a"), FullReads(), result_);
  std::string note = cache.Note();
  EXPECT_EQ(note.rfind("cannot write the cache in " + dir_ + ": ", 0), 0u) << note;
  EXPECT_TRUE(note.ends_with(": results were not cached")) << note;
  cache.Store(Key("b"), FullReads(), result_);
  EXPECT_FALSE(cache.Load(Key("b")).has_value());
  EXPECT_EQ(cache.Note(), note);
}

TEST_F(ResultCacheTest, AReadOnlyCacheLoadsWhatItHoldsAndSaysItCannotWrite) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  {
    ResultCache filling(dir_, *ruleset_);
    filling.Store(Key("a"), FullReads(), result_);
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir_)) {
    if (entry.is_directory()) fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_exec);
  }
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  ResultCache cache(dir_, *ruleset_);
  ExpectFullEntry(cache, "a");
  cache.Store(Key("b"), FullReads(), result_);
  cache.Store(Key("a"), FullReads(), result_);
  EXPECT_FALSE(cache.Load(Key("b")).has_value());
  EXPECT_EQ(cache.Note(),
            "cannot write the cache in " + dir_ + ": Permission denied: results were not cached");
}

TEST_F(ResultCacheTest, AnEmptyReadOnlyCacheSaysItCannotWrite) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  ResultCache cache(dir_, *ruleset_);
  cache.Store(Key("a"), FullReads(), result_);
  EXPECT_FALSE(cache.Load(Key("a")).has_value());
  EXPECT_EQ(cache.Note(),
            "cannot write the cache in " + dir_ + ": Permission denied: results were not cached");
}

TEST_F(ResultCacheTest, ThreadsStoringAndLoadingSeeWholeEntriesOnly) {
  ResultCache cache(dir_, *ruleset_);
  std::atomic<int> loaded{0};
  std::atomic<int> broken{0};
  auto work = [&](int thread) {
    // Each thread stores a result of its own under its key, and the same one under the shared key.
    JobResult own = FullResult(*ruleset_);
    own.files_read = 100 + thread;
    for (int i = 0; i < 200; ++i) {
      const std::string mine = "thread " + std::to_string(thread);
      if (i % 2 == 0) cache.Store(Key("shared"), FullReads(), result_);
      if (i % 3 == 0) cache.Store(Key(mine), FullReads(), own);
      const std::pair<std::string, const JobResult*> expectations[] = {{"shared", &result_}, {mine, &own}};
      for (const auto& [name, expected] : expectations) {
        std::optional<CacheEntry> entry = cache.Load(Key(name));
        if (!entry) continue;
        ++loaded;
        if (entry->reads != FullReads() || !Difference(entry->result, *expected).empty()) ++broken;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) threads.emplace_back(work, thread);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(broken, 0);
  EXPECT_EQ(loaded, 4 * 200 * 2);  // each thread stores both keys before it first loads them
  EXPECT_EQ(cache.Note(), "");
  size_t entries = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
    if (entry.is_regular_file() && entry.path().filename() != "CACHEDIR.TAG") ++entries;
  }
  EXPECT_EQ(entries, 5u);
}

TEST_F(ResultCacheTest, TheCacheDirIsTaggedAndAWalkSkipsIt) {
  fs::path project = scratch_ / "project";
  std::string dir = (project / "cache" / "docklint").string();
  ResultCache cache(dir, *ruleset_);
  std::ifstream tag(fs::path(dir) / "CACHEDIR.TAG");
  std::string first_line;
  std::getline(tag, first_line);
  EXPECT_EQ(first_line, "Signature: 8a477f597d28d172789f06886806bc55");
  WriteBytes(project / "Dockerfile", "FROM alpine:3.20\n");
  WriteBytes(fs::path(dir) / "Dockerfile", "FROM alpine:3.20\n");
  EXPECT_EQ(WalkDirectory(project.string()).files,
            std::vector<std::string>{(project / "Dockerfile").string()});
  // A tag already there is kept as it is.
  WriteBytes(fs::path(dir) / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# by hand\n");
  ResultCache again(dir, *ruleset_);
  EXPECT_EQ(ReadBytes(fs::path(dir) / "CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# by hand\n");
  EXPECT_EQ(again.Note(), "");
}

}  // namespace
}  // namespace docklint::app
