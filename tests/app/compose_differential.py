#!/usr/bin/env python3
"""Differential test of docklint's compose rules against Debian's docker-compose 1.29.2.

docker-compose 1.29's `config` prints the project it builds: files merged, variables interpolated, values
normalized. From that model this script decides, service by service, which rules must fire, and checks
that docklint (`--format json`, given the same files) reports exactly those (service, rule) pairs.

Compared rules. On by default: DKL6001 privileged, DKL6002 Docker socket, DKL6003 sensitive host directory,
DKL6004/6005/6006/6008 host network/pid/ipc/userns, DKL6009 seccomp unconfined, DKL6010 root-equivalent
capability, DKL6011 default bridge, DKL6012 AppArmor unconfined, DKL6013 SELinux labels off, DKL6014 host
devices, DKL6015 shared mount propagation, DKL6016 health check off, DKL6017 cgroup_parent, DKL6018 pids
explicitly unlimited, DKL6019 image :latest or untagged, DKL6020 root user. Opt-in (selected by id here):
DKL6022 memory, DKL6023 CPU, DKL6024 writable root filesystem, DKL6025 port on all interfaces, DKL6026
unbounded restart, DKL6027 privileged host port, DKL6028 no pids limit, DKL6029 no-new-privileges.
Not compared: DKL6007 (1.29 does not know `uts`), DKL6021 (secrets: names and values, not the model),
DKL6030/6031 (the Dockerfile behind `build`).

Cases, each in a copy of the corpus folders it needs (in a temporary folder, which cases change and restore):
- file: each corpus compose file alone (`docker-compose --project-directory DIR -f FILE config`;
  docklint FILE).
- folder: a folder with a default compose file and an override file, as a walk finds the project (docklint
  FOLDER), against `-f DEFAULT -f OVERRIDE` with the files compose-go picks (1.29 picks others, see below).
- pair: each folder with several compose files: its main file (the default name compose-go prefers, else
  the first by name) with each other one, as `-f MAIN -f OTHER`; docklint is given the folder with a .env
  that holds COMPOSE_FILE=MAIN:OTHER (the folder's own .env kept above it). A folder without a default
  compose file gets an empty `compose.yaml` beside, because the walk finds projects by their default file
  (docker compose run in such a folder would read COMPOSE_FILE all the same). When 1.29 refuses the pair only
  for their differing `version` keys (compose-go ignores them), OTHER's version line is aligned with MAIN's.
- synthetic: overrides generated over corpus files (random.Random seeded by SEED and the file's path, so a
  sample holds the same cases as the whole): for one or two services, one to three of: privileged on or
  off, network_mode host or bridge, pid/ipc/userns_mode host (or ipc private), a capability (dangerous or not,
  CAP_ prefix and case varied), the Docker socket or a sensitive directory bound (short and long syntax),
  a volume or device of the base re-targeted (merged by target), shared propagation, security_opt entries,
  a device, a user (root, 0, 0:0, root:1000, non-root), healthcheck (disable, NONE, a test, an interval,
  disable: false), cgroup_parent, pids_limit, the image's tag (none, latest, a version, a digest), memory
  and CPU limits, read_only, ports (short, long, IPv6, ranges), restart, deploy.restart_policy and
  deploy.resources.limits, and `!reset` or `!override` on a key the base sets. The override has the base's
  `version`, so that 1.29 merges them.
Where 1.29 needs what the corpus does not hold (a build context folder, an env_file), the case creates it
empty in the copy and removes it afterwards (1.29 checks both at `config`; this lets 671 files in instead of
the 563 of compose-config-verdicts.tsv).

The rules' semantics are those of rulesets/cis-docker-compose.toml, applied to 1.29's model; where docker
compose itself decides (pkg/compose/create.go), its reading is the judge: pids_limit 0 and
deploy.resources.limits.pids 0 or less are not passed to dockerd at all (as without the key), only a
negative pids_limit is an explicit "unlimited".

1.29 against compose-go (the judge), for what these rules read, and how the test follows compose-go:
1.  `!reset` / `!override`: 1.29's YAML loader refuses the tags. Synthetic cases give 1.29 the override
    without the tagged keys and then apply compose-go's semantics to its model by hand: `!reset` removes the
    key from the merged service, `!override` sets it to the override's value (raw, as written).
2.  healthcheck: 1.29 turns any `disable` key into test NONE, `disable: false` included, which compose-go
    reads as not disabled; and 1.29 refuses `disable` beside other healthcheck keys (also when a merge puts
    them together), which compose-go accepts (disable wins). DKL6016 is not compared for a service whose
    files write `disable` with another value than true; in synthetic cases where 1.29 refuses or misreads,
    the healthcheck is merged by hand as compose-go merges it (key by key, `test` replaced).
3.  YAML 1.1 against 1.2: PyYAML reads an unquoted `- 22:22` as the base-60 integer 1342 (a container port
    1342 with no host port); compose-go reads the string "22:22". DKL6025/DKL6027 are not compared for a
    service with such a port (two in the corpus: `- 2222:22`).
4.  security_opt: 1.29 merges the files' lists as a sorted set, compose-go appends (no unicity). dockerd
    takes the last no-new-privileges value, so the order matters: DKL6029 is not compared when the merged
    list holds both a true and a false no-new-privileges.
5.  ports: 1.29 merges by (target, published, host IP, protocol) after expanding ranges, compose-go
    appends and keeps one entry per written string (long syntax: host_ip:published:target/protocol), then
    expands ranges and dedups again. The same ports are published; only counts of entries differ, which
    (service, rule) pairs do not see.
6.  volumes and devices: both keep one entry per container target, the later file's winning (compose-go
    applies its unicity per file too, where 1.29 refuses "Duplicate mount points" within one file).
    cap_add: a sorted set union in 1.29, appended then deduplicated in compose-go: the same set.
7.  A null value in an override: compose-go keeps the base's value, 1.29 takes the null. Not generated;
    no corpus pair has one.
8.  Files of different `version`: 1.29 refuses to merge them ("Version mismatch"), compose-go ignores
    `version`. The pair's versions are aligned (above).
9.  Default files: 1.29 prefers docker-compose.yml over compose.yaml (and warns when both exist) and refuses
    two override files; compose-go prefers compose.yaml, then compose.yml, docker-compose.yml,
    docker-compose.yaml, and takes the first override file. The folder cases name compose-go's files to 1.29.
10. Schema: 1.29 validates each file against the schema of its `version` (no long-syntax host_ip, no
    deploy.resources.limits.pids, no uts, v1 files without `services`), compose-go against the
    specification. Cases 1.29 refuses are skipped (counted as "refused by 1.29").
11. Interpolation: 1.29 reads variables from its process environment too; the script runs it with PATH
    alone, as docklint reads none (a file at rest cannot know the shell's).
12. Duplicate keys in a mapping: PyYAML keeps the last value, go-yaml (so compose-go) refuses the file. Such
    cases expect docklint to refuse the project (DKL0010) instead of comparing rules.
13. compose-go's consistency check (loader/validate.go, since v2.0.1) refuses a service whose cpus, mem_limit
    or pids_limit is set beside a deploy.resources.limits that does not say the same (a limits mapping
    without that key included); 1.29 accepts it. Such cases expect docklint to refuse the project.
14. Merge and unicity otherwise agree for what these rules read: scalars (privileged, network_mode, pid, ipc,
    userns_mode, user, image, cgroup_parent, pids_limit, mem_limit, cpus, read_only, restart) are replaced;
    healthcheck and deploy (resources.limits, restart_policy) merge key by key (1.29 one level deep, which
    is all these mappings have).

Known docklint bugs (KNOWN_BUGS; reported, not fixed here): a disagreement that docklint's wrong reading
explains exactly is counted as "known docklint bug: KEY" instead of a mismatch, so the suite passes until the
fix, when those cases turn into agreements.

Results of the whole run by hand (`compose_differential.py build-diff/docklint ../shared/corpus/compose 1`,
SEED 20240601, docklint at bef7f6d; 74 s; --check-oracle: 1.29's CLI prints the same model as the in-process
loader for every load of the run):
    kind       cases  refused by 1.29  compared  agree  disagree
    file         913              242       671    671         0   (4 with duplicate keys: docklint refuses)
    folder         3                1         2      2         0
    pair         210               95       115    115         0   (2 with duplicate keys: docklint refuses)
    synthetic   1826       484 (base)      1313   1258        55   (29 bases without an applicable edit; 209
                                                                     with !reset/!override, 27 with the
                                                                     healthcheck merged by hand, 8 with
                                                                     duplicate keys, 18 compose-go refuses)
    total                                   2101   2046        55
  All 55 disagreements are docklint bugs (KNOWN_BUGS): 37 "pids-zero", 18 "limits". Rules not compared for
  a service because 1.29 reads the file otherwise: 12 (service, rule) pairs (differences 2-4). Before
  86ae6ef three synthetic overrides that re-targeted the Docker socket's volume disagreed (docklint kept the
  base's bind); that commit made docklint keep one volume per target, and they agree.

usage: compose_differential.py DOCKLINT CORPUS_COMPOSE_DIR [EVERY_NTH] [--kinds file,folder,pair,synthetic]
                               [--per-file N] [--verbose] [--check-oracle] [--keep]
Prints one line per disagreement, a summary per kind, then "compared N mismatch M"; exits 1 when M > 0 or
nothing was compared. The script runs under docker-compose's own Python (it re-executes itself there when
`compose` cannot be imported) and calls 1.29's config loader in-process, as its CLI does (--check-oracle
runs the CLI too and checks that both print the same model).
"""
import argparse
import collections
import json
import logging
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile


