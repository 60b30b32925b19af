#!/usr/bin/env bash
# Installs what is missing, builds pen-bindgen and runs every test. Exits non-zero on failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")

# The same suite once more with the tool itself under ASan and UBSan, in build-sanitize/
# (docs/hardening.md). PEN_BINDGEN_SKIP_SANITIZE=1 skips it for a quick local run.
if [ "${PEN_BINDGEN_SKIP_SANITIZE:-0}" != 1 ]; then
  "$root/scripts/test-sanitize.sh"
fi
