#!/usr/bin/env python3
"""A stand-in Hugging Face Hub for ParamScope's tests and benchmark (Python stdlib only).

It speaks the Hub's file protocol over fixture repos:

    GET|HEAD /{org}/{name}/resolve/{revision}/{file}

answered with `X-Repo-Commit`, `ETag`; `*.safetensors` and `*.gguf` files (LFS files on the Hub)
are answered with a 302 to a second listener, the "CDN", on another host name and port
(`localhost:CDN` against the endpoint's `127.0.0.1:PORT`), which serves them with HTTP Range
and, like a presigned S3 URL, refuses a request that carries an `Authorization` header.

Repos live in a directory: `ORG/NAME/repo.json` holds

    {"refs": {"main": "<40 hex>", ...}, "gated": false, "token": "...", "throttle": 0,
     "retry_after": 1, "slow_ms": 0, "ignore_range": false}

and `ORG/NAME/<commit>/...` the files at that commit. A file `X.safetensors.header.json` stands for
`X.safetensors`: its text (trailing newline dropped, spaces padding it to a multiple of 8) is the JSON header, and the data after it is zeros up to the largest
`data_offsets` end, generated as it is sent (so a 64 MB shard costs nothing on disk).
`--copies 100:ORG/NAME` serves 100 copies of one repo as bench/model-000 ... bench/model-099, each
under its own commit (the benchmark's Hub).

`--plain-errors` drops `X-Error-Code` and `X-Repo-Commit` from error answers. Every request, on
both listeners, waits `--delay-ms` first. `GET /_stats` returns the requests and
bytes sent per path and whether the CDN ever saw an Authorization header; `POST /_reset` clears them.

Started by the tests as `python3 hub_server.py --repos DIR [--delay-ms N]`; it prints
`READY <port> <cdn port>` on stdout when both listeners accept connections, and runs until
its stdin closes (so it never outlives the test process).
"""

import argparse
import hashlib
import json
import os
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

LFS_SUFFIXES = (".safetensors", ".gguf", ".bin")
CHUNK = 1 << 16


class Repo:
    def __init__(self, folder, meta, name):
        self.folder = folder
        self.meta = meta
        self.name = name
        self.lock = threading.Lock()
        self.throttled = 0
        self.dropped = 0

    def commit_for(self, revision):
        refs = self.meta.get("refs", {})
        if revision in refs:
            return refs[revision]
        real = self.meta.get("alias", {}).get(revision, revision)
        if re.fullmatch(r"[0-9a-f]{40}", revision) and os.path.isdir(os.path.join(self.folder, real)):
            return revision
        return None


class Body:
    """A file's bytes as (prefix, zero-filled length): real files are all prefix."""

    def __init__(self, path):
        synthetic = path + ".header.json"
        if path.endswith(".safetensors") and os.path.exists(synthetic):
            with open(synthetic, "rb") as handle:
                header = handle.read().rstrip()
            header += b" " * (-len(header) % 8)
            end = max((t["data_offsets"][1] for k, t in json.loads(header).items() if k != "__metadata__"), default=0)
            self.prefix = struct.pack("<Q", len(header)) + header
            self.zeros = end
        else:
            with open(path, "rb") as handle:
                self.prefix = handle.read()
            self.zeros = 0
        self.size = len(self.prefix) + self.zeros
        self.etag = hashlib.sha256(self.prefix + str(self.zeros).encode()).hexdigest()

    def chunks(self, begin, end):
        """Bytes begin..<end, in pieces of at most CHUNK."""
        position = begin
        while position < end:
            stop = min(end, position + CHUNK)
            if position < len(self.prefix):
                stop = min(stop, len(self.prefix))
                yield self.prefix[position:stop]
            else:
                yield bytes(stop - position)
            position = stop


