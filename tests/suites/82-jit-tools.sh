#!/bin/bash
# Translator tools (src/jit/verify.c, perf_map.c, dump.c, tools/rvx-jitdis.c):
#  - --verify: every guest program of build/guest and build/isa (and the random differential
#    test's programs) runs in lockstep with the same stdout, stderr and status as the
#    interpreter alone, and --stats shows that blocks were compared; a translator bug
#    injected at a known instruction (RVX_JIT_INJECT_BUG=KIND@PC) is reported there, with
#    status 125, the register or memory difference, a trap of translated code, the block's
#    guest code and host code (decoded by rvx-jitdis);
#  - --perf-map: /tmp/perf-PID.map lines are "START SIZE name", cover disjoint host ranges and
#    name hot_loop (in the program) and lib_work (in a shared library);
#  - -d jit / --dump-jit: rvx-jitdis lists the records of a tiny loop with its guest mnemonics
#    and decodes every host byte; one record per translation;
#  - the options in --help, their errors, and that exec keeps them.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
CC=${CC:-cc} RV_CC=riscv64-linux-gnu-gcc
dir=$BUILD/jit_tools
src=tests/jit_tools
mkdir -p "$dir"
ulimit -c 0

pass() { echo "PASS jit-tools-$1"; }
fail() { echo "FAIL jit-tools-$1: $(echo "$2" | tr '\n' ' ' | head -c 300)"; }

# build OUT SOURCES... -- COMMAND...: runs COMMAND when OUT is older than a source.
build() {
  local out=$1; shift
  local srcs=()
  while [ "$1" != -- ]; do srcs+=("$1"); shift; done
  shift
  local s stale=
  [ -e "$out" ] || stale=1
  for s in "${srcs[@]}"; do [ "$s" -nt "$out" ] && stale=1; done
  [ -z "$stale" ] && return 0
  "$@" 2>"$out.log" || { fail "build-$(basename "$out")" "$(head -c 300 "$out.log")"; rm -f "$out"; return 1; }
}

JITDIS=$dir/rvx-jitdis
build "$JITDIS" tools/rvx-jitdis.c -- \
  $CC -std=gnu17 -Wall -Wextra -Werror -O2 -o "$JITDIS" tools/rvx-jitdis.c -lZydis
build "$dir/tiny" $src/tiny.S -- $RV_CC -static -nostdlib -o "$dir/tiny" $src/tiny.S
build "$dir/hot" $src/hot.c $src/libhot.c -- \
  $RV_CC -O2 -static -o "$dir/hot" $src/hot.c $src/libhot.c
build "$dir/libhot.so" $src/libhot.c -- $RV_CC -O2 -fPIC -shared -o "$dir/libhot.so" $src/libhot.c
build "$dir/hot-dyn" $src/hot.c "$dir/libhot.so" -- \
  $RV_CC -O2 -o "$dir/hot-dyn" $src/hot.c -L"$dir" -lhot "-Wl,-rpath,$dir"

