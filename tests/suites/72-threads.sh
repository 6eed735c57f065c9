#!/bin/bash
# Guest threads: atomics (every AMO, LR/SC) under real parallelism, pthread synchronization,
# thread life (TLS, tids, churn of 1000 threads, detached threads), robust mutexes, code
# flushes while other threads run, every way a threaded process ends, signals to threads,
# pthread_cancel, raw clone/clone3,
# C++ std::thread and OpenMP. stdout and the exit status must match qemu-riscv64's, or, where
# qemu 7.2 falls short (no robust lists, no clone3, LR/SC by value compare), a fixed expected
# output. qemu's results are cached in $BUILD/72-threads/qemu (the programs print only what is
# deterministic), so repeated runs (tests/stress.sh) cost rvx time only.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
OUT=$BUILD/72-threads
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0
mkdir -p "$OUT/qemu" || exit 2
ENVV=(PATH=/usr/bin:/bin LC_ALL=C)

# Guests that are not single static C files: built here when the source is newer.
build() {   # build OUTPUT SOURCE COMPILER FLAGS...
  local out=$1 src=$2; shift 2
  if [ ! -x "$out" ] || [ "$src" -nt "$out" ]; then
    "$@" -o "$out" "$src" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; rm -f "$out"; }
  fi
}
build "$OUT/cxx_threads" tests/threads/cxx_threads.cc riscv64-linux-gnu-g++ -O2 -static -pthread
build "$OUT/omp_reduce" tests/threads/omp_reduce.c riscv64-linux-gnu-gcc -O2 -static -fopenmp

# run ENGINE-OUTPUT-PREFIX ENV... -- CMD...: stdout to PREFIX.out, status to PREFIX.rc
run() {
  local p=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  # The engine settings of tests/run.sh's passes ([interp], [tiny]) survive env -i.
  local v pass=()
  for v in RVX_ENGINE RVX_JIT_THRESHOLD RVX_CODE_CACHE_SIZE; do
    [ -n "${!v}" ] && pass+=("$v=${!v}")
  done
  { timeout 120 env -i "${ENVV[@]}" "${pass[@]}" "${envs[@]}" "$@" >"$p.out" 2>"$p.err"
    echo $? >"$p.rc"; } 2>/dev/null
}

# check ID [ENV=VALUE...] -- PROGRAM ARGS...: rvx against (cached) qemu
check() {
  local id=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local bin=$1; shift
  if [ ! -x "$bin" ]; then echo "FAIL $id: $bin not built"; return; fi
  local q=$OUT/qemu/$id
  if [ ! -s "$q.rc" ] || [ "$bin" -nt "$q.rc" ]; then
    run "$q" "${envs[@]}" -- "$QEMU" "$bin" "$@"
  fi
  run "$TMP/$id" "${envs[@]}" -- "$RVX" "$bin" "$@"
  compare "$id" "$q.out" "$q.rc"
}

# expect ID EXPECTED-STATUS EXPECTED-STDOUT [ENV=VALUE...] -- PROGRAM ARGS...
expect() {
  local id=$1 rc=$2 text=$3; shift 3
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local bin=$1; shift
  if [ ! -x "$bin" ]; then echo "FAIL $id: $bin not built"; return; fi
  printf '%s\n' "$text" >"$TMP/$id.want.out"
  echo "$rc" >"$TMP/$id.want.rc"
  run "$TMP/$id" "${envs[@]}" -- "$RVX" "$bin" "$@"
  compare "$id" "$TMP/$id.want.out" "$TMP/$id.want.rc"
}

compare() {   # compare ID WANT-OUT WANT-RC (rvx's results are in $TMP/ID.*)
  local id=$1 r=$TMP/$1 why=""
  if ! cmp -s "$3" "$r.rc"; then
    why="exit status: want $(cat "$3"), rvx $(cat "$r.rc")"
  elif ! cmp -s "$2" "$r.out"; then
    why="stdout differs: $(diff "$2" "$r.out" | head -4 | tr '\n' ' ' | cut -c1-300)"
  elif [ -s "$r.err" ]; then
    why="rvx wrote to stderr: $(head -c 200 "$r.err")"
  fi
  if [ -z "$why" ]; then echo "PASS $id"; else echo "FAIL $id: $why"; fi
}

G=$BUILD/guest
check amo_4x20000 -- "$G/thr_amo" 4 20000
check amo_8x5000 -- "$G/thr_amo" 8 5000
check amo_2x50000 -- "$G/thr_amo" 2 50000
check sync -- "$G/thr_sync"
check life -- "$G/thr_life" 1000
check flush -- "$G/thr_flush"
check exit_group -- "$G/thr_exit" group
check exit_main_pthread_exit -- "$G/thr_exit" main
check exit_main_returns -- "$G/thr_exit" return
check exit_raw -- "$G/thr_exit" raw
check exit_last_thread -- "$G/thr_exit" rawall
check signals -- "$G/thr_signal"
check cxx_threads -- "$OUT/cxx_threads"
check omp_4 OMP_NUM_THREADS=4 -- "$OUT/omp_reduce"
check omp_2 OMP_NUM_THREADS=2 -- "$OUT/omp_reduce"

expect robust 0 "lock after owner death: EOWNERDEAD
consistent: 0
unlock: 0
lock again: 0
waiter woken by owner death: EOWNERDEAD
lock: EOWNERDEAD
unlock without consistent: 0
lock after that: ENOTRECOVERABLE" -- "$G/thr_robust"
expect lrsc_aba 0 "lr saw 100; sc after A-B-A failed; word 100
sc to another address failed" -- "$G/thr_aba"
clone_lines() {
  for how in clone3 clone; do
    printf '%s\n' "$how: returned a tid yes" "$how: parent tid word set" \
      "$how: child's gettid matches" \
      "$how: child saw parent tid word set, child tid word set" "$how: tls ok, stack ok" \
      "$how: tid word cleared at exit"
  done
}
expect clone_clone3 0 "$(clone_lines)" -- "$G/thr_clone"
