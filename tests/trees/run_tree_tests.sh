#!/usr/bin/env bash
# Header trees (docs/header-trees.md): one Pen module per header with cross-module type imports.
#
#   run_tree_tests.sh <pen-bindgen> fixture <tree-dir>   our own multi-header library
#   run_tree_tests.sh <pen-bindgen> sdl2                 SDL2's headers (exit 77: not installed)
#
# For each library: the tree generates; -j 1, -j 2 and -j 3 and the headers in another order give
# byte-identical trees; every internal import names an existing module that defines each
# imported type, every type a module names is defined there or imported, and the imports form no
# cycle; the shim compiles with gcc and clang at -Wall -Wextra -Werror.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <pen-bindgen> fixture <tree-dir> | sdl2" >&2
  exit 2
fi
binary=$(realpath "$1")
kind=$2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# generate <output> <arguments...>: runs pen-bindgen, which must succeed.
generate() {
  local output=$1
  shift
  if ! "$binary" -o "$output" -q "$@" 2>"$work/stderr"; then
    cat "$work/stderr" >&2
    echo "FAIL: pen-bindgen $* did not succeed" >&2
    exit 1
  fi
}

same_tree() {
  if ! diff -r "$1" "$2" >"$work/diff"; then
    head -40 "$work/diff" >&2
    fail "$3"
  fi
}

# The Pen types a module names in its foreign imports and type definitions: capitalised words
# that are not keywords of type syntax.
named_types() {
  sed -n -e 's/^import foreign "c" [^ ]* \(.*\)$/\1/p' -e 's/^  [A-Z][A-Za-z0-9_]* \([A-Z].*\)$/\1/p' "$1" |
    grep -o '[A-Z][A-Za-z0-9_]*' | sort -u || true
}

