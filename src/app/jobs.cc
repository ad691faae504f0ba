#include "app/jobs.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "app/daemon_json_fix.h"
#include "app/engine_version.h"
#include "app/host_files.h"
#include "app/read_log.h"
#include "app/result_cache.h"
#include "model/compose_project.h"
#include "model/host_builder.h"
#include "rules/diagnostic_rules.h"
#include "rules/suppressions.h"

namespace docklint::app {
namespace {

using base::Finding;
using base::SourceFile;

// Reads one input's bytes from where it lives: its host tree, standard input for "-", the editor's unsaved
// text or the disk. False with why when it cannot.
// Each read is recorded in the job's read log (a tree's reads by the tree).
bool ReadBytes(const InputFile& input, const RunContext& context, std::string* content, std::string* error) {
  if (input.tree != nullptr) return input.tree->Read(input.disk_path, content, error);
  if (input.disk_path == "-") {
    if (ReadLog* log = CurrentReadLog()) log->MarkUncacheable();
    *content = context.stdin_text;
    return true;
  }
  bool ok = ReadFileOrUnsaved(context.options.unsaved.get(), input.disk_path, content, error);
  // Encoded as DiskAnswer encodes it, for the check of a cached entry.
  if (ReadLog* log = CurrentReadLog())
    log->Add(ReadOp::kDiskRead, input.disk_path, ok ? "+" : "-", ok ? *content : *error);
  return ok;
}

// Whether the run lints `path` as a Dockerfile job of its own, recorded: a cached compose project's result
// depends on it.
bool IsDockerfileJob(const RunContext& context, const std::string& path) {
  bool own = context.is_dockerfile_job && context.is_dockerfile_job(path);
  RecordRead(ReadOp::kDockerfileJob, path, own ? "1" : "0");
  return own;
}

// Reads one input; when it cannot, a finding of the unreadable-file rule says why and the result is null.
std::unique_ptr<SourceFile> ReadInput(const InputFile& input, const RunContext& context,
                                      const rules::Ruleset& ruleset, std::vector<Finding>* findings) {
  std::string content, error;
  if (!ReadBytes(input, context, &content, &error)) {
    Finding f;
    if (const rules::Rule* rule = ruleset.FindById(rules::kUnreadableFileRuleId)) rules::Stamp(*rule, &f);
    f.message = "cannot read file: " + error;
    f.location.file = input.display_path;
    findings->push_back(std::move(f));
    return nullptr;
  }
  return std::make_unique<SourceFile>(input.display_path, std::move(content));
}

// Keeps what the report needs of the files read: the lines findings and their fixes point into (the report
// quotes them, fingerprints hash them, SARIF counts their columns), with every other line emptied and the
// lines after the last one dropped, so a sweep of many files does not hold all their text until the report
// is written.
template <typename Files>
void KeepReferencedLines(Files& read, JobResult* result) {
  std::unordered_map<std::string_view, std::vector<std::pair<uint32_t, uint32_t>>> lines;  // by file
  auto add = [&](const base::Location& at) {
    if (at.file.empty() || at.range.begin.line == 0) {
      lines[at.file];  // the file is named but no line of it: keep it, empty
      return;
    }
    lines[at.file].emplace_back(at.range.begin.line, std::max(at.range.begin.line, at.range.end.line));
  };
  for (const Finding& finding : result->findings) {
    add(finding.location);
    for (const base::RelatedLocation& related : finding.related) add(related.location);
    for (const base::Fix& fix : finding.fixes) {
      for (const base::TextEdit& edit : fix.edits) add({finding.location.file, edit.range});
    }
  }
  for (auto& file : read) {
    auto it = lines.find(file->path());
    if (it == lines.end()) continue;
    std::vector<bool> keep;
    for (auto [first, last] : it->second) {
      if (keep.size() <= last) keep.resize(last + 1);
      for (uint32_t line = first; line <= last; ++line) keep[line] = true;
    }
    std::string excerpt;
    for (uint32_t line = 1; line < keep.size() && line <= file->line_count(); ++line) {
      if (keep[line]) excerpt += file->LineText(line);
      excerpt += '\n';
    }
    result->files.push_back(std::make_unique<SourceFile>(file->path(), std::move(excerpt)));
  }
}

void RunHostJob(const Job& job, const RunContext& context, JobResult* result) {
  const Options& options = context.options;
  std::ostringstream messages;
  model::HostBuildOptions build{.engine_version = options.docker_version, .whole_tree = job.tree != nullptr};
  std::optional<model::HostFiles> host_files;
  // Files the host rules read besides the inputs (fstab, group), kept while findings may point into them.
  std::map<std::string, std::unique_ptr<SourceFile>> other_files;
  // The tree's notes are said by the job of its system daemon; its other daemons are judged alike.
  bool system_daemon = job.daemon.kind == TreeDaemon::Kind::kSystem;
  if (job.tree) {
    if (system_daemon) {
      std::vector<std::string> skipped_members = job.tree->Skipped();
      RecordRead(ReadOp::kTreeSkipped, "", *job.tree->Answer(ReadOp::kTreeSkipped, ""));
      for (const std::string& skipped : skipped_members)
        messages << "docklint: note: " << job.tree_name << ": skipped " << skipped << '\n';
    }
    // The snap ships its own engine, which the tree's package database does not list.
    if (build.engine_version.empty() && job.daemon.kind != TreeDaemon::Kind::kSnap) {
      DetectedEngine engine = DetectEngineVersion(*job.tree);
      build.engine_version = engine.version;
      result->engine_unknown = engine.version.empty() && system_daemon;
      if (job.found_in_walk || !system_daemon) {
        // Summed up by the run: a repository with many host trees would otherwise print a note for each.
      } else if (engine.version.empty()) {
        messages << "docklint: note: " << job.tree_name << ": " << engine.why_not
                 << "; judging for the newest engine (see --docker-version)\n";
      } else {
        messages << "docklint: note: " << job.tree_name << ": judging for Docker Engine " << engine.version
                 << " (" << engine.package << " in var/lib/dpkg/status)\n";
      }
    }
    if (job.daemon.kind == TreeDaemon::Kind::kRootless) {
      // The Benchmark's owners and modes are the system daemon's files; a user's daemon owns its own.
      build.rootless_home = job.daemon.home;
    } else if (std::string why = job.tree->WhyMetadataIsNotTheHosts(); why.empty()) {
      host_files = MakeHostFiles(*job.tree);
      build.files = &*host_files;
    } else if (system_daemon) {
      result->metadata_not_judged = true;
      if (!job.found_in_walk)
        messages << "docklint: note: " << job.tree_name << ": owners and modes are not judged: " << why
                 << '\n';
    }
    const HostFs* tree = job.tree.get();
    build.path_exists = [tree](const std::string& path) {
      return tree->TypeOf(path.substr(path.starts_with('/') ? 1 : 0)) != HostFs::Type::kMissing;
    };
    build.read_file = [tree, &other_files](const std::string& path) -> const SourceFile* {
      auto [it, inserted] = other_files.try_emplace(path);
      if (!inserted) return it->second.get();
      std::string relative = path.substr(path.starts_with('/') ? 1 : 0), content, error;
      if (tree->TypeOf(relative) == HostFs::Type::kFile && tree->Read(relative, &content, &error))
        it->second = std::make_unique<SourceFile>(tree->DisplayPath(relative), std::move(content));
      return it->second.get();
    };
    build.list_dir = [tree](const std::string& dir) {
      std::vector<std::string> names;
      for (const HostFs::Entry& entry : tree->ListEntries(dir.substr(dir.starts_with('/') ? 1 : 0)))
        names.push_back(entry.name);
      return names;
    };
  }
  std::vector<std::unique_ptr<base::SourceFile>> read;
  std::vector<model::HostInput> inputs;
  for (const InputFile& input : job.host.files) {
    std::unique_ptr<base::SourceFile> file = ReadInput(input, context, context.ruleset, &result->findings);
    result->unreadable = result->unreadable || file == nullptr;
    inputs.push_back({input.kind, input.host_path, file.get()});
    if (file) read.push_back(std::move(file));
  }
  model::HostModel model = model::BuildHostModel(inputs, std::move(build));
  // Said once per host: the rules that read what an unreadable source sets are N/A, the others are judged.
  if (inputs.size() > 1) {
    auto note = [&](const std::string& path, const char* what) {
      messages << "docklint: note: " << path << ": " << what
               << ": the rules about the settings it could hold are not judged, the rest of the host is\n";
    };
    for (const InputFile& input : job.host.files) {
      if (input.kind == model::InputKind::kDaemonJson && model.config.daemon_json_unknown())
        note(input.display_path, "dockerd cannot read it");
    }
    const base::SourceSpan& exec_start = model.config.exec_start_span;
    if (model.config.flags_unknown() && exec_start.file != nullptr)
      note(exec_start.file->path(), "dockerd's command line cannot be read");
  }
  rules::AddSelectedFindings(context.ruleset, context.selected, model.diagnostics, &result->findings);
  result->outcomes = rules::EvaluateHostRules(context.selected, model, &result->findings);
  for (rules::RuleOutcome& outcome : result->outcomes) outcome.host = job.daemon.Describe();
  AttachDaemonJsonFixes(model, &result->findings);
  if (options.fix && model.daemon_json != nullptr) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].file != model.daemon_json) continue;
      if (!FixHostDaemonJson(model, job.host.files[i], options.unsafe_fixes, &result->findings, messages))
        result->unreadable = true;
    }
  }
  result->files_read = read.size();
  result->messages = messages.str();
  for (auto& [path, file] : other_files) {
    if (file) read.push_back(std::move(file));
  }
  KeepReferencedLines(read, result);
}

