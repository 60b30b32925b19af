#!/usr/bin/env bash
# Installs the Debian 12 packages that pen-bindgen needs, when any is missing; does nothing (and
# needs no network) when all are there.
#
#   scripts/install-deps.sh [tool|test]   tool: build pen-bindgen and generate the zlib example
#                                         test: tool, plus what the test suite compiles and binds
#   scripts/install-deps.sh --list GROUP  print the group's packages, one a line (docs, the
#                                         dependency check scripts/check-build-deps.sh)
#
# Each package is on a line of its own with the reason; README.md's dependency table says the same.
# PEN_BINDGEN_NO_INSTALL=1 checks nothing and installs nothing (a machine set up by hand).
set -euo pipefail

tool_packages=(
  cmake           # configures the build
  ninja-build     # runs it
  g++             # compiles pen-bindgen (C++20)
  libclang-dev    # the frontend: parses C and C++ headers (libclang 14 on Debian 12; 15-19 work)
  libcli11-dev    # the command line (header-only)
  libfmt-dev      # formatting of every generated file
  libtomlplusplus-dev # TOML config files (--config, header-only)
  nlohmann-json3-dev  # JSON config files and compile_commands.json (header-only)
  libdtl-dev      # the unified diff that --check prints (header-only)
  libmimalloc-dev # a faster malloc (docs/performance.md); the build works without it
  zlib1g-dev      # /usr/include/zlib.h, the header scripts/example.sh binds
)
test_packages=(
  catch2          # unit tests (Catch2 v2)
  pkg-config      # compiler flags of the libraries the coverage and tree tests bind
  clang           # compiles generated shims with a second compiler; the libFuzzer target
  libclang-rt-14-dev # clang's ASan/UBSan runtime for the ABI tests (clang only recommends it)
  binutils        # ar and nm: the archives that pen-ffi.sh builds
  perl            # the golden test runner's path rewriting
  make            # the CMake example is also built with the Unix Makefiles generator
  patch           # the --check tests apply the printed diff
  libsqlite3-dev libcurl4-openssl-dev # real headers the ABI tests bind and link
  libsdl2-dev libuv1-dev liblua5.4-dev libcjson-dev libyaml-dev libpng-dev libssl-dev # coverage
  libglib2.0-dev libxml2-dev libzstd-dev liblz4-dev # coverage tests
  libtinyxml2-dev # a real C++ header (docs/cplusplus.md)
)

usage() {
  echo "usage: install-deps.sh [tool|test] | --list tool|test" >&2
  exit 2
}

packages_of() {
  case $1 in
  tool) printf '%s\n' "${tool_packages[@]}" ;;
  test) printf '%s\n' "${tool_packages[@]}" "${test_packages[@]}" ;;
  *) usage ;;
  esac
}

if [ "${1:-}" = --list ]; then
  [ $# -eq 2 ] || usage
  packages_of "$2"
  exit 0
fi
[ $# -le 1 ] || usage
mapfile -t packages < <(packages_of "${1:-test}")

if [ "${PEN_BINDGEN_NO_INSTALL:-0}" = 1 ]; then
  exit 0
fi
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: not a Debian system: install the equivalents of these Debian packages," >&2
  echo "  ${packages[*]}" >&2
  echo "then run again with PEN_BINDGEN_NO_INSTALL=1." >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages and no sudo: as root, run" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