check_imports() {
  local package=$1
  local edges="$work/edges"
  : >"$edges"
  local modules=0
  while IFS= read -r -d '' module; do
    modules=$((modules + 1))
    local relative=${module#"$package"/}
    local name=${relative%.pen}
    local imported="$work/imported"
    : >"$imported"
    while IFS= read -r line; do
      local path=${line#import \'}
      path=${path%% *}
      local file="$package/${path//\'//}.pen"
      if [ ! -f "$file" ]; then
        fail "$relative imports '$path, which does not exist"
        continue
      fi
      echo "$name ${path//\'//}" >>"$edges"
      local names=${line#*\{ }
      names=${names% \}}
      for type in ${names//,/}; do
        grep -q "^type $type " "$file" || fail "$relative imports $type from '$path, which does not define it"
        echo "$type" >>"$imported"
      done
    done < <(grep "^import '" "$module" || true)
    for type in $(named_types "$module"); do
      if ! grep -q "^type $type " "$module" && ! grep -qx "$type" "$imported"; then
        fail "$relative uses type $type that it neither defines nor imports"
      fi
    done
  done < <(find "$package" -name '*.pen' -print0 | sort -z)
  [ "$modules" -gt 1 ] || fail "$package has $modules module(s), expected one per header"
  if [ -s "$edges" ] && ! tsort "$edges" >/dev/null 2>"$work/tsort"; then
    cat "$work/tsort" >&2
    fail "the module imports of $package form a cycle"
  fi
}

compile_shim() {
  local package=$1
  shift
  for cc in gcc clang; do
    if ! "$cc" -std=c11 -Wall -Wextra -Werror -c "$package"/ffi/*_shim.c -I"$package/ffi" "$@" \
      -o "$work/shim.o"; then
      fail "the shim of $package does not compile with $cc"
    fi
  done
}

case "$kind" in
fixture)
  tree=$(realpath "$3")
  cd "$tree"
  generate "$work/j1" mylib -j 1 -- -I.
  generate "$work/j2" mylib -j 2 -- -I.
  generate "$work/j3" mylib --jobs 3 -- -I.
  same_tree "$work/j1" "$work/j2" "-j 1 and -j 2 differ"
  same_tree "$work/j1" "$work/j3" "-j 1 and -j 3 differ"
  # The same headers listed in another order, and a glob plus a directory.
  generate "$work/list" --name Mylib mylib/util-helpers.h mylib/types.h mylib/net/socket.h \
    mylib/2d.h -j 2 -- -I.
  same_tree "$work/j1" "$work/list" "the headers in another order give another tree"
  generate "$work/glob" --name Mylib 'mylib/*.h' mylib/net -- -I.
  same_tree "$work/j1" "$work/glob" "a glob and a directory give another tree"
  [ -f "$work/j1/Net/Socket.pen" ] || fail "net/socket.h is not the module Net/Socket"
  grep -qx "import 'Types { MylibConn, MylibPoint }" "$work/j1/Net/Socket.pen" ||
    fail "Net/Socket does not import the types of types.h"
  check_imports "$work/j1"
  compile_shim "$work/j1" -I"$tree"
  # --check over a tree: current with another -j; a header left out leaves its module extra.
  "$binary" --check -q -j 2 -o "$work/j1" mylib -- -I. >/dev/null 2>&1 ||
    fail "--check -j 2 finds the tree written with -j 1 out of date"
  status=0
  "$binary" --check -q --name Mylib -o "$work/j1" mylib/types.h mylib/net/socket.h mylib/2d.h \
    -- -I. >/dev/null 2>"$work/check.log" || status=$?
  [ "$status" -eq 1 ] && grep -q "extra (.*/UtilHelpers.pen)" "$work/check.log" ||
    fail "--check does not report the module of a header left out as extra"
  # The progress line: on a terminal only.
  if command -v script >/dev/null; then
    script -qec "'$binary' mylib -o '$work/tty' -- -I." /dev/null >"$work/tty.log" </dev/null || true
    grep -q '\[4/4\] parsing' "$work/tty.log" || fail "no progress line on a terminal"
    "$binary" mylib -o "$work/pipe" -- -I. 2>"$work/pipe.log"
    if grep -q 'parsing' "$work/pipe.log"; then
      fail "a progress line when stderr is not a terminal"
    fi
  fi
  ;;
sdl2)
  if ! pkg-config --exists sdl2 || [ ! -f /usr/include/SDL2/SDL_video.h ]; then
    echo "SDL2 development headers not installed (apt-get install libsdl2-dev); skipped"
    exit 77
  fi
  read -r -a cflags <<<"$(pkg-config --cflags sdl2)"
  # The public API headers; OpenGL, EGL, Vulkan, test and platform headers need a GL
  # implementation or a platform around them.
  headers=()
  for header in /usr/include/SDL2/SDL_*.h; do
    case "$(basename "$header")" in
    *opengl* | *egl* | *vulkan* | SDL_test* | SDL_main.h | SDL_syswm.h | SDL_config* | \
      SDL_revision.h | SDL_metal.h | SDL_name.h | SDL_platform.h | SDL_system.h | SDL_copying.h) ;;
    *) headers+=("$header") ;;
    esac
  done
  generate "$work/j1" "${headers[@]}" --name Sdl2 -j 1 -- "${cflags[@]}"
  generate "$work/j2" "${headers[@]}" --name Sdl2 -j 2 -- "${cflags[@]}"
  same_tree "$work/j1" "$work/j2" "SDL2: -j 1 and -j 2 differ"
  mapfile -t reversed < <(printf '%s\n' "${headers[@]}" | sort -r)
  generate "$work/reversed" "${reversed[@]}" --name Sdl2 -j 2 -- "${cflags[@]}"
  same_tree "$work/j1" "$work/reversed" "SDL2: the headers in another order give another tree"
  [ -f "$work/j1/SdlVideo.pen" ] || fail "SDL_video.h is not the module SdlVideo"
  grep -q "^import 'SdlVideo { .*SdlWindow" "$work/j1/SdlRender.pen" ||
    fail "SdlRender does not import SdlWindow from SdlVideo"
  check_imports "$work/j1"
  compile_shim "$work/j1" "${cflags[@]}"
  ;;
*)
  echo "unknown kind '$kind'" >&2
  exit 2
  ;;
esac

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok"