void RunDockerfileJob(const Job& job, const RunContext& context, JobResult* result) {
  std::vector<std::unique_ptr<SourceFile>> read;
  read.push_back(ReadInput(job.dockerfile, context, context.ruleset, &result->findings));
  if (!read.back()) {
    result->unreadable = true;
    return;
  }
  result->files_read = 1;
  // Linted by path, the Dockerfile's folder is its build context.
  std::optional<model::DockerIgnore> dockerignore;
  if (job.dockerfile.tree == nullptr && job.dockerfile.disk_path != "-") {
    dockerignore = ReadDockerIgnoreFor(job.dockerfile.disk_path);
  }
  if (!context.dockerfile_linter.Lint(*read.back(), &result->findings,
                                      dockerignore ? &*dockerignore : nullptr, &result->messages))
    ++result->templates;
  KeepReferencedLines(read, result);
}

// A compose project: its files read, the project built as docker compose builds it, the compose rules run.
void RunComposeJob(const Job& job, const RunContext& context, JobResult* result) {
  std::vector<std::unique_ptr<SourceFile>> read;
  model::ComposeProjectInputs inputs;
  auto read_input = [&](const InputFile& input) -> const SourceFile* {
    read.push_back(ReadInput(input, context, context.ruleset, &result->findings));
    if (read.back()) return read.back().get();
    result->unreadable = true;
    read.pop_back();
    return nullptr;
  };
  for (const InputFile& input : job.compose_files) {
    if (const SourceFile* file = read_input(input)) inputs.files.push_back({file, input.disk_path});
  }
  if (!job.compose_dotenv.empty()) {
    const HostFs* tree = job.compose_files.empty() ? nullptr : job.compose_files.front().tree;
    std::string display = tree != nullptr ? tree->DisplayPath(job.compose_dotenv) : job.compose_dotenv;
    inputs.dotenv = read_input({job.compose_dotenv, display, "", model::InputKind::kComposeFile, tree});
  }
  result->files_read = read.size();
  // Files that `extends`, `include`, `env_file` and `build` name, read from where the project's files are.
  const HostFs* tree = job.compose_files.empty() ? nullptr : job.compose_files.front().tree;
  std::map<std::string, const SourceFile*> named;
  inputs.read_file = [&](const std::string& path) -> model::ComposeRead {
    if (auto it = named.find(path); it != named.end()) return {it->second, false, ""};
    InputFile input{path, tree != nullptr ? tree->DisplayPath(path) : path, "",
                    model::InputKind::kComposeFile, tree};
    std::string content, error;
    if (path == "-" || !ReadBytes(input, context, &content, &error)) {
      bool missing = tree != nullptr ? tree->TypeOf(path) == HostFs::Type::kMissing
                                     : AskDisk(ReadOp::kDiskExists, path) == "0";
      return {nullptr, missing, missing ? "no such file" : error};
    }
    read.push_back(std::make_unique<SourceFile>(input.display_path, std::move(content)));
    named[path] = read.back().get();
    ++result->files_read;
    return {read.back().get(), false, ""};
  };
  // The dockerd of the host tree the project was found in: its settings are the services' defaults. Its
  // files are read quietly here; the host's own job reports on them.
  std::vector<std::unique_ptr<SourceFile>> host_read;
  std::optional<model::HostModel> daemon;
  if (!job.host.files.empty()) {
    std::vector<model::HostInput> host_inputs;
    for (const InputFile& input : job.host.files) {
      std::string content, error;
      bool ok = ReadBytes(input, context, &content, &error);
      if (ok) host_read.push_back(std::make_unique<SourceFile>(input.display_path, std::move(content)));
      host_inputs.push_back({input.kind, input.host_path, ok ? host_read.back().get() : nullptr});
    }
    daemon.emplace(model::BuildHostModel(host_inputs, {.whole_tree = true}));
  }
  if (inputs.files.size() == job.compose_files.size()) {
    model::ComposeProject project = model::LoadComposeProject(inputs);
    rules::AddSelectedFindings(context.ruleset, context.selected, project.diagnostics, &result->findings);
    std::vector<Finding> produced;
    if (project.complete) {
      std::vector<rules::RuleOutcome> outcomes = rules::EvaluateComposeRules(
          context.selected, {project, daemon ? &daemon->config : nullptr}, &produced);
      // A row per service and rule: kept only for the summary, or a sweep holds them all to the end.
      if (context.options.summary) result->outcomes = std::move(outcomes);
    }
    // `# docklint ignore=` comments of each compose file, those `extends` and `include` name too.
    base::Diagnostics suppression_problems;
    std::vector<rules::Suppressions> suppressions;
    for (const model::ComposeSource& source : project.files) {
      suppressions.push_back(
          rules::YamlSuppressions(*source.file, source.yaml, context.ruleset, &suppression_problems));
    }
    rules::AddSelectedFindings(context.ruleset, context.selected, suppression_problems, &produced);
    // The Dockerfiles its services build are linted as usual, once, unless the run lints them on their own.
    std::set<const SourceFile*> linted;
    for (const model::ComposeService& service : project.services) {
      if (!service.build || !service.build->read || !linted.insert(service.build->file).second ||
          IsDockerfileJob(context,
                          std::filesystem::path(service.build->file->path()).lexically_normal().string()))
        continue;
      const SourceFile* dockerfile = service.build->file;
      if (service.build->dockerfile.empty()) {  // dockerfile_inline: kept with the files read
        read.push_back(std::make_unique<SourceFile>(dockerfile->path(), dockerfile->content()));
        dockerfile = read.back().get();
      }
      if (!context.dockerfile_linter.Lint(*dockerfile, &result->findings, nullptr, &result->messages))
        ++result->templates;
      result->dockerfiles_linted.push_back(
          std::filesystem::path(dockerfile->path()).lexically_normal().string());
    }
    for (Finding& finding : produced) {
      bool suppressed = false;  // every file's comments see the finding, so that each knows it was used
      for (const rules::Suppressions& file_suppressions : suppressions)
        suppressed = file_suppressions.Suppresses(finding) || suppressed;
      if (!suppressed) result->findings.push_back(std::move(finding));
    }
    for (const rules::Suppressions& file_suppressions : suppressions) {
      rules::AddSelectedFindings(context.ruleset, context.selected,
                                 file_suppressions.Unused(context.selected), &result->findings);
    }
  }
  KeepReferencedLines(read, result);
}

