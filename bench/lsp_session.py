#!/usr/bin/env python3
"""Drives `docklint lsp` over pipes as an editor would, and measures it (issue 17).

Opens two documents: a large Dockerfile (by default the largest one in ../shared/corpus, copied to a
scratch folder as app/Dockerfile) and the daemon.json of a host tree (fixtures/demo-host, copied to a
scratch folder, so the whole tree is linted with it). Then, alternating between them, makes "keystrokes":
insert a letter at a random place inside a comment or a value (a word of an instruction's arguments, a
JSON string value), wait for the publishDiagnostics of that version, delete the letter, wait again.
Latency is from sending didChange to receiving the diagnostics of that version, so it includes the
server's debounce (100 ms by contract); the table also shows it minus the debounce. The server's VmRSS is
sampled from /proc/<pid>/status throughout.

--burst types instead: 10 letters 20 ms apart (then 10 backspaces 20 ms apart), then waits: the debounce
must coalesce each burst into one lint, published once for the last version. A burst is judged only when
every gap between its sends stayed under the debounce minus 20 ms (a loaded machine can stall the sender).

Exit status: 0; 1 when RSS at the end exceeds RSS after the warm-up by more than --rss-margin-mib (memory
must not grow with the number of edits) or a burst was not coalesced; 2 a protocol error, a timeout or a
server that died.

Usage: bench/lsp_session.py [--docklint build/docklint] [--duration 3600] [--edits N] [--burst]
"""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LARGEST_CORPUS_DOCKERFILE = os.path.join(
    ROOT, "..", "shared", "corpus", "dockerfiles", "openshift__imagebuilder",
    "dockerfile__parser__testfiles__long-text__Dockerfile")
MIB = 1024 * 1024


class SessionError(Exception):
    """The server broke the protocol, died, or did not answer in time."""


class Server:
    """`docklint lsp` on pipes: Content-Length framing, a reader thread, requests by id."""

    def __init__(self, binary, stderr_file):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=stderr_file)
        self.pid = self.proc.pid
        self.lock = threading.Condition()
        self.responses = {}
        self.published = {}   # (uri, version) -> (receive time, diagnostics)
        self.publish_log = []  # (receive time, uri, version) in order
        self.unversioned = {}  # uri -> publishes without a version (files not open carry none)
        self.reader_error = None
        self.next_id = 1
        self.write_lock = threading.Lock()
        threading.Thread(target=self._read_loop, daemon=True).start()

    def _read_message(self):
        stream = self.proc.stdout
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise SessionError("a message without Content-Length")
        body = stream.read(length)
        if len(body) != length:
            return None
        return json.loads(body)

    def _read_loop(self):
        try:
            while True:
                message = self._read_message()
                now = time.monotonic()
                if message is None:
                    break
                self._dispatch(message, now)
        except Exception as error:  # reported by the waiting side
            with self.lock:
                self.reader_error = error
        with self.lock:
            self.lock.notify_all()

    def _dispatch(self, message, now):
        method = message.get("method")
        if method is None:
            with self.lock:
                self.responses[message.get("id")] = message
                self.lock.notify_all()
        elif "id" in message:
            # A request from the server (configuration, progress, registration): answer as a plain client.
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            with self.lock:
                if params.get("version") is None:
                    self.unversioned[params["uri"]] = self.unversioned.get(params["uri"], 0) + 1
                key = (params["uri"], params.get("version"))
                self.published[key] = (now, params.get("diagnostics", []))
                self.publish_log.append((now, params["uri"], params.get("version")))
                self.lock.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        with self.write_lock:
            try:
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.proc.stdin.flush()
            except BrokenPipeError:
                raise SessionError("the server closed its input (exit code %s)" % self.proc.poll())

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout):
        with self.lock:
            request_id = self.next_id
            self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: request_id in self.responses or self._dead(), timeout):
                raise SessionError("no response to %s within %.1f s" % (method, timeout))
            self._raise_if_dead(request_id in self.responses)
            response = self.responses.pop(request_id)
        if "error" in response:
            raise SessionError("%s failed: %s" % (method, response["error"]))
        return response.get("result")

    def _dead(self):
        return self.reader_error is not None or self.proc.poll() is not None

    def _raise_if_dead(self, done):
        if done:
            return
        if self.reader_error is not None:
            raise SessionError("reading the server's output failed: %r" % self.reader_error)
        raise SessionError("the server exited (code %s)" % self.proc.poll())

    def wait_published(self, uri, version, timeout):
        """Receive time and diagnostics of the publishDiagnostics for this version of uri."""
        with self.lock:
            if not self.lock.wait_for(lambda: (uri, version) in self.published or self._dead(), timeout):
                seen = [v for (u, v) in self.published if u == uri]
                raise SessionError(
                    "no publishDiagnostics for version %d of %s within %.1f s (versions published: %s%s)" %
                    (version, uri, timeout, ", ".join(map(str, seen[-10:])) or "none",
                     "; %d without a version" % self.unversioned[uri] if uri in self.unversioned else ""))
            self._raise_if_dead((uri, version) in self.published)
            return self.published[(uri, version)]

    def publishes_of(self, uri, after):
        with self.lock:
            return [(t, v) for (t, u, v) in self.publish_log if u == uri and t >= after]

    def forget(self, uri):
        # Keep memory flat on the client side over an hour of edits.
        with self.lock:
            for key in [k for k in self.published if k[0] == uri]:
                del self.published[key]
            del self.publish_log[:-100]


