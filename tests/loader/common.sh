# Shared by tests/suites/40-loader.sh and 45-cli.sh (sourced): paths, reporting, and the host
# helpers and guests these suites need, built into $BUILD/loader when missing or stale.
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
RVX=${RVX:-$PWD/rvx}
BUILD=${BUILD:-$PWD/build}
QEMU=${QEMU:-qemu-riscv64}
L=$BUILD/loader
mkdir -p "$L" || exit 2
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# Builds $2 from sources $3... with command $1 unless it is newer than all of them.
build() {
  local cc=$1 out=$2; shift 2
  local src stale=0
  [ -e "$out" ] || stale=1
  for src in "$@"; do [ "$src" -nt "$out" ] && stale=1; done
  [ $stale = 0 ] && return 0
  # shellcheck disable=SC2086
  $cc -o "$out" "$@" 2>"$TMP/build.err" || { cat "$TMP/build.err"; return 1; }
}

HOSTCC="${CC:-cc} -std=gnu17 -O1 -g -Wall -Wextra -Werror -Isrc"
build "$HOSTCC" "$L/runsig" tests/loader/runsig.c || echo "FAIL build runsig"
# The guests: the Makefile's (make check builds them), or our own build.
guest() {
  local name=$1
  if [ -x "$BUILD/guest/$name" ] && [ "$BUILD/guest/$name" -nt "tests/guest/$name.c" ]; then
    echo "$BUILD/guest/$name"
  else
    build "$RV_CC -O2 -static" "$L/$name" "tests/guest/$name.c" >&2 && echo "$L/$name"
  fi
}

# run OUT CMD...: runs CMD with stdout in OUT.out, stderr in OUT.err, how it ended in OUT.how
# ("exit N" / "signal N"); sets $status to the shell-style status.
run() {
  local out=$1; shift
  "$L/runsig" "$out.how" "$@" >"$out.out" 2>"$out.err" </dev/null
  status=$?
}

# one_line FILE PREFIX: true if FILE is exactly one line and starts with PREFIX.
one_line() {
  [ "$(wc -l <"$1")" = 1 ] && [ "$(head -c ${#2} "$1")" = "$2" ]
}
