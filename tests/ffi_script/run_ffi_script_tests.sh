#!/bin/sh
# Runs a generated pen-ffi.sh for real: builds the archive, checks its members and symbols, the
# cache, CC=gcc, a missing link library and bad arguments.
# usage: run_ffi_script_tests.sh <write_ffi_script executable> <fixture directory>
set -eu
# The default case must test the script's own choice of tools (clang when present).
unset CC CFLAGS AR

absolute() {
  case $1 in
  /*) echo "$1" ;;
  *) echo "$(pwd)/$1" ;;
  esac
}
writer=$(absolute "$1")
fixture=$(absolute "$2")
target=x86_64-unknown-linux-gnu
failures=0
passes=0

pass() {
  passes=$((passes + 1))
}
failed() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
check() {
  description=$1
  shift
  if "$@"; then pass; else failed "$description"; fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/pen-ffi-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
package=$work/package
mkdir "$package"
cp -R "$fixture/ffi" "$package/ffi"
"$writer" "$package" x -I/usr/include z
script=$package/pen-ffi.sh

# Static checks of the script text.
check "sh -n" sh -n "$script"
if command -v dash >/dev/null 2>&1; then check "dash -n" dash -n "$script"; fi
if command -v checkbashisms >/dev/null 2>&1; then check "checkbashisms" checkbashisms "$script"; fi
if command -v shellcheck >/dev/null 2>&1; then check "shellcheck" shellcheck -s sh "$script"; fi

members_have() {
  ar t "$1" | grep -- "$2" >/dev/null
}
defines() {
  nm "$1" 2>/dev/null | grep -E " T $2\$" >/dev/null
}
check_archive() {
  label=$1
  archive=$2
  check "$label: archive exists" test -s "$archive"
  check "$label: shim member" members_have "$archive" '^x_x_shim\.o$'
  check "$label: zlib's crc32 member" members_have "$archive" '^x_z_.*crc32.*\.o$'
  check "$label: shim symbol defined" defines "$archive" _x_crc32_of_abc
  check "$label: crc32 defined" defines "$archive" crc32
  check "$label: no member without the prefix" sh -c "! ar t '$archive' | grep -v '^x_'"
}

# A relative output path, from another directory, through a relative script path: the script
# must resolve the output against the caller's directory before it changes directory.
mkdir -p "$work/caller/sub"
cd "$work/caller"
check "first build succeeds" sh -c "../package/pen-ffi.sh -t $target sub/first.a >'$work/log' 2>&1"
if [ -s "$work/log" ]; then failed "the first build printed: $(cat "$work/log")"; fi
check_archive "first build" "$work/caller/sub/first.a"
if command -v clang >/dev/null 2>&1; then
  check "clang compiled the shim by default" sh -c "ar p '$work/caller/sub/first.a' x_x_shim.o >'$work/first_shim.o' && readelf -p .comment '$work/first_shim.o' | grep clang >/dev/null"
fi
check "cache written" test -f "$package/.pen-ffi-cache/$target.a"

# The archive is self-contained: after Pen's step (appending its own objects to a copy with
# `llvm-ar crs`), a program links against it without -lz and gets zlib's crc32 of "abc".
cat >"$work/main.c" <<'C'
#include <stdio.h>
double _x_crc32_of_abc(void);
int main(void) {
  printf("%.0f\n", _x_crc32_of_abc());
  return 0;
}
C
cat >"$work/pen_object.c" <<'C'
int pen_object_answer(void) { return 42; }
C
appender="ar"
if command -v llvm-ar >/dev/null 2>&1; then appender=llvm-ar; fi
check "compile a stand-in Pen object" cc -c -fPIC "$work/pen_object.c" -o "$work/Main.o"
cp "$work/caller/sub/first.a" "$work/package.a"
check "append a Pen object" "$appender" crs "$work/package.a" "$work/Main.o"
check "link without -lz" cc "$work/main.c" "$work/package.a" -o "$work/main"
check "zlib's crc32 of abc" test "$("$work/main" 2>&1)" = 891568578

# A second run reuses the cache: the cached archive is not rebuilt.
before=$(ls -l --time-style=+%s.%N "$package/.pen-ffi-cache/$target.a" 2>/dev/null || ls -l "$package/.pen-ffi-cache/$target.a")
sleep 1
check "cached build succeeds" "$script" -t $target "$work/second.a"
after=$(ls -l --time-style=+%s.%N "$package/.pen-ffi-cache/$target.a" 2>/dev/null || ls -l "$package/.pen-ffi-cache/$target.a")
check "cache reused" test "$before" = "$after"
check "cached output equals the first" cmp -s "$work/caller/sub/first.a" "$work/second.a"

# Touching a header in ffi/ invalidates the cache.
touch "$package/ffi/x_extra.h"
check "rebuild after a header change" "$script" -t $target "$work/third.a"
after_touch=$(ls -l --time-style=+%s.%N "$package/.pen-ffi-cache/$target.a" 2>/dev/null || ls -l "$package/.pen-ffi-cache/$target.a")
check "cache rebuilt after a header change" test "$after" != "$after_touch"
check_archive "after a header change" "$work/third.a"

# CC=gcc (no --target) builds too, and a different compiler is a cache miss.
if command -v gcc >/dev/null 2>&1; then
  check "CC=gcc build" env CC=gcc "$script" -t $target "$work/gcc.a"
  check_archive "CC=gcc" "$work/gcc.a"
  check "gcc compiled the shim" sh -c "ar p '$work/gcc.a' x_x_shim.o >'$work/shim.o' && readelf -p .comment '$work/shim.o' | grep GCC >/dev/null"
fi

# A compile error fails the build.
echo 'this is not C' >"$package/ffi/broken.c"
check "a compile error fails" sh -c "! '$script' -t $target '$work/broken.a' 2>/dev/null"
rm "$package/ffi/broken.c"

# A link library that does not exist fails with a message naming it.
missing=$work/missing
mkdir "$missing"
cp -R "$fixture/ffi" "$missing/ffi"
"$writer" "$missing" x z pen_bindgen_no_such_library
if "$missing/pen-ffi.sh" -t $target "$work/missing.a" 2>"$work/missing.log"; then
  failed "a missing library must fail"
else
  check "missing library exits 1" test $? -eq 1
  check "missing library message" grep -q 'libpen_bindgen_no_such_library.a' "$work/missing.log"
fi
check "no output for a missing library" test ! -e "$work/missing.a"

# Bad arguments exit 2 with a usage message.
for arguments in "" "-t" "-t $target" "$work/a.a" "-t $target a.a b.a" "-x -t $target a.a" "-t a/b a.a"; do
  # shellcheck disable=SC2086 # the arguments are meant to be split
  if "$script" $arguments >/dev/null 2>"$work/usage.log"; then
    failed "arguments '$arguments' must fail"
  else
    status=$?
    check "arguments '$arguments' exit 2 (got $status)" test $status -eq 2
    check "arguments '$arguments' print usage" grep -q usage: "$work/usage.log"
  fi
done

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
