#!/usr/bin/env bash
# Exit codes, messages and file-system effects of the pen-bindgen command line.
#
#   run_cli_tests.sh <pen-bindgen>
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <pen-bindgen>" >&2
  exit 2
fi
binary=$(realpath "$1")
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  echo "  exit code: $status"
  sed 's/^/  stdout: /' stdout
  sed 's/^/  stderr: /' stderr
}

# Runs pen-bindgen with the given arguments; sets $status, and stdout/stderr files.
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

cat >ok.h <<'HEADER'
int ok_add(int a, int b);
#define OK_ANSWER 42
HEADER
cat >broken.h <<'HEADER'
int fine(int x);
int broken(int x;
HEADER
cat >needs_define.h <<'HEADER'
#ifndef NEEDED
#error NEEDED is not defined
#endif
int needs_define(int x);
HEADER
cat >skips.h <<'HEADER'
int skips_ok(int x);
int skips_variadic(int x, ...);
HEADER
hint="Run 'pen-bindgen --help' for usage."

# --- usage errors: exit 2 ---
run
expect "no arguments is a usage error" 2 "pen-bindgen: error:" "$hint"
run ok.h
expect "a missing --output is a usage error" 2 "--output is required" "$hint"
run -o out
expect "no header is a usage error" 2 "headers is required" "$hint"
run --frobnicate ok.h -o out
expect "an unknown option is a usage error" 2 "--frobnicate" "$hint"
run --allow 'ok_(' ok.h -o out
expect "a bad --allow regex is a usage error naming it" 2 "'ok_('" "$hint"
run --block '[z-a]' ok.h -o out
expect "a bad --block regex is a usage error naming it" 2 "'[z-a]'" "$hint"
run --prefix 9lives ok.h -o out
expect "a --prefix that is no identifier is a usage error" 2 "'9lives'" "$hint"
run --prefix _pen_mine ok.h -o out
expect "a --prefix reserved by Pen's runtime is a usage error" 2 "'_pen_mine'" "$hint"
run --prefix pen_ffi_mine ok.h -o out
expect "the pen_ffi_ prefix is reserved" 2 "'pen_ffi_mine'"
run --prefix _fmm_mine ok.h -o out
expect "the _fmm_ prefix is reserved" 2 "'_fmm_mine'"
run --name lower ok.h -o out
expect "a --name that is not public is a usage error" 2 "'lower'" "$hint"
run -q -v ok.h -o out
expect "--quiet and --verbose exclude each other" 2 "$hint"
check "usage errors write nothing" test ! -e out

# --- help and version: exit 0 on stdout ---
run --help
expect "--help exits 0" 0
check "--help prints the usage on stdout" grep -q "Usage: pen-bindgen" stdout
check "--help lists every option" \
  bash -c 'grep -q -- --output stdout && grep -q -- --link stdout && grep -q -- --block stdout'
run --version
expect "--version exits 0" 0
check "--version prints the name and version" grep -qE '^pen-bindgen [0-9]+\.[0-9]+\.[0-9]+$' stdout
run --version ok.h
expect "--version ignores other arguments" 0

# --- I/O errors on input: exit 4 ---
run missing.h -o out
expect "a missing header is an I/O error" 4 \
  "pen-bindgen: error: cannot read 'missing.h': No such file or directory"
run ok.h missing.h -o out
expect "any missing header is an I/O error" 4 "cannot read 'missing.h'"
mkdir a_directory.h
run a_directory.h -o out
# A directory stands for the headers below it (issue 5); one without any is a usage error.
expect "a directory without headers is a usage error" 2 "'a_directory.h' names no header (*.h)"
check "input errors write nothing" test ! -e out

# --- headers that do not parse: exit 3 ---
run broken.h -o out
expect "a syntax error exits 3 with clang's diagnostic" 3 \
  "broken.h:2:" "error:" "pen-bindgen: error: the headers do not parse"
check "a header that does not parse writes nothing" test ! -e out
run needs_define.h -o out
expect "#error without the define exits 3" 3 "NEEDED is not defined"
run needs_define.h -o out -- -DNEEDED
expect "arguments after -- reach clang" 0
rm -rf out

# --- output errors: exit 4 ---
echo "a file" >file
run ok.h -o file
expect "an output path that is a file is an I/O error" 4 "'file'"
check "the file in the way is unchanged" grep -qx "a file" file
if [ "$(id -u)" -eq 0 ]; then
  # root ignores permissions; a path below a regular file is unwritable for everyone.
  unwritable=file/out
else
  mkdir read-only
  chmod a-w read-only
  unwritable=read-only/out
fi
run ok.h -o "$unwritable"
expect "an unwritable output directory is an I/O error" 4 "pen-bindgen: error: cannot"
check "no temporary files are left behind" test -z "$(find . -name '.*.tmp-*')"

# --- success ---
run ok.h -o out
expect "a good header exits 0" 0
check "stdout stays empty" test ! -s stdout
check "the package files are written" test -f out/pen.json -a -f out/Ok.pen \
  -a -f out/ffi/ok_shim.c -a -f out/ffi/pen_abi.h -a -f out/pen-ffi.sh
check "pen-ffi.sh is executable" test -x out/pen-ffi.sh
check "no temporary files after success" test -z "$(find out -name '.*.tmp-*')"

# A second identical run leaves every file untouched, so build systems stay quiet.
find out -type f -exec touch -d '2001-02-03 04:05:06' {} +
echo "mine" >out/NOTES.md
run ok.h -o out
expect "a second identical run exits 0" 0
check "a second identical run keeps every mtime" \
  test "$(find out -type f ! -name NOTES.md ! -newermt '2001-02-03 04:05:07' | wc -l)" -eq 5
check "files that are not generated stay" grep -qx mine out/NOTES.md

run --name Other --prefix _other_ --link z ok.h -o named
expect "--name, --prefix and --link are accepted" 0
check "--name names the module" test -f named/Other.pen
check "--link takes one value, leaving the header" grep -q "ok_add" named/Other.pen

# --- verbosity ---
run skips.h -o skips
expect "a skipped declaration is reported as a warning" 0 "skips.h:2:" "warning:" "skips_variadic"
run -q skips.h -o skips
expect "-q silences warnings" 0
check "-q prints nothing" test ! -s stderr
run -v skips.h -o skips
expect "-v prints statistics" 0 "bound 1 functions, 0 constants and 0 helpers; skipped 1 declarations" \
  "functions.declared: 2" "functions.skipped.unsupported-variadic: 1"
run --stats -q skips.h -o skips
expect "--stats prints the key: value block, even with -q" 0 "  functions.bound: 1" \
  "  functions.skipped: 1" "  skipped: 1" "  helpers: 0" "  constants.bound: 0"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
