#!/usr/bin/env bash
# Configures (once) and builds into build/.
#   scripts/build.sh tool   only the pen-bindgen target; a new build/ is configured without the
#                           tests, so Catch2 and the test libraries need not be installed
#   scripts/build.sh [all]  pen-bindgen and every test
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
what=${1:-all}

configure=(cmake -S "$root" -B "$root/build")
if [ ! -f "$root/build/CMakeCache.txt" ]; then
  configure+=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
  [ "$what" = tool ] && configure+=(-DPEN_BINDGEN_TESTS=OFF)
fi
case $what in
tool) build=(cmake --build "$root/build" --target pen-bindgen) ;;
all)
  configure+=(-DPEN_BINDGEN_TESTS=ON)
  build=(cmake --build "$root/build")
  ;;
*)
  echo "usage: build.sh [tool|all]" >&2
  exit 2
  ;;
esac
"${configure[@]}" >/dev/null
"${build[@]}"
