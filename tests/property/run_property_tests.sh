#!/usr/bin/env bash
# Generates ffi/pen_abi.h with pen-bindgen, then builds conversions_property.c against it with gcc
# and clang under UBSan (float-cast-overflow included, no recovery) and ASan, and runs it.
#
#   run_property_tests.sh <pen-bindgen> <work directory> [iterations]
set -euo pipefail
binary=$1
work=$2
iterations=${3:-1000000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rm -rf "$work" && mkdir -p "$work"
"$binary" -q "$here/../abi/types/abi_types.h" --prefix _types_ -o "$work/package"

flags=(-std=c11 -O1 -g -Wall -Wextra -Werror -fno-omit-frame-pointer
  -fsanitize=undefined,float-cast-overflow,address -fno-sanitize-recover=all)
status=0
for compiler in gcc clang; do
  if ! command -v "$compiler" >/dev/null; then
    echo "skip: $compiler not found"
    continue
  fi
  # The shim itself must compile cleanly beside the header it uses.
  "$compiler" "${flags[@]}" -I "$work/package/ffi" -I "$here/../abi/types" \
    -c "$work/package/ffi/"*_shim.c -o "$work/shim-$compiler.o"
  "$compiler" "${flags[@]}" -I "$work/package/ffi" "$here/conversions_property.c" \
    -lm -o "$work/property-$compiler"
  echo "== $compiler"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$work/property-$compiler" "$iterations" ||
    status=1
done
exit $status