class Hub:
    def __init__(self, root, delay, copies=None, plain_errors=False):
        self.root = root
        self.plain_errors = plain_errors
        self.copies = copies
        self.delay = delay
        self.stats_lock = threading.Lock()
        self.repos = {}
        self.reset()
        self.load()

    def reset(self):
        with self.stats_lock:
            self.requests = 0
            self.bytes = {}
            self.cdn_authorization = False
            self.log = []

    def load(self):
        for org in sorted(os.listdir(self.root)):
            org_folder = os.path.join(self.root, org)
            if not os.path.isdir(org_folder):
                continue
            for name in sorted(os.listdir(org_folder)):
                folder = os.path.join(org_folder, name)
                meta_path = os.path.join(folder, "repo.json")
                if os.path.exists(meta_path):
                    with open(meta_path) as handle:
                        self.repos[f"{org}/{name}"] = Repo(folder, json.load(handle), f"{org}/{name}")
        if self.copies:
            count, template_name = self.copies.split(":")
            template = self.repos[template_name]
            # Each copy serves the template's main branch.
            commit = template.meta["refs"]["main"]
            for index in range(int(count)):
                name = f"bench/model-{index:03d}"
                own = hashlib.sha1(name.encode()).hexdigest()
                meta = dict(template.meta, refs={"main": own}, alias={own: commit})
                self.repos[name] = Repo(template.folder, meta, name)

    def file_path(self, repo, commit, file):
        real = repo.meta.get("alias", {}).get(commit, commit)
        path = os.path.normpath(os.path.join(repo.folder, real, file))
        if not path.startswith(os.path.join(repo.folder, real) + os.sep):
            return None
        if os.path.isfile(path) or os.path.isfile(path + ".header.json"):
            return path
        return None

    def record(self, path, count):
        with self.stats_lock:
            self.bytes[path] = self.bytes.get(path, 0) + count


