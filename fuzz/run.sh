#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS (default 300) on its seed corpus.
# Usage: [MAX_LEN=BYTES] fuzz/run.sh [SECONDS] [TARGET...]   (quantized seeds need MAX_LEN=200000)     targets: yaml hfconfig nested safetensors index gguf prose template ggufmodel quantized (default: all)
# Findings (crash-*, leak-*, timeout-*) land in fuzz/out/TARGET/; fuzz/corpus/TARGET grows from fuzz/seeds/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}; shift || true
if [ $# -gt 0 ]; then targets=("$@"); else targets=(yaml hfconfig nested safetensors index gguf prose template ggufmodel quantized); fi
command -v swift >/dev/null || export PATH="$PATH:/opt/swift/usr/bin"
for target in "${targets[@]}"; do
  # SwiftPM gives an executable its own entry point (main = fuzz_X_main), which clashes with
  # libFuzzer's `main` under -sanitize=fuzzer; so: coverage + ASan flags, libFuzzer without its
  # main, and each target's top-level code calls LLVMFuzzerRunDriver.
  PARAMSCOPE_FUZZ=1 swift build --scratch-path .build-fuzz --product "fuzz-$target" \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xlinker "$(dirname "$(readlink -f "$(command -v swift)")")/../lib/clang/"*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a \
    -Xlinker -lstdc++ 2>&1 | grep -E "error|Compiling fuzz|Build of" || true
  mkdir -p "fuzz/out/$target" "fuzz/corpus/$target"  # corpus/ grows (ignored by git); seeds/ is committed
  echo "fuzzing $target for ${seconds}s"
  # SWIFT_BACKTRACE=enable=no: otherwise the crash symbolicator can hang after a finding.
  SWIFT_BACKTRACE=enable=no ".build-fuzz/debug/fuzz-$target" "fuzz/corpus/$target" "fuzz/seeds/$target" \
    -max_total_time="$seconds" -max_len="${MAX_LEN:-65536}" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="fuzz/out/$target/" -print_final_stats=1 2>&1 | tail -n 12
done
