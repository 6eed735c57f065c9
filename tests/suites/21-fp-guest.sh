#!/bin/bash
# F/D extension: every build/isa/fp_* guest test must pass under qemu-riscv64 (which proves
# the expected values) and under rvx; then the host unit test of src/interp/fpu*.c (SSE
# paths against the exact software core), and a differential run of random and edge
# operands for every FP operation and rounding mode through tests/isa/fp_oracle.S under
# qemu and rvx, compared with the fpu functions and with each other.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64} CC=${CC:-cc}
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc}
N_SELF=${FP_SELF_N:-100000} N_ORACLE=${FP_ORACLE_N:-1000000}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT

# Build any fp guest test that is missing or older than its sources (make guests normally did).
mkdir -p "$BUILD/isa"
for src in tests/isa/fp_*.S; do
  bin=$BUILD/isa/$(basename "$src" .S)
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ tests/isa/fp_harness.h -nt "$bin" ]; then
    "$RV_CC" -static -nostdlib -Itests/isa -o "$bin" "$src" 2>"$tmp/err" ||
      { echo "FAIL fp-build $(basename "$src"): $(head -c 300 "$tmp/err")"; continue; }
  fi
done

# Exit status n > 0 of a harness test is the number of its first failing check.
why() {
  if [ "$1" = 124 ]; then echo "timed out"
  elif [ "$1" -gt 128 ]; then echo "killed by signal $(($1 - 128)) ($(kill -l $(($1 - 128)) 2>/dev/null))"
  else echo "fails check $1"; fi
}
# fp_sigill_*: must print "ok" and then die by SIGILL (a reserved rounding mode), no handler.
for bin in "$BUILD"/isa/fp_sigill_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  out=$( (timeout 20 "$QEMU" "$bin" </dev/null 2>/dev/null; exit $?) 2>/dev/null); q=$?
  if [ "$q" != 132 ] || [ "$out" != ok ]; then
    echo "FAIL $name: qemu-riscv64 printed '$out', $(why $q) (want: ok, killed by SIGILL)"; continue
  fi
  out=$( (timeout 20 "$RVX" "$bin" </dev/null 2>/dev/null; exit $?) 2>/dev/null); r=$?
  if [ "$r" = 132 ] && [ "$out" = ok ]; then echo "PASS $name"
  else echo "FAIL $name: rvx printed '$out', $(why $r) (want: ok, killed by SIGILL)"; fi
done

for bin in "$BUILD"/isa/fp_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  [ -e "tests/isa/$name.S" ] || continue   # a stale binary whose source is gone
  case $name in fp_sigill_*) continue ;; esac
  (timeout 20 "$QEMU" "$bin" </dev/null >/dev/null 2>&1; exit $?) 2>/dev/null; q=$?
  if [ $q != 0 ]; then echo "FAIL $name: qemu-riscv64 $(why $q) (expected value wrong?)"; continue; fi
  (timeout 20 "$RVX" "$bin" </dev/null >/dev/null 2>&1; exit $?) 2>/dev/null; r=$?
  if [ $r = 0 ]; then echo "PASS $name"
  else echo "FAIL $name: rvx $(why $r)"; fi
done

# Host unit test.
if ! "$CC" -std=gnu17 -Wall -Wextra -Werror -O2 -Isrc -o "$tmp/test_fpu" tests/unit/test_fpu.c \
     src/interp/fpu.c src/interp/fpu_soft.c -lm 2>"$tmp/err"; then
  echo "FAIL fpu-unit: does not compile: $(head -c 300 "$tmp/err")"
  exit 0
fi
if "$tmp/test_fpu" self "$N_SELF" 2>"$tmp/err"; then echo "PASS fpu-unit-sse-vs-soft"
else echo "FAIL fpu-unit-sse-vs-soft: $(head -5 "$tmp/err" | tr '\n' ' ')"; fi

# Differential: qemu as the oracle for the fpu functions; rvx must agree with qemu bit for bit.
oracle=$BUILD/isa/fp_oracle
seed=${FP_SEED:-$RANDOM}   # printed on failure: FP_SEED=seed reproduces the run
"$tmp/test_fpu" gen "$tmp/in" "$N_ORACLE" "$seed" || { echo "FAIL fpu-oracle: gen"; exit 0; }
if ! timeout 60 "$QEMU" "$oracle" <"$tmp/in" >"$tmp/qemu.out"; then
  echo "FAIL fpu-oracle-qemu: qemu-riscv64 run failed"
elif "$tmp/test_fpu" check "$tmp/in" "$tmp/qemu.out" 2>"$tmp/err"; then
  echo "PASS fpu-oracle-qemu ($(tail -1 "$tmp/err"))"
else
  echo "FAIL fpu-oracle-qemu (FP_SEED=$seed): $(head -4 "$tmp/err" | tr '\n' ' ')"
fi
if ! timeout 120 "$RVX" "$oracle" <"$tmp/in" >"$tmp/rvx.out" 2>"$tmp/err"; then
  echo "FAIL fpu-oracle-rvx: rvx run failed: $(head -c 200 "$tmp/err")"
elif cmp -s "$tmp/qemu.out" "$tmp/rvx.out"; then
  echo "PASS fpu-oracle-rvx"
else
  "$tmp/test_fpu" check "$tmp/in" "$tmp/rvx.out" 2>"$tmp/err"
  echo "FAIL fpu-oracle-rvx (FP_SEED=$seed): differs from qemu: $(head -4 "$tmp/err" | tr '\n' ' ')"
fi
exit 0
