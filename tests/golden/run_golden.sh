#!/usr/bin/env bash
# Runs one golden case and compares everything it produces with the case's expected/ tree.
#
#   run_golden.sh <pen-bindgen> <case-dir>
#
# A case directory holds:
#   cmd        one line of shell words: the arguments after the binary, run from the case
#              directory with $OUT set to a fresh, not yet existing output directory
#   *.h        input headers
#   expected/  the generated package, plus stderr.txt (the diagnostics) and exit_code
#
# The case directory's absolute path is written as @CASE@ and $OUT as @OUT@ in every file, so
# expected/ does not depend on where the repository is checked out.
# With UPDATE_GOLDEN=1 expected/ is rewritten from the actual output instead of compared.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <pen-bindgen> <case-dir>" >&2
  exit 2
fi
binary=$(realpath "$1")
case_dir=$(cd "$2" && pwd)
case_dir_physical=$(cd "$2" && pwd -P)
# Headers outside the case (tests/cxx/geo) are named relative to tests/, whatever the checkout.
tests_dir=$(cd "$2/../.." && pwd)
tests_dir_physical=$(cd "$2/../.." && pwd -P)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OUT="$work/out"
actual="$work/actual"
mkdir "$actual"

arguments=$(<"$case_dir/cmd")
status=0
(cd "$case_dir" && eval "exec \"\$binary\" $arguments") >"$work/stdout" 2>"$work/stderr" || status=$?

if [ -d "$OUT" ]; then
  cp -a "$OUT/." "$actual/"
fi
cp "$work/stderr" "$actual/stderr.txt"
if [ -s "$work/stdout" ]; then
  cp "$work/stdout" "$actual/stdout.txt"
fi
echo "$status" >"$actual/exit_code"

# Longest paths first, so that a physical path containing the logical one is replaced whole.
find "$actual" -type f -print0 |
  CASE_DIR="$case_dir" CASE_DIR_PHYSICAL="$case_dir_physical" TESTS_DIR="$tests_dir" \
    TESTS_DIR_PHYSICAL="$tests_dir_physical" xargs -0 perl -pi -e '
    s/\Q$ENV{OUT}\E/\@OUT\@/g;
    s/\Q$ENV{CASE_DIR_PHYSICAL}\E/\@CASE\@/g;
    s/\Q$ENV{CASE_DIR}\E/\@CASE\@/g;
    s/\Q$ENV{TESTS_DIR_PHYSICAL}\E/\@TESTS\@/g;
    s/\Q$ENV{TESTS_DIR}\E/\@TESTS\@/g;'

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  rm -rf "$case_dir/expected"
  cp -a "$actual" "$case_dir/expected"
  echo "updated $case_dir/expected"
  exit 0
fi

if [ ! -d "$case_dir/expected" ]; then
  echo "$case_dir/expected does not exist; run with UPDATE_GOLDEN=1 to create it" >&2
  exit 1
fi

failed=0
diff -ru "$case_dir/expected" "$actual" || failed=1

# diff ignores modes; pen-ffi.sh must stay executable and nothing else may become so.
executables() { (cd "$1" && find . -type f -perm -u+x | sort); }
if ! diff -u <(executables "$case_dir/expected") <(executables "$actual") \
  --label expected-executables --label actual-executables; then
  failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "golden case $(basename "$case_dir") differs; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff" >&2
  exit 1
fi
