// docklint's command line: argv -> Options -> Run().
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "app/config.h"
#include "app/run.h"
#include "lsp/server.h"

int main(int argc, char** argv) {
  // `docklint lsp`: the language server on standard input and output.
  if (argc >= 2 && std::string_view(argv[1]) == "lsp") {
    if (argc > 2) {
      std::cerr << "docklint: error: lsp takes no arguments: it speaks the Language Server Protocol on "
                   "standard input and output\n";
      return docklint::app::kExitUsage;
    }
    std::ios::sync_with_stdio(false);
    return docklint::lsp::RunServer(std::cin, std::cout);
  }
  docklint::app::Options options;
  CLI::App cli{
      "docklint: a static linter for Docker host configuration (daemon.json, docker.service and its "
      "drop-ins, "
      "/etc/default/docker) and Dockerfiles. Reads files only: no Docker engine, no root, no network.",
      "docklint"};
  // Handled above, before parsing; declared for --help.
  CLI::App* lsp = cli.add_subcommand(
      "lsp", "Run the language server (Language Server Protocol on standard input and output)");
  cli.set_version_flag("--version", "docklint " DOCKLINT_VERSION);
  cli.add_option(
      "paths", options.paths,
      "Files and directories to lint. A file's kind comes from its name, then its content; a "
      "directory is searched for files whose names docklint knows (skipping .git, node_modules and "
      "build outputs), and each host it holds is judged on its own");
  cli.add_option("--root", options.root,
                 "Lint the host tree under DIR (standard paths: /etc/docker/daemon.json, "
                 "systemd units and drop-ins, /etc/default/docker, ...)")
      ->type_name("DIR");
  std::vector<std::string> formats = docklint::report::FormatNames();
  formats.push_back("markdown");
  cli.add_option(
         "-f,--format", options.format,
         "Output format: text, json, sarif (SARIF 2.1.0), github (workflow annotations), gitlab (Code "
         "Quality), checkstyle, junit; markdown for --list-rules")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  std::string color = "auto";
  cli.add_option("--color", color,
                 "Color and code frames in text output: auto (on a terminal, color unless NO_COLOR is set), "
                 "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cli.add_option(
         "--stdin-filename", options.stdin_filename,
         "Name of the file read from standard input (give '-' as the path): findings name it, and its "
         "kind comes from it, as for editors")
      ->type_name("NAME");
  cli.add_flag("--fix", options.fix,
               "Fix daemon.json (given by path) where the fix is certain: icc false, live-restore true, "
               "userland-proxy false, no-new-privileges true; keeps key order and indentation");
  cli.add_flag("--unsafe-fixes", options.unsafe_fixes,
               "With --fix, also remove insecure-registries (the host can no longer pull from them)");
  cli.add_option("--trusted-registry", options.trusted_registries,
                 "Base images must come from here (a registry, or a registry/repository prefix such as "
                 "docker.io/library); may repeat")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("REGISTRY");
  std::vector<std::string> required_labels;
  cli.add_option("--require-label", required_labels,
                 "Images must carry this label, its value of this form (text, url, spdx, rfc3339, hash, "
                 "semver, email), as hadolint's option; adds to [dockerfile] label-schema; may repeat")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("LABEL:TYPE");
  bool strict_labels = false;
  cli.add_flag("--strict-labels", strict_labels,
               "Labels not in the label schema are superfluous (as [dockerfile] strict-labels)");
  cli.add_flag(
      "--lint-test-files", options.lint_test_files,
      "Also lint the Dockerfiles a walk finds in test and archive folders (test, tests, testdata, "
      "fixtures, integration, e2e, archive, deprecated, obsolete, unsupported, ...); by default a walk "
      "skips them");
  cli.add_flag("--force-exclude", options.force_exclude,
               "Skip the Dockerfiles named on the command line that a walk would skip (test and archive "
               "folders), as ruff's --force-exclude; the pre-commit hook passes it");
  cli.add_flag("--shellcheck", options.shellcheck,
               "Run ShellCheck (the shellcheck program) on RUN instructions, as hadolint does: rule DKL3260");
  cli.add_option("--baseline", options.baseline,
                 "Report only findings this file (from --baseline-write) does not record; edits that shift "
                 "lines keep recorded findings recorded")
      ->type_name("FILE");
  cli.add_option("--baseline-write", options.baseline_write, "Record today's findings in FILE as a baseline")
      ->type_name("FILE");
  std::string threshold = "style";
  cli.add_option("--failure-threshold", threshold, "Exit 1 only for findings at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}))
      ->capture_default_str();
  cli.add_option("--ruleset", options.rulesets, "Load an extra ruleset file (TOML); may repeat")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("FILE");
  cli.add_option("--benchmark", options.selection.benchmark,
                 "Run the controls of one benchmark, numbered as it numbers them: cis-docker-1.6.0, "
                 "cis-docker-1.7.0, cis-docker-1.8.0, cis-docker-1.13.0, sse-sec-app-docker")
      ->type_name("NAME");
  cli.add_option("--check", options.selection.checks, "Only these controls of --benchmark (e.g. 2.2,2.5)")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("IDS");
  cli.add_option("--select", options.selection.select, "Only these rules: ids, names or id prefixes (DKL1)")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("RULES");
  cli.add_option("--ignore", options.selection.ignore, "Skip these rules: ids, names or id prefixes")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("RULES");
  cli.add_flag("--list-rules", options.list_rules,
               "List the selected rules (text; --format json or markdown) and exit");
  cli.add_option("--explain", options.explain, "Print a rule's documentation and exit")->type_name("RULE");
  cli.add_flag(
      "--summary", options.summary,
      "After the findings, a per-control table (PASS/FAIL/WARN/INFO/N/A) with totals; includes manual "
      "controls");
  cli.add_option("--docker-version", options.docker_version,
                 "Judge the files as this Docker Engine release would (e.g. 20.10); with --root the default "
                 "is the engine installed in the tree, else the newest")
      ->type_name("X.Y");
  cli.add_option("-j,--jobs", options.jobs, "Lint on this many threads (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  bool no_remediations = false;
  cli.add_flag("--no-remediations", no_remediations, "Leave the fixes out of the --summary table");
  std::string cache_dir;
  cli.add_option("--cache-dir", cache_dir,
                 "Keep results between runs in DIR (default: $XDG_CACHE_HOME/docklint, else "
                 "~/.cache/docklint); a file's result is reused while every file it read is unchanged")
      ->type_name("DIR");
  bool no_cache = false;
  cli.add_flag("--no-cache", no_cache, "Neither read nor write cached results");
  cli.footer(
      "Exit status: 0 no findings at or above the threshold, 1 findings, 2 usage error or unreadable input.\n"
      "Output: path:line:column: severity: message [rule-id]");
  cli.add_option("--config", options.config.config_path,
                 "Read settings from this file instead of the nearest .docklint.toml above the working "
                 "directory; command-line options win")
      ->type_name("FILE");
  bool no_config_flag = false;  // read below, before parsing; declared here for --help
  cli.add_flag("--no-config", no_config_flag, "Read no configuration file");
  // The configuration sets the defaults the command line then overrides, so it is read before parsing.
  std::string config_path;
  bool no_config = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--no-config") no_config = true;
    if (arg == "--config" && i + 1 < argc) config_path = argv[i + 1];
    if (arg.starts_with("--config=")) config_path = std::string(arg.substr(9));
  }
  if (config_path.empty() && !no_config) config_path = docklint::app::FindConfigFile(".");
  docklint::app::ConfigFile config;
  if (!config_path.empty() && !no_config) {
    std::string error;
    if (!docklint::app::LoadConfigFile(config_path, &config, &error)) {
      std::cerr << "docklint: error: " << error << '\n';
      return docklint::app::kExitUsage;
    }
    docklint::app::ApplyConfigFile(config, &options);
    if (config.failure_threshold) threshold = *config.failure_threshold;
    if (config.from_hadolint) {
      std::cerr
          << "docklint: note: reading hadolint's configuration " << config_path
          << " (no .docklint.toml was found): its ignored, override, trustedRegistries, failure-threshold "
             "and label-schema apply to the rules that cite hadolint's ids\n";
    }
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : docklint::app::kExitUsage;
  }
  if (lsp->parsed()) {
    // `docklint --color never lsp`: the server finds each file's configuration itself; options are not its.
    std::cerr << "docklint: error: lsp takes no options: run `docklint lsp`\n";
    return docklint::app::kExitUsage;
  }
  if (!no_cache) {
    // As ruff and the XDG base directories say; with neither variable set there is no cache.
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if (!cache_dir.empty()) {
      options.cache_dir = cache_dir;
    } else if (xdg != nullptr && *xdg == '/') {
      options.cache_dir = std::string(xdg) + "/docklint";
    } else if (home != nullptr && *home != '\0') {
      options.cache_dir = std::string(home) + "/.cache/docklint";
    }
  }
  docklint::app::MovePeerIgnores(&options);
  options.never_fail = threshold == "none";
  if (!options.never_fail) options.failure_threshold = *docklint::base::ParseSeverity(threshold);
  for (const std::string& required : required_labels) {
    size_t colon = required.rfind(':');
    std::string type = colon == std::string::npos ? "text" : required.substr(colon + 1);
    if (colon == 0 || !docklint::rules::IsLabelType(type)) {
      std::cerr << "docklint: error: --require-label takes LABEL:TYPE, TYPE one of text, url, spdx, rfc3339, "
                   "hash, semver, email\n";
      return docklint::app::kExitUsage;
    }
    options.label_schema.labels[required.substr(0, colon)] = type;
  }
  if (strict_labels) options.label_schema.strict = true;
  options.config.config_path = config_path;
  // A repository that keeps a host tree lints it when no file is named.
  if (options.paths.empty() && options.root.empty()) options.root = config.host_root;
  options.rulesets.insert(options.rulesets.begin(), config.rulesets.begin(), config.rulesets.end());
  options.remediations = !no_remediations;
  // https://no-color.org: a non-empty NO_COLOR turns color off, not the code frames.
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool terminal = isatty(STDOUT_FILENO) && !(term != nullptr && std::string_view(term) == "dumb");
  options.text_style.code_frames = color == "always" || (color == "auto" && terminal);
  options.text_style.color =
      color == "always" || (color == "auto" && terminal && (no_color == nullptr || *no_color == '\0'));
  try {
    return docklint::app::Run(options, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // A bug in docklint must not pass for a clean run: say so and fail.
    std::cerr << "docklint: internal error: " << e.what() << '\n';
    return docklint::app::kExitUsage;
  }
}
