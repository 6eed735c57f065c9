#!/bin/bash
# Loader, guest memory and fault handler tests: the unit tests (tests/unit/test_loader.c), every
# kind of bad ELF input (exit status 126/127 and exactly one line "rvx: FILE: reason"), a corpus
# of mutated ELF headers that must never crash rvx, a static-PIE program, and the initial stack
# and auxv compared with qemu-riscv64.
source "$(dirname "$0")/../loader/common.sh"

CLI=$(guest cli)
AUXV=$(guest auxv)
MMAN=$(guest mman)
build "$HOSTCC" "$L/mkbad" tests/loader/mkbad.c || fail "build mkbad" "see above"
build "$HOSTCC" "$L/mutate" tests/loader/mutate.c || fail "build mutate" "see above"
build "$RV_CC -O2 -fPIE -static-pie -nostdlib -Wl,--no-relax -Wl,--no-dynamic-linker" \
  "$L/pie" tests/loader/pie.c || fail "build pie" "see above"
build "$RV_CC -O2" "$L/dynamic" tests/guest/cli.c || fail "build dynamic" "see above"
build "$RV_CC -static -nostdlib" "$L/traps" tests/loader/traps.S || fail "build traps" "see above"

# --- unit tests: mem, loader, stack (they print their own PASS/FAIL lines) ---
if [ -f "$BUILD/librvx.a" ] &&
   build "$HOSTCC" "$L/test_loader" tests/unit/test_loader.c "$BUILD/librvx.a" -lm; then
  "$L/test_loader" "$CLI" "$L/pie" >"$TMP/unit.out" 2>&1; rc=$?
  cat "$TMP/unit.out"
  # A failed check prints FAIL and exits 1; anything else (a crash) fails here.
  [ $rc = 0 ] || [ $rc = 1 ] || fail "unit tests" "test_loader ended with status $rc: $(tail -1 "$TMP/unit.out")"
else
  fail "unit tests" "cannot build tests/unit/test_loader.c against $BUILD/librvx.a"
fi

# --- the host fault handler, driven by the unit test binary ---
fault() {   # MODE SIGNAL EXPECTED-STDERR-LINE (a prefix)
  run "$TMP/f" "$L/test_loader" fault "$1"
  if [ "$(cat "$TMP/f.how")" != "signal $2" ]; then
    fail "fault handler: $1" "ended with '$(cat "$TMP/f.how")', want signal $2"
  elif ! one_line "$TMP/f.err" "$3"; then
    fail "fault handler: $1" "stderr: $(head -c 300 "$TMP/f.err")"
  else
    pass "fault handler: $1"
  fi
}
fault maperr 11 "rvx: guest SIGSEGV at pc 0x1234: address 0x5000 (SEGV_MAPERR)"
fault accerr 11 "rvx: guest SIGSEGV at pc 0x1234: address 0x20010 (SEGV_ACCERR)"
fault guard 11 "rvx: guest SIGSEGV at pc 0x1234: address 0x3ffffffffc (SEGV_MAPERR)"
fault internal 11 "rvx: internal error: SIGSEGV at host address 0x10"
fault stackoverflow 11 "rvx: internal error: SIGSEGV at host address"
fault trap 4 "rvx: guest SIGILL at pc 0x10078: address 0x10078 (ILL_ILLOPC)"

