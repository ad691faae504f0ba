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
// Its errors and notes go to `errors` and `messages` ("docklint: note: ...\n").
void AddTreeComposeJobs(const std::shared_ptr<HostFs>& owner, const Discovery& host, std::vector<Job>* jobs,
                        std::set<std::string>* folders, std::vector<std::string>* errors,
                        std::string* messages) {
  const HostFs& tree = *owner;
  TreeComposeProjects found = DiscoverComposeProjects(tree);
  errors->insert(errors->end(), found.errors.begin(), found.errors.end());
  for (const std::string& note : found.notes) *messages += "docklint: note: " + note + '\n';
  for (const TreeComposeProject& project : found.projects) {
    jobs->push_back(TreeComposeJob(owner, project));
    jobs->back().host = host;
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

std::string Normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

// The path that places a job in the output: its first file's (a host tree's: its root).
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

std::string OutputKey(const HostGroup& group) {
  return group.tree_root.empty() ? group.files.front() : group.tree_root;
}

// Paths in the order a walk meets them: component by component (as std::filesystem::path compares them), but
// without splitting them into components: '/' is taken as the smallest character.
bool PathLess(std::string_view a, std::string_view b) {
  size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    if (a[i] == b[i]) continue;
    if (a[i] == '/') return true;
    if (b[i] == '/') return false;
    return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

// Whether the walk of `root` finds `file` as a Dockerfile job of its own.
bool WalkLintsDockerfile(const std::string& root, const std::string& file, const Options& options) {
  std::optional<std::string> walked = WalkedPath(root, file);
  return walked && ClassifyWalked(*walked, root, options) == Walked::kDockerfile;
}

}  // namespace

bool PlanJobs(const Options& options, Plan* plan, std::ostream& err) {
  plan->options = &options;
  std::vector<Job>& jobs = plan->jobs;
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
    std::string notes;
    AddTreeComposeJobs(given.tree, given.host, &jobs, &plan->tree_folders, &plan->errors, &notes);
    err << notes;
  }
  // Paths given one by one are one host, with the host files of a walk that the configuration maps. Each
  // walked directory's other host files are grouped by the host they describe; its Dockerfiles and compose
  // projects are only counted here.
  std::vector<std::string> paths, walked_host_files;
  size_t unbuilt_skipped = 0;  // walked Dockerfiles in test and archive folders, not linted
  size_t walked_jobs = 0;      // walked Dockerfiles and compose files
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
    plan->walks.push_back(path);
    DirectoryWalker walker(path);
    bool found = false;
    for (std::string file; walker.Next(&file);) {
      found = true;
      switch (ClassifyWalked(file, path, options)) {
        case Walked::kCompose:
        case Walked::kDockerfile:
          ++walked_jobs;  // PlanJobSource finds them again
          break;
        case Walked::kGivenHost:
          paths.push_back(std::move(file));
          break;
        case Walked::kUnbuiltDockerfile:
          ++unbuilt_skipped;
          break;
        case Walked::kHost:
          if (std::optional<std::string> root = TreeRootOf(file)) {
            // A tree's files come together, mostly: each root is kept once.
            if (plan->tree_root_starts.empty() ||
                std::string_view(plan->tree_roots).substr(plan->tree_root_starts.back()) != *root + '\0') {
              plan->tree_root_starts.push_back(plan->tree_roots.size());
              plan->tree_roots += *root + '\0';
            }
          } else {
            walked_host_files.push_back(std::move(file));
          }
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
  std::set<std::string> seen;
  SplitOffOwnJobs(&given.host, &jobs, &seen);
  for (const std::string& path : seen) plan->given_own_jobs.insert(Normal(path));
  if (unbuilt_skipped > 0) {
    err << "docklint: note: " << unbuilt_skipped << " Dockerfile" << (unbuilt_skipped == 1 ? "" : "s")
        << " in test or archive folders (tests/, testdata/, fixtures/, archive/, deprecated/, ...) were not "
           "linted; --lint-test-files lints them\n";
  }
  // Walked in path order too, so that a run's output is in path order whatever the order of its arguments.
  std::stable_sort(plan->walks.begin(), plan->walks.end(), PathLess);
  plan->host_groups = GroupByHost(walked_host_files);
  std::vector<std::string>().swap(walked_host_files);
  auto root_at = [plan](size_t start) { return std::string(plan->tree_roots.c_str() + start); };
  std::vector<size_t>& starts = plan->tree_root_starts;
  std::stable_sort(starts.begin(), starts.end(),
                   [&](size_t a, size_t b) { return PathLess(root_at(a), root_at(b)); });
  starts.erase(
      std::unique(starts.begin(), starts.end(), [&](size_t a, size_t b) { return root_at(a) == root_at(b); }),
      starts.end());
  // The files given make a host when they hold one, and so does an empty run: its host controls are N/A.
  if (given.tree || !given.host.files.empty() ||
      (plan->host_groups.empty() && plan->tree_root_starts.empty() && jobs.empty() && walked_jobs == 0)) {
    std::vector<Job> given_jobs;
    if (given.tree) AddOtherDaemonJobs(given, &given_jobs);
    given_jobs.insert(given_jobs.begin(), std::move(given));
    jobs.insert(jobs.begin(), std::make_move_iterator(given_jobs.begin()),
                std::make_move_iterator(given_jobs.end()));
  }
  // By their first file's path, as the walks will find theirs; a tree's other daemons and compose projects
  // after the tree.
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const Job& a, const Job& b) { return PathLess(OutputKey(a), OutputKey(b)); });
  std::stable_sort(
      plan->host_groups.begin(), plan->host_groups.end(),
      [](const HostGroup& a, const HostGroup& b) { return PathLess(OutputKey(a), OutputKey(b)); });
  return true;
}

bool Plan::IsDockerfileJob(const std::string& path) const {
  if (given_own_jobs.contains(Normal(path))) return true;
  // Asked of the disk rather than of a list of every walked Dockerfile, which a large repository would make
  // long. Walks do not know the options; the unbuilt-folder rule is theirs, so a plan keeps its own copy.
  return std::any_of(walks.begin(), walks.end(),
                     [&](const std::string& root) { return WalkLintsDockerfile(root, path, *options); });
}

PlanJobSource::PlanJobSource(Plan& plan, const Options& options) : plan_(plan), options_(options) {}

void PlanJobSource::Expand(const HostGroup& group) {
  std::vector<Job> jobs;
  if (group.tree_root.empty()) {
    Job job;
    job.tree_name = group.files.front();
    job.host = ClassifyPaths(group.files);
    jobs.push_back(std::move(job));
  } else {
    Job tree = HostTreeJob(OpenDirectoryTree(group.tree_root, options_.unsaved), group.tree_root);
    tree.found_in_walk = true;
    std::vector<Job> others;  // its other daemons, then its compose projects
    AddOtherDaemonJobs(tree, &others);
    std::vector<std::string> errors;
    AddTreeComposeJobs(tree.tree, tree.host, &others, &tree_folders_, &errors, &tree.plan_messages);
    for (const std::string& error : errors) tree.plan_messages += "docklint: error: " + error + '\n';
    tree.plan_error = !errors.empty();
    jobs.push_back(std::move(tree));
    std::move(others.begin(), others.end(), std::back_inserter(jobs));
  }
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const Job& a, const Job& b) { return PathLess(OutputKey(a), OutputKey(b)); });
  // ready_ is taken from the back: the new jobs go in reversed, merged with what is there.
  std::move(ready_.begin(), ready_.end(), std::back_inserter(jobs));
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const Job& a, const Job& b) { return PathLess(OutputKey(a), OutputKey(b)); });
  std::reverse(jobs.begin(), jobs.end());
  ready_ = std::move(jobs);
}