def ensure_compose_importable():
    """Re-executes this script under the interpreter docker-compose runs with when `compose` is not found."""
    try:
        import compose  # noqa: F401 pylint: disable=unused-import,import-outside-toplevel
        return
    except ImportError:
        pass
    program = shutil.which("docker-compose")
    interpreter = None
    if program:
        with open(program, "rb") as script:
            first = script.readline().decode("utf-8", "replace")
        if first.startswith("#!"):
            interpreter = first[2:].split()[0]
    if interpreter and not os.environ.get("DOCKLINT_DIFF_REEXEC"):
        os.environ["DOCKLINT_DIFF_REEXEC"] = "1"
        os.execv(interpreter, [interpreter, os.path.abspath(__file__)] + sys.argv[1:])
    sys.exit("compose_differential.py: docker-compose 1.29 (Python) is not installed; tools/setup installs it")


if __name__ == "__main__":
    ensure_compose_importable()  # before `import yaml`: docker-compose's Python has PyYAML

import yaml  # noqa: E402 pylint: disable=wrong-import-position

SEED = 20240601
SOCKETS = {"/var/run/docker.sock", "/run/docker.sock"}
SENSITIVE = {"/", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr"}
CAPABILITIES = {"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "SYS_BOOT", "BPF",
                "PERFMON"}
RULES = ["DKL6001", "DKL6002", "DKL6003", "DKL6004", "DKL6005", "DKL6006", "DKL6008", "DKL6009", "DKL6010",
         "DKL6011", "DKL6012", "DKL6013", "DKL6014", "DKL6015", "DKL6016", "DKL6017", "DKL6018", "DKL6019",
         "DKL6020", "DKL6022", "DKL6023", "DKL6024", "DKL6025", "DKL6026", "DKL6027", "DKL6028", "DKL6029"]
REFUSALS = ["DKL0010", "DKL0011", "DKL0012"]
DEFAULT_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
OVERRIDE_NAMES = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                  "docker-compose.override.yaml"]
SYNTHETIC_NAME = "docklint-diff.override.yml"
# Disagreements where docklint is wrong, reported and not fixed yet: counted apart, so that the suite passes
# until they are fixed (the cases then agree).
KNOWN_BUGS = {
    "pids-zero": "docklint reads pids_limit: 0 (and deploy.resources.limits.pids: 0 or -1) as explicitly unlimited "
                 "(DKL6018); docker compose does not pass them on, so dockerd's default applies as without the key "
                 "(DKL6028)",
    "limits": "docklint does not refuse a cpus, mem_limit or pids_limit beside a deploy.resources.limits that "
              "says otherwise (compose-go loader/validate.go)",
}


# ---------------------------------------------------------------------------------------------------------
# The oracle: docker-compose 1.29.2's `config`, in this process.