# --- guest traps end to end: the signal qemu dies of, and rvx's one-line report ---
sym() { printf '0x%x' "0x$(riscv64-linux-gnu-nm "$L/traps" | sed -n "s/^\([0-9a-f]*\) . $1\$/\1/p")"; }
trap_case() {   # NAME ARGC SIGNAL EXPECTED-LINE-REGEX
  local args=(); for ((k = 1; k < $2; k++)); do args+=(x); done
  run "$TMP/t" "$RVX" "$L/traps" "${args[@]}"
  "$L/runsig" "$TMP/tq.how" "$QEMU" "$L/traps" "${args[@]}" 2>/dev/null
  if [ "$(cat "$TMP/t.how")" != "signal $3" ] || [ "$(cat "$TMP/tq.how")" != "signal $3" ]; then
    fail "guest trap: $1" "rvx $(cat "$TMP/t.how"), qemu $(cat "$TMP/tq.how"), want signal $3"
  elif [ "$(wc -l <"$TMP/t.err")" != 1 ] || ! grep -qx -- "$4" "$TMP/t.err"; then
    fail "guest trap: $1" "stderr '$(head -c 200 "$TMP/t.err")', want /$4/"
  else
    pass "guest trap: $1"
  fi
}
ill=$(sym ill) brk=$(sym brk) data=$(sym data) start=$(sym _start)
trap_case "illegal instruction" 1 4 "rvx: guest SIGILL at pc $ill: address $ill (ILL_ILLOPC)"
trap_case "ebreak" 2 5 "rvx: guest SIGTRAP at pc $brk: address $brk (TRAP_BRKPT)"
trap_case "misaligned AMO" 3 7 \
  "rvx: guest SIGBUS at pc 0x[0-9a-f]*: address $(printf '0x%x' $((data + 2))) (BUS_ADRALN)"
trap_case "jump into a data page" 4 11 "rvx: guest SIGSEGV at pc $data: address $data (SEGV_ACCERR)"
trap_case "jump past the address space" 5 11 \
  "rvx: guest SIGSEGV at pc 0x10000000000: address 0x10000000000 (SEGV_MAPERR)"
trap_case "load from an unmapped page" 6 11 \
  "rvx: guest SIGSEGV at pc 0x[0-9a-f]*: address 0x1000 (SEGV_MAPERR)"
trap_case "store into the text" 7 11 \
  "rvx: guest SIGSEGV at pc 0x[0-9a-f]*: address $start (SEGV_ACCERR)"
trap_case "load past the address space" 8 11 \
  "rvx: guest SIGSEGV at pc 0x[0-9a-f]*: address 0x4000000008 (SEGV_MAPERR)"

# --- bad inputs: status and exactly one line naming the file ---
bad() {   # NAME FILE STATUS WORDS [RVX-OPTIONS...]
  run "$TMP/b" "$RVX" "${@:5}" "$2"
  if [ "$status" != "$3" ]; then
    fail "bad input: $1" "status $status, want $3; stderr: $(head -c 200 "$TMP/b.err")"
  elif ! one_line "$TMP/b.err" "rvx: $2: "; then
    fail "bad input: $1" "stderr is not one line 'rvx: $2: ...': $(head -c 300 "$TMP/b.err")"
  elif ! grep -qF -- "$4" "$TMP/b.err"; then
    fail "bad input: $1" "reason lacks '$4': $(cat "$TMP/b.err")"
  else
    pass "bad input: $1"
  fi
}
bad "missing file" "$TMP/no-such-file" 127 "No such file or directory"
bad "directory" "$TMP" 126 "Is a directory"
bad "x86-64 program (/bin/true)" /bin/true 126 "not a RISC-V program (ELF machine 62: x86-64)"
bad "dynamically linked, no loader in the sysroot" "$L/dynamic" 127 \
  "cannot find its dynamic loader /lib/ld-linux-riscv64-lp64d.so.1" -L "$TMP/no-such-root"
mkdir -p "$TMP/bad"
if "$L/mkbad" "$CLI" "$TMP/bad" >"$TMP/bad.list"; then
  while read -r name words; do
    bad "$name" "$TMP/bad/$name" 126 "$words"
  done <"$TMP/bad.list"
else
  fail "bad inputs" "mkbad failed"
fi

