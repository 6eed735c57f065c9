#!/bin/bash
# Random differential test: generates RV64GC programs (tests/diff/gen.c), runs each under
# qemu-riscv64 (the reference) and rvx, and compares their state dumps byte for byte.
#
#   tests/diff/run.sh [--seed S] [--cases N] [--first F] [--batch B] [--keep]
#     --seed S    the seed (default: a fresh random one, printed)
#     --cases N   how many cases (default 500)
#     --first F   number of the first case (default 0); --first F --cases 1 reruns one case
#     --batch B   cases per program (default 50)
#     --keep      keep the programs and outputs in $BUILD/diff/seed-S/ even when they pass
#
# Prints "PASS diff seed S cases A-B" or "FAIL diff seed S cases A-B: reason" per program; after
# a FAIL, the differing registers, the case's instructions and the single instruction unit after
# which the states first differ (found by running every prefix of the case). A case depends only
# on the seed and its number, so the printed command reproduces it. Exit status 0 if all passed.
# Environment: RVX (default ./rvx), QEMU (default qemu-riscv64), BUILD (default build).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} QEMU=${QEMU:-qemu-riscv64} BUILD=${BUILD:-$PWD/build}
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc} HOST_CC=${HOST_CC:-cc}
seed="" cases=500 first=0 batch=50 keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --seed) seed=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--seed S] [--cases N] [--first F] [--batch B] [--keep]" >&2; exit 2 ;;
  esac
done
for v in "$cases" "$first" "$batch" ${seed:+"$seed"}; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "$0: not a number: $v" >&2; exit 2; }
done
[ "$batch" -gt 0 ] || batch=1
if [ -z "$seed" ]; then seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); fi
echo "diff: seed $seed, cases $first-$((first + cases - 1))" \
  "(reproduce: tests/diff/run.sh --seed $seed --first $first --cases $cases)"

# The host tools, rebuilt when a source is newer.
tools=$BUILD/diff
mkdir -p "$tools" || exit 2
src="tests/diff/diff_util.c"
for t in gen cmp; do
  files="tests/diff/$t.c $src"
  [ "$t" = gen ] && files="$files tests/diff/gen_insn.c tests/diff/gen_vals.c tests/diff/gen_sweep.c"
  if [ ! -x "$tools/$t" ] || [ -n "$(find tests/diff -newer "$tools/$t" -name '*.[ch]')" ]; then
    # shellcheck disable=SC2086
    $HOST_CC -std=gnu17 -O2 -Wall -Wextra -Werror -o "$tools/$t" $files -lm || exit 2
  fi
done

work=$BUILD/diff/seed-$seed
mkdir -p "$work" || exit 2
if [ ! -x "$RVX" ]; then
  echo "FAIL diff seed $seed: $RVX is not built"
  exit 1
fi

# run PROG OUT ERR: runs PROG under $RVX (or $QEMU when the 4th argument is "qemu"),
# stdout to OUT; prints the exit status (124: killed after 30 s, when a batch takes 0.1 s).
run() {
  local emu=$RVX
  [ "$4" = qemu ] && emu=$QEMU
  timeout 30 "$emu" "$1" >"$2" 2>"$3"
  echo $?
}

# Runs every prefix of case $1 to find the unit after which the states first differ.
bisect() {
  local n=$1 p=$work/case-$1
  "$tools/gen" -p "$seed" "$n" >"$p.S" || return
  if ! "$RV_CC" -nostdlib -static -no-pie -o "$p" "$p.S" 2>"$p.log"; then
    echo "  (prefix program does not assemble: $p.log)"; return
  fi
  run "$p" "$p.ref" "$p.qerr" qemu >/dev/null
  local rc; rc=$(run "$p" "$p.out" "$p.err")
  echo "  -- the same case cut after each unit:"
  "$tools/cmp" -p "$p.S" "$p.ref" "$p.out"
  [ "$rc" = 0 ] || echo "  rvx exit status $rc; stderr: $(head -c 300 "$p.err")"
}

failed=0 reports=0
end=$((first + cases))
for ((b = first; b < end; b += batch)); do
  count=$((end - b < batch ? end - b : batch))
  name="diff seed $seed cases $b-$((b + count - 1))"
  p=$work/b$b
  if ! "$tools/gen" "$seed" "$b" "$count" >"$p.S"; then
    echo "FAIL $name: generator failed"; failed=1; continue
  fi
  if ! "$RV_CC" -nostdlib -static -no-pie -o "$p" "$p.S" 2>"$p.log"; then
    echo "FAIL $name: the generated program does not assemble (generator bug):"
    head -5 "$p.log"; failed=1; continue
  fi
  qrc=$(run "$p" "$p.ref" "$p.qerr" qemu)
  if [ "$qrc" != 0 ]; then
    echo "FAIL $name: qemu-riscv64 exit status $qrc (generator bug?): $(head -c 300 "$p.qerr")"
    failed=1; continue
  fi
  rc=$(run "$p" "$p.out" "$p.err")
  if [ "$rc" = 0 ] && cmp -s "$p.ref" "$p.out"; then
    echo "PASS $name"
    [ "$keep" = 1 ] || rm -f "$p" "$p.S" "$p.ref" "$p.out" "$p.err" "$p.qerr" "$p.log"
    continue
  fi
  failed=1
  if [ "$rc" = 124 ]; then
    echo "FAIL $name: rvx ran for more than 30 s (a hang?); not running the remaining cases"
    break
  fi
  firstbad=$("$tools/cmp" -f "$p.S" "$p.ref" "$p.out")
  reports=$((reports + 1))
  again="tests/diff/run.sh --seed $seed --first $firstbad --cases 1"
  if [ "$reports" -gt 3 ]; then
    echo "FAIL $name: case $firstbad differs (no details after three reports; reproduce: $again)"
    continue
  fi
  if [ "$firstbad" = none ]; then
    echo "FAIL $name: same dumps but rvx exit status $rc; stderr: $(head -c 300 "$p.err")"
    continue
  fi
  echo "FAIL $name: case $firstbad differs (reproduce: $again)"
  [ "$rc" = 0 ] || echo "  rvx exit status $rc; stderr: $(head -c 300 "$p.err")"
  "$tools/cmp" "$p.S" "$p.ref" "$p.out"
  [[ $firstbad =~ ^[0-9]+$ ]] && bisect "$firstbad"
  echo "  files: $p.S $p.ref $p.out"
done
[ "$keep" = 1 ] || [ "$failed" = 1 ] || rmdir "$work" 2>/dev/null
exit $failed
