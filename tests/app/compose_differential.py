#!/usr/bin/env python3
"""Differential test of docklint's compose rules against Debian's docker-compose 1.29.2.

For the corpus compose files that `docker-compose config` accepts (compose-config-verdicts.tsv, exit 0), the
merged model docker-compose prints says which services are privileged, share a host namespace, mount the
Docker socket or a sensitive host directory, disable seccomp, add a root-equivalent capability or get host
devices; docklint, given the same file, must report exactly those services with exactly those rules.

usage: compose_differential.py DOCKLINT CORPUS_COMPOSE_DIR [EVERY_NTH]
Prints one line per disagreement, then "compared N mismatch M"; exits 1 when M > 0.
"""
import json
import os
import re
import subprocess
import sys

import yaml

SOCKETS = {"/var/run/docker.sock", "/run/docker.sock"}
SENSITIVE = {"/", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr"}
CAPABILITIES = {"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "SYS_BOOT", "BPF",
                "PERFMON"}
RULES = "DKL6001,DKL6002,DKL6003,DKL6004,DKL6005,DKL6006,DKL6008,DKL6009,DKL6010,DKL6014"


def normalize(path):
    path = re.sub("/+", "/", path)
    return path.rstrip("/") if len(path) > 1 else path


def expected(services):
    """The (service, rule) pairs docker-compose's merged model calls for."""
    out = set()
    for name, service in (services or {}).items():
        if service.get("privileged") is True:
            out.add((name, "DKL6001"))
        for key, rule in (("network_mode", "DKL6004"), ("pid", "DKL6005"), ("ipc", "DKL6006"),
                          ("userns_mode", "DKL6008")):
            if service.get(key) == "host":
                out.add((name, rule))
        for option in service.get("security_opt") or []:
            if str(option).lower().replace("=", ":") == "seccomp:unconfined":
                out.add((name, "DKL6009"))
        for capability in service.get("cap_add") or []:
            if str(capability).upper().removeprefix("CAP_") in CAPABILITIES:
                out.add((name, "DKL6010"))
        if service.get("devices"):
            out.add((name, "DKL6014"))
        for volume in service.get("volumes") or []:
            source = None
            if isinstance(volume, dict) and volume.get("type") == "bind":
                source = volume.get("source", "")
            elif isinstance(volume, str) and ":" in volume and volume.split(":")[0][:1] in "/.~":
                source = volume.split(":")[0]
            if source is None:
                continue
            if normalize(source) in SOCKETS:
                out.add((name, "DKL6002"))
            if normalize(source) in SENSITIVE:
                out.add((name, "DKL6003"))
    return out


def reported(docklint, path):
    run = subprocess.run([docklint, "--no-config", "--format", "json", "--select", RULES, path],
                         capture_output=True, text=True, check=False)
    out = set()
    for finding in json.loads(run.stdout)["findings"] if run.stdout.strip() else []:
        message = finding["message"]
        if message.startswith("service "):
            out.add((message[len("service "):message.index(":")], finding["rule"]))
    return out


def main():
    docklint, corpus = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(os.path.join(corpus, "compose-config-verdicts.tsv"), encoding="utf-8") as verdicts:
        rows = [line.rstrip("\n").split("\t") for line in verdicts][1:]
    accepted = sorted(row[0].removeprefix("compose/") for row in rows if len(row) > 1 and row[1] == "0")
    compared = mismatches = 0
    for rel in accepted[::every]:
        path = os.path.join(corpus, rel)
        config = subprocess.run(["docker-compose", "--project-directory", os.path.dirname(path), "-f", path,
                                 "config"], capture_output=True, text=True, check=False)
        if config.returncode != 0:
            continue  # needs what the corpus does not hold (a build context, an env_file)
        compared += 1
        want = expected((yaml.safe_load(config.stdout) or {}).get("services"))
        got = reported(docklint, path)
        if want != got:
            mismatches += 1
            print(rel, "docker-compose only:", sorted(want - got), "docklint only:", sorted(got - want))
    print("compared", compared, "mismatch", mismatches)
    return 1 if mismatches or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
