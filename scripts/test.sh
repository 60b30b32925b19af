#!/usr/bin/env bash
# Installs what is missing (install-deps.sh test), builds pen-bindgen and every test, checks that
# the build read nothing from a package install-deps.sh does not bring, and runs every test.
# Exits non-zero on failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh" all
"$root/scripts/check-build-deps.sh" "$root/build"
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")

# The same suite once more with the tool itself under ASan and UBSan, in build-sanitize/
# (docs/hardening.md). PEN_BINDGEN_SKIP_SANITIZE=1 skips it for a quick local run.
if [ "${PEN_BINDGEN_SKIP_SANITIZE:-0}" != 1 ]; then
  "$root/scripts/test-sanitize.sh"
fi