def make_handler(hub, cdn_port):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "StandInHub/1"
        # TCP_NODELAY, as the Hub's own servers: http.server writes the headers and the body as
        # two small segments, and with Nagle on, the body waits for the client's delayed ACK
        # (40 ms on Linux) on every reused connection: 44 ms a request where 1 ms was meant.
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.handle_any(send_body=False)

        def do_GET(self):
            self.handle_any(send_body=True)

        def do_POST(self):
            if self.path == "/_reset":
                hub.reset()
                self.answer(200, b"{}", {"Content-Type": "application/json"})
            else:
                self.answer(404, b"not found", {})

        def answer(self, status, body, headers, send_body=True):
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
                hub.record(self.path.split("?")[0], len(body))

        def handle_any(self, send_body):
            if self.path == "/_stats":
                with hub.stats_lock:
                    stats = {"requests": hub.requests, "bytes": hub.bytes,
                             "cdn_authorization": hub.cdn_authorization, "log": hub.log}
                self.answer(200, json.dumps(stats).encode(), {"Content-Type": "application/json"})
                return
            with hub.stats_lock:
                hub.requests += 1
                hub.log.append(f"{self.command} {self.server.server_port == cdn_port and 'cdn' or 'hub'} {self.path} "
                               f"range={self.headers.get('Range')} auth={'yes' if self.headers.get('Authorization') else 'no'}")
            if hub.delay:
                time.sleep(hub.delay)
            if self.server.server_port == cdn_port:
                self.cdn(send_body)
            else:
                self.resolve(send_body)

        def error(self, status, code, message, extra=None, send_body=True):
            headers = {"X-Error-Code": code, "X-Error-Message": message, "Content-Type": "application/json"}
            headers.update(extra or {})
            if hub.plain_errors:
                headers = {"Content-Type": "application/json"}
            self.answer(status, json.dumps({"error": message}).encode(), headers, send_body)

        def resolve(self, send_body):
            match = re.fullmatch(r"/([^/]+)/([^/]+)/resolve/([^/]+)/(.+)", self.path.split("?")[0])
            if not match:
                self.error(404, "RepoNotFound", "no such route", send_body=send_body)
                return
            org, name, revision, file = (unquote(part) for part in match.groups())
            repo = hub.repos.get(f"{org}/{name}")
            if repo is None:
                self.error(401 if not self.headers.get("Authorization") else 404, "RepoNotFound",
                           "Repository not found", send_body=send_body)
                return
            meta = repo.meta
            if meta.get("slow_ms"):
                time.sleep(meta["slow_ms"] / 1000)
            with repo.lock:
                drop = repo.dropped < meta.get("drop", 0)
                if drop:
                    repo.dropped += 1
            if drop:
                # Read, then the connection closed with no answer at all.
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            with repo.lock:
                if repo.throttled < meta.get("throttle", 0):
                    repo.throttled += 1
                    self.error(429, "RateLimited", "Too many requests",
                               {"Retry-After": str(meta.get("retry_after", 1))}, send_body)
                    return
            if meta.get("fail_500"):
                with repo.lock:
                    if repo.throttled < meta["fail_500"]:
                        repo.throttled += 1
                        self.error(503, "Unavailable", "Service unavailable", send_body=send_body)
                        return
            if meta.get("gated"):
                auth = self.headers.get("Authorization")
                if auth is None:
                    self.error(401, "GatedRepo", "Access to this repo is restricted; you must be authenticated",
                               send_body=send_body)
                    return
                if auth != f"Bearer {meta.get('token')}":
                    self.error(403, "GatedRepo", "Access to this repo is restricted and you are not in the authorized list",
                               send_body=send_body)
                    return
            commit = repo.commit_for(revision)
            if commit is None:
                self.error(404, "RevisionNotFound", f"Invalid rev id: {revision}", send_body=send_body)
                return
            path = hub.file_path(repo, commit, file)
            if path is None:
                self.error(404, "EntryNotFound", f"{file} does not exist at {commit}", {"X-Repo-Commit": commit},
                           send_body=send_body)
                return
            body = Body(path)
            headers = {"X-Repo-Commit": commit, "ETag": f'"{body.etag}"'}
            if file.endswith(LFS_SUFFIXES):
                headers.update({"X-Linked-Size": str(body.size), "X-Linked-Etag": f'"{body.etag}"',
                                "Location": f"http://localhost:{cdn_port}/repos/{org}/{name}/{commit}/{file}?X-Amz-Signature=stand-in"})
                self.answer(302, b"", headers, send_body)
                return
            self.send_file(body, headers, send_body)

        def cdn(self, send_body):
            if self.headers.get("Authorization"):
                with hub.stats_lock:
                    hub.cdn_authorization = True
                self.error(400, "InvalidArgument", "Only one auth mechanism allowed", send_body=send_body)
                return
            match = re.fullmatch(r"/repos/([^/]+)/([^/]+)/([0-9a-f]{40})/(.+)", self.path.split("?")[0])
            repo = match and hub.repos.get(f"{match.group(1)}/{match.group(2)}")
            path = repo and hub.file_path(repo, match.group(3), unquote(match.group(4)))
            if not path:
                self.error(404, "NoSuchKey", "The specified key does not exist.", send_body=send_body)
                return
            self.send_file(Body(path), {}, send_body, ignore_range=repo.meta.get("ignore_range", False))

        def send_file(self, body, headers, send_body, ignore_range=False):
            begin, end, status = 0, body.size, 200
            wanted = self.headers.get("Range")
            if wanted and not ignore_range:
                match = re.fullmatch(r"bytes=(\d+)-(\d*)", wanted.strip())
                if not match or int(match.group(1)) >= body.size:
                    self.answer(416, b"", {"Content-Range": f"bytes */{body.size}"}, send_body)
                    return
                begin = int(match.group(1))
                end = min(body.size, int(match.group(2)) + 1) if match.group(2) else body.size
                status = 206
                headers["Content-Range"] = f"bytes {begin}-{end - 1}/{body.size}"
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(end - begin))
            self.end_headers()
            if not send_body:
                return
            sent = 0
            try:
                for piece in body.chunks(begin, end):
                    self.wfile.write(piece)
                    sent += len(piece)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                hub.record(self.path.split("?")[0], sent)

    return Handler


class Server(ThreadingHTTPServer):
    # A listen backlog as real servers have (nginx: 511). socketserver's default of 5 dropped
    # the SYNs of a client opening a few dozen connections at once (8 models, 3 requests each),
    # and each dropped SYN cost the kernel's 1 s retransmit: a third of the benchmark's runs
    # took a second longer.
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repos", required=True)
    parser.add_argument("--delay-ms", type=float, default=0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--copies", help="COUNT:ORG/NAME, served as bench/model-000 ...")
    parser.add_argument("--plain-errors", action="store_true",
                        help="errors without X-Error-Code or X-Repo-Commit, as a simpler hub or mirror may send them")
    arguments = parser.parse_args()
    hub = Hub(arguments.repos, arguments.delay_ms / 1000, arguments.copies, arguments.plain_errors)
    cdn = Server(("127.0.0.1", 0), None)
    endpoint = Server(("127.0.0.1", arguments.port), None)
    handler = make_handler(hub, cdn.server_port)
    for server in (cdn, endpoint):
        server.RequestHandlerClass = handler
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {endpoint.server_port} {cdn.server_port}", flush=True)
    # Until the parent closes stdin (or dies).
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
