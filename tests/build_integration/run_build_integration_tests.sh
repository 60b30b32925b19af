#!/usr/bin/env bash
# The command line's build integration (issue 5): --check, --depfile, --compile-commands,
# --package-type system, directories and globs as inputs.
#   run_build_integration_tests.sh <pen-bindgen>
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <pen-bindgen>" >&2
  exit 2
fi
tool=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/pen-bindgen-build-integration.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

failures=0
check() { # check <description> <command...>: the command must succeed
  local description=$1
  shift
  if "$@"; then
    echo "ok: $description"
  else
    echo "FAIL: $description" >&2
    failures=$((failures + 1))
  fi
}
run() { # run <arguments...>: sets $status; stdout and stderr go to files
  "$tool" "$@" >stdout 2>stderr
  status=$?
}

mkdir -p lib/include/mylib/net
cat >lib/include/mylib/core.h <<'H'
#define MYLIB_VERSION 3
int mylib_add(int a, int b);
H
cat >lib/include/mylib/net/socket.h <<'H'
double mylib_socket_timeout(void);
H
cat >"lib/include/mylib/with space.h" <<'H'
int mylib_spaced(void);
H

# ---- --check ----
run lib/include/mylib/core.h -o out -q
check "generating succeeds" [ "$status" -eq 0 ]
run --check lib/include/mylib/core.h -o out -q
check "--check on current output exits 0" [ "$status" -eq 0 ]
check "--check on current output prints no diff" [ ! -s stdout ]
check "--check says it is up to date" grep -q "out is up to date" stderr

cp out/Core.pen saved.pen
sed -i 's/mylib_add(a, b)/mylib_add(b, a)/' out/Core.pen
before=$(cat out/Core.pen)
run --check lib/include/mylib/core.h -o out -q
check "--check on a changed file exits 1" [ "$status" -eq 1 ]
check "the diff names the file" grep -qx -- "--- out/Core.pen" stdout
check "the diff restores the line" grep -qx -- "+  _core_mylib_add(a, b)" stdout
check "the summary counts it" grep -q "1 changed (out/Core.pen)" stderr
check "--check writes nothing" [ "$(cat out/Core.pen)" = "$before" ]
check "the diff applies with patch -p0" sh -c 'patch -s -p0 <stdout && cmp -s out/Core.pen saved.pen'

rm out/ffi/pen_abi.h
run --check lib/include/mylib/core.h -o out -q
check "--check on a missing file exits 1" [ "$status" -eq 1 ]
check "the missing file is a creation in the diff" grep -qx -- "+++ out/ffi/pen_abi.h" stdout
check "--check does not create it" [ ! -e out/ffi/pen_abi.h ]
"$tool" lib/include/mylib/core.h -o out -q

cp out/ffi/core_shim.c out/ffi/old_shim.c
echo "user notes" >out/NOTES.txt
run --check lib/include/mylib/core.h -o out -q
check "--check on an extra generated file exits 1" [ "$status" -eq 1 ]
check "the extra file is a deletion in the diff" grep -qx -- "--- out/ffi/old_shim.c" stdout
check "user files are not reported" sh -c '! grep -q NOTES stdout stderr'
rm out/ffi/old_shim.c

chmod -x out/pen-ffi.sh
run --check lib/include/mylib/core.h -o out -q
check "--check on a lost executable bit exits 1" [ "$status" -eq 1 ]
check "the mode difference is reported" grep -q "mode of out/pen-ffi.sh: 100644 -> 100755" stdout
chmod +x out/pen-ffi.sh

run --check lib/include/mylib/core.h -o never-generated -q
check "--check on a missing directory exits 1" [ "$status" -eq 1 ]
check "--check does not create the directory" [ ! -e never-generated ]

# ---- --depfile ----
run lib/include/mylib/core.h "lib/include/mylib/with space.h" -o dep -q --depfile deps/dep.d
check "--depfile succeeds" [ "$status" -eq 0 ]
check "the depfile's targets are the generated files" \
  grep -q "^dep/Core.pen dep/WithSpace.pen dep/ffi/core_shim.c dep/ffi/pen_abi.h dep/pen-ffi.sh dep/pen.json: \\\\$" deps/dep.d
check "the depfile lists the header" grep -q "^  $work/lib/include/mylib/core.h \\\\$" deps/dep.d
check "the depfile escapes spaces" grep -qF "$work/lib/include/mylib/with\\ space.h" deps/dep.d
check "the depfile has an empty rule per prerequisite" grep -qx "$work/lib/include/mylib/core.h:" deps/dep.d
run lib/include/mylib/core.h -o dep -q --depfile dep2.d --depfile-target stamp
check "--depfile-target names the rule's target" grep -q "^stamp: \\\\$" dep2.d
run --check lib/include/mylib/core.h -o dep -q --depfile dep3.d
check "--check writes no depfile" [ ! -e dep3.d ]
if command -v make >/dev/null; then
  cat >Makefile <<'MK'
