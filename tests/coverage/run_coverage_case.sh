#!/usr/bin/env bash
# One coverage case (tests/coverage): bind a real library's headers with --stats and check that
# at least MIN percent of the C functions its own headers declare got a binding, and that every
# skipped declaration was reported by exactly one diagnostic with a code.
#
#   run_coverage_case.sh --work DIR --min PERCENT -- PEN_BINDGEN [ARGUMENTS...]
#
# PEN_BINDGEN runs as `PEN_BINDGEN --stats -o DIR/package ARGUMENTS...` and must exit 0.
set -euo pipefail

work=
minimum=
while [ $# -gt 0 ]; do
  case $1 in
  --work) work=$2; shift 2 ;;
  --min) minimum=$2; shift 2 ;;
  --) shift; break ;;
  *) echo "run_coverage_case.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ] || [ -z "$minimum" ] || [ $# -eq 0 ]; then
  echo "run_coverage_case.sh: --work, --min and pen-bindgen are required" >&2
  exit 2
fi

rm -rf "$work"
mkdir -p "$work"
generator=$1
shift
"$generator" --stats -o "$work/package" "$@" 2>"$work/stderr" || {
  status=$?
  cat "$work/stderr" >&2
  echo "run_coverage_case.sh: pen-bindgen exited with $status" >&2
  exit 1
}

# The `  key: value` block of --stats.
stat() {
  local value
  value=$(sed -n "s/^  $1: \([0-9][0-9]*\)\$/\1/p" "$work/stderr")
  if [ -z "$value" ]; then
    echo "run_coverage_case.sh: --stats printed no '$1'" >&2
    exit 1
  fi
  echo "$value"
}

declared=$(stat functions.declared)
bound=$(stat functions.bound)
skipped=$(stat skipped)
diagnostics=$(grep -c "warning: skipped '" "$work/stderr" || true)
coded=$(grep -cE "warning: skipped '.*\[[a-z0-9-]+\]\$" "$work/stderr" || true)
sed -n '/^pen-bindgen: bound/,$p' "$work/stderr"

failed=0
if [ "$declared" -eq 0 ]; then
  echo "FAIL: the headers declare no functions" >&2
  failed=1
else
  # Percent with one decimal, in integer arithmetic.
  permille=$((bound * 1000 / declared))
  echo "coverage: $bound/$declared functions = $((permille / 10)).$((permille % 10))% (minimum $minimum%)"
  if awk -v have="$permille" -v want="$minimum" 'BEGIN { exit !(have < want * 10) }'; then
    echo "FAIL: coverage below the minimum $minimum%" >&2
    failed=1
  fi
fi
if [ "$diagnostics" -ne "$skipped" ]; then
  echo "FAIL: $skipped declarations skipped but $diagnostics skip diagnostics" >&2
  failed=1
fi
if [ "$coded" -ne "$diagnostics" ]; then
  echo "FAIL: $((diagnostics - coded)) skip diagnostics without a [code]" >&2
  failed=1
fi
exit $failed