def units(text, encoding):
    return len(text.encode("utf-16-le")) // 2 if encoding == "utf-16" else len(text.encode("utf-8"))


def dockerfile_edit_places(text):
    """(line, index) pairs inside a comment, or inside a word of an instruction's arguments: a letter
    inserted there changes a value, never the instruction's keyword or a parser directive."""
    places = []
    continued = False
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            start = line.index("#") + 1
            if not re.match(r"#\s*[A-Za-z]+\s*=", stripped) and "docklint" not in stripped:
                places += [(number, i) for i in range(start + 1, len(line) + 1)]
            continue  # a comment line inside a continuation does not end it
        first_word_end = 0 if continued else (re.match(r"\s*\S*", line).end())
        for i in range(max(first_word_end, 1) + 1, len(line)):
            if line[i - 1].isalnum() and line[i].isalnum():
                places.append((number, i))
        continued = line.rstrip().endswith("\\")
    return places


def json_edit_places(text):
    """(line, index) pairs between two letters or digits inside a JSON string value (not a key)."""
    places = []
    for number, line in enumerate(text.split("\n")):
        for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
            if line[match.end():].lstrip().startswith(":"):
                continue
            for i in range(match.start(1) + 1, match.end(1)):
                if line[i - 1].isalnum() and line[i].isalnum():
                    places.append((number, i))
    return places


class Document:
    def __init__(self, label, path, language_id, text, places):
        self.label = label
        self.uri = "file://" + os.path.abspath(path)
        self.language_id = language_id
        self.lines = text.split("\n")
        self.text = text
        self.places = places
        self.version = 1
        self.latencies = []  # seconds, didChange sent -> diagnostics of that version received
        self.bursts = []      # (latency after the last send, publishes during the burst, judged)

    def position(self, line, index, encoding):
        return {"line": line, "character": units(self.lines[line][:index], encoding)}


def change(server, document, start, end, new_text):
    document.version += 1
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": document.uri, "version": document.version},
        "contentChanges": [{"range": {"start": start, "end": end}, "text": new_text}],
    })
    return time.monotonic()


