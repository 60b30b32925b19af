#include "pen_bindgen/emit/build_files.hpp"

#include "comment_text.hpp"
#include "pen_bindgen/version.hpp"

#include <fmt/format.h>
#include <set>
#include <string>

namespace pen_bindgen::emit {

namespace {

// One word for sh, whatever it contains: as is when it holds only characters that sh takes
// literally, else '...' with each ' spelled '\''.
std::string shell_quote(const std::string& word) {
  const bool plain =
      !word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "abcdefghijklmnopqrstuvwxyz"
                                              "0123456789_+-./:=@%,") == std::string::npos;
  if (plain) {
    return word;
  }
  std::string quoted = "'";
  for (const char character : word) {
    quoted += character == '\'' ? std::string("'\\''") : std::string(1, character);
  }
  return quoted + "'";
}

std::string include_flags(const mapping::Package& package) {
  std::string flags;
  std::set<std::string> seen;
  for (const auto& header : package.headers) {
    const auto& directory = header.include_directory;
    if (!directory.empty() && seen.insert(directory).second) {
      flags += " -I" + shell_quote(directory);
    }
  }
  return flags;
}

// The body of each_link: one call per link, or `:` when there are none.
std::string link_calls(const mapping::Package& package) {
  std::string calls;
  for (const auto& link : package.links) {
    calls += "  \"$@\" " + shell_quote(link) + "\n";
  }
  return calls.empty() ? "  :\n" : calls;
}

std::string header_list(const mapping::Package& package) {
  std::string headers;
  for (const auto& header : package.headers) {
    headers += (headers.empty() ? "" : ", ") + header.path;
  }
  return headers.empty() ? "" : " from " + headers;
}

// The fixed part of the script. @STEM@, @INCLUDES@ and @LINKS@ are replaced; everything else is
// the same for every package. Pen runs the script before every build, so it reuses its last
// archive while nothing it was built from changed, and says nothing unless something fails.
constexpr const char* script_body = R"SH(set -eu
LC_ALL=C
export LC_ALL

stem=@STEM@

usage() {
  echo "usage: pen-ffi.sh -t <target> <output-archive>" >&2
  exit 2
}

fail() {
  echo "pen-ffi.sh: $*" >&2
  exit 1
}

target=
while getopts t: option; do
  case $option in
  t) target=$OPTARG ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
