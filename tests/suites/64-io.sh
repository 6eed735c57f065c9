#!/bin/bash
# Files and I/O: the tests/guest/io_*.c programs run under rvx, each in a fresh temporary
# directory, and their stdout and exit status are compared with the same source built natively
# for the host (real Linux answers, errno included) and, where qemu-riscv64 implements the
# calls as Linux does, with qemu-riscv64 too. Then the hostile-argument fuzzer of the I/O calls.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
OUT=$BUILD/64-io
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
ulimit -c 0
HDR=tests/io/io_common.h
PROGS="io_fs io_events io_pipes io_pty io_errno io_fuzz"

# Builds what is missing or older than its source: the native programs here, and the riscv64
# ones again when the shared header changed (the Makefile does not know about it).
for p in $PROGS; do
  src=tests/guest/$p.c rv=$BUILD/guest/$p nat=$OUT/$p.native
  if [ ! -x "$rv" ] || [ "$src" -nt "$rv" ] || [ "$HDR" -nt "$rv" ]; then
    mkdir -p "$BUILD/guest"
    riscv64-linux-gnu-gcc -O2 -static -o "$rv" "$src" -lm 2>"$TMP/build.err" ||
      echo "FAIL build_$p: $(head -c 300 "$TMP/build.err")"
  fi
  if [ ! -x "$nat" ] || [ "$src" -nt "$nat" ] || [ "$HDR" -nt "$nat" ]; then
    gcc -O2 -o "$nat" "$src" 2>"$TMP/build.err" ||
      echo "FAIL build_${p}_native: $(head -c 300 "$TMP/build.err")"
  fi
done

if [ ! -x "$RVX" ]; then
  echo "FAIL io: $RVX not built"
  exit 0
fi

# run NAME ENGINE... PROGRAM ARGS: one run in a fresh directory; stdout+status in $TMP/NAME.
run() {
  local name=$1; shift
  local d=$TMP/$name.d
  mkdir -p "$d"
  (cd "$d" && umask 022 && timeout 60 env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC "$@" \
     </dev/null >"$TMP/$name" 2>"$TMP/$name.err"; echo "exit $?" >>"$TMP/$name")
  rm -rf "$d"
}

# check ID REF PROG ARGS: rvx against REF (native or qemu) for the program and arguments.
check() {
  local id=$1 ref=$2 prog=$3; shift 3
  local rv=$BUILD/guest/$prog
  if [ ! -x "$rv" ] || [ ! -x "$OUT/$prog.native" ]; then
    echo "FAIL $id: $prog not built"
    return
  fi
  run "$id.rvx" "$RVX" "$rv" "$@"
  if [ "$ref" = native ]; then
    run "$id.ref" "$OUT/$prog.native" "$@"
  else
    run "$id.ref" "$QEMU" "$rv" "$@"
  fi
  if ! cmp -s "$TMP/$id.ref" "$TMP/$id.rvx"; then
    echo "FAIL $id: differs from $ref: $(diff "$TMP/$id.ref" "$TMP/$id.rvx" | head -5 | tr '\n' ' ' | cut -c1-400)"
  elif [ -s "$TMP/$id.rvx.err" ]; then
    echo "FAIL $id: rvx stderr: $(head -c 200 "$TMP/$id.rvx.err")"
  elif ! grep -q '^exit 0$' "$TMP/$id.rvx"; then
    echo "FAIL $id: $(tail -n1 "$TMP/$id.rvx")"
  else
    echo "PASS $id"
  fi
}

check fs_native native io_fs
check fs_qemu qemu io_fs qemu
for part in poll eventfd timerfd epoll signalfd inotify; do
  check "events_${part}_native" native io_events "$part"
done
# qemu 7.2 has no epoll_pwait2.
for part in poll eventfd timerfd signalfd inotify; do
  check "events_${part}_qemu" qemu io_events "$part"
done
for part in splice sendfile memfd pages; do
  check "pipes_${part}_native" native io_pipes "$part"
  check "pipes_${part}_qemu" qemu io_pipes "$part"
done
check pty_native native io_pty
check pty_qemu qemu io_pty qemu
# errno of bad pointers and flags: real Linux only (qemu differs in many).
for part in fs fd events memory; do
  check "errno_${part}_native" native io_errno "$part"
done

# Hostile arguments never crash rvx, with or without --strace decoding them.
FUZZ=$BUILD/guest/io_fuzz
for mode in plain strace; do
  flag=(); [ $mode = strace ] && flag=(--strace)
  run "fuzz_$mode" "$RVX" "${flag[@]}" "$FUZZ"
  if grep -q '^done 1$' "$TMP/fuzz_$mode" && grep -q '^exit 0$' "$TMP/fuzz_$mode" &&
     ! grep -aq '^rvx:' "$TMP/fuzz_$mode.err"; then
    echo "PASS io_hostile_args_$mode"
  else
    echo "FAIL io_hostile_args_$mode: $(tr '\n' ' ' <"$TMP/fuzz_$mode") $(grep -a -m1 '^rvx:' "$TMP/fuzz_$mode.err")"
  fi
done
