#!/usr/bin/env bash
# Checks that every file a build of pen-bindgen read from outside the checkout comes from a Debian
# package that scripts/install-deps.sh installs, itself or through its dependencies. A machine
# where someone once installed a package by hand builds fine and so hides a missing install step;
# this check fails there too, naming the file and the package.
#
#   scripts/check-build-deps.sh [--install-deps SCRIPT] BUILD_DIR
#
# BUILD_DIR is a configured and built Ninja build. What it reads:
# - the pen-bindgen target's compile and link inputs (`ninja -t inputs`, the headers of its
#   objects from `ninja -t deps`), against the `tool` group (what scripts/example.sh installs);
# - the headers of every other object, the CMake files configure loaded (build.ninja's own
#   inputs) and the files and programs configure found (the cache's FILEPATH entries),
#   against the `test` group (what scripts/test.sh installs).
# SCRIPT (default: the install-deps.sh beside this script) gives the groups with --list.
# Exit 0: all accounted for; 1: a file with no package or from a package neither group brings.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
install_deps=$root/scripts/install-deps.sh
if [ "${1:-}" = --install-deps ]; then
  install_deps=$2
  shift 2
fi
if [ $# -ne 1 ] || [ ! -f "$1/build.ninja" ]; then
  echo "usage: check-build-deps.sh [--install-deps SCRIPT] BUILD_DIR (a Ninja build)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
for tool in ninja dpkg-query apt-cache; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-build-deps: needs $tool (Debian's ninja-build, dpkg, apt)" >&2
    exit 2
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Existing absolute paths outside the checkout (the build directory may be inside it), sorted.
outside() {
  local file
  { grep -E '^\s*/' || true; } | sed -E 's/^\s+//' | { grep -v -E "^($root|$build)(/|$)" || true; } |
    sort -u | while read -r file; do [ ! -f "$file" ] || echo "$file"; done
}
# The headers recorded for these objects (all objects without arguments).
headers_of() {
  ninja -C "$build" -t deps "$@" | outside
}

cd "$build"
ninja -t inputs pen-bindgen >"$work/tool-inputs"
outside <"$work/tool-inputs" >"$work/tool"
mapfile -t tool_objects < <(grep -E '\.o$' "$work/tool-inputs")
headers_of "${tool_objects[@]}" >>"$work/tool"
sort -u -o "$work/tool" "$work/tool"
{
  headers_of
  ninja -t inputs build.ninja | outside
  sed -n -E 's/^[A-Za-z0-9_.+-]+:FILEPATH=(\/.*)$/\1/p' CMakeCache.txt | outside
} | sort -u | comm -23 - "$work/tool" >"$work/test"

# The packages a group brings: its own and everything they depend on, recursively.
closure() {
  mapfile -t listed < <("$install_deps" --list "$1")
  apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${listed[@]}" 2>/dev/null |
    sed -n -E 's/^<?([a-z0-9][a-z0-9.+-]*)(:[a-z0-9]+)?>?$/\1/p' | sort -u
}
closure tool >"$work/tool-packages"
closure test >"$work/test-packages"

# Which package owns each file: "package<TAB>file" lines, "-" for none. dpkg knows a file by the
# path its package ships, so a file not found as given is tried resolved, then without /usr
# (merged /usr: libc6 ships /lib/x86_64-linux-gnu/libc.so.6). One dpkg-query per try.
owners() {
  : >"$work/owned"
  cp "$1" "$work/left"
  for try in given resolved unmerged; do
    [ -s "$work/left" ] || break
    case $try in
    given) paste "$work/left" "$work/left" ;;
    resolved) paste <(xargs -d '\n' readlink -f <"$work/left") "$work/left" ;;
    unmerged) paste <(xargs -d '\n' readlink -f <"$work/left") "$work/left" |
      sed -n -E 's,^/usr(/(lib|bin|sbin)/),\1,p' ;;
    esac | sort -u -t $'\t' -k1,1 >"$work/candidates"
    cut -f1 "$work/candidates" | xargs -r -d '\n' dpkg-query -S 2>/dev/null |
      sed -n -E 's/^([^:, ]+)(:[a-z0-9]+)?: (\/.*)$/\3\t\1/p' | sort -u -t $'\t' -k1,1 >"$work/found" || true
    join -t $'\t' "$work/candidates" "$work/found" | awk -F '\t' '{print $3 "\t" $2}' >>"$work/owned"
    cut -f2 "$work/owned" | sort -u | comm -23 <(sort -u "$1") - >"$work/left"
  done
  sed 's/^/-\t/' "$work/left" >>"$work/owned"
  sort -u "$work/owned"
}

status=0
report() { # group: one line per package that the group does not bring, with a file it shipped
  local group=$1
  owners "$work/$group" | awk -F '\t' -v group="$group" -v allowed="$work/$group-packages" '
    BEGIN { while ((getline line < allowed) > 0) ok[line] = 1 }
    $1 == "-" { print "check-build-deps: " $2 " belongs to no Debian package (installed by hand?)"; next }
    !($1 in ok) { if (!($1 in first)) { first[$1] = $2; order[++n] = $1 } count[$1]++ }
    END {
      for (i = 1; i <= n; i++) {
        p = order[i]
        more = count[p] > 1 ? " and " count[p] - 1 " more of its files" : ""
        print "check-build-deps: " first[p] more " come from " p ", which '\''install-deps.sh " \
          group "'\'' neither installs nor pulls in"
      }
    }' >"$work/$group-report"
  if [ -s "$work/$group-report" ]; then
    cat "$work/$group-report" >&2
    status=1
  fi
}
report tool
report test
if [ $status -eq 0 ]; then
  echo "check-build-deps: $(wc -l <"$work/tool") files of the pen-bindgen target and" \
    "$(wc -l <"$work/test") more of the tests come from packages install-deps.sh brings"
fi
exit $status
