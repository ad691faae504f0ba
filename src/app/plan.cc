#include "app/plan.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "app/directory_walk.h"
#include "model/compose_project.h"

namespace docklint::app {
namespace {

Job HostTreeJob(std::unique_ptr<HostFs> tree, std::string name) {
  Job job;
  job.host = DiscoverHostTree(*tree);
  job.tree = std::move(tree);
  job.tree_name = std::move(name);
  return job;
}

namespace fs = std::filesystem;

// The project's .env: the one in the folder of its first compose file, when there is one.
std::string DotenvBeside(const std::string& compose_file) {
  fs::path dotenv = fs::path(compose_file).parent_path() / ".env";
  std::error_code ec;
  return fs::exists(fs::symlink_status(dotenv, ec)) ? dotenv.string() : "";
}

InputFile ComposeInput(const std::string& path) { return {path, path, "", model::InputKind::kComposeFile}; }

// A compose project found in a walk: the files COMPOSE_FILE in its .env names, else the first file
// `docker compose` looks for in `folder` and the first override file beside it.
Job ComposeFolderJob(const std::string& folder) {
  Job job;
  job.kind = model::JobKind::kComposeProject;
  std::string dotenv_path = (fs::path(folder) / ".env").string();
  std::string text, error;
  if (base::ReadFileToString(dotenv_path, &text, &error)) {
    base::SourceFile dotenv(dotenv_path, std::move(text));
    base::Diagnostics ignored;  // reported when the project is linted
    std::vector<std::string> named = model::ComposeFileVariable(model::ReadComposeDotenv(dotenv, &ignored));
    if (!named.empty()) {
      for (const std::string& name : named)
        job.compose_files.push_back(ComposeInput((fs::path(folder) / name).string()));
      job.compose_dotenv = dotenv_path;
      return job;
    }
  }
  for (const auto* names : {&model::DefaultComposeFileNames(), &model::ComposeOverrideFileNames()}) {
    for (std::string_view name : *names) {
      std::string path = (fs::path(folder) / name).string();
      std::error_code ec;
      if (!fs::exists(fs::symlink_status(path, ec))) continue;
      job.compose_files.push_back(ComposeInput(path));
      break;
    }
  }
  if (!job.compose_files.empty()) job.compose_dotenv = DotenvBeside(job.compose_files.front().disk_path);
  return job;
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

}  // namespace

bool PlanJobs(const Options& options, Plan* plan, std::ostream& err) {
  std::vector<Job> host_jobs;
  Job given;  // --root's tree with the files given by path, or the files given by path alone: one host
  given.tree_name = options.root.empty() ? "the files given" : options.root;
  if (!options.root.empty()) {
    std::error_code ec;
    std::unique_ptr<HostFs> tree;
    if (std::filesystem::is_directory(options.root, ec)) {
      tree = OpenDirectoryTree(options.root);
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
  }
  // Paths given one by one are one host, with the host files of a walk that the configuration maps. Each
  // walked directory's other host files are grouped by the host they describe.
  std::vector<std::string> paths, walked_host_files;
  std::set<std::string> seen_own_jobs, compose_folders;
  for (const std::string& path : options.paths) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_directory(path, ec)) {
      if (path != "-") paths.push_back(path);
      continue;
    }
    Walk walk = WalkDirectory(path);
    plan->errors.insert(plan->errors.end(), walk.errors.begin(), walk.errors.end());
    if (walk.files.empty() && walk.errors.empty())
      err << "docklint: note: " << path << ": holds no file docklint lints\n";
    for (std::string& file : walk.files) {
      std::string host_path;
      std::optional<model::InputKind> kind = model::KindInWalk(file, &host_path);
      if (kind == model::InputKind::kComposeFile) {
        compose_folders.insert(fs::path(file).parent_path().string());
      } else if (!MappedHostPath(file, options.host_mapping).empty() ||
                 kind == model::InputKind::kDockerfile) {
        paths.push_back(std::move(file));
      } else {
        walked_host_files.push_back(std::move(file));
      }
    }
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
  for (const std::string& folder : compose_folders) {
    Job job = ComposeFolderJob(folder);
    if (!job.compose_files.empty() && seen_own_jobs.insert(job.compose_files.front().disk_path).second)
      plan->jobs.push_back(std::move(job));
  }
  for (HostGroup& group : GroupByHost(walked_host_files)) {
    if (!group.tree_root.empty()) {
      host_jobs.push_back(HostTreeJob(OpenDirectoryTree(group.tree_root), group.tree_root));
      host_jobs.back().found_in_walk = true;
      continue;
    }
    Job job;
    job.tree_name = group.files.front();
    job.host = ClassifyPaths(group.files);
    host_jobs.push_back(std::move(job));
  }
  // The files given make a host when they hold one, and so does an empty run: its host controls are N/A.
  if (given.tree || !given.host.files.empty() || host_jobs.empty())
    host_jobs.insert(host_jobs.begin(), std::move(given));
  // Hosts first: they are few and the slowest, so the queue ends with short Dockerfile and compose jobs.
  std::move(plan->jobs.begin(), plan->jobs.end(), std::back_inserter(host_jobs));
  plan->jobs = std::move(host_jobs);
  return true;
}

}  // namespace docklint::app
