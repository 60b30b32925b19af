#!/usr/bin/env bash
# Builds pen-bindgen and its tests with AddressSanitizer and UBSan into build-sanitize/
# (PEN_BINDGEN_SANITIZE=ON, Debug) and runs the whole test suite there: every golden, ABI, CLI,
# error-path and property test then also checks the tool itself for memory errors, leaks and
# undefined behaviour. Called by scripts/test.sh; docs/hardening.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-sanitize

if [ -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" >/dev/null
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPEN_BINDGEN_SANITIZE=ON
fi
cmake --build "$build"
"$root/scripts/check-build-deps.sh" "$build"

# Any report fails the test that triggered it: UBSan halts (the option builds it recoverable),
# LeakSanitizer runs at exit. tests/sanitize/lsan.supp documents what is suppressed and why.
export ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1
export LSAN_OPTIONS=suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
ctest --output-on-failure -j "$(nproc)"
