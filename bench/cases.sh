# The benchmark corpus and helpers, shared by bench/run.sh and bench/instructions.sh (sourced,
# not run).

# pen_libclang <pen-bindgen>: the libclang it loads (/usr/lib/llvm-N/lib/libclang-N.so.N on
# Debian), empty if none; libclang_version_of <library>: its N, empty if the name has none.
pen_libclang() { ldd "$1" | grep -oP '=> \K\S*libclang[^ ]*\.so[^ ]*' | head -n 1 || true; }
libclang_version_of() { basename "${1:-none}" | grep -oP 'libclang-\K[0-9]+' || true; }

multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
curl_header=/usr/include/curl/curl.h
[ -f "$curl_header" ] || curl_header=/usr/include/$multiarch/curl/curl.h

# name | header (@tree: the /usr/include tree) | pkg-config modules for the flags
bench_cases=(
  "zlib|/usr/include/zlib.h|"
  "sqlite3|/usr/include/sqlite3.h|"
  "curl|$curl_header|libcurl"
  "sdl2|/usr/include/SDL2/SDL.h|sdl2"
  "libuv|/usr/include/uv.h|libuv"
  "openssl|/usr/include/openssl/ssl.h|openssl"
  "glib|/usr/include/glib-2.0/glib.h|glib-2.0"
  "gio|/usr/include/glib-2.0/gio/gio.h|gio-2.0"
  "libxml2|/usr/include/libxml2/libxml/parser.h|libxml-2.0"
  "tree|@tree|"
)

# bench_tree <clang> <directory>: writes <directory>/tree.list, every top-level header under
# /usr/include that parses on its own, less those that clash with another one (`regex.h` vs
# `pcre2posix.h`): dropped one at a time, by the umbrella line clang's include stack names for
# each error, until <directory>/tree.h, the umbrella including them all, parses.
bench_tree() {
  local clang=$1 list=$2/tree.list umbrella=$2/tree.h
  for header in /usr/include/*.h; do
    "$clang" -fsyntax-only -x c "$header" >/dev/null 2>&1 && echo "$header"
  done >"$list"
  for _ in $(seq 1 20); do
    sed 's/.*/#include "&"/' "$list" >"$umbrella"
    local bad
    bad=$("$clang" -fsyntax-only -x c "$umbrella" 2>&1 | awk -v prefix="In file included from $umbrella:" '
      index($0, prefix) == 1 { split(substr($0, length(prefix) + 1), parts, ":"); line = parts[1] }
      / error: / { print line }' | sort -un || true)
    [ -z "$bad" ] && break
    sed -i "$(echo "$bad" | head -n 1)d" "$list"
  done
}
