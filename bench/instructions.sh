#!/usr/bin/env bash
# Counts the instructions (valgrind --tool=callgrind, all threads) of pen-bindgen and of the floor,
# `clang -fsyntax-only` with the same flags, for the cases of bench/run.sh, and prints one table.
# Machine load does not change instruction counts, so this is the comparison to trust on a busy
# machine (docs/performance.md); it takes a few minutes (the tree alone about two).
#
#   bench/instructions.sh                 every case
#   bench/instructions.sh zlib openssl    only these (names as in bench/run.sh; "tree" is -j 1)
#
# Environment: PEN_BINDGEN=path (default build/pen-bindgen), CLANG (default: the clang of the
# libclang pen-bindgen loads, else clang). Needs valgrind and pkg-config. Asserts nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pen=$(realpath "${PEN_BINDGEN:-$root/build/pen-bindgen}")
# shellcheck source=bench/cases.sh
source "$root/bench/cases.sh"
if [ -z "${CLANG:-}" ]; then
  version=$(libclang_version_of "$(pen_libclang "$pen")")
  CLANG=clang
  if [ -n "$version" ] && command -v "clang-$version" >/dev/null; then
    CLANG=clang-$version
  fi
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/pen-bindgen-instructions.XXXXXX")
trap 'rm -rf "$work"' EXIT

instructions() {
  local log=$work/callgrind.log
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$log" || {
    echo failed
    return
  }
  grep -oP 'Collected : \K[0-9]+' "$log" | awk '{ printf "%.1f", $1 / 1e6 }'
}

echo "pen-bindgen: $pen; floor: $("$CLANG" --version | head -n 1) -fsyntax-only"
echo "instructions in millions (callgrind, every thread)"
echo
echo "| header | clang | pen-bindgen | pen/clang |"
echo "| --- | ---: | ---: | ---: |"
for entry in "${bench_cases[@]}"; do
  IFS='|' read -r name header modules <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  flags=()
  if [ -n "$modules" ]; then
    read -r -a flags <<<"$(pkg-config --cflags "$modules")"
  fi
  if [ "$header" = @tree ]; then
    bench_tree "$CLANG" "$work"
    mapfile -t headers <"$work/tree.list"
    syntax_input=$work/tree.h
    name="tree ($(wc -l <"$work/tree.list") headers, -j 1)"
  else
    headers=("$header")
    syntax_input=$header
  fi
  pen_command=("$pen" "${headers[@]}" -o "$work/out" -q -j 1)
  [ ${#flags[@]} -gt 0 ] && pen_command+=(-- "${flags[@]}")
  rm -rf "$work/out"
  floor=$(instructions "$CLANG" -fsyntax-only -x c "${flags[@]}" "$syntax_input")
  ours=$(instructions "${pen_command[@]}")
  ratio=$(awk -v a="$ours" -v b="$floor" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }')
  echo "| $name | $floor | $ours | $ratio |"
done