def keystroke(server, document, rng, encoding, timeout):
    """Insert a letter at a random place, wait for its diagnostics, delete it, wait again."""
    line, index = rng.choice(document.places)
    at = document.position(line, index, encoding)
    after = {"line": line, "character": at["character"] + 1}
    for start, end, new_text in ((at, at, rng.choice("abcdefghijklmnopqrstuvwxyz")), (at, after, "")):
        sent = change(server, document, start, end, new_text)
        received, _ = server.wait_published(document.uri, document.version, timeout)
        document.latencies.append(received - sent)
    server.forget(document.uri)


def burst(server, document, rng, encoding, timeout, debounce, count=10, gap=0.020):
    """Type `count` letters `gap` apart at one place, wait; then as many backspaces, wait."""
    line, index = rng.choice(document.places)
    at = document.position(line, index, encoding)
    for typing in (True, False):
        started = time.monotonic()
        sends = []
        for n in range(count):
            column = at["character"] + (n if typing else count - n - 1)
            start = {"line": line, "character": column}
            end = start if typing else {"line": line, "character": column + 1}
            sends.append(change(server, document, start, end, rng.choice("abcdefghij") if typing else ""))
            if n + 1 < count:
                time.sleep(gap)
        received, _ = server.wait_published(document.uri, document.version, timeout)
        # Give a late, stray publish of an intermediate version the debounce's time to show up.
        time.sleep(debounce)
        publishes = server.publishes_of(document.uri, started)
        judged = all(b - a < debounce - 0.020 for a, b in zip(sends, sends[1:]))
        document.bursts.append((received - sends[-1], len(publishes), judged))
        document.latencies.append(received - sends[-1])
    server.forget(document.uri)