class Oracle:
    """`docker-compose --project-directory DIR -f F... config`, called as its CLI calls it."""

    STUBS = [(re.compile(r"build path (/.+?) either does not exist"), "dir"),
             (re.compile(r"Couldn't find env file: (/.+?)\s*$"), "file")]

    def __init__(self, check_cli=False):
        # pylint: disable=import-outside-toplevel
        from compose.cli.command import get_config_from_options
        from compose.config.serialize import serialize_config
        self._load = get_config_from_options
        self._serialize = serialize_config
        self._check_cli = check_cli
        self.cli_disagreements = []
        self.messages = []
        handler = logging.Handler()
        handler.emit = lambda record: self.messages.append(record.getMessage())
        logger = logging.getLogger("compose")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False

    def config(self, directory, files):
        """(model, error): the model 1.29 prints, or why it refuses the project."""
        self.messages = []
        try:
            loaded = self._load(".", {"--file": list(files), "--project-directory": directory}, {})
            text = self._serialize(loaded, None, True)
            model, error = yaml.safe_load(text) or {}, None
        except Exception as failure:  # pylint: disable=broad-except  (the CLI exits 1 on any of them)
            model, error = None, f"{type(failure).__name__}: {failure}"
        if self._check_cli:
            self._compare_with_cli(directory, files, model)
        return model, error

    def _compare_with_cli(self, directory, files, model):
        command = ["docker-compose", "--project-directory", directory]
        for path in files:
            command += ["-f", path]
        run = subprocess.run(command + ["config"], capture_output=True, text=True, check=False)
        cli = (yaml.safe_load(run.stdout) or {}) if run.returncode == 0 else None
        if cli != model:
            self.cli_disagreements.append(" ".join(command))

    def config_with_stubs(self, workspace, directory, files):
        """config(), first fetching from the corpus the paths 1.29 misses in the workspace, then creating the
        build folders and env_files 1.29 asks for that the corpus does not hold either."""
        for _ in range(30):
            model, error = self.config(directory, files)
            if error is None:
                return model, None
            if workspace.fetch_missing(error):
                continue
            for pattern, kind in self.STUBS:
                match = pattern.search(error)
                if match and workspace.owns(match.group(1)) and not os.path.lexists(match.group(1)):
                    workspace.create(match.group(1), kind)
                    break
            else:
                return None, error
        return None, error


# ---------------------------------------------------------------------------------------------------------
# What the model calls for: the rules' semantics (rulesets/cis-docker-compose.toml) over 1.29's model.

def normalize(path):
    path = re.sub("/+", "/", path)
    return path.rstrip("/") if len(path) > 1 else path


def get_path(mapping, path):
    for key in path:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def is_scalar(value):
    return isinstance(value, (str, int, float, bool))


def leading_number(value):
    """rules/checks/compose_values.cc LeadingNumber: strtod of a value whose first digit follows only +-."""
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    digit = re.search("[0-9]", text)
    if not digit or any(c not in "+-." for c in text[:digit.start()]):
        return None
    hexadecimal = re.match(r"[+-]?0[xX][0-9a-fA-F]+", text)
    if hexadecimal:
        return float(int(hexadecimal.group(0), 16))
    number = re.match(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text)
    return float(number.group(0)) if number else None


RESOURCES = {
    "memory": [("deploy", "resources", "limits", "memory"), ("mem_limit",)],
    "cpu": [("deploy", "resources", "limits", "cpus"), ("deploy", "resources", "reservations", "cpus"), ("cpus",),
            ("cpu_shares",), ("cpu_quota",)],
    "pids": [("deploy", "resources", "limits", "pids"), ("pids_limit",)],
}


def resource_state(service, resource):
    """'limited' (or not judged), 'unlimited' (a key says no limit and none sets one) or 'missing'."""
    written = limited = unjudged = False
    for path in RESOURCES[resource]:
        value = get_path(service, path)
        if value is None:
            continue
        written = True
        number = leading_number(value)
        if number is None:
            unjudged = True
        elif number > 0:
            limited = True
    if limited or unjudged:
        return "limited"
    return "unlimited" if written else "missing"


def parse_range(text):
    text = str(text).strip()
    first, dash, last = text.partition("-")
    if not re.fullmatch(r"\d{1,5}", first) or (dash and not re.fullmatch(r"\d{1,5}", last)):
        return None
    first, last = int(first), int(last) if dash else int(first)
    if first > 65535 or last > 65535 or last < first:
        return None
    return first, last


def parse_port(entry):
    """(host IP or "", host range or None, container range) of one `ports` entry, short or long; None if bad."""
    if isinstance(entry, bool):
        return None
    if isinstance(entry, int):
        return "", None, (entry, entry)
    if isinstance(entry, dict):
        container = parse_range(entry.get("target"))
        if container is None:
            return None
        host = None
        published = entry.get("published")
        if published is not None and str(published).strip():
            host = parse_range(published)
            if host is None:
                return None
        ip = entry.get("host_ip", entry.get("external_ip"))
        return ("" if ip is None else str(ip).strip()), host, container
    if not isinstance(entry, str):
        return None
    parts = entry.strip().split(":")
    container = parse_range(parts[-1].split("/")[0])
    if container is None:
        return None
    host, ip = None, ""
    if len(parts) >= 2 and parts[-2]:
        host = parse_range(parts[-2])
        if host is None:
            return None
    if len(parts) >= 3:
        ip = ":".join(parts[:-2])
        if len(ip) >= 2 and ip[0] == "[" and ip[-1] == "]":
            ip = ip[1:-1]
    return ip, host, container


def bind_sources(service):
    """(source, propagation options) of each bind mount: short syntax with a path source, long type bind."""
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            if volume.get("type") == "bind":
                yield str(volume.get("source", "")), [str(get_path(volume, ("bind", "propagation")) or "")]
        elif isinstance(volume, str) and ":" in volume and volume[:1] in "/.~":
            parts = volume.split(":")
            yield parts[0], (parts[2].split(",") if len(parts) > 2 else [])


def with_tag(name):
    slash = name.rfind("/")
    return name if ":" in name[slash + 1:] else name + ":latest"


def tag_colon(name):
    slash = name.rfind("/")
    colon = name.find(":", slash + 1 if slash >= 0 else 0)
    return None if colon < 0 else colon


def restart_unbounded(service):
    def count(value):
        text = str(value).strip()
        return int(text) if re.fullmatch(r"\d+", text) else None

    policy = get_path(service, ("deploy", "restart_policy"))
    if isinstance(policy, dict):
        condition = policy.get("condition")
        if condition is None or not is_scalar(condition):
            return False
        name = str(condition).strip()
        if name in ("any", "always", "unless-stopped"):
            return True
        if name == "on-failure":
            attempts = policy.get("max_attempts")
            if attempts is None:
                return True
            number = count(attempts) if is_scalar(attempts) else None
            return number is not None and (number == 0 or number > 5)
        return False
    restart = service.get("restart")
    if restart is None or not is_scalar(restart):
        return False
    value = str(restart).strip()
    name = value.split(":")[0]
    if name in ("always", "unless-stopped"):
        return True
    if name == "on-failure":
        if name == value:
            return True
        number = count(value[len(name) + 1:])
        return number is not None and (number == 0 or number > 5)
    return False


