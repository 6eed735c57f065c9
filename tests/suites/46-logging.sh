#!/bin/bash
# The -d/-D log (src/util/log.c, log_guest.c), under both engines: -d help, bad items and
# files (status 2), every item checked against the program's own view of itself (nm and
# objdump of the guest, what it prints), the log file surviving the guest closing every
# descriptor (and never showing among its fds), truncation, --log-append, "%d" per process,
# the exec'd program appending, RVX_LOG / RVX_LOG_FILENAME, --strace into the file.
source "$(dirname "$0")/../loader/common.sh"

D=$BUILD/46-logging
mkdir -p "$D" || exit 2
build "$RV_CC -O2 -static" "$D/log_probe" tests/logging/log_probe.c || { fail build log_probe; exit 1; }
HELLO=$(guest hello)
PROBE=$D/log_probe
NM=riscv64-linux-gnu-nm
OBJDUMP=riscv64-linux-gnu-objdump

check() {   # NAME MESSAGE-IF-FAILED CONDITION...
  local name=$1 msg=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$msg"; fi
}
errtxt() { head -c 300 "$TMP/r.err" | tr '\n' '|'; }
sym() { $NM "$1" | awk -v s="$2" '$3 == s { print $1; exit }' | sed 's/^0*//'; }

# ---- the command line ----
run "$TMP/r" "$RVX" -d help
check "-d help lists every item, status 0" "status $status" eval \
  '[ $status = 0 ] && for i in in_asm out_asm exec int strace unimp page jit; do
     grep -q "^$i " "$TMP/r.out" || exit 1; done'
for args in "-d bogus" "-d in_asm,,exec" "-d in_asm,nope" "-d" "-D" "-D ''"; do
  eval "run \"\$TMP/r\" \"\$RVX\" $args \"\$HELLO\""
  check "bad '$args': one line, status 2" "status $status, $(errtxt)" \
    eval '[ $status = 2 ] && one_line "$TMP/r.err" "rvx: "'
done
run "$TMP/r" env RVX_LOG=bogus "$RVX" "$HELLO"
check "RVX_LOG=bogus: status 2" "status $status, $(errtxt)" \
  eval '[ $status = 2 ] && one_line "$TMP/r.err" "rvx: RVX_LOG"'
run "$TMP/r" "$RVX" -d page -D /nonexistent/dir/log "$HELLO"
check "-D in a missing directory: one line, status 2" "status $status, $(errtxt)" \
  eval '[ $status = 2 ] && one_line "$TMP/r.err" "rvx: cannot open log file"'
run "$TMP/r" "$RVX" --log-append=1 "$HELLO"
check "--log-append takes no value" "status $status" eval '[ $status = 2 ]'

main=$(sym "$PROBE" main)
usr1=$(sym "$PROBE" on_usr1)
ill=$(sym "$PROBE" on_ill)
[ -n "$main" ] && [ -n "$usr1" ] && [ -n "$ill" ] || fail symbols "nm found no main/on_usr1/on_ill"
# The first instruction of main as objdump encodes it.
main_word=$($OBJDUMP -d "$PROBE" | awk -v a="$main:" '$1 == a { print $2; exit }')
run "$TMP/ref" "$RVX" "$PROBE"
ref_fds=$(grep '^fds:' "$TMP/ref.out")

