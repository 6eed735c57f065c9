#!/bin/bash
# Real C programs (tests/guest/*.c, built static by make into $BUILD/guest) run under
# qemu-riscv64 and under rvx with the same arguments, environment and stdin, each in a fresh
# directory: stdout, stderr (where deterministic), the exit status and the files left behind
# must be the same. One PASS/FAIL line per run.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0

# The fixed environment every run gets (nothing from the caller's).
ENVV=(PATH=/usr/bin:/bin TZ=UTC LC_ALL=C HOME=/nonexistent RVXT_A=a RVXT_B=b RVXT_C=c)

# Runs one engine: run_one DIR STDIN-FILE ENGINE... PROGRAM ARGS; leaves out, err, rc and a
# listing of the files (names, types, modes, sizes, contents) next to DIR.
run_one() {
  local dir=$1 in=$2; shift 2
  mkdir -p "$dir"
  # (the outer braces keep bash's "Aborted" notice for a killed guest off the output)
  { (cd "$dir" && umask 022 && timeout 120 env -i "${ENVV[@]}" "$@" <"$in" >"$dir.out" \
      2>"$dir.err"); echo $? >"$dir.rc"; } 2>/dev/null
  (cd "$dir" && find . -mindepth 1 -printf '%y %m %s %p\n' | LC_ALL=C sort &&
   find . -type f -print0 | LC_ALL=C sort -z | xargs -0r md5sum) >"$dir.files"
}

# Reports how two result files differ: the first differing line of each.
first_diff() {
  diff "$1" "$2" | head -4 | tr '\n' ' ' | cut -c1-300
}

# check ID [--stdin TEXT] [--no-stderr] -- PROGRAM ARGS...
check() {
  local id=$1; shift
  local stdin_text="" cmp_err=1
  while [ "$1" != "--" ]; do
    case $1 in
      --stdin) stdin_text=$2; shift 2 ;;
      --no-stderr) cmp_err=0; shift ;;
      *) echo "FAIL $id: bad check options"; return ;;
    esac
  done
  shift
  local prog=$1; shift
  local bin=$BUILD/guest/$prog
  if [ ! -x "$bin" ]; then echo "FAIL $id: $bin not built"; return; fi
  if [ ! -x "$RVX" ]; then echo "FAIL $id: $RVX not built"; return; fi
  local d=$TMP/$id
  printf '%s' "$stdin_text" >"$d.in"
  run_one "$d/q/run" "$d.in" "$QEMU" "$bin" "$@"
  run_one "$d/r/run" "$d.in" "$RVX" "$bin" "$@"
  local q=$d/q/run r=$d/r/run why=""
  if ! cmp -s "$q.rc" "$r.rc"; then
    why="exit status qemu $(cat "$q.rc") rvx $(cat "$r.rc")"
  elif ! cmp -s "$q.out" "$r.out"; then
    why="stdout differs: $(first_diff "$q.out" "$r.out")"
  elif [ $cmp_err = 1 ] && ! cmp -s "$q.err" "$r.err"; then
    why="stderr differs: $(first_diff "$q.err" "$r.err")"
  elif ! cmp -s "$q.files" "$r.files"; then
    why="files differ: $(first_diff "$q.files" "$r.files")"
  fi
  if [ -z "$why" ]; then
    echo "PASS $id"
  else
    echo "FAIL $id: $why"
    [ -s "$r.err" ] && [ $cmp_err = 0 ] && echo "   rvx stderr: $(head -c 300 "$r.err")"
  fi
}

check stdio_fmt --stdin $'1.5\nnot a number\n  -2.25e1 tail\n\nlast line without newline' \
  -- stdio_fmt
check stdio_fmt_empty_stdin -- stdio_fmt
check malloc_stress -- malloc_stress
check strings -- strings
check libm -- libm
check time_test -- time_test
check files -- files
check errno_test -- errno_test
check fdwait -- fdwait
check codegen -- codegen
check smc_flush -- smc_flush
check proc_self -- proc_self x "y z"
check env_args -- env_args one "two words" '' "quote\"d" $'new\nline'
check env_args_exit_0 -- env_args exit 0
check env_args_exit_42 -- env_args exit 42
check env_args_exit_255 -- env_args exit 255
check env_args_exit_256 -- env_args exit 256
check env_args__exit -- env_args _exit
# qemu reports the uncaught signal on stderr in its own words.
check env_args_abort --no-stderr -- env_args abort
check env_args_raise_segv --no-stderr -- env_args raise 11
check env_args_raise_bus --no-stderr -- env_args raise 7
check env_args_raise_term --no-stderr -- env_args raise 15
check env_args_raise_chld -- env_args raise 17
