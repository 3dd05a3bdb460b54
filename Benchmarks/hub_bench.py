#!/usr/bin/env python3
"""The Hub benchmark: 100 repos from the stand-in Hub with 50 ms added to every request.

    python3 Benchmarks/hub_bench.py [--binary .build/release/paramscope] [--delay-ms 50] [--runs 5]
                                    [--layout sharded|single|both]

Each repo is a copy of a fixture repo of Tests/ParamScopeTests/Fixtures/hub, the same 106,816-
parameter model in two layouts:

- sharded (tiny/llama-sharded: config.json, the index, two shards): 7 requests a model cold, in
  three dependent round trips: config.json, the index and a first range of model.safetensors (404)
  together; then each shard's resolve (302); then its CDN range;
- single (tiny/llama: config.json, model.safetensors): 3 requests in two round trips: config.json,
  the index (404) and model.safetensors' resolve (302) together; then its CDN range.

With 8 models at a time, 100 models are 13 waves, so the floor of the cold run is 13 × 3 × 50 ms =
1.95 s sharded and 13 × 2 × 50 ms = 1.3 s single, before any work. Measured, median of --runs,
each in fresh caches:

- cold:         empty caches, `estimate LIST --format json` over the 100 `hf: bench/model-NNN`;
- warm:         the same again (`@main` is revalidated: config.json alone, one request per model);
- warm pinned:  the list pinned `@COMMIT`, caches warm: no request at all;
- offline:      HF_HUB_OFFLINE=1, caches warm.

It also prints the bytes the CDN sent per shard against the shard's header (8 + its length).
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "ParamScopeTests", "Fixtures", "hub")


TEMPLATES = {"sharded": "tiny/llama-sharded", "single": "tiny/llama"}
ROUND_TRIPS = {"sharded": 3, "single": 2}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "paramscope"))
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--layout", choices=["sharded", "single", "both"], default="both")
    arguments = parser.parse_args()
    layouts = ["sharded", "single"] if arguments.layout == "both" else [arguments.layout]
    for index, layout in enumerate(layouts):
        measure(arguments, layout, big=index == 0)


def measure(arguments, layout, big):
    """The four runs over `count` copies of the layout's fixture repo, and (if `big`) the bytes
    a 117 MB shard's header costs."""
    server = subprocess.Popen(
        [sys.executable, os.path.join(FIXTURES, "hub_server.py"), "--repos", os.path.join(FIXTURES, "repos"),
         "--delay-ms", str(arguments.delay_ms), "--copies", f"{arguments.count}:{TEMPLATES[layout]}"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _, port, _ = server.stdout.readline().split()
    endpoint = f"http://127.0.0.1:{port}"
    scratch = tempfile.mkdtemp(prefix="paramscope-hub-bench-")
    names = [f"bench/model-{index:03d}" for index in range(arguments.count)]
    unpinned = os.path.join(scratch, "unpinned.yaml")
    pinned = os.path.join(scratch, "pinned.yaml")
    with open(unpinned, "w") as f:
        f.write("title: Bench\nmodels:\n" + "".join(f"  - hf: {name}\n" for name in names))
    with open(pinned, "w") as f:
        # The server names each copy's commit sha1(name).
        f.write("title: Bench\nmodels:\n" + "".join(
            f"  - hf: {name}@{hashlib.sha1(name.encode()).hexdigest()}\n" for name in names))

    def run(list_path, home, offline=False):
        env = dict(os.environ, HF_ENDPOINT=endpoint, XDG_CACHE_HOME=f"{home}/xdg", HF_HOME=f"{home}/hf",
                   HF_HUB_OFFLINE="1" if offline else "", HF_TOKEN="")
        started = time.perf_counter()
        result = subprocess.run([arguments.binary, "estimate", list_path, "--format", "json"], env=env,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"paramscope failed: {result.stderr[:2000]}")
        models = json.loads(result.stdout)["models"]
        # The fixture's count (both layouts hold the same 21 BF16 tensors; CheckpointReaderTests).
        assert len(models) == arguments.count and all(m["parameters"]["total"] == 106816 for m in models)
        return elapsed

    def stats():
        with urllib.request.urlopen(f"{endpoint}/_stats") as answer:
            return json.load(answer)

    figures = {"cold": [], "warm": [], "warm pinned": [], "offline": []}
    for index in range(arguments.runs):
        home = os.path.join(scratch, f"run-{index}")
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/_reset", method="POST")).read()
        figures["cold"].append(run(unpinned, home))
        cold_stats = stats()
        figures["warm"].append(run(unpinned, home))
        run(pinned, home)  # records the pinned revisions (the commits are the same)
        figures["warm pinned"].append(run(pinned, home))
        figures["offline"].append(run(unpinned, home, offline=True))
    big_sent = big_header = None
    if big:
        # One 117 MB shard (Fixtures/hub big/llama): the bytes its header costs on the wire.
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/_reset", method="POST")).read()
        big_home = os.path.join(scratch, "big")
        env = dict(os.environ, HF_ENDPOINT=endpoint, XDG_CACHE_HOME=f"{big_home}/xdg", HF_HOME=f"{big_home}/hf", HF_TOKEN="")
        subprocess.run([arguments.binary, "inspect", "hf:big/llama"], env=env, check=True, capture_output=True)
        big_sent = sum(sent for path, sent in stats()["bytes"].items() if path.startswith("/repos/big/"))
        big_header_path = os.path.join(FIXTURES, "repos", "big", "llama", "5555555555555555555555555555555555555555",
                                       "model.safetensors.header.json")
        with open(big_header_path, "rb") as f:
            big_header = 8 + (len(f.read().rstrip()) + 7) // 8 * 8
    server.stdin.close()
    server.wait()

    concurrency = int(os.environ.get("PARAMSCOPE_HUB_CONCURRENCY", "8"))
    waves = -(-arguments.count // concurrency)
    floor = waves * ROUND_TRIPS[layout] * arguments.delay_ms / 1000
    print(f"{arguments.count} repos, {layout} ({TEMPLATES[layout]}), {arguments.delay_ms} ms added to every request, "
          f"{concurrency} models at a time, median of {arguments.runs} runs "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    for name, values in figures.items():
        print(f"  {name:12s} {statistics.median(values):.3f} s   (min {min(values):.3f}, max {max(values):.3f})")
    print(f"  cold floor   {floor:.3f} s   ({waves} waves × {ROUND_TRIPS[layout]} round trips × {arguments.delay_ms} ms)")
    shards = {path: sent for path, sent in cold_stats["bytes"].items() if path.startswith("/repos/")}
    print(f"  cold requests: {cold_stats['requests']} ({cold_stats['requests'] / arguments.count:.1f} per repo); "
          f"CDN bytes per file: max {max(shards.values())} (each fixture file is under 100 KB: the first range "
          f"takes the whole file, weights included)")
    if big:
        print(f"  117 MB shard (big/llama): {big_sent} bytes from the CDN for a {big_header}-byte header "
              f"(limit: header + 100 KB = {big_header + 100_000})")


if __name__ == "__main__":
    main()
