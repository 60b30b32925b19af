#!/usr/bin/env bash
# Error-path matrix: hostile, broken and unlucky inputs and outputs. Every case checks the exit
# code documented in README.md (0 ok, 1 internal, 2 usage, 3 parse errors, 4 I/O), a clear
# message, and that nothing the user owns is lost. Cases already in tests/cli are not repeated.
# docs/hardening.md describes the matrix.
#
#   run_error_tests.sh <pen-bindgen>
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <pen-bindgen>" >&2
  exit 2
fi
binary=$(realpath "$1")
work=$(mktemp -d)
mounts=()
cleanup() {
  local mount
  for mount in "${mounts[@]}"; do umount "$mount" 2>/dev/null; done
  chmod -R u+rwx "$work" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work" # other users (setpriv below) must reach the headers
cd "$work"

passed=0
failed=0
skipped=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
skip() { skipped=$((skipped + 1)); echo "skip - $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  echo "  exit code: $status"
  sed 's/^/  stderr: /' stderr | head -20
}

# Runs pen-bindgen with the given arguments; sets $status and the stdout/stderr files.
run() {
  status=0
  "$binary" "$@" >stdout 2>stderr || status=$?
}

# expect <description> <exit code> [<fixed string that stderr must contain>...]
expect() {
  local description=$1 code=$2
  shift 2
  if [ "$status" -ne "$code" ]; then
    fail "$description (wanted exit code $code)"
    return
  fi
  local text
  for text in "$@"; do
    if ! grep -qF -- "$text" stderr; then
      fail "$description (stderr lacks: $text)"
      return
    fi
  done
  pass "$description"
}

# check <description> <command>...: passes when the command succeeds.
check() {
  local description=$1
  shift
  if "$@"; then pass "$description"; else fail "$description"; fi
}

# The Pen module and pen.json are well-formed UTF-8 (Pen and JSON require it). The shim and
# pen-ffi.sh spell paths byte for byte instead, as the compiler and the shell need them.
all_utf8() {
  local file
  for file in "$1"/*.pen "$1"/pen.json; do
    iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1 || return 1
  done
}

# The generated shim compiles cleanly (the names in it are real C).
shim_compiles() {
  local include
  include=$(dirname "$(realpath "$2")")
  cc -std=c11 -Wall -Wextra -Werror -I "$1/ffi" -I "$include" -c "$1"/ffi/*_shim.c -o /dev/null
}

cat >ok.h <<'HEADER'
int ok_add(int a, int b);
HEADER

# --- inputs that cannot be read: exit 4 ---
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
elif [ "$(id -u)" -ne 0 ]; then
  as_nobody=()
else
  as_nobody=(false)
fi
if [ "${as_nobody[0]:-}" != false ]; then
  cp ok.h secret.h
  chmod 000 secret.h
  mkdir -m 777 nobody-out
  status=0
  "${as_nobody[@]}" "$binary" secret.h -o nobody-out/out >stdout 2>stderr || status=$?
  expect "an unreadable header is an I/O error" 4 "cannot read 'secret.h': Permission denied"
  check "an unreadable header writes nothing" test ! -e nobody-out/out
else
  skip "an unreadable header (needs setpriv as root, or a non-root user)"
fi

# A header found by #include that cannot be read is clang's error: the headers do not parse.
mkdir include_dir.h
printf '#include "include_dir.h"\nint f(int);\n' >includes_dir.h
run includes_dir.h -o out
expect "an #include of a directory does not parse" 3 "pen-bindgen: error: the headers do not parse"

# --- a directory with no headers ---
mkdir -p with_header no_headers/sub
cp ok.h with_header/
echo "not a header" >no_headers/sub/README
run with_header -o dir-out
if [ "$status" -eq 0 ]; then
  # Directories are inputs: one without any *.h is a usage error naming it.
  run no_headers -o out
  expect "a directory without headers is a usage error" 2 "'no_headers' names no header"
else
  run no_headers -o out
  expect "a directory without headers is an I/O error" 4 "cannot read 'no_headers'"
fi
check "a directory without headers writes nothing" test ! -e out

# --- headers with errors: exit 3, clang's message, nothing written ---
printf '#error\n' >empty_error.h
run empty_error.h -o out
# Fuzzer finding 1: an empty #error used to print a bare "error: ".
expect "an empty #error is reported with a message" 3 \
  "empty_error.h:1:2: error: error directive without a message" "the headers do not parse"
printf 'int f(int x);\nstruct s { int a; ' >unterminated.h
run unterminated.h -o out
expect "a header that ends inside a struct does not parse" 3 "the headers do not parse"
printf 'int f(int);\n#include "no-such-file.h"\n' >missing_include.h
run missing_include.h -o out
expect "a missing #include does not parse" 3 "'no-such-file.h' file not found"
check "headers with errors write nothing" test ! -e out

# --- binary files ---
head -c 4096 /dev/urandom >random.h
printf '\0\0\0int f(int);\0' >>random.h
run random.h -o out
expect "random bytes with NULs do not parse" 3 "the headers do not parse"
head -c 2000000 "$binary" >binary.h # the start of an ELF file; a fixed size keeps it quick
run binary.h -o out
expect "an executable passed as header does not parse" 3 "the headers do not parse"
# Found with this case: a 10 MB executable printed 366 000 lines (21 MB) of clang errors.
expect "the errors of a binary file are capped" 3 "more errors not shown"
check "a binary file prints a screenful, not megabytes" test "$(wc -l <stderr)" -le 60
check "binary files write nothing" test ! -e out

# --- a header that includes itself ---
printf '#include "self.h"\nint self(int);\n' >self.h
run self.h -o out
expect "a header that includes itself without a guard does not parse" 3 \
  "#include nested too deeply"
printf '#pragma once\n#include "guarded.h"\nint guarded(int);\n' >guarded.h
run guarded.h -o guarded-out
expect "a header that includes itself behind #pragma once binds" 0
check "the guarded function is bound once" test "$(grep -c '^Guarded = ' guarded-out/Guarded.pen)" -eq 1

# --- names that collide after mapping: renamed deterministically, reported ---
cat >collide.h <<'HEADER'
int get_value(int x);
int getValue(int x);
int GET_VALUE(int x);
#define GetValue 1
HEADER
run collide.h -o collide-out
expect "names that collide after mapping bind with a warning" 0 "warning:"
check "every colliding name gets a distinct Pen name" \
  test "$(grep -oE '^[A-Za-z0-9_]+ = ' collide-out/Collide.pen | sort | uniq -d | wc -l)" -eq 0
check "all four declarations are bound" \
  test "$(grep -cE '^[A-Za-z0-9_]+ = ' collide-out/Collide.pen)" -eq 4
check "the colliding bindings' shim compiles" shim_compiles collide-out collide.h
run collide.h -o collide-again
check "collision renames are deterministic" diff -r collide-out collide-again

# --- names that are Pen keywords or built-ins ---
cat >keywords.h <<'HEADER'
int type(int import, int foreign, int export, int go, int for_, int in);
int none(int string, int number, int boolean, int any, int error);
int number_(int none, int true_, int false_);
#define string 1
#define Number 2
#define None 3
HEADER
run keywords.h -o keywords-out
expect "keywords and built-ins bind" 0
check "no Pen keyword is used as a parameter" \
  bash -c '! grep -E "[(, ](type|import|foreign|export|go|for|in|if|else) (number|string|boolean)" keywords-out/Keywords.pen'
check "no built-in is shadowed by a module-level name" \
  bash -c '! grep -E "^(none|number|string|boolean|any|error) = " keywords-out/Keywords.pen'
check "the keyword bindings' shim compiles" shim_compiles keywords-out keywords.h

# --- symbols with $ ---
printf 'int a$b(int x$y);\n#define C$D 4\n' >dollar.h
run dollar.h -o dollar-out
expect "symbols with \$ bind" 0
check "no \$ reaches Pen code (comments quote the C prototype)" \
  bash -c '! grep -v "^#" dollar-out/Dollar.pen | grep -F "\$"'
check "the shim still calls a\$b" grep -qF 'a$b(' dollar-out/ffi/dollar_shim.c
check "the \$ shim compiles" shim_compiles dollar-out dollar.h

# --- non-UTF-8 paths and bytes in string macros ---
latin1=$(printf 'caf\351')
mkdir "$latin1-dir"
printf 'int cafe_add(int a, int b);\n#define CAFE_NAME "caf\351 \377\376"\n#define CAFE_RAW "\\xff\\x00tail"\n' \
  >"$latin1-dir/$latin1.h"
run "$latin1-dir/$latin1.h" -o "$latin1-out"
expect "a non-UTF-8 header path and string bytes bind" 0
check "the Pen module and pen.json are valid UTF-8" all_utf8 "$latin1-out"
check "high bytes in a string macro become \\x escapes" \
  grep -qF '"caf\xE9 \xFF\xFE"' "$latin1-out"/*.pen
check "the non-UTF-8 shim compiles" shim_compiles "$latin1-out" "$latin1-dir/$latin1.h"

# --- output errors ---
# A read-only file system stops even root.
mkdir readonly-fs
if mount -t tmpfs -o ro,size=64k tmpfs readonly-fs 2>/dev/null; then
  mounts+=("$work/readonly-fs")
  run ok.h -o readonly-fs/out
  expect "a read-only output file system is an I/O error" 4 "Read-only file system"
else
  skip "a read-only file system (mount not permitted)"
fi
if [ "${as_nobody[0]:-}" != false ]; then
  mkdir -m 755 root-owned
  [ "$(id -u)" -ne 0 ] && chmod a-w root-owned
  status=0
  "${as_nobody[@]}" "$binary" ok.h -o root-owned/out >stdout 2>stderr || status=$?
  expect "an output directory without write permission is an I/O error" 4 \
    "cannot create directory 'root-owned/out': Permission denied"
  mkdir -p root-owned/pkg/ffi && chmod -R 755 root-owned/pkg
  [ "$(id -u)" -ne 0 ] && chmod -R a-w root-owned/pkg
  status=0
  "${as_nobody[@]}" "$binary" ok.h -o root-owned/pkg >stdout 2>stderr || status=$?
  expect "an existing read-only output tree is an I/O error" 4 "cannot write 'root-owned/pkg/"
  check "nothing is left in a read-only output tree" test -z "$(find root-owned/pkg -type f)"
else
  skip "an output directory without write permission"
fi

# Disk full: a small tmpfs. Old bindings stay usable: every file is old or new, none partial.
mkdir full
if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
  mounts+=("$work/full")
  run /usr/include/sqlite3.h --allow '^sqlite3_(libversion|threadsafe)$' -o full/out
  expect "small bindings fit the small disk" 0
  cp -r full/out old-out
  run -q /usr/include/sqlite3.h -o full/out
  expect "disk full is an I/O error" 4 "No space left on device"
  check "no temporary file is left on the full disk" test -z "$(find full -name '.*.tmp-*')"
  run /usr/include/sqlite3.h -o new-out
  old_or_new() {
    local file relative
    for file in $(cd old-out && find . -type f); do
      cmp -s "full/out/$file" "old-out/$file" || cmp -s "full/out/$file" "new-out/$file" || return 1
    done
  }
  check "after disk full every file is the old or the new version" old_or_new
  check "after disk full the whole set is still the old one" diff -rq old-out full/out
else
  skip "disk full (mount not permitted)"
fi

# --- an existing output tree with user files: never deleted, never changed ---
mkdir -p user-out/ffi user-out/src
echo "user notes" >user-out/NOTES.md
echo "int mine(void);" >user-out/ffi/mine.c
echo "user" >user-out/src/Extra.pen
echo "user" >user-out/.Ok.pen.tmp-1-0 # looks like one of our temporary files: still theirs
run ok.h -o user-out
expect "generating into a tree with user files succeeds" 0
run --name Other ok.h -o user-out
expect "generating a different package into it succeeds" 0
check "user files are never deleted or changed" bash -c \
  'grep -qx "user notes" user-out/NOTES.md && grep -qx "int mine(void);" user-out/ffi/mine.c &&
   grep -qx user user-out/src/Extra.pen && grep -qx user user-out/.Ok.pen.tmp-1-0'
check "files of the earlier package are not deleted either" test -f user-out/Ok.pen
printf 'int broken(' >broken.h
run broken.h -o user-out
expect "a failing run into a tree with user files exits 3" 3
check "a failing run leaves the tree as it was" test -f user-out/Other.pen -a -f user-out/NOTES.md

# --- interrupted runs: kill -9 at random moments while the files are written ---
# Old and new bindings differ in every file but pen_abi.h. After each kill every file must be
# complete (old or new, never partial), and the next run must finish the job.
old_args=(/usr/include/sqlite3.h --allow '^sqlite3_libversion$' --name Sqlite3 -q)
new_args=(/usr/include/sqlite3.h --link sqlite3 --name Sqlite3 -q)
"$binary" "${old_args[@]}" -o kill-old && "$binary" "${new_args[@]}" -o kill-new
start=$(date +%s%N)
"$binary" "${new_args[@]}" -o kill-timing
duration_us=$((($(date +%s%N) - start) / 1000))
partial=0
mixed=0
killed=0
attempts=60
for attempt in $(seq 1 $attempts); do
  rm -rf kill-out && cp -a kill-old kill-out
  "$binary" "${new_args[@]}" -o kill-out &
  pid=$!
  if [ $((attempt % 2)) -eq 0 ]; then
    # Somewhere in the last 40% of a run (and a bit after).
    delay_us=$((duration_us * (60 + RANDOM % 50) / 100))
    sleep "$(printf '0.%06d' "$delay_us")" 2>/dev/null || sleep "$((delay_us / 1000000))"
  else
    # Right while the files are written: as soon as a temporary file shows up, after 0-2 more
    # polls (bash builtins only, so polling is fast).
    extra=$((RANDOM % 3))
    while kill -0 "$pid" 2>/dev/null; do
      if compgen -G 'kill-out/.*.tmp-*' >/dev/null || compgen -G 'kill-out/ffi/.*.tmp-*' >/dev/null; then
        [ "$extra" -eq 0 ] && break
        extra=$((extra - 1))
      fi
    done
  fi
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
  olds=0 # among the files that differ between old and new: how many are old, how many new
  news=0
  for file in $(cd kill-new && find . -type f); do
    if cmp -s "kill-old/$file" "kill-new/$file"; then
      continue
    elif cmp -s "kill-out/$file" "kill-new/$file"; then
      news=$((news + 1))
    elif cmp -s "kill-out/$file" "kill-old/$file"; then
      olds=$((olds + 1))
    else
      partial=$((partial + 1))
      echo "  partial file after kill: $file"
    fi
  done
  if [ "$news" -gt 0 ] && [ "$olds" -gt 0 ]; then
    mixed=$((mixed + 1))
  fi
done
echo "  interrupted runs: $killed of $attempts killed, $mixed left a mixed old/new set"
check "after kill -9 every file is complete (old or new), never partial" test "$partial" -eq 0
"$binary" "${new_args[@]}" -o kill-out
check "the next run after a kill completes the bindings" diff -r -x '.*.tmp-*' kill-new kill-out

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