# --- mutated ELF headers: rvx never crashes ---
# A run is fine if rvx rejected the file (126, one line), ran the guest (any exit), the guest
# faulted (death by signal with the "rvx: guest SIG..." line), the guest sent itself the signal
# it died of (seen with --strace), or the guest looped (timeout).
# Anything else (rvx dying of a signal without that line, "internal error") is a crash.
mkdir -p "$TMP/mut"
if ! "$L/mutate" "$CLI" "$TMP/mut" glibc- 120 1 || ! "$L/mutate" "$L/pie" "$TMP/mut" pie- 120 2; then
  fail "mutated ELF corpus" "mutate failed"
fi
classify() {
  local f=$1 how err
  "$L/runsig" "$f.how" timeout -s KILL 5 "$RVX" "$f" >/dev/null 2>"$f.err" </dev/null
  how=$(cat "$f.how" 2>/dev/null)
  err=$(head -c 300 "$f.err" | tr '\n' '|')
  case "$how" in
    "exit 126")
      if [ "$(wc -l <"$f.err")" = 1 ] && grep -q "^rvx: $f: " "$f.err"; then echo "rejected"
      else echo "CRASH $f: 126 without the one-line reason: $err"; fi ;;
    "signal 9") echo "timeout" ;;   # timeout kills its process group: the guest looped
    "signal 4"|"signal 5"|"signal 7"|"signal 8"|"signal 11"|"signal 31")
      # rvx reports every guest fault of these itself, in one line.
      if [ "$(wc -l <"$f.err")" = 1 ] && grep -q "^rvx: guest SIG" "$f.err"; then
        echo "guest-fault"
      else
        echo "CRASH $f: $how: $err"
      fi ;;
    "signal "*)
      # Other signals: fine if the guest raised it itself (glibc's raise() makes these calls
      # last; the signal-sending call returns, and the signal kills at the next block).
      if ! grep -q "^rvx: " "$f.err" &&
         "$RVX" --strace "$f" 2>&1 >/dev/null </dev/null | tail -n 1 |
           grep -q "^\(gettid\|getpid\|rt_sigprocmask\|tgkill\|tkill\|kill\)("; then
        echo "guest-signal"
      else
        echo "CRASH $f: $how: $err"
      fi ;;
    *)
      if grep -q "internal error" "$f.err"; then echo "CRASH $f: $how: $err"; else echo "ran"; fi ;;
  esac
}
export -f classify
export L RVX
ls "$TMP"/mut/* 2>/dev/null | grep -v '\.\(how\|err\)$' |
  xargs -P 2 -I{} bash -c 'classify {}' >"$TMP/verdicts"
total=$(wc -l <"$TMP/verdicts")
crashes=$(grep -c '^CRASH' "$TMP/verdicts")
summary="$(grep -c '^rejected' "$TMP/verdicts") rejected, $(grep -c '^ran' "$TMP/verdicts") ran,"
summary="$summary $(grep -c '^guest-fault' "$TMP/verdicts") guest faults,"
summary="$summary $(grep -c '^guest-signal' "$TMP/verdicts") guest signals, $(grep -c '^timeout' "$TMP/verdicts") timeouts"
if [ "$total" -lt 200 ]; then
  fail "mutated ELF corpus" "only $total files"
elif [ "$crashes" != 0 ]; then
  fail "mutated ELF corpus" "$crashes of $total crashed rvx; first: $(grep -m1 '^CRASH' "$TMP/verdicts")"
else
  pass "mutated ELF corpus: $total files, none crashed rvx ($summary)"
fi

# --- programs that run ---
run "$TMP/p" "$RVX" "$L/pie"
if [ "$status" = 0 ] && [ "$(cat "$TMP/p.out")" = "static-pie ok" ] && [ ! -s "$TMP/p.err" ]; then
  pass "static-PIE program runs (self-relocated at the load bias)"
else
  fail "static-PIE program runs" "status $status, out '$(head -c 100 "$TMP/p.out")', err '$(head -c 200 "$TMP/p.err")'"
fi

# A dynamically linked program (tests/suites/60-dynamic.sh has the rest): PT_INTERP's loader
# comes from the sysroot, and the program runs as its static build does.
run "$TMP/d" "$RVX" -L "${RVX_TEST_SYSROOT:-/usr/riscv64-linux-gnu}" -0 prog "$L/dynamic" args x
run "$TMP/s" "$RVX" -0 prog "$CLI" args x
if [ "$status" = 0 ] && cmp -s "$TMP/d.out" "$TMP/s.out" && [ -s "$TMP/d.out" ] &&
   [ "$(cat "$TMP/d.how")" = "exit 0" ] && [ ! -s "$TMP/d.err" ]; then
  pass "dynamically linked program runs (PT_INTERP from the sysroot)"
else
  fail "dynamically linked program runs" "$(cat "$TMP/d.how"): $(head -c 200 "$TMP/d.err") $(diff "$TMP/d.out" "$TMP/s.out" | head -3 | tr '\n' ' ')"
fi

# --- the memory syscalls end to end (qemu 7.2 treats MAP_FIXED_NOREPLACE as a hint: that
# line is Linux's answer, not qemu's) ---
run "$TMP/m" "$RVX" "$MMAN"
"$QEMU" "$MMAN" 2>/dev/null | grep -v "^MAP_FIXED_NOREPLACE over" >"$TMP/m.qemu"
if [ "$status" != 0 ] || grep -qv ': ok$' "$TMP/m.out" || [ "$(wc -l <"$TMP/m.out")" -lt 24 ]; then
  fail "memory syscalls (tests/guest/mman.c)" "status $status: $(grep -v ': ok$' "$TMP/m.out" | head -3 | tr '\n' '|') $(head -c 200 "$TMP/m.err")"
elif ! diff <(grep -v "^MAP_FIXED_NOREPLACE over" "$TMP/m.out") "$TMP/m.qemu" >/dev/null; then
  fail "memory syscalls (tests/guest/mman.c)" "differs from qemu: $(diff "$TMP/m.out" "$TMP/m.qemu" | head -4 | tr '\n' '|')"
else
  pass "memory syscalls (tests/guest/mman.c): $(wc -l <"$TMP/m.out") checks, same as qemu"
fi

# --- the initial stack and auxv, against qemu where they should agree ---
env -i A=1 B=two "$L/runsig" "$TMP/a.how" "$RVX" "$AUXV" x "" 'y z' >"$TMP/a.rvx" 2>"$TMP/a.err"
env -i A=1 B=two "$QEMU" "$AUXV" x "" 'y z' >"$TMP/a.qemu" 2>/dev/null
# qemu reverses the environment; Linux and rvx keep its order (checked in 45-cli): sort.
if [ "$(cat "$TMP/a.how")" != "exit 0" ]; then
  fail "auxv: matches qemu" "rvx: $(cat "$TMP/a.how"): $(head -c 200 "$TMP/a.err")"
elif ! diff <(grep '^C ' "$TMP/a.rvx" | sort) <(grep '^C ' "$TMP/a.qemu" | sort) >"$TMP/a.diff"; then
  fail "auxv: matches qemu" "$(head -c 400 "$TMP/a.diff" | tr '\n' '|')"
else
  pass "auxv: argv, envp, AT_PAGESZ/HWCAP/CLKTCK/SECURE/UID/.../ENTRY/PHDR/RANDOM/EXECFN match qemu"
fi
if grep -q '^L ' "$TMP/a.rvx" && ! grep '^L ' "$TMP/a.rvx" | grep -qv ': ok$'; then
  pass "auxv: initial stack has Linux's exact layout"
else
  fail "auxv: initial stack has Linux's exact layout" "$(grep '^L ' "$TMP/a.rvx" | grep -v ': ok$' | tr '\n' '|')"
fi
if grep -qx 'R AT_MINSIGSTKSZ=1088' "$TMP/a.rvx"; then
  pass "auxv: AT_MINSIGSTKSZ is 1088 (riscv64 rt_sigframe)"
else
  fail "auxv: AT_MINSIGSTKSZ" "$(grep '^R ' "$TMP/a.rvx")"
fi
exit 0