def no_new_privileges(service):
    """(fires, both true and false given)."""
    options = service.get("security_opt")
    enabled = disabled = unjudged = False
    if isinstance(options, list):
        for option in options:
            text = str(option).strip().lower() if is_scalar(option) else ""
            if not text:
                unjudged = True
                continue
            if not text.startswith("no-new-privileges"):
                continue
            rest = text[len("no-new-privileges"):]
            if rest and rest[0] not in ":=":
                continue
            flag = rest[1:] if rest else "true"
            if flag in ("true", "t", "1"):
                enabled = True
            elif flag in ("false", "f", "0"):
                disabled = True
            else:
                unjudged = True
    elif options is not None:
        unjudged = True
    return not (enabled or unjudged), enabled and disabled


def pids_state(service):
    """As docker compose passes the PIDs limit on (pkg/compose/create.go getDeployResources): pids_limit when not
    0 (-1: unlimited, which overrides dockerd's default-pids-limit), deploy.resources.limits.pids when above 0;
    a 0 is not passed on at all, so the container gets dockerd's default, as without the key."""
    values = [get_path(service, path) for path in RESOURCES["pids"]]
    numbers = [leading_number(value) for value in values if value is not None]
    if None in numbers or any(number > 0 for number in numbers):
        return "limited"  # or not judged
    pids_limit = leading_number(service.get("pids_limit")) if service.get("pids_limit") is not None else None
    return "unlimited" if pids_limit is not None and pids_limit < 0 else "missing"


def expected(services, excluded, docklint_pids=False):
    """The (service, rule) pairs the merged model calls for, less the rules `excluded` maps a service to.
    docklint_pids: read a PIDs limit of 0 (or a deploy pids of 0 or less) as docklint does, as unlimited
    (KNOWN_BUGS["pids-zero"])."""
    out = set()
    services = services or {}
    built = {with_tag(s["image"].strip()) for s in services.values()
             if isinstance(s, dict) and "build" in s and isinstance(s.get("image"), str)}
    for name, service in services.items():
        if not isinstance(service, dict):
            continue
        found = set()
        if service.get("privileged") is True:
            found.add("DKL6001")
        for key, value, rule in (("network_mode", "host", "DKL6004"), ("pid", "host", "DKL6005"),
                                 ("ipc", "host", "DKL6006"), ("userns_mode", "host", "DKL6008"),
                                 ("network_mode", "bridge", "DKL6011")):
            if is_scalar(service.get(key)) and str(service.get(key)).strip().lower() == value:
                found.add(rule)
        for option in service.get("security_opt") or []:
            option = str(option).strip().lower()
            if "=" in option and ":" not in option:
                option = option.replace("=", ":", 1)
            rule = {"seccomp:unconfined": "DKL6009", "apparmor:unconfined": "DKL6012",
                    "label:disable": "DKL6013"}.get(option)
            if rule:
                found.add(rule)
        for capability in service.get("cap_add") or []:
            if str(capability).strip().upper().removeprefix("CAP_") in CAPABILITIES:
                found.add("DKL6010")
        if service.get("devices"):
            found.add("DKL6014")
        for source, propagation in bind_sources(service):
            if normalize(source) in SOCKETS:
                found.add("DKL6002")
            if normalize(source) in SENSITIVE:
                found.add("DKL6003")
            if any(option.strip() in ("shared", "rshared") for option in propagation):
                found.add("DKL6015")
        test = get_path(service, ("healthcheck", "test"))
        if isinstance(test, list) and test and test[0] == "NONE":
            found.add("DKL6016")
        if is_scalar(service.get("cgroup_parent")) and str(service["cgroup_parent"]) != "":
            found.add("DKL6017")
        pids = resource_state(service, "pids") if docklint_pids else pids_state(service)
        if pids == "unlimited":
            found.add("DKL6018")
        if pids == "missing":
            found.add("DKL6028")
        image = service.get("image")
        if isinstance(image, str) and "build" not in service:
            image = image.strip()
            colon = tag_colon(image)
            if (image and not any(c in image for c in "$@ ") and not image.endswith("/")
                    and not (colon is not None and colon == len(image) - 1) and with_tag(image) not in built
                    and (colon is None or image[colon + 1:] == "latest")):
                found.add("DKL6019")
        user = service.get("user")
        if isinstance(user, str) and user.strip().split(":")[0] in ("root", "0"):
            found.add("DKL6020")
        if resource_state(service, "memory") != "limited":
            found.add("DKL6022")
        if resource_state(service, "cpu") != "limited":
            found.add("DKL6023")
        if service.get("read_only") is not True:
            found.add("DKL6024")
        for entry in service.get("ports") or []:
            port = parse_port(entry)
            if port is None:
                continue
            ip, host, container = port
            if ip in ("", "0.0.0.0", "::"):
                found.add("DKL6025")
            if host is not None:
                picked = host[0] != host[1] and container[0] == container[1]
                if host[0] > 0 and (host[1] if picked else host[0]) < 1024:
                    found.add("DKL6027")
        if restart_unbounded(service):
            found.add("DKL6026")
        fires, both = no_new_privileges(service)
        if fires:
            found.add("DKL6029")
        if both:
            excluded[name].add("DKL6029")
        out |= {(name, rule) for rule in found - excluded.get(name, set())}
    return out


def ram_bytes(value):
    """docker/go-units RAMInBytes, as compose-go reads mem_limit and deploy's memory; None if not a size."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?", str(value).strip().lower())
    return int(float(match.group(1)) * 1024 ** "_kmgtp".index(match.group(2) or "_")) if match else None


def float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def compose_go_refusal(services):
    """Why compose-go's consistency check refuses the model (loader/validate.go, since v2.0.1: a cpus, mem_limit
    or pids_limit beside a deploy.resources.limits that does not say the same), or None."""
    for name, service in (services or {}).items():
        limits = get_path(service, ("deploy", "resources", "limits"))
        if not isinstance(service, dict) or not isinstance(limits, dict):
            continue
        for key, limit, read in (("cpus", "cpus", lambda v: float32(leading_number(v) or 0)),
                                 ("mem_limit", "memory", lambda v: ram_bytes(v) or 0),
                                 ("pids_limit", "pids", lambda v: int(leading_number(v) or 0))):
            if service.get(key) is not None and read(service[key]) != 0 and \
                    read(service[key]) != read(limits.get(limit, 0)):
                return f"{name}: {key} and deploy.resources.limits.{limit} differ"
    return None


# ---------------------------------------------------------------------------------------------------------
# What the files say before 1.29 reads them: where 1.29 and compose-go differ.

class RawLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # pylint: disable=too-many-ancestors
    """PyYAML's safe loader (on libyaml when it has it) that also takes compose-go's !reset and !override."""


def _construct_tagged(loader, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node) or None


for _tag in ("!reset", "!override"):
    RawLoader.add_constructor(_tag, _construct_tagged)

def mapping_value(node, key):
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def raw_services(path):
    """The services of a file as PyYAML reads it (anchors resolved, nothing interpolated), or {}."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=RawLoader)  # nosec: a SafeLoader
    except Exception:  # pylint: disable=broad-except
        return {}
    services = data.get("services") if isinstance(data, dict) else None
    return services if isinstance(services, dict) else {}


