#!/usr/bin/env bash
# Two `paramscope` binaries on the same input, runs interleaved (so a noisy neighbour slows
# both alike), each into an empty directory after `sync`: median wall seconds, median CPU
# (user + sys) seconds, peak RSS, and whether both wrote the same bytes. This is how README "Performance" compares before and after.
#
#   Benchmarks/side-by-side.sh OLD_BINARY NEW_BINARY INPUT_DIR [RUNS]
#
# INPUT_DIR: e.g. from `.build-bench/release/paramscope-bench --generate 10000 /tmp/in10k`.
set -euo pipefail
old=$1 new=$2 input=$3 runs=${4:-5}
templates=$(cd "$(dirname "$0")/.." && pwd)/templates
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() {  # binary label → appends "wall cpu rss_kb" to $scratch/label
    rm -rf "$scratch/out-$2"
    sync  # nothing left dirty by the previous run competes for a core
    /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" \
        "$1" report "$input" --out "$scratch/out-$2" --templates "$templates" >/dev/null 2>&1
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$scratch/time" >> "$scratch/$2"
}

for ((i = 0; i < runs; i++)); do
    run "$old" old
    run "$new" new
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for label in old new; do
    wall=$(cut -d' ' -f1 "$scratch/$label" | median)
    cpu=$(cut -d' ' -f2 "$scratch/$label" | median)
    rss=$(cut -d' ' -f3 "$scratch/$label" | sort -n | tail -1)
    echo "$label: median wall ${wall} s, median CPU ${cpu} s, peak RSS $((rss / 1024)) MB ($runs runs)"
done
if diff -rq "$scratch/out-old" "$scratch/out-new" >/dev/null; then
    echo "same bytes: yes ($(du -sm "$scratch/out-new" | cut -f1) MB)"
else
    echo "same bytes: NO"
fi