for eng in interp jit; do
  E="[$eng]"
  opts=(--engine=$eng)
  [ $eng = jit ] && opts+=(--jit-threshold=0)
  log=$TMP/$eng.log
  echo STALE >"$log"
  run "$TMP/r" "$RVX" "${opts[@]}" -d in_asm,exec,int,unimp,page -D "$log" "$PROBE"
  check "$E the program runs as without the log, nothing on stderr" \
    "status $status, $(errtxt), $(diff "$TMP/ref.out" "$TMP/r.out" | head -5 | tr '\n' '|')" \
    eval '[ $status = 0 ] && [ ! -s "$TMP/r.err" ] && cmp -s <(grep -v "^mapped" "$TMP/ref.out") <(grep -v "^mapped" "$TMP/r.out")'
  check "$E the log file is no descriptor of the program's ($ref_fds)" "$(grep '^fds:' "$TMP/r.out")" \
    eval '[ "$(grep "^fds:" "$TMP/r.out")" = "fds: 0 1 2" ]'
  check "$E -D truncates the file first" "$(head -1 "$log")" eval '! grep -q STALE "$log"'
  # in_asm: main's block, its first word as objdump has it.
  check "$E in_asm: 'IN: main' and main's first instruction ($main_word at $main)" \
    "$(grep -A1 '^IN: main$' "$log" | head -2 | tr '\n' '|')" \
    eval 'grep -A1 "^IN: main$" "$log" | grep -Eq "^0x0*$main:  $main_word "'
  # exec: main entered; every Trace line well formed.
  check "$E exec: main is entered" "$(grep -c '^Trace' "$log") Trace lines" \
    eval 'grep -Eq "^Trace [0-9]+: 0x0*$main \[(interp|jit)\]$" "$log" &&
          ! grep "^Trace" "$log" | grep -Evq "^Trace [0-9]+: 0x[0-9a-f]{16} \[(interp|jit)\]$"'
  if [ $eng = interp ]; then
    check "$E exec: every block interpreted" "$(grep '^Trace' "$log" | grep -c '\[jit\]') jit lines" \
      eval '! grep -q "^Trace.*\[jit\]" "$log"'
  else
    check "$E exec: translated blocks are listed" "no [jit] line" eval 'grep -q "^Trace.*\[jit\]" "$log"'
  fi
  # int: SIGUSR1 to on_usr1, SIGILL to on_ill.
  check "$E int: SIGUSR1 delivered to on_usr1 (0x$usr1)" "$(grep '^Signal' "$log" | tr '\n' '|')" \
    eval 'grep -Eq "^Signal 10 \(SIGUSR1\) code -6, tid [0-9]+, at pc 0x[0-9a-f]+: handler 0x$usr1 <on_usr1>$" "$log"'
  check "$E int: SIGILL delivered to on_ill" "$(grep '^Signal' "$log" | tr '\n' '|')" \
    eval 'grep -Eq "^Signal 4 \(SIGILL\) code 1, .*: handler 0x$ill <on_ill>$" "$log"'
  # unimp: syscall 999 and the illegal parcel, at the pc the SIGILL line names.
  check "$E unimp: syscall 999" "$(grep -i unimpl "$log")" \
    eval 'grep -q "^Unimplemented syscall 999 (not in rvx.s table) at pc 0x" "$log"'
  illpc=$(sed -n 's/^Signal 4 (SIGILL) code 1, tid [0-9]*, at pc 0x\([0-9a-f]*\):.*/\1/p' "$log")
  check "$E unimp: the illegal instruction, at the SIGILL's pc" "pc $illpc; $(grep -A1 '^Illegal' "$log" | tr '\n' '|')" \
    eval '[ -n "$illpc" ] && grep -A1 "^Illegal instruction" "$log" | grep -Eq "^0x0*$illpc:  0000 +\(illegal\)$"'
  # page: the initial layout with the program, the mmap at the address the program printed.
  p=$(sed -n 's/^mapped 0x//p' "$TMP/r.out")
  check "$E page: initial layout names the program" "$(head -3 "$log" | tr '\n' '|')" \
    eval 'grep -A1 "^page layout (initial layout):$" "$log" | grep -q " r-xp .*$PROBE$"'
  check "$E page: mmap, mprotect, munmap of 0x$p" "$(grep -E '^(mmap|mprotect|munmap)' "$log" | tail -3 | tr '\n' '|')" \
    eval 'e=$(printf %x $((0x$p + 8192))); h=$(printf %x $((0x$p + 4096)));
          grep -q "^mmap 0x$p-0x$e rw- private anonymous$" "$log" &&
          grep -q "^mprotect 0x$p-0x$h r--$" "$log" && grep -q "^munmap 0x$p-0x$e$" "$log"'
  check "$E page: brk calls with their result" "$(grep -m1 '^brk' "$log")" \
    eval 'grep -Eq "^brk 0x[0-9a-f]+: break at 0x[0-9a-f]+$" "$log"'
  # The exec'd child appends its own log (a second initial layout) to the same file.
  check "$E the program the guest execs logs into the same file" \
    "$(grep -c '^page layout' "$log") layouts; $(grep child "$TMP/r.out")" \
    eval '[ "$(grep -c "^page layout (initial layout):$" "$log")" = 2 ] && grep -q "^child ran$" "$TMP/r.out" &&
          grep -q "^Signal 10" "$log"'

  # out_asm: translation records, only under the translator.
  run "$TMP/r" "$RVX" "${opts[@]}" -d out_asm -D "$log" "$HELLO"
  n=$(grep -c '^translation guest 0x' "$log"); e=$(grep -c '^end$' "$log")
  if [ $eng = jit ]; then
    check "$E out_asm: a record per translation" "$n records, $e ends" \
      eval '[ "$n" -gt 10 ] && [ "$n" = "$e" ] && grep -q "^host 0x[0-9a-f]* [0-9a-f]*$" "$log"'
  else
    check "$E out_asm: nothing under the interpreter" "$n records" eval '[ "$n" = 0 ] && [ $status = 0 ]'
  fi
  # strace to the file: -d strace and --strace alike; nothing on stderr.
  for s in "-d strace" "--strace"; do
    # shellcheck disable=SC2086
    run "$TMP/r" "$RVX" "${opts[@]}" $s -D "$log" "$HELLO"
    check "$E $s -D: the syscalls in the file, not on stderr" "$(errtxt); $(head -2 "$log" | tr '\n' '|')" \
      eval '[ ! -s "$TMP/r.err" ] && grep -q "^write(1, \"Hello" "$log" && grep -q "^exit_group(0" "$log"'
  done