def read_rss(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    def __init__(self, pid, interval):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.samples = []  # (seconds since start, bytes)
        self.start_time = time.monotonic()
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            rss = read_rss(self.pid)
            if rss is not None:
                self.samples.append((time.monotonic() - self.start_time, rss))
            self.stopped.wait(self.interval)

    def at(self, seconds):
        """The first sample taken at or after `seconds`, else the last one."""
        for t, rss in self.samples:
            if t >= seconds:
                return t, rss
        return self.samples[-1]


def ms(seconds):
    return "%8.1f" % (seconds * 1000)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docklint", default=os.path.join(ROOT, "build", "docklint"), help="the binary")
    parser.add_argument("--dockerfile", default=LARGEST_CORPUS_DOCKERFILE,
                        help="the Dockerfile to edit (default: the largest in ../shared/corpus, 145 KB)")
    parser.add_argument("--host-tree", default=os.path.join(ROOT, "fixtures", "demo-host"),
                        help="the host tree whose etc/docker/daemon.json is edited (copied first)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of edits (the note's run: 3600)")
    parser.add_argument("--edits", type=int, default=0,
                        help="stop after this many keystrokes (or bursts) per document (0: --duration decides)")
    parser.add_argument("--burst", action="store_true",
                        help="bursts of 10 edits 20 ms apart instead of single keystrokes")
    parser.add_argument("--debounce-ms", type=float, default=100, help="the server's debounce (contract: 100)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for one publish")
    parser.add_argument("--warmup", type=float, default=60,
                        help="seconds after which RSS is the baseline (at most half of --duration)")
    parser.add_argument("--rss-margin-mib", type=float, default=4.0,
                        help="allowed RSS growth from the warm-up to the end, MiB (default 4)")
    parser.add_argument("--sample-interval", type=float, default=1.0, help="seconds between RSS samples")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    if not os.access(args.docklint, os.X_OK):
        parser.error("%s is not an executable docklint" % args.docklint)
    if not os.path.isfile(args.dockerfile):
        parser.error("no Dockerfile at %s (pass --dockerfile)" % args.dockerfile)
    daemon_json_source = os.path.join(args.host_tree, "etc", "docker", "daemon.json")
    if not os.path.isfile(daemon_json_source):
        parser.error("%s has no etc/docker/daemon.json" % args.host_tree)

    scratch = tempfile.mkdtemp(prefix="docklint-lsp-session-")
    try:
        return run(args, scratch)
    except SessionError as error:
        print("lsp_session: %s" % error, file=sys.stderr)
        print_stderr_tail(scratch)
        return 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def print_stderr_tail(scratch):
    path = os.path.join(scratch, "server.stderr")
    if os.path.exists(path):
        with open(path, errors="replace") as f:
            tail = f.read()[-4000:]
        if tail:
            print("-- server stderr (tail):\n" + tail, file=sys.stderr)


def run(args, scratch):
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(scratch, "app"))
    dockerfile_path = os.path.join(scratch, "app", "Dockerfile")
    shutil.copyfile(args.dockerfile, dockerfile_path)
    host = os.path.join(scratch, "host")
    shutil.copytree(args.host_tree, host, symlinks=True)
    daemon_json_path = os.path.join(host, "etc", "docker", "daemon.json")
    with open(dockerfile_path, encoding="utf-8", errors="surrogateescape") as f:
        dockerfile_text = f.read()
    with open(daemon_json_path, encoding="utf-8") as f:
        daemon_json_text = f.read()
    documents = [
        Document("Dockerfile (%.1f KB)" % (len(dockerfile_text.encode()) / 1000), dockerfile_path, "dockerfile",
                 dockerfile_text, dockerfile_edit_places(dockerfile_text)),
        Document("daemon.json (%s)" % os.path.basename(os.path.normpath(args.host_tree)), daemon_json_path, "json",
                 daemon_json_text, json_edit_places(daemon_json_text)),
    ]
    for document in documents:
        if not document.places:
            raise SessionError("%s has no comment or value to edit" % document.label)

    stderr_file = open(os.path.join(scratch, "server.stderr"), "wb")
    server = Server(args.docklint, stderr_file)
    sampler = RssSampler(server.pid, args.sample_interval)
    sampler.start()
    try:
        result = server.request("initialize", {
            "processId": os.getpid(),
            "clientInfo": {"name": "docklint-bench-lsp-session"},
            "rootUri": "file://" + scratch,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "synchronization": {"didSave": True},
                    "publishDiagnostics": {"versionSupport": True, "relatedInformation": True,
                                           "tagSupport": {"valueSet": [1, 2]}},
                },
            },
        }, args.timeout)
        encoding = result.get("capabilities", {}).get("positionEncoding", "utf-16")
        server.notify("initialized", {})

        opened = time.monotonic()
        for document in documents:
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": document.uri, "languageId": document.language_id, "version": document.version,
                "text": document.text}})
        first = {}
        for document in documents:
            received, diagnostics = server.wait_published(document.uri, document.version, args.timeout)
            first[document.label] = (received - opened, len(diagnostics))

        edits_start = time.monotonic() - sampler.start_time
        opened_rss = read_rss(server.pid)
        deadline = time.monotonic() + args.duration
        rounds = 0
        while time.monotonic() < deadline and (args.edits == 0 or rounds < args.edits):
            for document in documents:
                if args.burst:
                    burst(server, document, rng, encoding, args.timeout, args.debounce_ms / 1000)
                else:
                    keystroke(server, document, rng, encoding, args.timeout)
            rounds += 1
        elapsed = time.monotonic() - sampler.start_time - edits_start

        shutdown_error = None
        try:
            server.request("shutdown", None, args.timeout)
            server.notify("exit", None)
            code = server.proc.wait(args.timeout)
            if code != 0:
                shutdown_error = "the server exited with code %d after shutdown and exit" % code
        except (SessionError, subprocess.TimeoutExpired) as error:
            shutdown_error = "shutdown: %s" % error
    finally:
        sampler.stopped.set()
        sampler.join()
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        stderr_file.close()

    rss = (opened_rss, edits_start)
    return report(args, documents, first, sampler, rss, elapsed, rounds, encoding, shutdown_error,
                  server.unversioned)