void RunJob(const Job& job, const RunContext& context, JobResult* result) {
  try {
    switch (job.kind) {
      case model::JobKind::kHost:
        RunHostJob(job, context, result);
        break;
      case model::JobKind::kDockerfile:
        RunDockerfileJob(job, context, result);
        break;
      case model::JobKind::kComposeProject:
        RunComposeJob(job, context, result);
        break;
    }
  } catch (const std::exception& e) {
    // A docklint bug must not take the other files' findings down with it.
    const std::string& what = job.kind == model::JobKind::kHost ? job.tree_name
                              : job.kind == model::JobKind::kDockerfile
                                  ? job.dockerfile.display_path
                                  : job.compose_files.front().display_path;
    result->messages += "docklint: error: " + what + ": internal error: " + e.what() + '\n';
    result->unreadable = true;
    if (ReadLog* log = CurrentReadLog()) log->MarkUncacheable();
  }
}

// The tree a job reads through, when it reads one.
const HostFs* TreeOf(const Job& job) {
  if (job.tree) return job.tree.get();
  if (job.kind == model::JobKind::kDockerfile) return job.dockerfile.tree;
  if (!job.compose_files.empty()) return job.compose_files.front().tree;
  return nullptr;
}

void AddInput(base::ContentHasher& key, const InputFile& input) {
  key.Add(input.disk_path)
      .Add(input.display_path)
      .Add(input.host_path)
      .Add(static_cast<uint64_t>(input.kind));
  key.Add(input.tree != nullptr ? 1 : 0);
}

