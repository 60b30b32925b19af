#!/usr/bin/env bash
# The generated extern "C" layer of a C++ library (docs/cplusplus.md), over tests/cxx/geo with
# the golden case's config and over kit.hpp: ffi/*_cxx.cpp must compile warning-free with g++
# and clang++, the shims that include ffi/*_cxx.h with gcc and clang, and the drivers
# (layer_driver.c, kit_driver.c), calling the layers from C, must pass under ASan and UBSan with
# each compiler pair.
#
#   run_cxx_layer_tests.sh <pen-bindgen> <tests-directory>
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <pen-bindgen> <tests-directory>" >&2
  exit 2
fi
binary=$(realpath "$1")
tests=$(cd "$2" && pwd)
geo=$tests/cxx/geo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$tests/golden/cxx_geo" &&
  "$binary" --config cxx_geo.toml ../../cxx/geo/geo.hpp -o "$work/package" -q)
ffi=$work/package/ffi
layer=$tests/cxx/layer
"$binary" "$layer/kit.hpp" -o "$work/kit" -q
kit=$work/kit/ffi
# Two C++ headers with an instantiation: one translation unit, one module, one layer.
(cd "$tests/golden/cxx_geo" &&
  "$binary" --config cxx_geo.toml ../../cxx/geo/geo.hpp ../../cxx/layer/kit.hpp -o "$work/both" -q)

cxx_flags=(-std=c++17 -pedantic -Wall -Wextra -Werror)
c_flags=(-std=c11 -pedantic -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes
  -Wshadow -Wconversion -Wsign-conversion -Wcast-qual -Wundef)
sanitizers=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
status=0

for pair in "gcc g++" "clang clang++"; do
  read -r cc cxx <<<"$pair"
  out=$work/$cc
  mkdir -p "$out"
  echo "== $cc / $cxx"
  "$cxx" "${cxx_flags[@]}" "${sanitizers[@]}" -I"$geo" -c "$ffi/geo_cxx.cpp" -o "$out/layer.o"
  "$cxx" -std=c++17 "${sanitizers[@]}" -c "$geo/geo.cpp" -o "$out/geo.o"
  # The shim needs Pen's runtime to link; compiling it proves the layer header is valid C.
  "$cc" "${c_flags[@]}" -I"$ffi" -c "$ffi/geo_shim.c" -o "$out/shim.o"
  "$cc" -std=c11 -Wall -Wextra -Werror "${sanitizers[@]}" -I"$ffi" \
    -c "$tests/cxx/layer/layer_driver.c" -o "$out/driver.o"
  "$cxx" "${sanitizers[@]}" "$out/driver.o" "$out/layer.o" "$out/geo.o" -lm -o "$out/driver"
  if ! "$out/driver"; then
    echo "FAILED: layer driver ($cc)" >&2
    status=1
  fi
  "$cxx" "${cxx_flags[@]}" "${sanitizers[@]}" -I"$layer" -c "$kit/kit_cxx.cpp" -o "$out/kit_layer.o"
  "$cxx" -std=c++17 "${sanitizers[@]}" -c "$layer/kit.cpp" -o "$out/kit.o"
  "$cc" "${c_flags[@]}" -I"$kit" -c "$kit/kit_shim.c" -o "$out/kit_shim.o"
  "$cc" -std=c11 -Wall -Wextra -Werror "${sanitizers[@]}" -I"$kit" -c "$layer/kit_driver.c" \
    -o "$out/kit_driver.o"
  "$cxx" "${sanitizers[@]}" "$out/kit_driver.o" "$out/kit_layer.o" "$out/kit.o" -o "$out/kit_driver"
  if ! "$out/kit_driver"; then
    echo "FAILED: kit driver ($cc)" >&2
    status=1
  fi
  # Only the first header's directory, as pen-ffi.sh passes it.
  "$cxx" "${cxx_flags[@]}" -I"$geo" -c "$work/both/ffi/geo_cxx.cpp" -o "$out/both.o"
  "$cc" "${c_flags[@]}" -c "$work/both/ffi/geo_shim.c" -o "$out/both_shim.o"
  # exceptions = "abort": the message names the function, then the process aborts.
  # Through sh: bash itself would report the child killed by SIGABRT on its stderr.
  abort_status=$(sh -c '"$1" abort 2>"$2"; echo $?' sh "$out/driver" "$out/abort.txt")
  expected="pen-bindgen: uncaught C++ exception in geo::throw_int: unknown C++ exception"
  if [ "$abort_status" -ne 134 ] || ! grep -qxF "$expected" "$out/abort.txt"; then
    echo "FAILED: abort policy ($cc): status $abort_status, stderr:" >&2
    cat "$out/abort.txt" >&2
    status=1
  fi
done
exit $status