bool PlanJobSource::NextWalked(Job* job) {
  while (walk_ < plan_.walks.size()) {
    const std::string& root = plan_.walks[walk_];
    if (!walker_) walker_.emplace(root);
    for (std::string file; walker_->Next(&file);) {
      Walked kind = ClassifyWalked(file, root, options_);
      // A file given by path too, or that an earlier walk found, is linted there.
      auto found_before = [&](const std::string& path) {
        if (plan_.given_own_jobs.contains(Normal(path))) return true;
        for (size_t earlier = 0; earlier < walk_; ++earlier) {
          const std::string& other = plan_.walks[earlier];
          if (kind == Walked::kDockerfile ? WalkLintsDockerfile(other, path, options_)
                                          : WalkedPath(other, path).has_value())
            return true;
        }
        return false;
      };
      if (kind == Walked::kDockerfile) {
        if (found_before(file)) continue;
        *job = Job();
        job->kind = model::JobKind::kDockerfile;
        std::string host_path;
        model::KindFromName(file, &host_path);
        job->dockerfile = InputFile{file, file, host_path, model::InputKind::kDockerfile};
        return true;
      }
      if (kind != Walked::kCompose) continue;
      // A folder's first compose file makes its project; the walk is depth first, so the folders made
      // projects of that it is still inside are a stack.
      std::string folder = fs::path(file).parent_path().string();
      while (!compose_folders_.empty() &&
             !(folder == compose_folders_.back() || folder.starts_with(compose_folders_.back() + "/")))
        compose_folders_.pop_back();
      if (!compose_folders_.empty() && compose_folders_.back() == folder) continue;
      compose_folders_.push_back(folder);
      Job compose = ComposeFolderJob(folder);
      if (compose.compose_files.empty() || found_before(compose.compose_files.front().disk_path)) continue;
      *job = std::move(compose);
      return true;
    }
    walker_.reset();  // its errors were said when planning
    compose_folders_.clear();
    ++walk_;
  }
  return false;
}

