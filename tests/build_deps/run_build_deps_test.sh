#!/usr/bin/env bash
# scripts/check-build-deps.sh on this build: it passes with scripts/install-deps.sh as it is, and
# fails, naming the file and the package, with a copy that leaves out libtomlplusplus-dev (the
# package whose absence once broke every fresh machine while CI stayed green).
#   run_build_deps_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
check=$source_dir/scripts/check-build-deps.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

if ! "$check" "$build_dir" 2>"$work/stderr"; then
  echo "FAIL: the check fails with install-deps.sh as it is:" >&2
  cat "$work/stderr" >&2
  failures=$((failures + 1))
fi

grep -v -E '^\s*libtomlplusplus-dev\b' "$source_dir/scripts/install-deps.sh" >"$work/install-deps.sh"
chmod +x "$work/install-deps.sh"
if "$work/install-deps.sh" --list test | grep -qx libtomlplusplus-dev; then
  echo "FAIL: the copy still lists libtomlplusplus-dev" >&2
  failures=$((failures + 1))
fi
status=0
"$check" --install-deps "$work/install-deps.sh" "$build_dir" 2>"$work/stderr" || status=$?
if [ "$status" -ne 1 ]; then
  echo "FAIL: without libtomlplusplus-dev the check exits $status, not 1" >&2
  failures=$((failures + 1))
fi
# toml++ is read by the tool itself (src/config/toml_reader.cpp), so the tool group names it.
if ! grep -E "/toml\+\+/.* come from libtomlplusplus-dev, which 'install-deps.sh tool' neither" \
  "$work/stderr" >/dev/null; then
  echo "FAIL: without libtomlplusplus-dev the check does not name a toml++ file and its package:" >&2
  cat "$work/stderr" >&2
  failures=$((failures + 1))
fi

echo "build_deps: $failures of 4 checks failed"
[ "$failures" -eq 0 ]
