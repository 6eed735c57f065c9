#!/bin/bash
# Per-instruction guest tests: runs every build/isa/* program under qemu-riscv64 (which
# proves the expected values written in the sources) and under rvx. A test passes only if
# both exit 0; otherwise the exit status names the first failing check. The FP tests
# (fp_*) have their own expectations (some must die by SIGILL) and run in 21-fp-guest.sh.
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
RVX=${RVX:-./rvx}
QEMU=${QEMU:-qemu-riscv64}
LIMIT=${ISA_TEST_TIMEOUT:-10}

# Text for an exit status of a test program.
describe() {
  local s=$1
  if [ "$s" = 124 ]; then echo "timed out after ${LIMIT}s"
  elif [ "$s" -gt 128 ]; then echo "status $s (check $s failed, or killed by signal $((s - 128)))"
  else echo "check $s failed"
  fi
}

# Runs one program with a time limit, stderr to the file $1; prints the exit status.
run() {
  local err=$1; shift
  timeout -k 2 "$LIMIT" "$@" </dev/null >/dev/null 2>"$err"
  echo $?
}

# "who: what happened", plus the first line of its stderr when there is one.
reason() {
  local msg line
  msg="$1: $(describe "$2")"
  line=$(head -c 200 "$err" | head -n 1)
  [ -n "$line" ] && msg="$msg ($line)"
  echo "$msg"
}

shopt -s nullglob
err=$(mktemp)
trap 'rm -f "$err"' EXIT
# A source without a program is a failure of the build.
for src in tests/isa/*.S; do
  name=$(basename "$src" .S)
  [[ $name == fp_* ]] && continue
  [ -x "$BUILD/isa/$name" ] || echo "FAIL isa/$name: $BUILD/isa/$name was not built"
done
for bin in "$BUILD"/isa/*; do
  [ -f "$bin" ] && [ -x "$bin" ] || continue
  name=$(basename "$bin")
  [ -e "tests/isa/$name.S" ] || continue   # a stale binary whose source is gone
  [[ $name == fp_* ]] && continue
  why=()
  q=$(run "$err" "$QEMU" "$bin")
  [ "$q" = 0 ] || why+=("$(reason qemu "$q")")
  if [ ! -x "$RVX" ]; then
    why+=("rvx: $RVX not built")
  else
    r=$(run "$err" "$RVX" "$bin")
    [ "$r" = 0 ] || why+=("$(reason rvx "$r")")
  fi
  if [ ${#why[@]} = 0 ]; then
    echo "PASS isa/$name"
  else
    msg=${why[0]}
    [ ${#why[@]} = 2 ] && msg="$msg; ${why[1]}"
    echo "FAIL isa/$name: $msg"
  fi
done
