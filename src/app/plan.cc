#include "app/plan.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "app/directory_walk.h"
#include "app/dockerfile_lint.h"
#include "model/compose_invocation.h"
#include "model/compose_project.h"

namespace docklint::app {
namespace {

Job HostTreeJob(std::shared_ptr<HostFs> tree, std::string name) {
  Job job;
  job.host = DiscoverHostTree(*tree);
  job.tree = std::move(tree);
  job.tree_name = std::move(name);
  return job;
}

// A job for each other daemon of the tree `system` judges (rootless, snap), after it.
void AddOtherDaemonJobs(const Job& system, std::vector<Job>* jobs) {
  for (DaemonDiscovery& found : DiscoverOtherDaemons(*system.tree)) {
    Job job;
    job.host = std::move(found.host);
    job.tree = system.tree;
    job.daemon = std::move(found.daemon);
    job.tree_name = system.tree_name;
    job.found_in_walk = system.found_in_walk;
    jobs->push_back(std::move(job));
  }
}

namespace fs = std::filesystem;

// The project's .env: the one in the folder of its first compose file, when there is one.
std::string DotenvBeside(const std::string& compose_file) {
  fs::path dotenv = fs::path(compose_file).parent_path() / ".env";
  std::error_code ec;
  return fs::exists(fs::symlink_status(dotenv, ec)) ? dotenv.string() : "";
}

InputFile ComposeInput(const std::string& path) { return {path, path, "", model::InputKind::kComposeFile}; }

// A compose project found in a walk, on disk: the files `docker compose` picks in `folder`.
Job ComposeFolderJob(const std::string& folder) {
  model::ComposeFileAccess disk{
      [](const std::string& path) {
        std::error_code ec;
        return fs::exists(fs::symlink_status(path, ec));
      },
      [](const std::string& path, std::string* text) {
        std::string error;
        return base::ReadFileToString(path, text, &error);
      },
  };
  model::ComposeProjectFiles found = model::ComposeFilesInFolder(folder, disk);
  Job job;
  job.kind = model::JobKind::kComposeProject;
  for (const std::string& file : found.files) job.compose_files.push_back(ComposeInput(file));
  job.compose_dotenv = found.dotenv;
  return job;
}

// A compose project of a host tree, read through the tree (`compose_dotenv` is then a path of the tree too)
// and named by the tree's names for its files: "rootfs.tar:/opt/app/compose.yaml".
Job TreeComposeJob(const std::shared_ptr<HostFs>& owner, const TreeComposeProject& project) {
  const HostFs& tree = *owner;
  Job job;
  job.kind = model::JobKind::kComposeProject;
  job.tree = owner;  // its files point into the tree, which must outlive the tree's own job
  for (const std::string& file : project.files)
    job.compose_files.push_back(
        {file, tree.DisplayPath(file), "/" + file, model::InputKind::kComposeFile, &tree});
  job.compose_dotenv = project.dotenv;
  return job;
}

// The key two finds of one project share: the folder as findings name it.
std::string FolderKey(const std::string& display_path) {
  std::string key = fs::path(display_path).lexically_normal().string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

// Adds the compose projects of a host tree as jobs of their own; `folders` collects their folders (as
// FolderKey names them), so a walk that met the same folders leaves them to these jobs.
void AddTreeComposeJobs(const std::shared_ptr<HostFs>& owner, const Discovery& host, Plan* plan,
                        std::set<std::string>* folders, std::ostream& err) {
  const HostFs& tree = *owner;
  TreeComposeProjects found = DiscoverComposeProjects(tree);
  plan->errors.insert(plan->errors.end(), found.errors.begin(), found.errors.end());
  for (const std::string& note : found.notes) err << "docklint: note: " << note << '\n';
  for (const TreeComposeProject& project : found.projects) {
    plan->jobs.push_back(TreeComposeJob(owner, project));
    plan->jobs.back().host = host;
    folders->insert(FolderKey(tree.DisplayPath(project.directory)));
  }
}

// Moves the files of `discovery` that are jobs of their own (a Dockerfile, a compose file given by path,
// read as `docker compose -f FILE` reads it) into those jobs; the host files stay.
void SplitOffOwnJobs(Discovery* discovery, std::vector<Job>* jobs, std::set<std::string>* seen) {
  std::erase_if(discovery->files, [&](const InputFile& input) {
    model::JobKind kind = model::InfoOf(input.kind).job;
    if (kind == model::JobKind::kHost) return false;
    if (seen->insert(input.disk_path).second) {
      Job job;
      job.kind = kind;
      if (kind == model::JobKind::kDockerfile) {
        job.dockerfile = input;
      } else {
        job.compose_files.push_back(input);
        if (input.disk_path != "-") job.compose_dotenv = DotenvBeside(input.disk_path);
      }
      jobs->push_back(std::move(job));
    }
    return true;
  });
}

// What a walk's file is to the plan.
enum class Walked { kDockerfile, kUnbuiltDockerfile, kCompose, kGivenHost, kHost };

Walked ClassifyWalked(const std::string& file, const std::string& root, const Options& options) {
  std::string host_path;
  std::optional<model::InputKind> kind = model::KindInWalk(file, &host_path);
  if (kind == model::InputKind::kComposeFile) return Walked::kCompose;
  if (!MappedHostPath(file, options.host_mapping).empty()) return Walked::kGivenHost;
  if (kind != model::InputKind::kDockerfile) return Walked::kHost;
  if (!options.lint_test_files && file.size() > root.size() &&
      IsUnbuiltFolderPath(std::string_view(file).substr(root.size())))
    return Walked::kUnbuiltDockerfile;
  return Walked::kDockerfile;
}

base::ContentHash PathHash(const std::string& path) {
  return base::HashBytes(fs::path(path).lexically_normal().string());
}

bool HashLess(const std::pair<base::ContentHash, int>& a, const std::pair<base::ContentHash, int>& b) {
  return std::tie(a.first.high, a.first.low, a.second) < std::tie(b.first.high, b.first.low, b.second);
}

// The first walk (or -1: given by path) that makes `hash` a job of its own; nullopt when none does.
std::optional<int> FirstOwner(const std::vector<std::pair<base::ContentHash, int>>& sorted,
                              const base::ContentHash& hash) {
  auto it =
      std::lower_bound(sorted.begin(), sorted.end(), std::pair<base::ContentHash, int>(hash, -2), HashLess);
  if (it == sorted.end() || !(it->first == hash)) return std::nullopt;
  return it->second;
}

// The path that places a job in the output: its first file's.
std::string OutputKey(const Job& job) {
  switch (job.kind) {
    case model::JobKind::kDockerfile:
      return job.dockerfile.display_path;
    case model::JobKind::kComposeProject:
      return job.compose_files.empty() ? "" : job.compose_files.front().display_path;
    case model::JobKind::kHost:
      break;
  }
  if (job.tree) return job.tree_name;
  return job.host.files.empty() ? "" : job.host.files.front().display_path;
}

bool PathLess(const std::string& a, const std::string& b) { return fs::path(a) < fs::path(b); }

}  // namespace

bool Plan::IsDockerfileJob(const std::string& display_path) const {
  return FirstOwner(own_dockerfiles, PathHash(display_path)).has_value();
}

bool PlanJobs(const Options& options, Plan* plan, std::ostream& err) {
  std::vector<Job> host_jobs;
  std::set<std::string> tree_folders;  // the folders of the host trees' compose projects
  Job given;  // --root's tree with the files given by path, or the files given by path alone: one host
  given.tree_name = options.root.empty() ? "the files given" : options.root;
  if (!options.root.empty()) {
    std::error_code ec;
    std::shared_ptr<HostFs> tree;
    if (std::filesystem::is_directory(options.root, ec)) {
      tree = OpenDirectoryTree(options.root, options.unsaved);
    } else if (LooksLikeTarball(options.root) || std::filesystem::is_regular_file(options.root, ec)) {
      std::string error;
      tree = OpenTarballTree(options.root, &error);
      if (!tree) {
        err << "docklint: error: " << options.root << ": cannot read as a rootfs tarball: " << error << '\n';
        return false;
      }
    } else {
      err << "docklint: error: " << options.root << ": --root takes a directory or a rootfs tarball\n";
      return false;
    }
    given = HostTreeJob(std::move(tree), options.root);
    AddTreeComposeJobs(given.tree, given.host, plan, &tree_folders, err);
  }
  // Paths given one by one are one host, with the host files of a walk that the configuration maps. Each
  // walked directory's other host files are grouped by the host they describe.
  std::vector<std::string> paths, walked_host_files;
  std::set<std::string> seen_own_jobs, compose_folders;
  size_t unbuilt_skipped = 0;  // walked Dockerfiles in test and archive folders, not linted
  for (const std::string& path : options.paths) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_directory(path, ec)) {
      if (path == "-") continue;
      std::string host_path;
      // --force-exclude: a file named on the command line (pre-commit names every changed file) is skipped
      // where a walk would skip it.
      if (options.force_exclude && !options.lint_test_files && IsUnbuiltFolderPath(path) &&
          model::KindFromName(path, &host_path) == model::InputKind::kDockerfile) {
        ++unbuilt_skipped;
        continue;
      }
      paths.push_back(path);
      continue;
    }
    // The same folder named twice is walked once.
    if (std::find(plan->walks.begin(), plan->walks.end(), path) != plan->walks.end()) continue;
    int walk_index = static_cast<int>(plan->walks.size());
    plan->walks.push_back(path);
    DirectoryWalker walker(path);
    bool found = false;
    for (std::string file; walker.Next(&file);) {
      found = true;
      switch (ClassifyWalked(file, path, options)) {
        case Walked::kCompose:
          compose_folders.insert(fs::path(file).parent_path().string());
          break;
        case Walked::kGivenHost:
          paths.push_back(std::move(file));
          break;
        case Walked::kUnbuiltDockerfile:
          ++unbuilt_skipped;
          break;
        case Walked::kDockerfile:
          // Not kept: PlanJobSource walks again for them. Only a hash, to know the run lints it.
          plan->own_dockerfiles.emplace_back(PathHash(file), walk_index);
          break;
        case Walked::kHost:
          walked_host_files.push_back(std::move(file));
          break;
      }
    }
    std::vector<std::string> errors = walker.TakeErrors();
    plan->errors.insert(plan->errors.end(), errors.begin(), errors.end());
    if (!found && errors.empty()) err << "docklint: note: " << path << ": holds no file docklint lints\n";
  }
  Discovery classified = ClassifyPaths(paths, options.host_mapping);
  plan->errors.insert(plan->errors.end(), classified.errors.begin(), classified.errors.end());
  given.host.files.insert(given.host.files.end(), classified.files.begin(), classified.files.end());
  // "-" is standard input, named (and classified) by --stdin-filename, as editors pass a buffer.
  if (std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end()) {
    std::string name = options.stdin_filename.empty() ? "<stdin>" : options.stdin_filename;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      plan->stdin_text.append(buffer, static_cast<size_t>(std::cin.gcount()));
      if (plan->stdin_text.size() > base::kMaxFileSize) {
        err << "docklint: error: " << name << ": standard input holds more than "
            << base::kMaxFileSize / (1024 * 1024) << " MiB; docklint reads files of at most that\n";
        return false;
      }
    }
    std::string host_path;
    std::optional<model::InputKind> kind = model::KindFromName(name, &host_path);
    if (!kind) kind = model::KindFromContent(std::string_view(plan->stdin_text).substr(0, 4096));
    if (!kind) {
      err << "docklint: error: " << name << ": " << kUnknownKind << " (name it with --stdin-filename)\n";
      return false;
    }
    given.host.files.push_back(InputFile{"-", name, host_path, *kind});
  }
  SplitOffOwnJobs(&given.host, &plan->jobs, &seen_own_jobs);
  if (unbuilt_skipped > 0) {
    err << "docklint: note: " << unbuilt_skipped << " Dockerfile" << (unbuilt_skipped == 1 ? "" : "s")
        << " in test or archive folders (tests/, testdata/, fixtures/, archive/, deprecated/, ...) were not "
           "linted; --lint-test-files lints them\n";
  }
  for (HostGroup& group : GroupByHost(walked_host_files)) {
    if (!group.tree_root.empty()) {
      host_jobs.push_back(HostTreeJob(OpenDirectoryTree(group.tree_root, options.unsaved), group.tree_root));
      host_jobs.back().found_in_walk = true;
      AddTreeComposeJobs(host_jobs.back().tree, host_jobs.back().host, plan, &tree_folders, err);
      std::vector<Job> others;
      AddOtherDaemonJobs(host_jobs.back(), &others);
      std::move(others.begin(), others.end(), std::back_inserter(host_jobs));
      continue;
    }
    Job job;
    job.tree_name = group.files.front();
    job.host = ClassifyPaths(group.files);
    host_jobs.push_back(std::move(job));
  }
  // A walk's folders that a host tree's search found too are that tree's projects: read through the tree,
  // as its units run them.
  for (const std::string& folder : compose_folders) {
    if (tree_folders.contains(FolderKey(folder))) continue;
    Job job = ComposeFolderJob(folder);
    if (!job.compose_files.empty() && seen_own_jobs.insert(job.compose_files.front().disk_path).second)
      plan->jobs.push_back(std::move(job));
  }
  // The files given make a host when they hold one, and so does an empty run: its host controls are N/A.
  if (given.tree || !given.host.files.empty() || (host_jobs.empty() && plan->jobs.empty())) {
    std::vector<Job> given_jobs;
    if (given.tree) AddOtherDaemonJobs(given, &given_jobs);
    given_jobs.insert(given_jobs.begin(), std::move(given));
    host_jobs.insert(host_jobs.begin(), std::make_move_iterator(given_jobs.begin()),
                     std::make_move_iterator(given_jobs.end()));
  }
  // Every job by its first file's path, as the walked Dockerfiles will come; a tree's other daemons and
  // compose projects after the tree.
  std::move(plan->jobs.begin(), plan->jobs.end(), std::back_inserter(host_jobs));
  std::stable_sort(host_jobs.begin(), host_jobs.end(),
                   [](const Job& a, const Job& b) { return PathLess(OutputKey(a), OutputKey(b)); });
  plan->jobs = std::move(host_jobs);
  for (const Job& job : plan->jobs) {
    if (job.kind == model::JobKind::kDockerfile)
      plan->own_dockerfiles.emplace_back(PathHash(job.dockerfile.display_path), -1);
  }
  std::sort(plan->own_dockerfiles.begin(), plan->own_dockerfiles.end(), HashLess);
  return true;
}

