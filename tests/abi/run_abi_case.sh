#!/usr/bin/env bash
# One ABI test case (tests/abi): generate a package, compile its shim with a Pen-side driver and
# the real library using gcc and clang with sanitizers, and run it.
#
#   run_abi_case.sh --work DIR [--compile-only] [--driver FILE] [--source FILE]...
#                   [--include DIR]... [--lib FLAG]... -- GENERATOR [ARGUMENTS...]
#
# The generator (pen-bindgen, or abi_package_fixtures) runs as `GENERATOR -o DIR/package
# ARGUMENTS...` and must exit 0. --compile-only compiles the shim (-c) and stops.
# ABI_COMPILERS overrides the compilers ("gcc clang"); ABI_OPTIMIZATION the -O level (-O0).
# A C++ package's extern "C" layer (ffi/*_cxx.cpp) and --source files ending in .cpp are compiled
# with the matching C++ compiler (g++ for gcc, clang++ for clang), which then links.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=
compile_only=0
driver=
sources=()
includes=()
libraries=()
while [ $# -gt 0 ]; do
  case $1 in
  --work) work=$2; shift 2 ;;
  --compile-only) compile_only=1; shift ;;
  --driver) driver=$2; shift 2 ;;
  --source) sources+=("$2"); shift 2 ;;
  --include) includes+=("-I$2"); shift 2 ;;
  --lib) libraries+=("$2"); shift 2 ;;
  --) shift; break ;;
  *) echo "run_abi_case.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ] || [ $# -eq 0 ]; then
  echo "run_abi_case.sh: --work and a generator are required" >&2
  exit 2
fi

rm -rf "$work"
mkdir -p "$work"
package=$work/package
generator=$1
shift
echo "+ $generator -o $package $*"
"$generator" -o "$package" "$@"

shims=("$package"/ffi/*_shim.c)
if [ ${#shims[@]} -ne 1 ] || [ ! -f "${shims[0]}" ]; then
  echo "run_abi_case.sh: expected exactly one ffi/*_shim.c in $package" >&2
  exit 1
fi
shim=${shims[0]}
[ -f "$package/ffi/pen_abi.h" ] || { echo "run_abi_case.sh: no ffi/pen_abi.h" >&2; exit 1; }

warnings=(-std=c11 -pedantic -Wall -Wextra -Werror)
# What a user may also turn on for the shim: it declares every function, never uses old-style C
# and converts only explicitly.
shim_warnings=("${warnings[@]}" -Wmissing-prototypes -Wstrict-prototypes -Wshadow -Wconversion
  -Wsign-conversion -Wdouble-promotion -Wcast-qual -Wundef)
# float-cast-overflow is not part of "undefined" in gcc or clang; out-of-range casts are what the
# conversions must avoid.
sanitizers=("-fsanitize=address,undefined,float-cast-overflow" -fno-sanitize-recover=all
  -fno-omit-frame-pointer -g "${ABI_OPTIMIZATION:--O0}")
cxx_warnings=(-std=c++17 -pedantic -Wall -Wextra -Werror)
layers=()
for layer in "$package"/ffi/*_cxx.cpp; do
  [ -f "$layer" ] && layers+=("$layer")
done

cxx_compiler_for() {
  case $1 in
  gcc*) echo "g++${1#gcc}" ;;
  clang*) echo "clang++${1#clang}" ;;
  *) echo "c++" ;;
  esac
}

for compiler in ${ABI_COMPILERS:-gcc clang}; do
  out=$work/$compiler
  mkdir -p "$out"
  cxx=$(cxx_compiler_for "$compiler")
  linker=$compiler
  if [ ${#layers[@]} -gt 0 ]; then
    linker=$cxx
  fi
  if [ $compile_only -eq 1 ]; then
    echo "+ $compiler -c $(basename "$shim")"
    "$compiler" "${shim_warnings[@]}" -I"$package/ffi" "${includes[@]}" -c "$shim" \
      -o "$out/shim.o"
    for layer in "${layers[@]}"; do
      echo "+ $cxx -c $(basename "$layer")"
      "$cxx" "${cxx_warnings[@]}" -I"$package/ffi" "${includes[@]}" -c "$layer" \
        -o "$out/$(basename "$layer" .cpp).o"
    done
    continue
  fi
  echo "+ $compiler: build and run $(basename "$driver")"
  "$compiler" "${shim_warnings[@]}" "${sanitizers[@]}" -I"$package/ffi" "${includes[@]}" \
    -c "$shim" -o "$out/shim.o"
  objects=("$out/shim.o")
  for layer in "${layers[@]}"; do
    object=$out/$(basename "$layer" .cpp).o
    "$cxx" "${cxx_warnings[@]}" "${sanitizers[@]}" -I"$package/ffi" "${includes[@]}" \
      -c "$layer" -o "$object"
    objects+=("$object")
  done
  for source in "$driver" "$here/drivers/pen_side.c" "${sources[@]}"; do
    case $source in
    *.cpp)
      object=$out/$(basename "$source" .cpp).o
      "$cxx" "${cxx_warnings[@]}" "${sanitizers[@]}" "${includes[@]}" -c "$source" -o "$object"
      linker=$cxx
      ;;
    *)
      object=$out/$(basename "$source" .c).o
      "$compiler" "${warnings[@]}" "${sanitizers[@]}" -I"$here/drivers" -I"$package/ffi" \
        "${includes[@]}" -c "$source" -o "$object"
      ;;
    esac
    objects+=("$object")
  done
  "$linker" "${sanitizers[@]}" "${objects[@]}" -o "$out/driver" "${libraries[@]}"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 "$out/driver"
done