# ---- --verify: the test programs agree in lockstep ----
run_in() {   # run_in OPTS... -- PROG ARGS: stdout+stderr and status, in a fresh directory
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  local wd=$dir/cwd
  rm -rf "$wd" && mkdir -p "$wd"
  { cd "$wd" && timeout "${TIMEOUT:-60}" "$RVX" "${opts[@]}" "$@" </dev/null 2>&1; echo "status $?"; } 2>/dev/null
}
# malloc_stress runs 7e9 instructions (10 s interpreted, ~15 times that in lockstep): only its
# first seconds are compared here (no divergence reported, still running).
SLOW="malloc_stress"
n=0 bad= partial=
for p in "$BUILD"/guest/* "$BUILD"/isa/*; do
  [ -f "$p" ] && [ -x "$p" ] || continue
  case $p in *.log|*.c|*.S|*.rvx|*.qemu|*.err) continue ;; esac
  n=$((n + 1))
  if [[ " $SLOW " == *" $(basename "$p") "* ]]; then
    out=$(TIMEOUT=8 run_in --verify -- "$p")
    if [ "$(echo "$out" | tail -1)" != "status 124" ] || echo "$out" | grep -q '^rvx: verify:'; then
      bad+="$(basename "$p") (first 8 s): $(echo "$out" | grep -v '^host' | head -4 | tr '\n' ' ') "
    fi
    partial+=" $(basename "$p")"
    continue
  fi
  ref=$(run_in --engine=interp -- "$p")
  out=$(run_in --verify -- "$p")
  # A threaded program: the lockstep ends at its second thread, with one note (checked below).
  out=$(echo "$out" | grep -av '^rvx: verify: the guest starts a second thread; verification stops here$')
  if [ "$out" != "$ref" ]; then
    bad+="$(basename "$(dirname "$p")")/$(basename "$p"): $(diff <(echo "$ref") <(echo "$out") | head -6 | tr '\n' ' ') "
  fi
done
if [ $n -lt 20 ]; then fail verify-programs "only $n programs found (make guests)"
elif [ -n "$bad" ]; then fail verify-programs "$bad"
else pass "verify-programs ($n programs agree;$partial only for 8 s)"; fi

# Threads end the lockstep (other threads write the memory being compared): one note, and
# the program runs on to the same result.
out=$(run_in --verify -- "$BUILD/guest/thr_amo")
ref=$(run_in --engine=interp -- "$BUILD/guest/thr_amo")
if [ "$(echo "$out" | grep -c '^rvx: verify: the guest starts a second thread; verification stops here$')" = 1 ] &&
   [ "$(echo "$out" | grep -v '^rvx: verify:')" = "$ref" ]; then
  pass "verify-threads-stop"
else
  fail verify-threads-stop "$(echo "$out" | head -3 | tr '\n' ' ')"
fi

stats=$(run_in --verify --stats -- "$BUILD/guest/libm")
blocks=$(echo "$stats" | sed -n 's/^rvx: stats: verify blocks compared: //p')
insns=$(echo "$stats" | sed -n 's/^rvx: stats: instructions executed: //p')
cmp_insns=$(echo "$stats" | sed -n 's/^rvx: stats: verify instructions compared: //p')
if [ -n "$blocks" ] && [ "$blocks" -gt 1000 ] && [ -n "$cmp_insns" ] &&
   [ $((cmp_insns * 10)) -gt $((insns * 9)) ]; then
  pass "verify-stats ($blocks blocks, $cmp_insns of $insns instructions compared)"
else
  fail verify-stats "$(echo "$stats" | grep -E 'verify|instructions')"
fi

# The random instruction streams of the differential test, each checked in lockstep.
if [ -x tests/diff/run.sh ]; then
  printf '#!/bin/sh\nexec "%s" --verify "$@"\n' "$RVX" >"$dir/rvx-verify"
  chmod +x "$dir/rvx-verify"
  RVX=$dir/rvx-verify tests/diff/run.sh --seed 21 --cases 150 | grep -E '^(PASS|FAIL)|^  ' |
    sed 's/^PASS diff/PASS jit-tools-verify-diff/; s/^FAIL diff/FAIL jit-tools-verify-diff/'
fi

# ---- --verify: injected translator bugs are found where they are ----
sym() { riscv64-linux-gnu-nm "$dir/tiny" | awk -v s="$1" '$3 == s { print "0x" $1 }' | sed 's/0x0*/0x/'; }
# inject NAME KIND LABEL EXPECT...: the report names the instruction at LABEL and has EXPECT
inject() {
  local name=$1 kind=$2 label=$3; shift 3
  local pc; pc=$(sym "$label")
  local out
  out=$(RVX_JIT_INJECT_BUG=$kind@$pc RVX_JITDIS=$JITDIS run_in --verify -- "$dir/tiny")
  local why=
  echo "$out" | grep -q '^status 125$' || why+="status $(echo "$out" | tail -1); "
  echo "$out" | grep -q "^rvx: verify: divergence in the block at guest pc 0x" || why+="no report; "
  echo "$out" | grep -q "^rvx: verify: first diverging instruction: $pc: " || why+="does not name $pc; "
  echo "$out" | grep -q "^== guest 0x.* fn " || why+="no decoded record; "
  echo "$out" | grep -qE "^ +[0-9a-f]+: +[0-9a-f]{2} .*(mov|add|cmp)" || why+="no host instructions; "
  echo "$out" | grep -q "(bad" && why+="undecodable host bytes; "
  local e
  for e in "$@"; do echo "$out" | grep -qE -- "$e" || why+="no '$e'; "; done
  if [ -z "$why" ]; then pass "verify-inject-$name"; else fail "verify-inject-$name" "$why $(echo "$out" | head -5)"; fi
}
inject addi-register addi bug_addi 'x10/a0 +0x0+1 +0x0+2' "$(sym bug_addi | sed 's/0x//'): +[0-9a-f]+ +c\.addi"
inject add-register add bug_add 'x12/a2 +0x0+8 +0xf+e' 'c\.add'
inject memory-only addi mem_only '^rvx: verify:   memory at 0x' '^rvx: verify:     interpreter 0c 00' \
  '^rvx: verify:     translator  0d 00'