// What names a job's cache entry: the run's key and everything the plan told the job (its reads are checked
// separately, from the entry's read log).
base::ContentHash JobKey(const Job& job, const RunContext& context) {
  base::ContentHasher key;
  key.Add(context.run_key.low).Add(context.run_key.high).Add(static_cast<uint64_t>(job.kind));
  key.Add(job.tree_name).Add(job.found_in_walk ? 1 : 0).Add(job.tree ? 1 : 0);
  key.Add(static_cast<uint64_t>(job.daemon.kind)).Add(job.daemon.home);
  key.Add(job.host.files.size());
  for (const InputFile& input : job.host.files) AddInput(key, input);
  if (job.kind == model::JobKind::kDockerfile) AddInput(key, job.dockerfile);  // others leave it unset
  key.Add(job.compose_files.size());
  for (const InputFile& input : job.compose_files) AddInput(key, input);
  key.Add(job.compose_dotenv);
  return key.Finish();
}

// Whether every question a cached entry's job asked still gets the same answer.
bool ReadsStillHold(const std::vector<ReadRecord>& reads, const Job& job, const RunContext& context) {
  const HostFs* tree = TreeOf(job);
  for (const ReadRecord& read : reads) {
    std::optional<std::string> answer;
    switch (read.op) {
      case ReadOp::kDiskRead:
      case ReadOp::kDiskExists:
      case ReadOp::kDiskIsRegularFile:
        answer = DiskAnswer(read.op, read.path);
        break;
      case ReadOp::kDockerfileJob:
        answer = context.is_dockerfile_job && context.is_dockerfile_job(read.path) ? "1" : "0";
        break;
      default:
        if (tree != nullptr) answer = tree->Answer(read.op, read.path);
        break;
    }
    if (!answer || !(base::HashBytes(*answer) == read.answer)) return false;
  }
  return true;
}