stamp:
	touch stamp
-include dep2.d
MK
  touch -d '2000-01-01' stamp
  check "make reads the depfile (a newer header rebuilds)" sh -c 'make -q stamp; [ $? -eq 1 ]'
fi

# ---- directories and globs ----
run lib/include/mylib -o tree -q --prefix _t_
check "a directory is expanded" [ "$status" -eq 0 ]
check "a directory names the package" [ -f tree/ffi/mylib_shim.c ]
# One module per header, mirroring the tree (docs/header-trees.md).
check "every header below it is bound" sh -c \
  'grep -q MylibAdd tree/Core.pen && grep -q MylibSocketTimeout tree/Net/Socket.pen && grep -q MylibSpaced tree/WithSpace.pen'
run "lib/include/mylib/*.h" -o glob -q --name Mylib --prefix _t_
check "a glob is expanded" sh -c 'grep -q MylibAdd glob/Core.pen && ! grep -rq MylibSocketTimeout glob'
run lib/include/mylib/net "lib/include/mylib/*.h" -o order1 -q --name Mylib --prefix _t_
run "lib/include/mylib/*.h" lib/include/mylib/net -o order2 -q --name Mylib --prefix _t_
check "input order of equivalent arguments does not matter" diff -r order1 order2
run "lib/include/nothing/*.h" -o none -q
check "a glob without matches is a usage error" [ "$status" -eq 2 ]

# ---- --compile-commands ----
mkdir -p build cfg
cat >cfg/config.h <<'H'
#define MYLIB_FROM_CONFIG 1
H
cat >lib/include/mylib/needs_flags.h <<'H'
#include "config.h"
#ifndef MYLIB_FEATURE
#error MYLIB_FEATURE must be defined
#endif
int mylib_feature(int x);
H
cat >build/compile_commands.json <<J
[
  {"directory": "$work/build", "file": "$work/other.c", "command": "cc -I/nonexistent -c ../other.c"},
  {"directory": "$work/build", "file": "$work/lib/src/mylib.c",
   "arguments": ["cc", "-I../lib/include/mylib", "-iquote", "../cfg", "-DMYLIB_FEATURE=1", "-std=c11", "-Wall", "-c", "../lib/src/mylib.c"]}
]
J
run lib/include/mylib/needs_flags.h -o cc1 -q
check "without the database the header does not parse" [ "$status" -eq 3 ]
run lib/include/mylib/needs_flags.h -o cc1 -q --compile-commands build/compile_commands.json
check "the entry whose include directory holds the header is used" [ "$status" -eq 0 ]
check "its defines and include paths apply" grep -q "^MylibFeature = " cc1/NeedsFlags.pen
run lib/include/mylib/needs_flags.h -o cc2 -q --compile-commands build --compile-commands-source other.c
check "--compile-commands-source picks that entry" [ "$status" -eq 3 ]
run lib/include/mylib/needs_flags.h -o cc3 -q --compile-commands build/missing.json
check "a missing database is an I/O error" [ "$status" -eq 4 ]

# ---- --package-type system ----
run lib/include/mylib/core.h -o sys -q --package-type system
check "a system package is generated" [ "$status" -eq 0 ]
check "pen.json says system" grep -q '"type": "system"' sys/pen.json
check "Context.pen has the public Context" grep -qx "type Context = context'Context" sys/Context.pen
check "Context/context.pen imports the shim" grep -q '^import foreign "c" _core_mylib_add' sys/Context/context.pen
check "the wrapper takes ctx Context" grep -qx 'MylibAdd = \\(ctx Context, a number, b number) number {' sys/Core.pen
check "the wrapper calls through the context" grep -qx "  context'Inner(ctx).MylibAdd(a, b)" sys/Core.pen
check "the module imports the context" grep -qx "import 'Context'context { Context }" sys/Core.pen
check "constants need no context" grep -qx 'MylibVersion = \\() number {' sys/Core.pen
check "no direct foreign import of effects in the public module" sh -c '! grep -q "^import foreign" sys/Core.pen'
run lib/include/mylib/core.h -o sys -q --package-type nonsense
check "an unknown package type is a usage error" [ "$status" -eq 2 ]

# ---- determinism ----
rm lib/include/mylib/needs_flags.h
run lib/include/mylib -o det1 -q --depfile det1.d
run lib/include/mylib -o det2 -q --depfile det2.d
check "two runs give byte-identical trees" diff -r det1 det2
check "and identical depfiles (but for the output name)" \
  sh -c 'sed s/det1/X/g det1.d >a; sed s/det2/X/g det2.d >b; cmp -s a b'

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all build integration checks passed"