def duplicate_key(paths):
    """The first key a mapping of these files writes twice (go-yaml, so compose-go, refuses it; PyYAML keeps
    the last), as "file:line: key"; None when there is none."""
    for path in paths:
        try:
            with open(path, encoding="utf-8") as stream:
                roots = list(yaml.compose_all(stream, Loader=RawLoader))
        except Exception:  # pylint: disable=broad-except
            continue
        seen, pending = set(), list(roots)
        while pending:
            node = pending.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                keys = set()
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                        if key.value in keys:
                            return f"{os.path.basename(path)}:{key.start_mark.line + 1}: {key.value}"
                        keys.add(key.value)
                    pending += [key, value]
            elif isinstance(node, yaml.SequenceNode):
                pending += node.value
    return None


def raw_exclusions(paths):
    """service -> rules 1.29 cannot decide as compose-go does (differences 2 and 3 of the docstring)."""
    excluded = collections.defaultdict(set)
    for path in paths:
        for name, service in raw_services(path).items():
            healthcheck = service.get("healthcheck") if isinstance(service, dict) else None
            if isinstance(healthcheck, dict) and "disable" in healthcheck and healthcheck["disable"] is not True:
                excluded[name].add("DKL6016")
        try:
            with open(path, encoding="utf-8") as stream:
                root = yaml.compose(stream, Loader=RawLoader)
        except Exception:  # pylint: disable=broad-except
            continue
        services = mapping_value(root, "services")
        for key_node, service in services.value if isinstance(services, yaml.MappingNode) else []:
            ports = mapping_value(service, "ports")
            for item in ports.value if isinstance(ports, yaml.SequenceNode) else []:
                if isinstance(item, yaml.ScalarNode) and item.tag in ("tag:yaml.org,2002:int",
                                                                      "tag:yaml.org,2002:float") and ":" in item.value:
                    excluded[key_node.value] |= {"DKL6025", "DKL6027"}
    return excluded


# ---------------------------------------------------------------------------------------------------------
# docklint

def reported(docklint, target, files=None):
    """(pairs, refusals): the (service, rule) pairs docklint reports on `target`, only in `files` if given."""
    run = subprocess.run([docklint, "--no-config", "--format", "json", "--select", ",".join(RULES + REFUSALS),
                          target], capture_output=True, text=True, check=False)
    pairs, refusals = set(), []
    keep = {os.path.realpath(path) for path in files} if files else None
    for finding in json.loads(run.stdout)["findings"] if run.stdout.strip() else []:
        path = finding.get("file", "")
        if keep is not None and os.path.realpath(path) not in keep:
            continue
        if finding["rule"] in REFUSALS:
            refusals.append(f"{finding['rule']} {os.path.basename(path)}:{finding.get('line')}: "
                            f"{finding['message'][:120]}")
            continue
        message = finding["message"]
        if message.startswith("service "):
            pairs.add((message[len("service "):message.index(":")], finding["rule"]))
    return pairs, refusals


# ---------------------------------------------------------------------------------------------------------
# The workspace: a copy of the corpus that cases change and restore.

class Workspace:
    """A copy of the corpus in a temporary folder, made folder by folder as cases need them (a folder's own
    files; its subfolders when 1.29 asks for a path in them), which cases change and then restore."""

    def __init__(self, corpus, keep=False):
        self.source = corpus
        self.root = os.path.realpath(tempfile.mkdtemp(prefix="docklint-compose-diff-"))
        self.corpus = os.path.join(self.root, "compose")
        os.makedirs(self.corpus)
        self._copied = set()
        self._undo = []
        self._keep = keep

    def folder(self, rel):
        """The copy of the corpus folder `rel` (relative to the corpus), with the files it holds."""
        rel = os.path.normpath(rel)
        target = os.path.normpath(os.path.join(self.corpus, rel))
        if rel not in self._copied:
            self._copied.add(rel)
            os.makedirs(target, exist_ok=True)
            for entry in os.scandir(os.path.join(self.source, rel)):
                if entry.is_file(follow_symlinks=False) and not os.path.lexists(os.path.join(target, entry.name)):
                    shutil.copy2(entry.path, os.path.join(target, entry.name))
        return target

    def fetch_missing(self, error):
        """Copies in the first path `error` names in the workspace that the corpus has; whether it did."""
        for match in re.finditer(re.escape(self.corpus) + r"(/[^'\"\s,:]*)", error):
            rel = os.path.normpath(match.group(1).lstrip("/").rstrip("."))
            source = os.path.join(self.source, rel)
            if rel.startswith("..") or os.path.lexists(os.path.join(self.corpus, rel)) and (
                    not os.path.isdir(source) or rel in self._copied):
                continue
            if os.path.isdir(source):
                self.folder(rel)
                return True
            if os.path.isfile(source):
                self.folder(os.path.dirname(rel))
                return True
        return False

    def owns(self, path):
        return os.path.realpath(path).startswith(self.root + os.sep)

    def write(self, path, text):
        original = None
        if os.path.lexists(path):
            with open(path, "rb") as stream:
                original = stream.read()
        self._undo.append(("restore", path, original))
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)

    def create(self, path, kind):
        top = path
        while not os.path.lexists(os.path.dirname(top)):
            top = os.path.dirname(top)
        if kind == "dir":
            os.makedirs(path)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8"):
                pass
        self._undo.append(("remove", top, None))

    def restore(self):
        for action, path, original in reversed(self._undo):
            if action == "remove":
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                elif os.path.lexists(path):
                    os.remove(path)
            elif original is None:
                os.remove(path)
            else:
                with open(path, "wb") as stream:
                    stream.write(original)
        self._undo = []

    def close(self):
        self.restore()
        if not self._keep:
            shutil.rmtree(self.root, ignore_errors=True)
        else:
            print("workspace kept in", self.root)


# ---------------------------------------------------------------------------------------------------------
# Cases

Case = collections.namedtuple("Case", "kind name folder files")


def corpus_files(corpus):
    with open(os.path.join(corpus, "compose-config-verdicts.tsv"), encoding="utf-8") as verdicts:
        rows = [line.rstrip("\n").split("\t") for line in verdicts][1:]
    return sorted(row[0].removeprefix("compose/") for row in rows if row and row[0])


def folders(files):
    by_folder = collections.defaultdict(list)
    for rel in files:
        by_folder[os.path.dirname(rel)].append(os.path.basename(rel))
    return {folder: sorted(names) for folder, names in sorted(by_folder.items())}