def report(args, documents, first, sampler, rss, elapsed, rounds, encoding, shutdown_error, unversioned):
    debounce = args.debounce_ms / 1000
    status = 0
    print("docklint lsp session: %.0f s, %d %s per document, seed %d, position encoding %s" %
          (elapsed, rounds, "bursts" if args.burst else "keystrokes (2 edits each)", args.seed, encoding))
    print()
    what = "last send of a burst -> its diagnostics" if args.burst else "didChange -> its diagnostics"
    print("latency, %s (ms; \"-db\": minus the %.0f ms debounce)" % (what, args.debounce_ms))
    print("%-26s %6s %9s %9s %9s %9s %9s" % ("document", "n", "median", "p95", "worst", "median-db",
                                            "worst-db"))
    for document in documents:
        lat = document.latencies
        if not lat:
            continue
        median, worst = statistics.median(lat), max(lat)
        print("%-26s %6d %s %s %s %s %s" % (document.label, len(lat), ms(median), ms(percentile(lat, 0.95)),
                                           ms(worst), ms(median - debounce), ms(worst - debounce)))
    for document in documents:
        print("%-26s first diagnostics %.1f ms after didOpen (%d findings)" %
              ((document.label,) + (first[document.label][0] * 1000, first[document.label][1])))

    if args.burst:
        print()
        for document in documents:
            judged = [b for b in document.bursts if b[2]]
            coalesced = [b for b in judged if b[1] == 1]
            print("%-26s bursts %d, judged %d, coalesced into one publish %d" %
                  (document.label, len(document.bursts), len(judged), len(coalesced)))
            if len(coalesced) != len(judged):
                worst = max(b[1] for b in judged)
                print("  FAIL: the debounce did not coalesce %d burst(s) of 10 edits 20 ms apart (up to %d publishes)"
                      % (len(judged) - len(coalesced), worst))
                status = 1

    print()
    start_rss, edits_start = rss
    warm_t, warm_rss = sampler.at(edits_start + min(args.warmup, elapsed / 2))
    end_t, end_rss = sampler.samples[-1]
    max_rss = max(sample for _, sample in sampler.samples)
    print("server VmRSS (MiB), sampled every %g s: start (documents open) %.1f, after %.0f s of edits %.1f, "
          "end (%.0f s) %.1f, max %.1f" % (args.sample_interval, start_rss / MIB, warm_t - edits_start,
                                          warm_rss / MIB, end_t - edits_start, end_rss / MIB, max_rss / MIB))
    if elapsed >= 120:
        minutes = range(0, int(elapsed // 60) + 1, max(1, int(elapsed // 60) // 12))
        print("  by minute of edits: " + ", ".join(
            "%d: %.1f" % (minute, sampler.at(edits_start + minute * 60)[1] / MIB) for minute in minutes))
    growth = (end_rss - warm_rss) / MIB
    if growth > args.rss_margin_mib:
        print("FAIL: RSS grew by %.1f MiB after the warm-up (margin %.1f MiB): memory grows with the edits" %
              (growth, args.rss_margin_mib))
        status = 1
    else:
        print("RSS growth after the warm-up: %+.1f MiB (margin %.1f MiB): ok" % (growth, args.rss_margin_mib))
    open_uris = {document.uri for document in documents}
    for uri, count in sorted(unversioned.items()):
        if uri in open_uris:
            print("FAIL: %d publishDiagnostics for the open %s without a version" % (count, uri))
            status = max(status, 2)
    others = sorted(uri for uri in unversioned if uri not in open_uris)
    if others:
        scratch = os.path.dirname(os.path.dirname(documents[0].uri[len("file://"):]))
        print("publishes for files not open (the host tree's others): %d, for %s" %
              (sum(unversioned[uri] for uri in others), ", ".join(uri.replace("file://" + scratch + "/", "")
                                                                  for uri in others)))
    if shutdown_error:
        print("FAIL: %s" % shutdown_error)
        status = max(status, 2)
    return status


if __name__ == "__main__":
    sys.exit(main())