inject host-fault addi edge_load 'the translation raised signal 11 .* at pc 0x' \
  'the interpreter ran the block without a trap'
# Without the switch the same program passes, and the record is printed raw without the tool.
out=$(RVX_JIT_INJECT_BUG=addi@$(sym bug_addi) run_in --verify -- "$dir/tiny")
if echo "$out" | grep -q '^status 125$' && echo "$out" | grep -q '^host 0x[0-9a-f]* [0-9a-f]*$' &&
   [ "$(run_in --verify -- "$dir/tiny")" = "status 0" ]; then
  pass verify-inject-raw-record
else fail verify-inject-raw-record "$(echo "$out" | head -4)"; fi
# The raw report goes through rvx-jitdis afterwards as well.
if echo "$out" | "$JITDIS" | grep -qE '^ +[0-9a-f]+: +[0-9a-f]+ +c\.addi'; then pass verify-report-through-jitdis
else fail verify-report-through-jitdis "$(echo "$out" | "$JITDIS" 2>&1 | head -5)"; fi

# ---- --perf-map ----
# perfmap NAME PROG FUNCS...: the map of PROG's run is well-formed and names FUNCS.
perfmap() {
  local name=$1 prog=$2; shift 2
  local out pid map why=
  out=$(run_in --perf-map --jit-threshold=0 -- "$prog")
  pid=$(echo "$out" | sed -n 's/^pid //p')
  map=/tmp/perf-$pid.map
  if [ -z "$pid" ] || [ ! -s "$map" ]; then fail "perf-map-$name" "no $map: $out"; return; fi
  local lines; lines=$(wc -l <"$map")
  local bad_lines; bad_lines=$(grep -cvE '^[0-9a-f]+ [0-9a-f]+ [^ ].* \[0x[0-9a-f]+\]$' "$map")
  [ "$bad_lines" = 0 ] || why+="$bad_lines malformed lines: $(grep -vE '^[0-9a-f]+ [0-9a-f]+ ' "$map" | head -2); "
  # Host ranges: disjoint (no flush happens in so short a run).
  local overlap=0 last=0 s e
  while read -r s e; do
    [ "$s" -lt "$last" ] && overlap=$((overlap + 1))
    last=$e
  done < <(while read -r a z _; do echo "$((16#$a)) $((16#$a + 16#$z))"; done <"$map" | sort -n)
  [ "$overlap" = 0 ] || why+="$overlap overlapping ranges; "
  local f
  for f in "$@"; do grep -qE " $f(\+0x[0-9a-f]+)? \[0x[0-9a-f]+\]$" "$map" || why+="no $f; "; done
  rm -f "$map"
  if [ -z "$why" ]; then pass "perf-map-$name ($lines translations)"; else fail "perf-map-$name" "$why"; fi
}
perfmap static "$dir/hot" hot_loop lib_work main __libc_start_main
perfmap dynamic "$dir/hot-dyn" hot_loop lib_work main __libc_start_main 'ld-linux-riscv64-lp64d\.so\.1'
# The names agree with the ELF: the address of hot_loop + offset is the pc in brackets.
out=$(run_in --perf-map --jit-threshold=5 -- "$dir/hot")
pid=$(echo "$out" | sed -n 's/^pid //p')
hot=$(riscv64-linux-gnu-nm "$dir/hot" | awk '$3 == "hot_loop" { print $1 }')
n=0 why=
while read -r _ _ name pc; do
  off=0
  [[ $name == *+0x* ]] && off=$((16#${name#*+0x}))
  pc=${pc#[0x}; pc=${pc%]}
  n=$((n + 1))
  [ $((16#$pc)) = $((16#$hot + off)) ] || why+="$name at $pc; "
done < <(grep -E ' hot_loop(\+0x[0-9a-f]+)? \[' "/tmp/perf-$pid.map" 2>/dev/null)
if [ -n "$pid" ] && [ $n -gt 0 ] && [ -z "$why" ]; then pass "perf-map-offsets ($n translations in hot_loop)"
else fail perf-map-offsets "$n lines: $why"; fi
rm -f "/tmp/perf-$pid.map"

# ---- -d jit / --dump-jit ----
dump=$dir/tiny.dump
rm -f "$dump"
out=$(run_in --dump-jit="$dump" --jit-threshold=0 --stats -- "$dir/tiny")
translations=$(echo "$out" | sed -n 's/^rvx: stats: jit translations: //p')
listing=$("$JITDIS" -s "$dump" 2>"$dir/jitdis.err"); st=$?
records=$(grep -c '^translation ' "$dump")
why=
[ $st = 0 ] || why+="rvx-jitdis status $st: $(head -c 200 "$dir/jitdis.err"); "
[ -n "$translations" ] && [ "$records" = "$translations" ] || why+="$records records for $translations translations; "
grep -q "^rvx-jitdis: $records translations, [1-9][0-9]* host instructions, 0 errors$" "$dir/jitdis.err" ||
  why+="summary: $(cat "$dir/jitdis.err"); "
# The loop's block: its three instructions, then host code.
loop=$(sym bug_addi | sed 's/^0x//')
echo "$listing" | grep -A4 "^== guest 0x$loop " | grep -qE "$loop: +[0-9a-f]+ +c\.addi\s+a0,1" &&
echo "$listing" | grep -A4 "^== guest 0x$loop " | grep -qE ": +[0-9a-f]+ +c\.addi\s+a1,-1" &&
echo "$listing" | grep -A4 "^== guest 0x$loop " | grep -qE ": +[0-9a-f]+ +c\.bnez\s+a1," ||
  why+="loop block not listed: $(echo "$listing" | grep -A4 "^== guest 0x$loop " | head -5); "
echo "$listing" | grep -q "(bad" && why+="undecodable bytes; "
if [ -z "$why" ]; then pass "dump-jit-listing ($records translations)"; else fail dump-jit-listing "$why"; fi
# Corrupted host bytes are reported, not decoded.
sed '0,/^host 0x/s/^\(host 0x[0-9a-f]* \)[0-9a-f][0-9a-f]/\10f0b0f0b/' "$dump" >"$dir/bad.dump"
sed -i '0,/^host 0x/s/^\(host 0x[0-9a-f]* [0-9a-f]*\)$/\1f/' "$dir/bad.dump"
if "$JITDIS" "$dir/bad.dump" >/dev/null 2>&1; then fail dump-jit-bad-record "a malformed record passed"
else pass dump-jit-bad-record; fi
# -d jit: /tmp/rvx-jit-PID.dump
out=$(run_in -d jit --jit-threshold=0 -- "$dir/hot")
pid=$(echo "$out" | sed -n 's/^pid //p')
if [ -n "$pid" ] && [ -s "/tmp/rvx-jit-$pid.dump" ] &&
   "$JITDIS" "/tmp/rvx-jit-$pid.dump" | grep -q "^== guest 0x[0-9a-f]* ops [0-9]* host 0x[0-9a-f]* size [0-9]* fn hot_loop"; then
  pass dump-jit-default-file
else
  fail dump-jit-default-file "$out"
fi
rm -f "/tmp/rvx-jit-$pid.dump"

# ---- the command line ----
help=$("$RVX" --help)
why=
for o in --verify --perf-map "-d jit" --dump-jit=FILE; do
  echo "$help" | grep -q -- "^  $o " || why+="$o not in --help; "
done
"$RVX" --verify --engine=interp "$dir/tiny" >/dev/null 2>&1; [ $? = 2 ] || why+="--verify --engine=interp accepted; "
"$RVX" -d foo "$dir/tiny" >/dev/null 2>&1; [ $? = 2 ] || why+="-d foo accepted; "
"$RVX" --dump-jit= "$dir/tiny" >/dev/null 2>&1; [ $? = 2 ] || why+="--dump-jit= accepted; "
if [ -z "$why" ]; then pass options; else fail options "$why"; fi
# exec of a riscv64 program keeps --verify: the injected bug is found in the exec'd program.
if [ -x "$BUILD/guest/proc_selfexec" ]; then
  out=$(RVX_JIT_INJECT_BUG=addi run_in --verify -- "$BUILD/guest/proc_selfexec")
  ref=$(run_in --verify -- "$BUILD/guest/proc_selfexec")
  if echo "$out" | grep -q '^status 125$' && [ "$(echo "$ref" | tail -1)" = "$(run_in --engine=interp -- "$BUILD/guest/proc_selfexec" | tail -1)" ]; then
    pass verify-exec
  else
    fail verify-exec "$(echo "$out" | tail -2)"
  fi
fi
exit 0