def main_file(names):
    for name in DEFAULT_NAMES:
        if name in names:
            return name
    return names[0]


def file_cases(files):
    return [Case("file", rel, os.path.dirname(rel), [os.path.basename(rel)]) for rel in files]


def folder_cases(files):
    cases = []
    for folder, names in folders(files).items():
        default = next((name for name in DEFAULT_NAMES if name in names), None)
        override = next((name for name in OVERRIDE_NAMES if name in names), None)
        if default and override:
            cases.append(Case("folder", f"{folder}/{{{default},{override}}}", folder, [default, override]))
    return cases


def pair_cases(files):
    cases = []
    for folder, names in folders(files).items():
        main = main_file(names)
        cases += [Case("pair", f"{folder}/{{{main},{other}}}", folder, [main, other])
                  for other in names if other != main]
    return cases


MUTATION_NAMES = ["privileged", "network", "namespace", "capability", "socket", "sensitive", "retarget-volume",
                  "propagation", "security-opt", "device", "retarget-device", "user", "healthcheck", "cgroup",
                  "pids", "image", "memory", "cpu", "read-only", "ports", "restart", "deploy-restart",
                  "deploy-limits", "reset", "override"]


def volume_target(entry):
    if isinstance(entry, dict):
        return entry.get("target")
    if isinstance(entry, str):
        parts = entry.split(":")
        return parts[1] if len(parts) >= 2 else parts[0]
    return None


def mutation(rng, kind, service, raw):
    """(key, value, tag) for one mutation of `service` (1.29's model of the base; `raw` as written), or None."""
    # pylint: disable=too-many-return-statements,too-many-branches
    choice = rng.choice
    if kind == "privileged":
        return "privileged", choice([True, True, False]), None
    if kind == "network":
        if "networks" in service:
            return None
        return "network_mode", choice(["host", "bridge"]), None
    if kind == "namespace":
        return choice([("pid", "host"), ("ipc", "host"), ("ipc", "private"), ("userns_mode", "host")]) + (None,)
    if kind == "capability":
        return "cap_add", [choice(["SYS_ADMIN", "CAP_SYS_PTRACE", "sys_module", "ALL", "NET_ADMIN", "CHOWN",
                                   "cap_net_bind_service", "BPF"])], None
    if kind == "socket":
        return "volumes", [choice(["/var/run/docker.sock:/var/run/docker.sock",
                                   "/run/docker.sock:/var/run/docker.sock:ro",
                                   "//var/run//docker.sock:/tmp/docker.sock",
                                   {"type": "bind", "source": "/var/run/docker.sock", "target": "/docker.sock"}])], None
    if kind == "sensitive":
        return "volumes", [choice(["/etc:/host/etc:ro", "/:/rootfs:ro", "/proc/:/host/proc", "/sys:/sys:rslave",
                                   "/etc/localtime:/etc/localtime:ro", "/usr/share:/share:ro",
                                   {"type": "bind", "source": "/usr", "target": "/host/usr", "read_only": True}])], None
    if kind == "retarget-volume":
        targets = [t for t in map(volume_target, service.get("volumes") or []) if isinstance(t, str) and t]
        if not targets:
            return None
        return "volumes", [choice(["./replaced", "/var/run/docker.sock", "/etc", "/srv/data"]) + ":"
                           + choice(targets)], None
    if kind == "propagation":
        return "volumes", [choice(["/mnt/data:/mnt/data:rshared", "/mnt/data:/mnt/data:ro,shared",
                                   "/mnt/data:/mnt/data:rslave",
                                   {"type": "bind", "source": "/mnt/data", "target": "/data",
                                    "bind": {"propagation": choice(["shared", "private"])}}])], None
    if kind == "security-opt":
        return "security_opt", [choice(["seccomp:unconfined", "seccomp=unconfined", "apparmor:unconfined",
                                        "apparmor=docker-default", "label:disable", "label=type:svirt_apache_t",
                                        "no-new-privileges:true", "no-new-privileges=false",
                                        "no-new-privileges"])], None
    if kind == "device":
        return "devices", [choice(["/dev/fuse:/dev/fuse", "/dev/net/tun:/dev/net/tun:rwm", "/dev/dri"])], None
    if kind == "retarget-device":
        targets = [t for t in map(volume_target, service.get("devices") or []) if isinstance(t, str) and t]
        if not targets:
            return None
        return "devices", ["/dev/null:" + choice(targets)], None
    if kind == "user":
        return "user", choice(["root", "0", "0:0", "root:1000", "1000:1000", "nobody", "0:root", "rooter"]), None
    if kind == "healthcheck":
        if "extends" in raw or "$" in json.dumps(raw.get("healthcheck"), default=str):
            return None
        return "healthcheck", choice([{"disable": True}, {"test": ["NONE"]}, {"test": ["CMD", "true"]},
                                      {"test": "NONE"}, {"disable": False}, {"interval": "30s"}]), None
    if kind == "cgroup":
        return "cgroup_parent", choice(["/custom", "docker-custom.slice", ""]), None
    if kind == "pids":
        return "pids_limit", choice([-1, 0, 100, "200"]), None
    if kind == "image":
        image = service.get("image")
        if not isinstance(image, str) or not image or "$" in image:
            return None
        repository = image.split("@")[0]
        colon = tag_colon(repository)
        repository = repository if colon is None else repository[:colon]
        return "image", choice([repository, repository + ":latest", repository + ":1.2.3",
                                repository + ":latest@sha256:" + "0" * 64, repository + "@sha256:" + "1" * 64]), None
    if kind == "memory":
        return "mem_limit", choice(["512m", 0, "0", "1g", "0m"]), None
    if kind == "cpu":
        return choice([("cpus", 0.5), ("cpus", 0), ("cpu_shares", 512), ("cpu_shares", 0), ("cpu_quota", 50000)]) \
            + (None,)
    if kind == "read-only":
        return "read_only", choice([True, False]), None
    if kind == "ports":
        return "ports", [choice(["80:80", "127.0.0.1:8080:80", "9000", "0.0.0.0:443:443", "[::1]:5353:53/udp",
                                 "1000-1030:1000-1030", "80-81:8080", "127.0.0.1::99", "8443:443/tcp",
                                 {"target": 80, "published": 8080}, {"target": 53, "published": 53,
                                                                     "protocol": "udp"}])], None
    if kind == "restart":
        return "restart", choice(["always", "unless-stopped", "on-failure", "on-failure:5", "on-failure:10",
                                  "no"]), None
    if kind == "deploy-restart":
        return "deploy", {"restart_policy": choice([{"condition": "on-failure", "max_attempts": 3},
                                                    {"condition": "any"}, {"condition": "on-failure"},
                                                    {"condition": "none"}, {"max_attempts": 3}])}, None
    if kind == "deploy-limits":
        return "deploy", {"resources": {"limits": choice([{"memory": "256M"}, {"memory": "0"}, {"cpus": "0.5"},
                                                          {"cpus": "0"}, {"memory": "1G", "cpus": "2"}])}}, None
    resettable = [key for key in ("privileged", "cap_add", "volumes", "network_mode", "user", "security_opt",
                                  "devices", "pid", "ipc", "healthcheck", "ports", "restart", "read_only",
                                  "cgroup_parent", "pids_limit", "mem_limit") if key in service]
    if kind == "reset":
        if not resettable:
            return None
        key = choice(resettable)
        empty = [] if isinstance(service[key], list) else {} if isinstance(service[key], dict) else None
        return key, empty, "!reset"
    if kind == "override":
        lists = [key for key in ("volumes", "cap_add", "ports", "security_opt", "devices") if key in service]
        if not lists:
            return None
        key = choice(lists)
        return key, {"volumes": ["./kept:/kept"], "cap_add": ["NET_ADMIN"], "ports": ["127.0.0.1:8080:80"],
                     "security_opt": ["no-new-privileges:true"], "devices": ["/dev/fuse:/dev/fuse"]}[key], "!override"
    return None