if [ -z "$target" ] || [ $# -ne 1 ] || [ -z "$1" ]; then
  usage
fi
case $target in
*/* | .*) usage ;;
esac

# The output path is relative to the caller's directory; everything else to the script's.
case $1 in
/*) output=$1 ;;
*) output=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")"
script=$(basename "$0")

if [ -n "${CC:-}" ]; then
  cc=$CC
elif command -v clang >/dev/null 2>&1; then
  cc=clang
else
  cc=cc
fi
cflags=${CFLAGS:--O2}
ar=${AR:-ar}

# Only clang takes --target; other compilers build for the one target they were made for.
target_flag=
if $cc --version 2>/dev/null | grep clang >/dev/null; then
  target_flag=--target=$target
fi

@CXX_SETUP@# The C libraries whose objects go into the archive, so that it is self-contained.
each_link() {
@LINKS@}

# Sets $library to the absolute path of lib$1.a, as the compiler's linker would find it.
locate_library() {
  # shellcheck disable=SC2086 # CC, CFLAGS and AR may hold several words
  library=$($cc $target_flag -print-file-name="lib$1.a") ||
    fail "$cc -print-file-name=lib$1.a failed"
  case $library in
  /*) [ -f "$library" ] || fail "cannot find the static library lib$1.a (for the link '$1')" ;;
  *) fail "cannot find the static library lib$1.a (for the link '$1'); install it, or add its directory to LIBRARY_PATH" ;;
  esac
}

cache_dir=.pen-ffi-cache
cache=$cache_dir/$target.a
key="cc=$cc target_flag=$target_flag cflags=$cflags ar=$ar"
stale=false

note_library() {
  locate_library "$1"
  key="$key link $1=$library"
  if [ -f "$cache" ] && [ -n "$(find "$library" -newer "$cache" -print)" ]; then
    stale=true
  fi
}
each_link note_library
@CXX_NOTE@
if [ -f "$cache" ] && [ -f "$cache_dir/$target.key" ] && [ "$stale" = false ] &&
  [ "$(cat "$cache_dir/$target.key")" = "$key" ] &&
  [ -z "$(find ffi "$script" -newer "$cache" \( -name '*.c' -o -name '*.h'@CXX_FIND@ -o -name "$script" \) -print)" ]; then
  cp "$cache" "$output"
  exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pen-ffi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
# The cache gets the time the build started, so that an edit made during the build is seen.
touch "$tmp/started"
mkdir "$tmp/objects" "$tmp/extract"

# Members get distinctive names so that Pen's later `llvm-ar crs` of its own objects onto a copy
# of this archive cannot replace any of them.
for source in ffi/*.c; do
  [ -f "$source" ] || continue
  # shellcheck disable=SC2086
  $cc $target_flag $cflags -fPIC@INCLUDES@ -c "$source" -o "$tmp/objects/${stem}_$(basename "$source" .c).o"
done
@CXX_COMPILE@
# Moves the members of archive $library into the objects, each named $1_<member>.
extract_members() {
  rm -rf "$tmp/extract"
  mkdir "$tmp/extract"
  # shellcheck disable=SC2086
  (cd "$tmp/extract" && $ar x "$library")
  for member in "$tmp/extract"/*; do
    [ -f "$member" ] || continue
    name=$(basename "$member")
    case $name in
    __.SYMDEF*) continue ;;
    esac
    mv "$member" "$tmp/objects/$1_$name"
  done
}
extract_library() {
  locate_library "$1"
  # shellcheck disable=SC2086
  duplicates=$($ar t "$library" | sort | uniq -d)
  [ -z "$duplicates" ] || fail "$library has several members named $duplicates; pen-ffi.sh cannot extract them"
  extract_members "${stem}_$1"
}
each_link extract_library
@CXX_EXTRACT@
set -- "$tmp/objects"/*
[ -f "$1" ] || set --
# shellcheck disable=SC2086
$ar crs "$tmp/archive.a" "$@"

mkdir -p "$cache_dir"
rm -f "$cache_dir/$target.key"
cp "$tmp/archive.a" "$cache.$$"
touch -r "$tmp/started" "$cache.$$"
mv -f "$cache.$$" "$cache"
printf '%s\n' "$key" >"$cache_dir/$target.key"
cp "$cache" "$output"
)SH";

// The C++ layer's parts of the script (Package::has_cxx_layer): ffi/*.cpp compiled with a C++
// compiler, and the objects of libstdc++ and libgcc_eh (exceptions) bundled like a link's, so
// that a C link of the archive (Pen's) needs no -lstdc++.
constexpr const char* cxx_setup = R"SH(# The C++ layer (ffi/*.cpp) and its runtime, bundled below.
if [ -n "${CXX:-}" ]; then
  cxx=$CXX
elif command -v clang++ >/dev/null 2>&1; then
  cxx=clang++
else
  cxx=c++
fi
cxxflags=${CXXFLAGS:--O2 -std=c++17}
cxx_target_flag=
if $cxx --version 2>/dev/null | grep clang >/dev/null; then
  cxx_target_flag=--target=$target
fi

# The C++ runtime's static libraries, as the C++ compiler's driver would link them.
each_runtime() {
  "$@" libstdc++.a
  "$@" libgcc_eh.a
}

# Sets $library to the absolute path of the runtime library $1.
locate_runtime() {
  # shellcheck disable=SC2086
  library=$($cxx $cxx_target_flag -print-file-name="$1") ||
    fail "$cxx -print-file-name=$1 failed"
  case $library in
  /*) [ -f "$library" ] || fail "cannot find $1 (the C++ runtime of $cxx)" ;;
  *) fail "cannot find $1 (the C++ runtime of $cxx); install its static library" ;;
  esac
}

)SH";

constexpr const char* cxx_note =
    R"SH(key="$key cxx=$cxx cxx_target_flag=$cxx_target_flag cxxflags=$cxxflags"
note_runtime() {
  locate_runtime "$1"
  key="$key runtime $1=$library"
  if [ -f "$cache" ] && [ -n "$(find "$library" -newer "$cache" -print)" ]; then
    stale=true
  fi
}
each_runtime note_runtime
)SH";

constexpr const char* cxx_compile = R"SH(for source in ffi/*.cpp; do
  [ -f "$source" ] || continue
  # shellcheck disable=SC2086
  $cxx $cxx_target_flag $cxxflags -fPIC@INCLUDES@ -c "$source" -o "$tmp/objects/${stem}_$(basename "$source" .cpp)_cpp.o"
done
)SH";

// Unlike a link's, a runtime archive may hold several members of one name: `ar x` keeps the last
// of them, so those are extracted again one by one (`ar xN <count>`).
constexpr const char* cxx_extract = R"SH(extract_runtime() {
  locate_runtime "$1"
  prefix=${stem}_$(basename "$1" .a)
  extract_members "$prefix"
  # shellcheck disable=SC2086
  for name in $($ar t "$library" | sort | uniq -d); do
    rm -f "$tmp/objects/${prefix}_$name"
    # shellcheck disable=SC2086
    count=$($ar t "$library" | grep -cxF -- "$name")
    index=1
    while [ "$index" -le "$count" ]; do
      # shellcheck disable=SC2086
      (cd "$tmp/extract" && $ar xN "$index" "$library" "$name")
      mv "$tmp/extract/$name" "$tmp/objects/${prefix}_${index}_$name"
      index=$((index + 1))
    done
  done
}
each_runtime extract_runtime
)SH";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto position = text.find(from); position != std::string::npos;
       position = text.find(from, position + to.size())) {
    text.replace(position, from.size(), to);
  }
  return text;
}

} // namespace

std::string emit_pen_json(const mapping::Package& package) {
  return fmt::format("{{\n  \"type\": \"{}\",\n  \"dependencies\": {{}}\n}}\n",
                     package.system ? "system" : "library");
}

std::string emit_pen_ffi_script(const mapping::Package& package) {
  const std::string banner = fmt::format(
      "#!/bin/sh\n"
      "# {}\n"
      "#\n"
      "# Pen runs `pen-ffi.sh -t <target> <archive>` before every build of the package.\n"
      "# This compiles ffi/*.c with -fPIC and writes one static archive to <archive>\n"
      "# with those objects and the objects of the static libraries of the links, so\n"
      "# that the archive is self-contained. It honours CC, CFLAGS and AR, and keeps\n"
      "# the archive in .pen-ffi-cache/ to reuse it while nothing it came from changed.\n{}",
      comment_text(fmt::format("Generated by pen-bindgen {} for the package {}{}. "
                               "Do not edit.",
                               version, package.name, header_list(package))),
      package.has_cxx_layer
          ? "# The C++ layer, ffi/*.cpp, is compiled with CXX and CXXFLAGS (default\n"
            "# -O2 -std=c++17), and the objects of libstdc++ and libgcc_eh go into the\n"
            "# archive too, so that linking it needs no C++ compiler.\n"
          : "");
  std::string body = script_body;
  const bool cxx = package.has_cxx_layer;
  body = replace_all(body, "@CXX_SETUP@", cxx ? cxx_setup : "");
  body = replace_all(body, "@CXX_NOTE@", cxx ? cxx_note : "");
  body = replace_all(body, "@CXX_FIND@", cxx ? " -o -name '*.cpp' -o -name '*.hpp'" : "");
  body = replace_all(body, "@CXX_COMPILE@", cxx ? cxx_compile : "");
  body = replace_all(body, "@CXX_EXTRACT@", cxx ? cxx_extract : "");
  body = replace_all(body, "@STEM@", shell_quote(package.file_stem));
  body = replace_all(body, "@INCLUDES@", include_flags(package));
  body = replace_all(body, "@LINKS@", link_calls(package));
  return banner + body;
}

} // namespace pen_bindgen::emit