done

# out_asm through rvx-jitdis (when Zydis is there to build it): records listed, other lines
# passed through.
JITDIS=$D/rvx-jitdis
if build "${CC:-cc} -O2" "$JITDIS" tools/rvx-jitdis.c -lZydis 2>/dev/null >/dev/null; then
  "$RVX" --jit-threshold=0 -d out_asm,page -D "$TMP/j.log" "$HELLO" >/dev/null
  "$JITDIS" "$TMP/j.log" >"$TMP/j.out" 2>&1
  check "rvx-jitdis lists an out_asm log (page lines passed through)" "$(head -3 "$TMP/j.out" | tr '\n' '|')" \
    eval 'grep -q "^== guest 0x[0-9a-f]* ops" "$TMP/j.out" && grep -q "^page layout" "$TMP/j.out"'
else
  pass "rvx-jitdis (skipped: no Zydis to build it)"
fi

# -d jit: with -D, out_asm into the file (without -D: /tmp/rvx-jit-PID.dump, 82-jit-tools).
"$RVX" --jit-threshold=0 -d jit -D "$TMP/jit.log" "$HELLO" >/dev/null 2>"$TMP/r.err"
check "-d jit -D FILE: the records go to FILE" "$(grep -c '^translation' "$TMP/jit.log")" \
  eval 'grep -q "^translation guest" "$TMP/jit.log" && [ ! -s "$TMP/r.err" ]'

# --log-append keeps what was there.
echo KEEP >"$TMP/app.log"
"$RVX" -d page -D "$TMP/app.log" --log-append "$HELLO" >/dev/null
check "--log-append keeps the file" "$(head -2 "$TMP/app.log" | tr '\n' '|')" \
  eval '[ "$(head -1 "$TMP/app.log")" = KEEP ] && grep -q "^page layout" "$TMP/app.log"'

# RVX_LOG / RVX_LOG_FILENAME, and a relative -D resolved before the guest changes directory.
(cd "$TMP" && RVX_LOG=int,unimp RVX_LOG_FILENAME=env.log "$RVX" "$PROBE" >/dev/null)
check "RVX_LOG and RVX_LOG_FILENAME act as -d and -D" "$(head -2 "$TMP/env.log" 2>&1 | tr '\n' '|')" \
  eval 'grep -q "^Signal 10 (SIGUSR1)" "$TMP/env.log" && grep -q "^Unimplemented syscall 999" "$TMP/env.log"'
run "$TMP/r" env RVX_LOG=int "$RVX" -d unimp "$PROBE"
check "-d adds to RVX_LOG; the log on stderr without -D" "$(errtxt)" \
  eval 'grep -q "^Signal 10" "$TMP/r.err" && grep -q "^Unimplemented syscall 999" "$TMP/r.err"'

# "%d": one file per process (the parent, and the forked child that execs).
rm -f "$TMP"/pp.*
"$RVX" -d page -D "$TMP/pp.%d" "$PROBE" >/dev/null
n=$(ls "$TMP"/pp.* 2>/dev/null | wc -l)
check "-D FILE.%d: a file per process" "$n files: $(ls "$TMP"/pp.* 2>&1 | tr '\n' ' ')" \
  eval '[ "$n" = 2 ] && for f in "$TMP"/pp.*; do grep -q "^page layout" "$f" || exit 1; done'