bool PlanJobSource::Next(Job* job) {
  while (true) {
    if (!walked_) {
      Job found;
      if (NextWalked(&found)) walked_ = std::move(found);
    }
    // The smallest of the four heads by output key: planned jobs, host groups (made jobs first), jobs of
    // the groups made, the walks' next.
    const std::string* best = nullptr;
    int which = -1;
    std::string keys[5];
    bool present[5] = {next_job_ < plan_.jobs.size(), next_group_ < plan_.host_groups.size(), !ready_.empty(),
                       walked_.has_value(), next_tree_ < plan_.tree_root_starts.size()};
    if (present[0]) keys[0] = OutputKey(plan_.jobs[next_job_]);
    if (present[1]) keys[1] = OutputKey(plan_.host_groups[next_group_]);
    if (present[2]) keys[2] = OutputKey(ready_.back());
    if (present[3]) keys[3] = OutputKey(*walked_);
    if (present[4]) keys[4] = plan_.tree_roots.c_str() + plan_.tree_root_starts[next_tree_];
    for (int i = 0; i < 5; ++i) {
      if (present[i] && (best == nullptr || PathLess(keys[i], *best))) {
        best = &keys[i];
        which = i;
      }
    }
    switch (which) {
      case 0:
        *job = std::move(plan_.jobs[next_job_++]);
        return true;
      case 1:
        Expand(plan_.host_groups[next_group_++]);
        continue;
      case 2:
        *job = std::move(ready_.back());
        ready_.pop_back();
        return true;
      case 3: {
        bool tree_project =
            walked_->kind == model::JobKind::kComposeProject && !walked_->compose_files.empty() &&
            (tree_folders_.contains(
                 FolderKey(fs::path(walked_->compose_files.front().display_path).parent_path().string())) ||
             plan_.tree_folders.contains(
                 FolderKey(fs::path(walked_->compose_files.front().display_path).parent_path().string())));
        // A walk's folder that a host tree's search found too is that tree's project: read through the tree,
        // as its units run it.
        if (!tree_project) *job = std::move(*walked_);
        walked_.reset();
        if (tree_project) continue;
        return true;
      }
      case 4:
        Expand(HostGroup{keys[4], {}});
        ++next_tree_;
        continue;
      default:
        return false;
    }
  }
}

}  // namespace docklint::app