def synthetic_edits(rng, base_model, base_raw):
    """{service: [(key, value, tag)]} for one synthetic override of a base."""
    services = sorted((base_model or {}).get("services") or {})
    if not services:
        return {}
    edits = {}
    for name in rng.sample(services, min(len(services), rng.choice([1, 1, 2]))):
        service = base_model["services"][name]
        raw = base_raw.get(name) if isinstance(base_raw.get(name), dict) else {}
        chosen, keys = [], set()
        for _ in range(rng.randint(1, 3)):
            edit = mutation(rng, rng.choice(MUTATION_NAMES), service, raw)
            if edit is None or edit[0] in keys:
                continue
            keys.add(edit[0])
            chosen.append(edit)
        if chosen:
            edits[name] = chosen
    return edits


def override_text(version, edits, tags=True):
    lines = [f"version: {json.dumps(str(version))}"] if version is not None else []
    lines.append("services:")
    for name, entries in edits.items():
        entries = [(key, value, tag) for key, value, tag in entries if tags or not tag]
        if entries:
            lines.append(f"  {json.dumps(name)}:")
            lines += [f"    {key}: {tag + ' ' if tag else ''}{json.dumps(value)}" for key, value, tag in entries]
    if lines[-1] == "services:":
        lines[-1] = "services: {}"
    return "\n".join(lines) + "\n"


def compose_go_healthcheck(base, override):
    merged = dict(base or {})
    merged.update(override)
    disabled = merged.get("disable") is True or (
        isinstance(merged.get("test"), list) and merged["test"][:1] == ["NONE"])
    merged.pop("disable", None)
    return {"test": ["NONE"]} if disabled else merged


# ---------------------------------------------------------------------------------------------------------