PlanJobSource::PlanJobSource(Plan& plan, const Options& options) : plan_(plan), options_(options) {}

bool PlanJobSource::NextWalked() {
  while (walk_ < plan_.walks.size()) {
    const std::string& root = plan_.walks[walk_];
    if (!walker_) walker_.emplace(root);
    for (std::string file; walker_->Next(&file);) {
      if (ClassifyWalked(file, root, options_) != Walked::kDockerfile) continue;
      // A Dockerfile given by path too, or found by an earlier walk, is linted there.
      if (FirstOwner(plan_.own_dockerfiles, PathHash(file)) != static_cast<int>(walk_)) continue;
      Job job;
      job.kind = model::JobKind::kDockerfile;
      std::string host_path;
      model::KindFromName(file, &host_path);
      job.dockerfile = InputFile{file, file, host_path, model::InputKind::kDockerfile};
      walked_ = std::move(job);
      return true;
    }
    walker_.reset();  // its errors were said when planning
    ++walk_;
  }
  return false;
}

bool PlanJobSource::Next(Job* job) {
  if (!walked_) NextWalked();
  // The two sequences merged by path.
  bool take_planned =
      next_planned_ < plan_.jobs.size() &&
      (!walked_ || !PathLess(walked_->dockerfile.display_path, OutputKey(plan_.jobs[next_planned_])));
  if (take_planned) {
    *job = std::move(plan_.jobs[next_planned_++]);
    return true;
  }
  if (!walked_) return false;
  *job = std::move(*walked_);
  walked_.reset();
  return true;
}

}  // namespace docklint::app
