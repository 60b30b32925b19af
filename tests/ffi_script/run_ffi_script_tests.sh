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

# A package with a C++ layer (ffi/*.cpp using std::string and exceptions): the archive carries
# the C++ runtime, so a C program links it with the C compiler and no -lstdc++.
cxx_package=$work/cxx_package
mkdir "$cxx_package"
cp -R "$(dirname "$fixture")/fixture_cxx/ffi" "$cxx_package/ffi"
"$writer" "$cxx_package" y --cxx
cxx_script=$cxx_package/pen-ffi.sh
check "C++: sh -n" sh -n "$cxx_script"
if command -v dash >/dev/null 2>&1; then check "C++: dash -n" dash -n "$cxx_script"; fi
if command -v checkbashisms >/dev/null 2>&1; then check "C++: checkbashisms" checkbashisms "$cxx_script"; fi
if command -v shellcheck >/dev/null 2>&1; then check "C++: shellcheck" shellcheck -s sh "$cxx_script"; fi
check "C++: build succeeds" sh -c "'$cxx_script' -t $target '$work/cxx.a' >'$work/cxx.log' 2>&1"
if [ -s "$work/cxx.log" ]; then failed "the C++ build printed: $(cat "$work/cxx.log")"; fi
check "C++: layer member" members_have "$work/cxx.a" '^y_y_cxx_cpp\.o$'
check "C++: shim member" members_have "$work/cxx.a" '^y_y_shim\.o$'
check "C++: libstdc++ members" members_have "$work/cxx.a" '^y_libstdc++_'
check "C++: libgcc_eh members" members_have "$work/cxx.a" '^y_libgcc_eh_'
check "C++: no member without the prefix" sh -c "! ar t '$work/cxx.a' | grep -v '^y_'"
cat >"$work/cxx_main.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
char *pen_cxx_greet(const char *name, int fail, char **pen_error);
int _y_greeting_length(const char *name, int fail);
int main(void) {
  char *error = NULL;
  char *greeting = pen_cxx_greet("pen", 0, &error);
  char *failure = pen_cxx_greet("pen", 1, &error);
  printf("%s|%s|%s|%d|%d\n", greeting, failure ? failure : "NULL", error, _y_greeting_length("ab", 0),
         _y_greeting_length("ab", 1));
  free(greeting);
  free(error);
  return 0;
}
C
check "C++: compile a C main" cc -c "$work/cxx_main.c" -o "$work/cxx_main.o"
check "C++: link with cc, no -lstdc++" cc "$work/cxx_main.o" "$work/cxx.a" -lm -lpthread -o "$work/cxx_main"
check "C++: std::string and exceptions work" test "$("$work/cxx_main" 2>&1)" = "hello, pen|NULL|no greeting for pen|9|-18"
# The cache: a second run reuses it; a changed .cpp or CXXFLAGS is a miss.
cxx_cache=$cxx_package/.pen-ffi-cache/$target.a
cxx_before=$(ls -l --time-style=+%s.%N "$cxx_cache")
sleep 1
check "C++: cached build succeeds" "$cxx_script" -t $target "$work/cxx2.a"
check "C++: cache reused" test "$cxx_before" = "$(ls -l --time-style=+%s.%N "$cxx_cache")"
touch "$cxx_package/ffi/y_cxx.cpp"
check "C++: rebuild after a .cpp change" "$cxx_script" -t $target "$work/cxx3.a"
cxx_after=$(ls -l --time-style=+%s.%N "$cxx_cache")
check "C++: cache rebuilt after a .cpp change" test "$cxx_before" != "$cxx_after"
sleep 1
check "C++: CXXFLAGS build" env CXXFLAGS="-O1 -std=c++17" "$cxx_script" -t $target "$work/cxx4.a"
check "C++: cache rebuilt for other CXXFLAGS" test "$cxx_after" != "$(ls -l --time-style=+%s.%N "$cxx_cache")"
if command -v g++ >/dev/null 2>&1; then
  check "C++: CXX=g++ build" env CC=gcc CXX=g++ "$cxx_script" -t $target "$work/cxx_gcc.a"
  check "C++: g++ compiled the layer" sh -c "ar p '$work/cxx_gcc.a' y_y_cxx_cpp.o >'$work/cxx_layer.o' && readelf -p .comment '$work/cxx_layer.o' | grep GCC >/dev/null"
  check "C++: link the g++ archive" cc "$work/cxx_main.o" "$work/cxx_gcc.a" -lm -lpthread -o "$work/cxx_main_gcc"
  check "C++: the g++ archive works" test "$("$work/cxx_main_gcc" 2>&1)" = "hello, pen|NULL|no greeting for pen|9|-18"
fi
# A runtime archive holding two members of one name (`ar q` allows it): both are bundled. The C++
# compiler is a wrapper that reports such a copy of libstdc++.a and compiles with c++ otherwise.
mkdir "$work/fake_runtime"
printf 'int pen_dup_one(void) { return 1; }\n' >"$work/fake_runtime/one.c"
printf 'int pen_dup_two(void) { return 2; }\n' >"$work/fake_runtime/two.c"
cc -c -fPIC "$work/fake_runtime/one.c" -o "$work/fake_runtime/one.o"
cc -c -fPIC "$work/fake_runtime/two.c" -o "$work/fake_runtime/two.o"
cp "$(c++ -print-file-name=libstdc++.a)" "$work/fake_runtime/libstdc++.a"
(cd "$work/fake_runtime" && cp one.o dup.o && ar q libstdc++.a dup.o && cp two.o dup.o && ar q libstdc++.a dup.o)
cat >"$work/fake_runtime/cxx" <<SH
#!/bin/sh
if [ "\$1" = -print-file-name=libstdc++.a ]; then
  echo "$work/fake_runtime/libstdc++.a"
  exit 0
fi
exec c++ "\$@"
SH
chmod +x "$work/fake_runtime/cxx"
check "C++: duplicate runtime members build" env CXX="$work/fake_runtime/cxx" "$cxx_script" -t $target "$work/cxx_dup.a"
check "C++: first duplicate member" members_have "$work/cxx_dup.a" '^y_libstdc++_1_dup\.o$'
check "C++: second duplicate member" members_have "$work/cxx_dup.a" '^y_libstdc++_2_dup\.o$'
check "C++: both duplicates' symbols" sh -c "nm '$work/cxx_dup.a' 2>/dev/null | grep -q ' T pen_dup_one' && nm '$work/cxx_dup.a' 2>/dev/null | grep -q ' T pen_dup_two'"

# A C package's script has none of it.
check "C only: no C++ compiler" sh -c "! grep -e CXX -e libstdc '$script' >/dev/null"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