class Runner:
    def __init__(self, docklint, corpus, workspace, oracle, verbose):
        self.docklint, self.corpus, self.workspace, self.oracle, self.verbose = (docklint, corpus, workspace,
                                                                                  oracle, verbose)
        self.counts = collections.defaultdict(collections.Counter)
        self.fired = collections.Counter()
        self.disagreements = []
        self.known = []

    def compare(self, case, model, files, target, excluded, note=""):
        got, refusals = reported(self.docklint, target, files if case.kind != "file" else None)
        counts = self.counts[case.kind]
        counts["compared"] += 1
        refused = duplicate_key(files)
        known = None
        if refused:
            # 1.29 keeps the last value; compose-go refuses the file, and so must docklint (DKL0010).
            counts["compose-go refuses: duplicate key"] += 1
        else:
            refused = compose_go_refusal(model.get("services"))
            if refused:
                counts["compose-go refuses: limits"] += 1
                known = "limits"
        if refused:
            want = {("(refused)", refused)}
            got = want if refusals else got
        else:
            want = expected(model.get("services"), excluded)
            got = {(name, rule) for name, rule in got if rule not in excluded.get(name, ())}
            counts["rules not compared where 1.29 reads otherwise"] += sum(map(len, excluded.values()))
            for name, rule in want:
                self.fired[rule] += 1
            if want != got and expected(model.get("services"), excluded, docklint_pids=True) == got:
                known = "pids-zero"
        if want == got:
            counts["agree"] += 1
            return
        line = (f"{case.kind} {case.name}{note}: docker-compose only: {sorted(want - got)} "
                f"docklint only: {sorted(got - want)}" + (f" docklint refuses: {refusals}" if refusals else ""))
        if known:
            counts[f"known docklint bug: {known}"] += 1
            self.known.append(line)
            if self.verbose:
                print("known docklint bug:", line, flush=True)
            return
        counts["disagree"] += 1
        self.disagreements.append(line)
        print(line, flush=True)

    def skip(self, case, error):
        self.counts[case.kind]["refused by 1.29"] += 1
        if self.verbose:
            print(f"skip {case.kind} {case.name}: {error.splitlines()[0][:200]}", flush=True)

    def run_file(self, case):
        folder = self.workspace.folder(case.folder)
        path = os.path.join(folder, case.files[0])
        try:
            model, error = self.oracle.config_with_stubs(self.workspace, folder, [path])
            if error:
                self.skip(case, error)
                return
            self.compare(case, model, [path], path, raw_exclusions([path]))
        finally:
            self.workspace.restore()

    def run_folder(self, case):
        folder = self.workspace.folder(case.folder)
        paths = [os.path.join(folder, name) for name in case.files]
        try:
            model, error = self.oracle.config_with_stubs(self.workspace, folder, paths)
            if error:
                self.skip(case, error)
                return
            self.compare(case, model, paths, folder, raw_exclusions(paths))
        finally:
            self.workspace.restore()

    def lay_out_project(self, folder, names):
        """Writes the folder's .env with COMPOSE_FILE naming `names` (and a default file when it has none)."""
        dotenv = os.path.join(folder, ".env")
        text = ""
        if os.path.exists(dotenv):
            with open(dotenv, encoding="utf-8", errors="surrogateescape") as stream:
                text = stream.read()
            if text and not text.endswith("\n"):
                text += "\n"
        self.workspace.write(dotenv, text + "COMPOSE_FILE=" + ":".join(names) + "\n")
        if not any(os.path.exists(os.path.join(folder, name)) for name in DEFAULT_NAMES):
            self.workspace.write(os.path.join(folder, "compose.yaml"), "# found by the walk; COMPOSE_FILE decides\n")

    def run_pair(self, case):
        folder = self.workspace.folder(case.folder)
        paths = [os.path.join(folder, name) for name in case.files]
        note = ""
        try:
            model, error = self.oracle.config_with_stubs(self.workspace, folder, paths)
            if error and "Version mismatch" in error:
                note = " (versions aligned)"
                self.align_version(paths[0], paths[1])
                model, error = self.oracle.config_with_stubs(self.workspace, folder, paths)
            if error:
                self.skip(case, error)
                return
            self.lay_out_project(folder, case.files)
            self.compare(case, model, paths, folder, raw_exclusions(paths), note)
        finally:
            self.workspace.restore()

    def align_version(self, main, other):
        with open(main, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=RawLoader)
        version = data.get("version") if isinstance(data, dict) else None
        with open(other, encoding="utf-8") as stream:
            text = stream.read()
        line = f"version: {json.dumps(str(version))}" if version is not None else ""
        self.workspace.write(other, re.sub(r"(?m)^version:.*$", line, text))

    def run_synthetic(self, case, rng):
        folder = self.workspace.folder(case.folder)
        base = os.path.join(folder, case.files[0])
        override = os.path.join(folder, SYNTHETIC_NAME)
        try:
            base_model, error = self.oracle.config_with_stubs(self.workspace, folder, [base])
            if error:
                self.counts[case.kind]["base refused by 1.29"] += 1
                return False
            with open(base, encoding="utf-8") as stream:
                base_data = yaml.load(stream, Loader=RawLoader)
            if not isinstance(base_data, dict) or "services" not in base_data:
                self.counts[case.kind]["base without services"] += 1
                return False  # a version 1 file: no override of that form
            base_raw = raw_services(base)
            edits = synthetic_edits(rng, base_model, base_raw)
            if not edits:
                self.counts[case.kind]["no edit applies"] += 1
                return False
            version = base_data.get("version")
            # 1.29 reads the override without the tagged keys, and without healthcheck edits it misreads.
            by_hand = {}
            oracle_edits = {}
            for name, entries in edits.items():
                kept = []
                for key, value, tag in entries:
                    if key == "healthcheck" and tag is None:
                        raw_hc = (base_raw.get(name) or {}).get("healthcheck") if isinstance(
                            base_raw.get(name), dict) else None
                        merged = dict(raw_hc or {})
                        merged.update(value)
                        none = isinstance(merged.get("test"), list) and merged["test"][:1] == ["NONE"]
                        if ("disable" in merged and merged["disable"] is not True) or (
                                ("disable" in merged or none) and len(merged) > 1):
                            by_hand[name] = compose_go_healthcheck(raw_hc, value)
                            continue
                    if tag is None:
                        kept.append((key, value, tag))
                oracle_edits[name] = kept
            if any(oracle_edits.values()):
                self.workspace.write(override, override_text(version, oracle_edits, tags=False))
                model, error = self.oracle.config_with_stubs(self.workspace, folder, [base, override])
            else:  # nothing left for 1.29 to merge (an override of `services: {}` would read as version 1)
                model, error = base_model, None
            if error:
                self.skip(case, error)
                return True
            excluded = raw_exclusions([base, override])
            services = model.get("services") or {}
            for name, entries in edits.items():
                service = services.get(name)
                if service is None:
                    continue
                for key, value, tag in entries:
                    if tag == "!reset":
                        service.pop(key, None)
                    elif tag == "!override":
                        service[key] = value
                if name in by_hand:
                    service["healthcheck"] = by_hand[name]
                    excluded[name].discard("DKL6016")
            self.workspace.write(override, override_text(version, edits))
            self.lay_out_project(folder, [case.files[0], SYNTHETIC_NAME])
            note = " " + json.dumps(edits, separators=(",", ":"))
            tags = any(tag for entries in edits.values() for _, _, tag in entries)
            self.counts[case.kind]["with !reset/!override"] += 1 if tags else 0
            self.counts[case.kind]["healthcheck by hand"] += 1 if by_hand else 0
            self.compare(case, model, [base, override], folder, excluded, note)
            return True
        finally:
            self.workspace.restore()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("docklint")
    parser.add_argument("corpus")
    parser.add_argument("every", nargs="?", type=int, default=1, help="run every Nth case of each kind")
    parser.add_argument("--kinds", default="file,folder,pair,synthetic")
    parser.add_argument("--per-file", type=int, default=2, help="synthetic overrides per corpus file")
    parser.add_argument("--verbose", action="store_true", help="say why 1.29 refused each skipped case")
    parser.add_argument("--check-oracle", action="store_true", help="run the docker-compose CLI too and compare")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the corpus")
    args = parser.parse_args()
    # 1.29 would read variables from this process; docklint reads none.
    for name in list(os.environ):
        if name != "PATH":
            del os.environ[name]
    docklint, corpus = os.path.abspath(args.docklint), os.path.abspath(args.corpus)
    kinds = args.kinds.split(",")
    files = corpus_files(corpus)
    oracle = Oracle(check_cli=args.check_oracle)
    workspace = Workspace(corpus, keep=args.keep)
    runner = Runner(docklint, corpus, workspace, oracle, args.verbose)
    try:
        if "file" in kinds:
            for case in file_cases(files)[::args.every]:
                runner.run_file(case)
        if "folder" in kinds:
            for case in folder_cases(files)[::args.every]:
                runner.run_folder(case)
        if "pair" in kinds:
            for case in pair_cases(files)[::args.every]:
                runner.run_pair(case)
        if "synthetic" in kinds:
            cases = [(Case("synthetic", f"{rel}#{n}", os.path.dirname(rel), [os.path.basename(rel)]),
                      random.Random(f"{SEED}:{rel}:{n}")) for rel in files for n in range(args.per_file)]
            for case, rng in cases[::args.every]:
                runner.run_synthetic(case, rng)
    finally:
        workspace.close()
    compared = mismatches = 0
    for kind in ("file", "folder", "pair", "synthetic"):
        if kind in runner.counts:
            counts = runner.counts[kind]
            compared += counts["compared"]
            mismatches += counts["disagree"]
            print(kind, ", ".join(f"{key} {value}" for key, value in sorted(counts.items())))
    print("expected findings by rule:", ", ".join(f"{rule} {runner.fired[rule]}" for rule in RULES))
    for key, text in KNOWN_BUGS.items():
        count = sum(runner.counts[kind][f"known docklint bug: {key}"] for kind in runner.counts)
        if count:
            print(f"known docklint bug '{key}' ({text}): {count} cases")
    if args.check_oracle:
        print("oracle in-process vs CLI: differ", len(oracle.cli_disagreements))
        for command in oracle.cli_disagreements:
            print("  ", command)
    print("compared", compared, "mismatch", mismatches)
    return 1 if mismatches or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
