// hadolint's cleanup rules, one manager per rule (param manager): DL3009 apt lists, DL3019 apk --no-cache,
// DL3042 pip --no-cache-dir, DL3032 yum clean, DL3040 dnf clean, DL3036 zypper clean, DL3060 yarn cache
// clean. A cache matters only in the image: a RUN in a stage the final stage is not built FROM (a builder
// only copied from, a stage not used) is not reported, for every manager (hadolint does that for DL3009 and
// DL3060 only, and counts a stage any later stage is built FROM). ONBUILD triggers run in the child image
// and are reported wherever they are. A RUN with a cache or tmpfs mount on the cache's folder keeps nothing.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/package_commands.h"

namespace docklint::rules::checks {
namespace {

struct Command {
  const parsers::ShellCommand* command;
  size_t name;
  std::string_view program;
};

// pip install as hadolint's isPipInstall reads it: pip*, not pipenv, with an `install` argument, or python*
// with `-m pip install`; pipx is a separate tool with its own cache.
bool IsPipInstall(const Command& c) {
  const parsers::ShellCommand& command = *c.command;
  if (c.program.starts_with("python")) {
    for (size_t i = c.name + 1; i + 2 < command.argv.size(); ++i) {
      if (command.argv[i].value == "-m" && command.argv[i + 1].value == "pip" &&
          command.argv[i + 2].value == "install")
        return true;
    }
    return false;
  }
  return c.program.starts_with("pip") && !c.program.starts_with("pipenv") && !c.program.starts_with("pipx") &&
         HasArgument(command, c.name, {"install"});
}

struct CacheState {
  struct Pending {
    int stage;
    bool trigger;
    base::Finding finding;
  };
  std::vector<Pending> pending;
  std::set<int> pip_no_cache_env, pip_no_cache_arg;  // stages whose ENV or ARG set PIP_NO_CACHE_DIR
};

class PackageCacheLeft : public DockerfileCheckWithState<CacheState> {
 public:
  std::string_view Name() const override { return "package-cache-left"; }
  std::string CheckParams(const std::map<std::string, std::string>& params) const override {
    auto it = params.find("manager");
    if (params.size() != 1 || it == params.end() ||
        !IsOneOf(it->second, {"apt", "apk", "pip", "yum", "dnf", "zypper", "yarn"}))
      return "needs the param manager = apt, apk, pip, yum, dnf, zypper or yarn";
    return "";
  }
  std::optional<std::vector<std::string_view>> RunWords() const override {
    std::vector<std::string_view> words = {"apt", "apt-get",  "aptitude", "apk", "yum",
                                           "dnf", "microdnf", "zypper",   "yarn"};
    words.insert(words.end(), std::begin(kPipWords), std::end(kPipWords));
    return words;
  }
  std::vector<model::Keyword> Keywords() const override {
    return {model::Keyword::kRun, model::Keyword::kEnv, model::Keyword::kArg};
  }

  void Step(const DockerfileContext& dockerfile, const model::InstructionRef& instruction, const Rule& rule,
            CacheState* state, std::vector<base::Finding>*) const override {
    const std::string& manager = rule.params.at("manager");
    const model::DockerfileModel& model = dockerfile.model;
    if (instruction.keyword != model::Keyword::kRun) {
      // An ENV holds in the stages built FROM this one too, an ARG only in its own stage.
      if (manager == "pip" && !instruction.trigger && SetsPipNoCacheDir(model, instruction))
        (instruction.keyword == model::Keyword::kEnv ? state->pip_no_cache_env : state->pip_no_cache_arg)
            .insert(instruction.stage);
      return;
    }
    std::vector<Command> commands;
    ForEachRunCommand(model, *instruction, [&](const parsers::ShellCommand& command, size_t name) {
      commands.push_back({&command, name, parsers::CommandBaseName(command.argv[name])});
    });
    std::optional<base::Finding> finding;
    if (manager == "apt") finding = Apt(model, *instruction, commands);
    if (manager == "apk") finding = Apk(model, *instruction, commands);
    if (manager == "pip") finding = Pip(model, instruction, commands, *state);
    if (manager == "yum" || manager == "dnf" || manager == "zypper" || manager == "yarn")
      finding = CleanAfter(model, *instruction, commands, manager);
    if (finding) state->pending.push_back({instruction.stage, instruction.trigger, std::move(*finding)});
  }

  void Done(const DockerfileContext& dockerfile, const Rule&, CacheState* state,
            std::vector<base::Finding>* findings) const override {
    for (CacheState::Pending& pending : state->pending) {
      if (pending.trigger || StageReachesImage(dockerfile.model, pending.stage))
        findings->push_back(std::move(pending.finding));
    }
  }

 private:
  static base::Finding At(const model::DockerfileModel& model, const parsers::ShellWord& word,
                          std::string message) {
    return FindingAt(SpanOf(model, word.begin, word.end), std::move(message));
  }

