#!/usr/bin/env bash
# The exports module (docs/exports.md): written when missing, never overwritten, regenerated
# beside itself with --regenerate-exports; config `export` lists and `[functions.X] export`.
#
#   exports_tests.sh <pen-bindgen> <plugin.h>
set -euo pipefail

binary=$1
header=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

out=$work/out
"$binary" -q "$header" --export 'plugin_.*' -o "$out" 2>/dev/null
[ -f "$out/PluginExports.pen" ] || fail "PluginExports.pen not written"
grep -q '^foreign "c" _plugin_export_plugin_init = \\(name string) number {$' \
  "$out/PluginExports.pen" || fail "no plugin_init stub"

# The user's edits survive a second run; without --regenerate-exports nothing is written beside.
echo '# edited by the user' >"$out/PluginExports.pen"
"$binary" -q "$header" --export 'plugin_.*' -o "$out" 2>/dev/null
[ "$(cat "$out/PluginExports.pen")" = '# edited by the user' ] || fail "PluginExports.pen overwritten"
[ ! -e "$out/PluginExports.pen.new" ] || fail "PluginExports.pen.new written unasked"

"$binary" -q "$header" --export 'plugin_.*' --regenerate-exports -o "$out" 2>/dev/null
[ "$(cat "$out/PluginExports.pen")" = '# edited by the user' ] || fail "overwritten by --regenerate-exports"
grep -q '_plugin_export_plugin_init' "$out/PluginExports.pen.new" || fail "no PluginExports.pen.new"

# The config's top-level list and a per-function flag select the same functions.
cat >"$work/list.toml" <<'TOML'
export = ["plugin_.*"]
TOML
"$binary" -q "$header" --config "$work/list.toml" -o "$work/list" 2>/dev/null
cmp -s "$work/list/PluginExports.pen" "$out/PluginExports.pen.new" || fail "config list differs"

cat >"$work/flag.toml" <<'TOML'
[functions.plugin_scale]
export = true
TOML
"$binary" -q "$header" --config "$work/flag.toml" -o "$work/flag" 2>/dev/null
grep -q '_plugin_export_plugin_scale = ' "$work/flag/PluginExports.pen" || fail "flag: no stub"
! grep -q 'plugin_init' "$work/flag/PluginExports.pen" || fail "flag: plugin_init exported"
grep -q '^double plugin_scale(double x, int n) {$' "$work/flag/ffi/plugin_shim.c" ||
  fail "flag: no adapter"
! grep -q '_plugin_plugin_scale' "$work/flag/Plugin.pen" || fail "flag: plugin_scale also bound"

# Handle types are imported from the module that defines them: <Name>Types in a system package.
"$binary" -q "$header" --export 'plugin_.*' --package-type system -o "$work/system" 2>/dev/null
grep -qx "import 'PluginTypes { PluginState }" "$work/system/PluginExports.pen" ||
  fail "system: handle import"
grep -q '^type PluginState {$' "$work/system/PluginTypes.pen" || fail "system: PluginState moved"
grep -qx "import 'Plugin { PluginState }" "$out/PluginExports.pen.new" || fail "library: handle import"

# --stats counts exported functions apart from bound ones.
stats=$("$binary" "$header" --export 'plugin_.*' --stats -o "$work/stats" 2>&1)
grep -qx '  functions.exported: 8' <<<"$stats" || fail "stats: functions.exported"
grep -qx '  functions.bound: 3' <<<"$stats" || fail "stats: functions.bound"

# A header tree merges its parse groups' function-pointer typedefs too: the exported typedef
# keeps its `<Typedef>Export` when plugin.h is one header of several (it was lost in the merge).
mkdir -p "$work/tree-in"
cp "$header" "$work/tree-in/plugin.h"
printf 'double other_value(double x);\n' >"$work/tree-in/other.h"
"$binary" -q "$work/tree-in" --export 'plugin_.*' -o "$work/tree" 2>/dev/null
grep -rq "PluginCompareFnExport = " "$work/tree" ||
  fail "tree: the exported typedef's PluginCompareFnExport is missing"

# A bad pattern is a usage error.
status=0
"$binary" -q "$header" --export '(' -o "$work/bad" 2>/dev/null || status=$?
[ $status -eq 2 ] || fail "--export '(' exited $status, not 2"

if [ $failures -ne 0 ]; then
  exit 1
fi
echo ok
