#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing pen-bindgen needs, when any is
# missing; does nothing (and needs no network) when all are there.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config # the build
  libclang-dev                     # the frontend (libclang 14 on Debian 12; 15-19 also work)
  libcli11-dev libfmt-dev          # the command line and formatting
  libmimalloc-dev                  # a faster malloc (docs/performance.md)
  catch2                           # unit tests
  nlohmann-json3-dev               # JSON in tests
  libdtl-dev                       # the unified diff of --check (header-only)
  clang binutils perl              # compiling generated shims and archives; golden test runner
  zlib1g-dev libsqlite3-dev libcurl4-openssl-dev # real headers the tests and the example bind
  libsdl2-dev libuv1-dev liblua5.4-dev libcjson-dev libyaml-dev libpng-dev libssl-dev # coverage tests
  libglib2.0-dev libxml2-dev libzstd-dev liblz4-dev # coverage tests
  libtinyxml2-dev                                  # a real C++ header (docs/cplusplus.md)
)

if ! command -v dpkg-query >/dev/null; then
  echo "install-deps: not a Debian system; install these yourself: ${packages[*]}" >&2
  exit 0
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
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
