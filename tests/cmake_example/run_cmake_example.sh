#!/usr/bin/env bash
# Builds examples/cmake against pen-bindgen's CMake package and checks the build integration:
#   run_cmake_example.sh <pen-bindgen build dir> <example source dir> <work dir> <generator>
# 1. from the build tree (PenBindgen_DIR): configure, build, bindings exist and pass --check;
#    an untouched rebuild does nothing; touching a header reruns the generator; changing a
#    header changes the bindings; editing a binding makes the pen_bindgen_check test fail.
# 2. from an installed prefix (cmake --install ... --prefix; CMAKE_PREFIX_PATH): configure,
#    build and check again.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 <pen-bindgen build dir> <example source dir> <work dir> <generator>" >&2
  exit 2
fi
package_build=$1
example=$2
work=$3
generator=$4

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() {
  echo "ok: $*"
}

rm -rf "$work"
mkdir -p "$work"
# A copy, so that editing headers never touches the source tree.
cp -R "$example" "$work/source"
source=$work/source
bindings_of() { echo "$1/bindings/shapes"; }

build() { # build <build dir>; the build log goes to $1.log
  cmake --build "$1" >"$1.log" 2>&1 || {
    cat "$1.log" >&2
    return 1
  }
}

# True when a build of $1 would do nothing (Ninja: by its own dry run; Makefiles: the stamp's
# time and the log, since make has no reliable dry run for CMake's recursive makefiles).
is_quiet_rebuild() {
  local dir=$1
  if [ "$generator" = Ninja ]; then
    local explain
    explain=$(ninja -C "$dir" -n -d explain 2>&1)
    if printf '%s\n' "$explain" | grep -q "no work to do"; then
      return 0
    fi
    printf '%s\n' "$explain" >&2
    return 1
  fi
  local before after
  before=$(stat -c %Y.%y "$dir/pen_bindgen/shapes_pen.stamp")
  build "$dir"
  after=$(stat -c %Y.%y "$dir/pen_bindgen/shapes_pen.stamp")
  [ "$before" = "$after" ] && ! grep -q "Generating Pen bindings" "$dir.log"
}

check_package() { # check_package <label> <build dir> <configure arguments...>
  local label=$1 dir=$2
  shift 2
  if ! cmake -S "$source" -B "$dir" -G "$generator" "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log" >&2
    fail "$label: configure"
    return
  fi
  if ! build "$dir"; then
    fail "$label: first build"
    return
  fi
  local bindings
  bindings=$(bindings_of "$dir")
  # Two headers: one module per header (docs/header-trees.md); geometry.h is Geometry.pen.
  if grep -q '^ShapesPolygonArea = \\(sides number, length number) number {$' \
    "$bindings/Geometry.pen" && [ -x "$bindings/pen-ffi.sh" ] && [ -f "$bindings/ffi/shapes_shim.c" ]; then
    pass "$label: the build generated the bindings"
  else
    fail "$label: bindings missing or wrong in $bindings"
  fi
  if (cd "$dir" && ctest --output-on-failure >"$dir.ctest.log" 2>&1); then
    pass "$label: pen_bindgen_check passes on current bindings"
  else
    cat "$dir.ctest.log" >&2
    fail "$label: pen_bindgen_check on current bindings"
  fi
  if [ -f "$dir/pen_bindgen/shapes_pen.d" ] &&
    grep -q "include/shapes/geometry.h" "$dir/pen_bindgen/shapes_pen.d"; then
    pass "$label: the depfile lists the headers"
  else
    fail "$label: depfile missing or without the headers"
  fi
  if is_quiet_rebuild "$dir"; then
    pass "$label: an untouched rebuild does nothing"
  else
    fail "$label: an untouched rebuild does work"
  fi

  # Touching a header (contents unchanged) reruns the generator.
  sleep 1
  touch "$source/include/shapes/color.h"
  local stamp_before
  stamp_before=$(stat -c %Y "$dir/pen_bindgen/shapes_pen.stamp")
  build "$dir" || fail "$label: build after touch"
  if grep -q "Generating Pen bindings" "$dir.log" &&
    [ "$(stat -c %Y "$dir/pen_bindgen/shapes_pen.stamp")" -gt "$stamp_before" ]; then
    pass "$label: touching a header regenerates the bindings"
  else
    cat "$dir.log" >&2
    fail "$label: touching a header did not rerun pen-bindgen"
  fi
  if is_quiet_rebuild "$dir"; then
    pass "$label: quiet again after the regeneration"
  else
    fail "$label: not quiet after the regeneration"
  fi

  # Changing a header changes the bindings.
  sleep 1
  printf '\ndouble shapes_circle_area(double radius);\n' >>"$source/include/shapes/geometry.h"
  build "$dir" || fail "$label: build after edit"
  if grep -q '^ShapesCircleArea = ' "$bindings/Geometry.pen"; then
    pass "$label: a new declaration reaches the bindings"
  else
    fail "$label: the new declaration is not in the bindings"
  fi

  # A stale binding makes the check test fail.
  printf '# edited\n' >>"$bindings/Geometry.pen"
  if (cd "$dir" && ctest >"$dir.ctest-stale.log" 2>&1); then
    fail "$label: pen_bindgen_check passed on edited bindings"
  else
    pass "$label: pen_bindgen_check fails on edited bindings"
  fi
  # Restore the example for the next configuration.
  rm -rf "$source"
  cp -R "$example" "$source"
}

check_package "build tree" "$work/build-tree" -DPenBindgen_DIR="$package_build"

prefix=$work/prefix
if cmake --install "$package_build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  if [ -f "$prefix/lib/cmake/PenBindgen/PenBindgenConfig.cmake" ] && [ -x "$prefix/bin/pen-bindgen" ]; then
    pass "install: package files and the tool are installed"
  else
    fail "install: missing files under $prefix"
  fi
  check_package "installed prefix" "$work/installed" -DCMAKE_PREFIX_PATH="$prefix"
  if grep -q "$prefix/bin/pen-bindgen" "$work/installed/CMakeCache.txt" ||
    grep -rq "$prefix/bin/pen-bindgen" "$work/installed/CMakeFiles" "$work/installed"/*.ninja \
      "$work/installed/Makefile" 2>/dev/null; then
    pass "installed prefix: the installed pen-bindgen is the one used"
  else
    fail "installed prefix: the build does not use $prefix/bin/pen-bindgen"
  fi
else
  cat "$work/install.log" >&2
  fail "install: cmake --install failed"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all cmake example checks passed"
