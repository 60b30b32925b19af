#!/usr/bin/env bash
# Runs the pipeline fuzzer (tests/fuzz) for the given number of seconds (default 60).
# Builds build-fuzz/ with clang and PEN_BINDGEN_FUZZ=ON when needed. The growing corpus, crash
# artifacts and the log live in build-fuzz/fuzz/ (not in git); the seed corpus is rebuilt from
# the test headers every run. Exits non-zero when the fuzzer found something. docs/hardening.md.
# FUZZ_KEEP_GOING=1: fork mode that records every crash/timeout/OOM in artifacts/ and goes on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
build=${PEN_BINDGEN_FUZZ_BUILD:-$root/build-fuzz}
work=$build/fuzz

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPEN_BINDGEN_FUZZ=ON -DPEN_BINDGEN_TESTS=OFF
fi
cmake --build "$build" --target pipeline_fuzzer -j 2

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
for header in "$root"/tests/golden/*/*.h "$root"/tests/abi/types/*.h "$root"/tests/fuzz/regressions/* \
  /usr/include/assert.h /usr/include/errno.h /usr/include/limits.h /usr/include/fenv.h; do
  [ -f "$header" ] && cp "$header" "$work/seeds/$(basename "$(dirname "$header")")_$(basename "$header")"
done

# A header may `#include "/dev/stdin"`; never let that wait on a terminal.
keep_going=()
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
  keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
cd "$work"
set +e
nice -n 10 "$build/tests/fuzz/pipeline_fuzzer" "$work/corpus" "$work/seeds" \
  -dict="$root/tests/fuzz/c_tokens.dict" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 "${keep_going[@]}" \
  -artifact_prefix="$work/artifacts/" </dev/null 2>&1 | tee "$work/fuzz.log"
status=${PIPESTATUS[0]}
set -e
# Scratch directories of fuzzer processes that crashed on purpose (abort skips their cleanup).
for scratch in /dev/shm/pen-bindgen-fuzz-* /tmp/pen-bindgen-fuzz-*; do
  if [ -d "$scratch" ] && ! kill -0 "${scratch##*-}" 2>/dev/null; then
    rm -rf "$scratch"
  fi
done
echo "fuzz.sh: exit $status; corpus: $(ls "$work/corpus" | wc -l) inputs; artifacts:" \
  "$(ls "$work/artifacts" | wc -l) (in $work/artifacts)"
exit "$status"