  // DL3009: apt-get/apt/aptitude update leaves /var/lib/apt/lists unless the RUN removes it (rm -r of the
  // folder or what is in it; hadolint wants exactly `rm -rf /var/lib/apt/lists/*`).
  static std::optional<base::Finding> Apt(const model::DockerfileModel& model, const model::Instruction& run,
                                          const std::vector<Command>& commands) {
    if (HasCacheOrTmpfsMount(run, "/var/lib/apt/lists") ||
        (HasCacheOrTmpfsMount(run, "/var/lib/apt") && HasCacheOrTmpfsMount(run, "/var/cache/apt")))
      return std::nullopt;
    const Command* update = nullptr;
    bool cleaned = false;
    for (const Command& c : commands) {
      if (!update && IsOneOf(c.program, {"apt-get", "apt", "aptitude"}) &&
          HasArgument(*c.command, c.name, {"update"}))
        update = &c;
      // apt 2.7's dist-clean removes the lists too.
      if (RemovesCache(*c.command, c.name, {"/var/lib/apt/lists"}) ||
          (IsOneOf(c.program, {"apt-get", "apt"}) && HasArgument(*c.command, c.name, {"dist-clean"})))
        cleaned = true;
    }
    if (!update || cleaned) return std::nullopt;
    return At(
        model, UpdateWord(*update),
        "the package lists apt downloads stay in the layer: end the RUN with rm -rf /var/lib/apt/lists/*");
  }
  static const parsers::ShellWord& UpdateWord(const Command& c) {
    for (size_t i = c.name + 1; i < c.command->argv.size(); ++i) {
      if (c.command->argv[i].value == "update") return c.command->argv[i];
    }
    return c.command->argv[c.name];
  }

  // DL3019: apk add without --no-cache keeps the index in /var/cache/apk, unless the RUN removes it later
  // (hadolint still reports that).
  static std::optional<base::Finding> Apk(const model::DockerfileModel& model, const model::Instruction& run,
                                          const std::vector<Command>& commands) {
    if (HasCacheOrTmpfsMount(run, "/var/cache/apk")) return std::nullopt;
    for (size_t k = 0; k < commands.size(); ++k) {
      const Command& c = commands[k];
      if (c.program != "apk") continue;
      size_t sub = SubcommandIndex(*c.command, c.name);
      if (sub >= c.command->argv.size() || c.command->argv[sub].value != "add") continue;
      // --no-network fetches nothing, so no index is written.
      if (parsers::HasOption(*c.command, c.name, "", {"no-cache", "no-network"})) continue;
      if (std::any_of(commands.begin() + static_cast<std::ptrdiff_t>(k) + 1, commands.end(),
                      [](const Command& later) {
                        return RemovesCache(*later.command, later.name, {"/var/cache/apk"});
                      }))
        continue;
      return At(model, c.command->argv[sub],
                "apk add without --no-cache leaves the package index in /var/cache/apk");
    }
    return std::nullopt;
  }

  // DL3042: pip install without --no-cache-dir, unless PIP_NO_CACHE_DIR is set (ENV or ARG in the stage or a
  // stage it is built FROM, or in the RUN), the cache is a mount, or the RUN purges it afterwards.
  static std::optional<base::Finding> Pip(const model::DockerfileModel& model,
                                          const model::InstructionRef& run,
                                          const std::vector<Command>& commands, const CacheState& state) {
    if (HasCacheOrTmpfsMount(*run, ".cache/pip")) return std::nullopt;
    if (!run.trigger) {
      if (state.pip_no_cache_arg.contains(run.stage)) return std::nullopt;
      for (int stage = run.stage; stage >= 0; stage = model.stages()[static_cast<size_t>(stage)].base_stage) {
        if (state.pip_no_cache_env.contains(stage)) return std::nullopt;
      }
    }
    for (size_t k = 0; k < commands.size(); ++k) {
      const Command& c = commands[k];
      if (!IsPipInstall(c) || HasArgument(*c.command, c.name, {"--no-cache-dir"})) continue;
      if (std::any_of(c.command->assignments.begin(), c.command->assignments.end(),
                      [](const parsers::ShellWord& a) { return a.value.starts_with("PIP_NO_CACHE_DIR="); }))
        continue;
      bool set_before = std::any_of(
          commands.begin(), commands.begin() + static_cast<std::ptrdiff_t>(k), [](const Command& e) {
            return e.program == "export" && std::any_of(e.command->argv.begin(), e.command->argv.end(),
                                                        [](const parsers::ShellWord& w) {
                                                          return w.value.starts_with("PIP_NO_CACHE_DIR=");
                                                        });
          });
      if (set_before) continue;
      bool purged = std::any_of(
          commands.begin() + static_cast<std::ptrdiff_t>(k) + 1, commands.end(), [](const Command& later) {
            return RemovesCache(*later.command, later.name, {".cache/pip"}) ||
                   (later.program.starts_with("pip") && HasArgument(*later.command, later.name, {"cache"}) &&
                    HasArgument(*later.command, later.name, {"purge"}));
          });
      if (purged) continue;
      return At(model, c.command->argv[c.name],
                "pip install without --no-cache-dir keeps the downloaded packages in ~/.cache/pip (unless "
                "the base image sets PIP_NO_CACHE_DIR)");
    }
    return std::nullopt;
  }
  static bool SetsPipNoCacheDir(const model::DockerfileModel& model,
                                const model::InstructionRef& instruction) {
    const model::Instruction& i = *instruction;
    if (instruction.keyword == model::Keyword::kEnv) {
      for (size_t k = 0; k + 1 < i.args.size(); k += 2) {
        if (i.args[k].value == "PIP_NO_CACHE_DIR" && !model.Arg(i, k + 1).empty()) return true;
      }
      return false;
    }
    for (size_t k = 0; k < i.args.size(); ++k) {
      std::string word = model.Arg(i, k);
      if (word.starts_with("PIP_NO_CACHE_DIR=") && word.size() > 17) return true;
    }
    return false;
  }

