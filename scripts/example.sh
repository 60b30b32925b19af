#!/usr/bin/env bash
# Quick start: installs what the tool needs (install-deps.sh tool), builds only the pen-bindgen
# target and generates Pen bindings for the system's zlib into build/examples/zlib. Safe to run
# again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$root/scripts/install-deps.sh" tool
"$root/scripts/build.sh" tool

output="$root/build/examples/zlib"
diagnostics="$root/build/examples/zlib-diagnostics.txt"
mkdir -p "$root/build/examples"
echo
echo "\$ build/pen-bindgen -v /usr/include/zlib.h --link z -o build/examples/zlib"
if ! "$root/build/pen-bindgen" -v /usr/include/zlib.h --link z -o "$output" 2>"$diagnostics"; then
  cat "$diagnostics" >&2
  exit 1
fi
# One warning per skipped declaration: keep them in a file and show the summary.
grep -v ': warning: ' "$diagnostics" || true
echo "(warnings about each skipped declaration: build/examples/zlib-diagnostics.txt)"
echo
echo "Generated in build/examples/zlib:"
(cd "$output" && find . -type f ! -name '.*' -printf '%P\t%s bytes\n' | sort)
echo
echo "See examples/zlib/README.md for how to use the package from Pen."
