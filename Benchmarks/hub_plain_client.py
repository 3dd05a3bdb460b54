#!/usr/bin/env python3
"""The requests a cold sharded read makes, by a plain Python client: the floor a stand-in Hub
allows, to set ParamScope's cold figure against (README, "Hugging Face Hub").

    python3 Benchmarks/hub_plain_client.py [--delay-ms 50] [--count 100] [--concurrency 8] [--runs 3]

Starts hub_server.py with `--copies COUNT:tiny/llama-sharded`, then per model, CONCURRENCY models
at a time: config.json, the index and a first range of model.safetensors together; then each
shard's resolve (302) and its CDN range — keep-alive connections, no parsing beyond the index,
no cache.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "ParamScopeTests", "Fixtures", "hub")
FIRST_RANGE = (0, 100_001)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, os.path.join(FIXTURES, "hub_server.py"), "--repos", os.path.join(FIXTURES, "repos"),
         "--delay-ms", str(arguments.delay_ms), "--copies", f"{arguments.count}:tiny/llama-sharded"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _, port, _ = server.stdout.readline().split()
    port = int(port)
    local = threading.local()

    def get(port, path, byte_range=None):
        connections = local.__dict__.setdefault("connections", {})
        connection = connections.get(port) or http.client.HTTPConnection("127.0.0.1", port)
        connections[port] = connection
        headers = {"Range": f"bytes={byte_range[0]}-{byte_range[1] - 1}"} if byte_range else {}
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer, answer.read()

    requests = ThreadPoolExecutor(64)

    def model(index):
        name = f"bench/model-{index:03d}"
        first = [requests.submit(get, port, f"/{name}/resolve/main/{file}", byte_range) for file, byte_range in
                 [("config.json", None), ("model.safetensors.index.json", None), ("model.safetensors", FIRST_RANGE)]]
        (config, _), (_, index_body), _ = [future.result() for future in first]
        commit = config.getheader("X-Repo-Commit")

        def shard(file):
            redirect, _ = get(port, f"/{name}/resolve/{commit}/{file}", FIRST_RANGE)
            location = urllib.parse.urlsplit(redirect.getheader("Location"))
            return get(location.port, f"{location.path}?{location.query}", FIRST_RANGE)

        list(requests.map(shard, sorted(set(json.loads(index_body)["weight_map"].values()))))

    seconds = []
    for _ in range(arguments.runs):
        started = time.perf_counter()
        with ThreadPoolExecutor(arguments.concurrency) as models:
            list(models.map(model, range(arguments.count)))
        seconds.append(time.perf_counter() - started)
    server.stdin.close()
    server.wait()
    print(f"plain Python client, {arguments.count} sharded repos, {arguments.delay_ms} ms a request, "
          f"{arguments.concurrency} at a time: median {statistics.median(seconds):.3f} s "
          f"(min {min(seconds):.3f}, max {max(seconds):.3f}; {len(seconds)} runs)")


if __name__ == "__main__":
    main()