  // DL3032, DL3040, DL3036, DL3060: an install not followed, in the same RUN, by the manager's clean.
  static std::optional<base::Finding> CleanAfter(const model::DockerfileModel& model,
                                                 const model::Instruction& run,
                                                 const std::vector<Command>& commands,
                                                 const std::string& manager) {
    bool yum = manager == "yum", dnf = manager == "dnf", zypper = manager == "zypper";
    if (yum && (HasCacheOrTmpfsMount(run, "/var/cache/yum") || HasCacheOrTmpfsMount(run, "/var/cache/dnf")))
      return std::nullopt;
    if (dnf && (HasCacheOrTmpfsMount(run, "/var/cache/libdnf5") ||
                HasCacheOrTmpfsMount(run, ".cache/libdnf5") || HasCacheOrTmpfsMount(run, "/var/cache/dnf")))
      return std::nullopt;
    if (zypper && HasCacheOrTmpfsMount(run, "/var/cache/zypp")) return std::nullopt;
    if (manager == "yarn" && HasCacheOrTmpfsMount(run, ".cache/yarn")) return std::nullopt;
    auto installs = [&](const Command& c) {
      if (yum) return c.program == "yum" && HasArgument(*c.command, c.name, {"install"});
      if (dnf)
        return IsOneOf(c.program, {"dnf", "microdnf"}) &&
               HasArgument(
                   *c.command, c.name,
                   {"install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei"});
      if (zypper) return c.program == "zypper" && HasArgument(*c.command, c.name, {"install", "in"});
      return c.program == "yarn" && HasArgument(*c.command, c.name, {"install"});
    };
    auto install = std::find_if(commands.begin(), commands.end(), installs);
    if (install == commands.end()) return std::nullopt;
    // yum and dnf are one program on RHEL 8 and later; microdnf cleans its own cache.
    auto same_manager = [&](std::string_view program) {
      return program == install->program ||
             (IsOneOf(program, {"yum", "dnf"}) && IsOneOf(install->program, {"yum", "dnf"}));
    };
    auto cleans = [&](const Command& c) {
      if (yum || dnf)
        return (same_manager(c.program) && HasArgument(*c.command, c.name, {"clean"})) ||
               RemovesCache(*c.command, c.name, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"});
      if (zypper)
        return (c.program == "zypper" && HasArgument(*c.command, c.name, {"clean", "cc"})) ||
               RemovesCache(*c.command, c.name, {"/var/cache/zypp"});
      return (c.program == "yarn" && HasArgument(*c.command, c.name, {"cache"}) &&
              HasArgument(*c.command, c.name, {"clean"})) ||
             RemovesCache(*c.command, c.name, {".cache/yarn"});
    };
    if (std::any_of(install + 1, commands.end(), cleans)) return std::nullopt;
    const parsers::ShellWord& word = install->command->argv[install->name];
    if (yum)
      return At(model, word, "yum install without a later `yum clean all` leaves its cache in the layer");
    if (dnf)
      return At(model, word,
                std::string(install->program) + " install without a later `" + std::string(install->program) +
                    " clean all` leaves its cache in the layer");
    if (zypper)
      return At(model, word, "zypper install without a later `zypper clean` leaves its cache in the layer");
    return At(model, word, "yarn install without a later `yarn cache clean` leaves its cache in the layer");
  }
};

}  // namespace

std::unique_ptr<DockerfileCheck> MakePackageCacheLeft() { return std::make_unique<PackageCacheLeft>(); }

}  // namespace docklint::rules::checks
