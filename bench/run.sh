#!/usr/bin/env bash
# Times pen-bindgen against the floor (`clang -fsyntax-only` with the same flags), against the
# libclang floor (bench/libclang_parse.c: libclang's parse with pen-bindgen's options and a walk
# of the top-level cursors, the least any libclang-based generator pays) and against Debian's
# rust-bindgen on real library headers, and prints one table (docs/performance.md).
#
#   bench/run.sh                 build/ (built if needed), every case
#   bench/run.sh zlib sdl2 tree  only these cases
#
# Environment: PEN_BINDGEN=path (a pen-bindgen to time; default build/pen-bindgen, built with
# scripts/build.sh), BENCH_RUNS (timed runs per command and round, default 5), BENCH_ROUNDS
# (rounds, default 3: the commands of a case alternate round by round, so that changing machine
# load hits them alike; medians are over all rounds' runs), BENCH_KEEP=1 keeps the work directory,
# BENCH_OUTPUT=dir (where the generated files are written; default /dev/shm, a tmpfs, when it is
# writable, else the work directory under TMPDIR).
# Not part of the tests: timings assert nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${BENCH_RUNS:-5}
rounds=${BENCH_ROUNDS:-3}

# ---- packages: the build's (scripts/install-deps.sh) and the benchmark's own ----
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}
apt_updated=
install_packages() {
  local missing=()
  for package in "$@"; do
    is_installed "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bench: installing ${missing[*]}" >&2
  if [ -z "$apt_updated" ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
}
"$root/scripts/install-deps.sh"
install_packages hyperfine bindgen time python3 pkg-config \
  zlib1g-dev libsqlite3-dev libcurl4-openssl-dev libsdl2-dev libuv1-dev libssl-dev \
  libglib2.0-dev libxml2-dev

if [ -z "${PEN_BINDGEN:-}" ]; then
  "$root/scripts/build.sh" >&2
  PEN_BINDGEN=$root/build/pen-bindgen
fi
pen=$(realpath "$PEN_BINDGEN")

# The libclang pen-bindgen loads (/usr/lib/llvm-N/lib/libclang-N.so.N on Debian): the floor is the
# clang of the same version, when Debian has it, and the libclang floor is built against it.
# shellcheck source=bench/cases.sh
source "$root/bench/cases.sh"
libclang_library=$(pen_libclang "$pen")
libclang_version=$(libclang_version_of "$libclang_library")
clang=clang
if [ -n "$libclang_version" ]; then
  if ! command -v "clang-$libclang_version" >/dev/null &&
    apt-cache show "clang-$libclang_version" >/dev/null 2>&1; then
    install_packages "clang-$libclang_version"
  fi
  if command -v "clang-$libclang_version" >/dev/null; then
    clang=clang-$libclang_version
  fi
fi
clang_version=$("$clang" --version | head -n 1)

# Debian 12's bindgen (0.60) loads the newest libclang it finds and fails on libclang 16+'s
# names for anonymous types: it gets the newest libclang with which it binds zlib.h.
bindgen_libclang=default
if ! bindgen /usr/include/zlib.h -o /dev/null -- -x c >/dev/null 2>&1; then
  for directory in $(ls -d /usr/lib/llvm-*/lib 2>/dev/null | sort -t- -k2 -n -r); do
    if LIBCLANG_PATH=$directory bindgen /usr/include/zlib.h -o /dev/null -- -x c >/dev/null 2>&1; then
      export LIBCLANG_PATH=$directory
      bindgen_libclang=$directory
      break
    fi
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pen-bindgen-bench.XXXXXX")
# The generated files go to a tmpfs unless BENCH_OUTPUT says otherwise: on a disk, creating a
# file costs what the file system's recent history makes it cost, not what the generator does
# (docs/performance.md: 0.03 to 0.33 ms per file on this ext4 disk, depending on how many inodes
# were freed in the last half minute, by the benchmark's own clean-ups or anyone else's), which
# swung the tree's 170 files between 8 and 70 ms from run to run.
output_root=${BENCH_OUTPUT:-}
if [ -z "$output_root" ]; then
  output_root=$work
  if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm)" = tmpfs ]; then
    output_root=/dev/shm
  fi
fi
outputs=$(mktemp -d "$output_root/pen-bindgen-bench-out.XXXXXX")
if [ "${BENCH_KEEP:-}" != 1 ]; then
  trap 'rm -rf "$work" "$outputs"' EXIT
fi

# The libclang floor (bench/libclang_parse.c): the libclang pen-bindgen loads, parsing with its
# options and walking the top-level cursors, and nothing else; built against that libclang.
libclang_parse=
if [ -n "$libclang_library" ]; then
  libclang_directory=$(dirname "$libclang_library")
  if [ -f "$libclang_directory/../include/clang-c/Index.h" ] &&
    gcc -O2 "$root/bench/libclang_parse.c" -I "$libclang_directory/../include" \
      "$libclang_library" -Wl,-rpath,"$libclang_directory" -o "$work/libclang_parse"; then
    libclang_parse=$work/libclang_parse
  fi
fi