// Runs a job, or takes its result from the cache when every read it made gives the same answer.
void RunJobCached(const Job& job, const RunContext& context, JobResult* result) {
  // --fix writes files: its run must happen. Standard input is not kept to be checked against.
  bool cacheable = context.cache != nullptr && !context.options.fix &&
                   !(job.kind == model::JobKind::kDockerfile && job.dockerfile.disk_path == "-");
  if (!cacheable) return RunJob(job, context, result);
  base::ContentHash key = JobKey(job, context);
  if (std::optional<CacheEntry> entry = context.cache->Load(key)) {
    bool hold;
    {
      ScopedReadLog unrecorded(nullptr);
      hold = ReadsStillHold(entry->reads, job, context);
    }
    if (hold) {
      *result = std::move(entry->result);
      return;
    }
  }
  ReadLog log;
  {
    ScopedReadLog recording(&log);
    RunJob(job, context, result);
  }
  if (log.cacheable()) context.cache->Store(key, log.records(), *result);
}

}  // namespace

void RunJobs(JobSource& source, const RunContext& context, unsigned threads, size_t window,
             const std::function<void(Job& job, JobResult& result)>& consume) {
  window = std::max<size_t>(window, 1);
  if (threads <= 1) {
    // One thread: each job is run and handed on before the next is taken.
    for (Job job; source.Next(&job); job = Job()) {
      JobResult result;
      RunJobCached(job, context, &result);
      consume(job, result);
    }
    return;
  }
  // A ring of `window` slots: job i lives in slot i % window from when a worker takes it until the calling
  // thread has handed it on. Workers wait while the ring is full; the calling thread waits for the next
  // job in order.
  struct Slot {
    Job job;
    JobResult result;
    bool done = false;
  };
  std::vector<Slot> ring(window);
  std::mutex mutex;
  std::condition_variable changed;
  size_t taken = 0, handed = 0;
  bool source_done = false;
  auto work = [&] {
    std::unique_lock lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return source_done || taken < handed + window; });
      if (source_done) return;
      size_t index = taken;
      Slot& slot = ring[index % window];
      if (!source.Next(&slot.job)) {  // under the lock: the source is not thread-safe
        source_done = true;
        changed.notify_all();
        return;
      }
      ++taken;
      lock.unlock();
      RunJobCached(slot.job, context, &slot.result);
      lock.lock();
      slot.done = true;
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  std::unique_lock lock(mutex);
  while (true) {
    changed.wait(lock, [&] { return ring[handed % window].done || (source_done && handed == taken); });
    Slot& slot = ring[handed % window];
    if (!slot.done) break;  // every job taken was handed on, and the source is empty
    lock.unlock();
    consume(slot.job, slot.result);
    slot = Slot();  // frees the job's files and findings now, not when the slot is reused
    lock.lock();
    ++handed;
    changed.notify_all();
  }
  lock.unlock();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace docklint::app