cases=("${bench_cases[@]}")
if [ $# -gt 0 ]; then
  selected=()
  for entry in "${cases[@]}"; do
    for wanted in "$@"; do
      [ "${entry%%|*}" = "$wanted" ] && selected+=("$entry")
    done
  done
  cases=("${selected[@]}")
fi

has_jobs=
if "$pen" --help 2>&1 | grep -qE -- '(^|[ ,])-j\b|--jobs'; then
  has_jobs=1
fi

quote() { printf '%q ' "$@"; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

results=$work/results
mkdir -p "$results"
for entry in "${cases[@]}"; do
  IFS='|' read -r name headers modules <<<"$entry"
  flags=()
  if [ -n "$modules" ]; then
    read -r -a flags <<<"$(pkg-config --cflags "$modules")"
  fi
  out=$outputs/out-$name
  if [ "$headers" = @tree ]; then
    bench_tree "$clang" "$work"
    mapfile -t header_list <"$work/tree.list"
    syntax_input=$work/tree.h
    echo "$((${#header_list[@]})) top-level headers" >"$results/$name.note"
  else
    read -r -a header_list <<<"$headers"
    syntax_input=${header_list[0]}
  fi
  echo "bench: $name" >&2

  declare -A commands=()
  commands[clang]=$(quote "$clang" -fsyntax-only -x c "${flags[@]}" "$syntax_input")
  if [ -n "$libclang_parse" ]; then
    commands[libclang]=$(quote "$libclang_parse" "$syntax_input" -x c "${flags[@]}")
  fi
  pen_base=("$pen" "${header_list[@]}" -o "$out" -q)
  [ ${#flags[@]} -gt 0 ] && pen_base+=(-- "${flags[@]}")
  if [ -n "$has_jobs" ] && [ "$headers" = @tree ]; then
    for jobs in 1 2; do
      pen_jobs=("$pen" "${header_list[@]}" -o "$out" -q -j "$jobs")
      commands[pen-j$jobs]=$(quote "${pen_jobs[@]}")
    done
  else
    commands[pen]=$(quote "${pen_base[@]}")
  fi
  commands[bindgen]=$(quote bindgen "$syntax_input" -o "$outputs/$name.rs" -- -x c "${flags[@]}")

  # Each command once, untimed: one that fails is reported, not timed.
  order=()
  for tool in clang libclang pen pen-j1 pen-j2 bindgen; do
    [ -n "${commands[$tool]:-}" ] || continue
    rm -rf "$out"
    if eval "${commands[$tool]}" >"$results/$name.$tool.log" 2>&1; then
      order+=("$tool")
      eval "peak_kb ${commands[$tool]}" >"$results/$name.$tool.kb" || true
    else
      echo failed >"$results/$name.$tool.failed"
    fi
  done
  for round in $(seq 1 "$rounds"); do
    arguments=()
    for tool in "${order[@]}"; do
      arguments+=(--command-name "$tool" "${commands[$tool]}")
    done
    [ ${#arguments[@]} -gt 0 ] || break
    hyperfine -N --style none --warmup 2 --runs "$runs" --prepare "rm -rf $out" \
      --export-json "$results/$name.round$round.json" "${arguments[@]}" >/dev/null
  done
  unset commands
done

output_file_system="$output_root ($(stat -f -c %T "$output_root"))"
python3 - "$results" "$clang_version" "$pen" "$runs" "$rounds" "$bindgen_libclang" \
  "$(uptime)" "$output_file_system" "${cases[@]}" <<'EOF'
import glob, json, os, statistics, sys

results, clang_version, pen, runs, rounds, bindgen_libclang, load, output = sys.argv[1:9]
names = [entry.split("|")[0] for entry in sys.argv[9:]]

def read_command(command):
    return os.popen(command).read().strip()

def read(path):
    with open(path) as stream:
        return stream.read().strip()

def timings(name):
    times = {}
    for path in sorted(glob.glob(f"{results}/{name}.round*.json")):
        for result in json.load(open(path))["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
    return {tool: statistics.median(values) * 1000 for tool, values in times.items()}

def cell(tool, medians, name):
    if os.path.exists(f"{results}/{name}.{tool}.failed"):
        return "failed"
    return f"{medians[tool]:.1f}" if tool in medians else "-"

def memory(tool, name):
    path = f"{results}/{name}.{tool}.kb"
    return f"{int(read(path)) / 1024:.0f}" if os.path.exists(path) else "-"

def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}" if numerator and denominator else "-"

print(f"pen-bindgen: {pen}")
print(f"floor: {clang_version} -fsyntax-only")
print(f"bindgen: {read_command('bindgen --version')}, libclang {bindgen_libclang}")
print(f"machine: {os.cpu_count()} cores; load at the end:{load.split('load average')[-1]}")
print(f"generated files written to: {output}")
print(f"median of {int(runs) * int(rounds)} runs ({rounds} alternating rounds of {runs}, "
      "2 warm-up runs each); times in ms, peak memory in MB")
print()
print("| header | clang | libclang | pen-bindgen | bindgen | pen/clang | pen/libclang "
      "| pen/bindgen | MB clang | MB pen | MB bindgen |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in names:
    medians = timings(name)
    pens = [tool for tool in ("pen", "pen-j1", "pen-j2")
            if tool in medians or os.path.exists(f"{results}/{name}.{tool}.failed")]
    note = f" ({read(f'{results}/{name}.note')})" if os.path.exists(
        f"{results}/{name}.note") else ""
    for tool in pens:
        label = name + note + ("" if tool == "pen" else f", {tool[4:]}")
        print(f"| {label} | {cell('clang', medians, name)} | {cell('libclang', medians, name)} "
              f"| {cell(tool, medians, name)} | {cell('bindgen', medians, name)} "
              f"| {ratio(medians.get(tool), medians.get('clang'))} "
              f"| {ratio(medians.get(tool), medians.get('libclang'))} "
              f"| {ratio(medians.get(tool), medians.get('bindgen'))} "
              f"| {memory('clang', name)} | {memory(tool, name)} | {memory('bindgen', name)} |")
    if "pen-j1" in medians and "pen-j2" in medians:
        print(f"| {name}: -j 2 speed-up over -j 1 | | | | | "
              f"{medians['pen-j1'] / medians['pen-j2']:.2f}x | | | | | |")
EOF
