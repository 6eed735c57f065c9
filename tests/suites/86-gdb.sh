#!/bin/bash
# The gdb remote stub (-g PORT, --gdb PORT, RVX_GDB=PORT): real gdb-multiarch in batch mode
# drives rvx over 127.0.0.1 under both engines (the translator and RVX_ENGINE=interp):
# breakpoints, printing arguments and locals, step/next/stepi, finish and a changed return
# value (the exit status follows), FP registers, a write watchpoint, a guest SIGSEGV, threads
# listed, selected and hitting breakpoints, detach, kill, Ctrl-C, memory errors; and the
# option's usage errors. gdb's transcript of the main session (translator) is kept in
# $BUILD/gdb/session.txt. Every process runs under a timeout; nothing waits for ever.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
OUT=$BUILD/gdb
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0
mkdir -p "$OUT" || exit 2
rm -f "$OUT/speed.txt"
GDB=${GDB:-gdb-multiarch}

if ! command -v "$GDB" >/dev/null 2>&1; then
  echo "FAIL gdb_installed: $GDB not found (tools/deps.sh installs gdb-multiarch)"
  exit 0
fi

# The guests, with debug information, built here when the source is newer: static ones; a
# static PIE (Debian's cross glibc has none: gdb_pie.c runs without libc); a dynamically
# linked PIE run with -L $SYSROOT, and a static build of the same source.
SYSROOT=/usr/riscv64-linux-gnu
build() {   # OUTPUT SOURCE FLAGS...
  local o=$OUT/$1 src=tests/guest/$2.c; shift 2
  if [ ! -x "$o" ] || [ "$src" -nt "$o" ]; then
    riscv64-linux-gnu-gcc -g -O0 "$@" -o "$o" "$src" >"$TMP/build.log" 2>&1 ||
      echo "FAIL build_$(basename "$o"): $(head -c 300 "$TMP/build.log")"
  fi
}
for p in gdb_prog gdb_segv gdb_threads; do
  build $p $p -static -pthread
done
build gdb_pie gdb_pie -fPIE -static-pie -nostdlib -Wl,--no-relax -Wl,--no-dynamic-linker \
  -DGDB_PIE_FREESTANDING
build gdb_dyn gdb_dyn -fPIE -pie
build gdb_dyn_static gdb_dyn -static

# Whether something listens on 127.0.0.1:$1 (/proc/net/tcp: local address, state 0A).
listening() {
  local hex
  hex=$(printf '0100007F:%04X' "$1")
  grep -q " $hex 00000000:0000 0A " /proc/net/tcp 2>/dev/null
}

# session ID ENGINE HOW PROG ARGS... : runs rvx under gdb. The gdb commands are in $TMP/ID.cmd;
# HOW is how rvx is told the port: -g, --gdb, --gdb= or env. Leaves $TMP/ID.gdb (gdb's
# output), ID.out, ID.err (rvx's) and ID.rc (rvx's status). With INTERRUPT=1, gdb gets a
# SIGINT (Ctrl-C) once the guest has used 0.2 s of CPU time. With DYN=1, rvx runs with
# -L $SYSROOT and gdb looks for the shared libraries there.
session() {
  local id=$1 engine=$2 how=$3 prog=$4; shift 4
  local d=$TMP/$id port rpid gpid try root=/ L=()
  if [ "${DYN:-0}" = 1 ]; then root=$SYSROOT; L=(-L "$SYSROOT"); fi
  for try in 1 2 3 4 5 6; do
    port=$((20000 + (RANDOM * 7 + $$ + try * 131) % 40000))
    listening "$port" && continue
    case $how in
      -g) timeout 60 env RVX_ENGINE="$engine" "$RVX" "${L[@]}" -g "$port" "$prog" "$@" ;;
      --gdb) timeout 60 env RVX_ENGINE="$engine" "$RVX" --gdb "$port" "$prog" "$@" ;;
      --gdb=) timeout 60 env RVX_ENGINE="$engine" "$RVX" --gdb="$port" "$prog" "$@" ;;
      env) timeout 60 env RVX_ENGINE="$engine" RVX_GDB="$port" "$RVX" "$prog" "$@" ;;
    esac >"$d.out" 2>"$d.err" &
    rpid=$!
    local n=0
    while ! listening "$port" && kill -0 "$rpid" 2>/dev/null && [ $n -lt 200 ]; do
      sleep 0.025; n=$((n + 1))
    done
    if listening "$port"; then break; fi
    wait "$rpid" 2>/dev/null
    grep -q "cannot listen" "$d.err" || break   # not a port clash: report what happened
  done
  # One -ex per command (in a command file, the first error would end the session).
  local args=(-ex "set pagination off" -ex "set confirm off" -ex "set sysroot $root"
              -ex "set trace-commands on" -ex "target remote 127.0.0.1:$port") line
  while IFS= read -r line; do
    args+=(-ex "$line")
  done <"$d.cmd"
  timeout 60 "$GDB" -nx -batch "${args[@]}" "$prog" >"$d.gdb" 2>&1 &
  gpid=$!
  if [ "${INTERRUPT:-0}" = 1 ]; then
    n=0
    local p c t i   # rpid is a subshell's; rvx is the deepest of its descendants
    while kill -0 "$rpid" 2>/dev/null && [ $n -lt 400 ]; do
      p=$rpid
      for i in 1 2 3 4; do
        c=$(cat "/proc/$p/task/$p/children" 2>/dev/null)
        [ -n "$c" ] || break
        p=${c%% *}
      done
      t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null)
      [ "${t:-0}" -ge 20 ] && break
      sleep 0.025; n=$((n + 1))
    done
    # To gdb itself: timeout would pass it on to gdb twice (to the child, then to its group),
    # and a second Ctrl-C makes gdb give up on the target.
    c=$(cat "/proc/$gpid/task/$gpid/children" 2>/dev/null)
    kill -INT "${c%% *}" 2>/dev/null
  fi
  wait "$gpid" 2>/dev/null
  wait "$rpid" 2>/dev/null
  echo $? >"$d.rc"
}

# expect ID TEST WHAT FILE PATTERN...: every fixed-string pattern must be in FILE.
fails=""
expect() {
  local file=$1; shift
  local p
  for p in "$@"; do
    grep -qF -- "$p" "$file" || fails="$fails; no '$p' in $(basename "$file")"
  done
}
expect_rc() { [ "$(cat "$1")" = "$2" ] || fails="$fails; rvx status $(cat "$1"), not $2"; }
verdict() {
  local id=$1
  if [ -z "$fails" ]; then
    echo "PASS $id"
  else
    echo "FAIL $id: ${fails#; }" | cut -c1-400
    echo "   gdb said: $(grep -v '^+' "$TMP/$id.gdb" | tail -5 | tr '\n' '|' | cut -c1-300)"
    echo "   rvx stderr: $(head -c 200 "$TMP/$id.err")"
  fi
  fails=""
}

for engine in jit interp; do
  P=$OUT/gdb_prog

  # The main session: a breakpoint in a C function, arguments and a local, step and next,
  # the backtrace, finish, a changed return value, threads, memory errors, continue to exit.
  id=session_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
break add
continue
print a
print b
next
print s
bt
info threads
x/2xw 0
finish
set $a0 = 42
print $a0
step
next
stepi
info registers pc
continue
EOF
  session "$id" "$engine" -g "$P"
  expect "$TMP/$id.gdb" "Breakpoint 1, add (a=3, b=4) at tests/guest/gdb_prog.c" '$1 = 3' \
    '$2 = 4' '$3 = 7' '#1  0x' 'in main (argc=1, argv=' '* 1    Thread ' \
    'Cannot access memory at address 0x0' 'Value returned is $4 = 7' \
    '$5 = 42' 'exited with code 052'
  expect "$TMP/$id.out" "add=42"
  expect_rc "$TMP/$id.rc" 42
  verdict "$id"
  [ "$engine" = jit ] && cp "$TMP/$id.gdb" "$OUT/session.txt"

  # FP registers: fscale's result in fa0 (also as f10), fcsr and its fields.
  id=fpregs_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
break fscale
continue
print x
finish
print $fa0.double
print $f10.double
print $fa4.double
set $fa0.double = 1.25
print $fa0.double
info registers fflags frm fcsr
continue
EOF
  session "$id" "$engine" --gdb "$P"
  expect "$TMP/$id.gdb" 'Breakpoint 1, fscale (x=7)' 'Value returned is $2 = 17.5' '$3 = 17.5' \
    '$4 = 17.5' '$5 = 7' '$6 = 1.25' 'fflags ' 'frm ' 'fcsr ' 'exited with code 07'
  expect "$TMP/$id.out" "d=1.25 counter=10"
  expect_rc "$TMP/$id.rc" 7
  verdict "$id"

  # A write watchpoint: each change of counter stops after the store that made it.
  id=watch_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
watch counter
continue
continue
continue
delete
continue
EOF
  session "$id" "$engine" --gdb= "$P"
  expect "$TMP/$id.gdb" 'Hardware watchpoint 1: counter' 'Old value = 0' 'New value = 1' \
    'Old value = 1' 'New value = 3' 'Old value = 3' 'New value = 6' 'exited with code 07'
  expect_rc "$TMP/$id.rc" 7
  verdict "$id"

  # A guest SIGSEGV: gdb is told (at the store in crash), then of the death by it.
  id=segv_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
continue
bt
print v
continue
EOF
  session "$id" "$engine" env "$OUT/gdb_segv"
  expect "$TMP/$id.gdb" 'Program received signal SIGSEGV, Segmentation fault.' \
    'in crash (v=5) at tests/guest/gdb_segv.c:9' '$1 = 5' \
    'Program terminated with signal SIGSEGV, Segmentation fault.'
  expect "$TMP/$id.out" "before"
  expect_rc "$TMP/$id.rc" 139
  verdict "$id"

  # Threads: all listed and stopped while main is at a breakpoint (the workers spin in guest
  # code), one selected, then each worker stopping at a breakpoint of its own.
  id=threads_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
break all_started
continue
info threads
thread 3
bt 1
delete
break worker_done
continue
continue
continue
delete
continue
EOF
  session "$id" "$engine" -g "$OUT/gdb_threads"
  expect "$TMP/$id.gdb" 'Thread 1 hit Breakpoint 1, all_started ()' '* 1    Thread ' \
    '  2    Thread ' '  3    Thread ' '  4    Thread ' 'worker (arg=' \
    '[Switching to thread 3 (Thread ' 'exited normally'
  n=$(grep -c 'hit Breakpoint 2, worker_done (id=' "$TMP/$id.gdb")
  [ "$n" = 3 ] || fails="$fails; worker_done hit $n times, not 3"
  expect "$TMP/$id.out" "joined 3"
  expect_rc "$TMP/$id.rc" 0
  verdict "$id"

  # Detach: the guest goes on alone (in the normal engine) and ends as usual.
  id=detach_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
break add
continue
detach
EOF
  session "$id" "$engine" -g "$P"
  expect "$TMP/$id.gdb" 'Breakpoint 1, add (a=3, b=4)' 'Remote target) detached]'
  expect "$TMP/$id.out" "add=7" "d=17.5 counter=10"
  expect_rc "$TMP/$id.rc" 7
  verdict "$id"

  # Kill: rvx dies of SIGKILL.
  id=kill_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
break add
continue
kill
info threads
EOF
  session "$id" "$engine" -g "$P"
  expect "$TMP/$id.gdb" 'Breakpoint 1, add (a=3, b=4)' 'Remote target) killed]'
  [ -s "$TMP/$id.out" ] && fails="$fails; the guest went on printing: $(head -c 100 "$TMP/$id.out")"
  expect_rc "$TMP/$id.rc" 137
  verdict "$id"

  # Ctrl-C: gdb interrupts a guest spinning in a loop, clears the flag, and it ends.
  id=interrupt_$engine
  cat >"$TMP/$id.cmd" <<'EOF'
continue
bt 1
set var spinning = 0
continue
EOF
  INTERRUPT=1 session "$id" "$engine" -g "$P" spin
  expect "$TMP/$id.gdb" 'Program received signal SIGINT, Interrupt.' 'spin () at tests/guest/gdb_prog.c' \
    'exited with code 07'
  expect "$TMP/$id.out" "spun" "add=7"
  expect_rc "$TMP/$id.rc" 7
  verdict "$id"

  # A static PIE: gdb relocates it by the auxv's AT_ENTRY (qXfer:auxv:read).
  id=pie_$engine
  cat >"$TMP/$id.cmd" <<'EOF2'
break add
continue
bt
print b
continue
EOF2
  session "$id" "$engine" -g "$OUT/gdb_pie"
  expect "$TMP/$id.gdb" 'Breakpoint 1, add (a=3, b=4) at tests/guest/gdb_pie.c' \
    'in run () at tests/guest/gdb_pie.c' 'in _start () at tests/guest/gdb_pie.c' '$1 = 4' \
    'exited with code 07'
  expect "$TMP/$id.out" "pie add=7"
  expect_rc "$TMP/$id.rc" 7
  verdict "$id"

  # A dynamically linked PIE: gdb finds the dynamic linker's r_debug through the auxv (AT_PHDR,
  # AT_BASE) in guest memory, lists libc, breaks in it.
  id=dynamic_$engine
  cat >"$TMP/$id.cmd" <<'EOF2'
break greet
continue
info sharedlibrary
break puts
continue
bt
continue
EOF2
  DYN=1 session "$id" "$engine" -g "$OUT/gdb_dyn"
  expect "$TMP/$id.gdb" 'Breakpoint 1, greet (who=' "$SYSROOT/lib/libc.so.6" \
    "in puts () from $SYSROOT/lib/libc.so.6" 'in greet (who=' 'in main (argc=1, argv=' \
    'exited with code 022'
  grep -q '^Breakpoint 2, .*puts ()' "$TMP/$id.gdb" || fails="$fails; puts's breakpoint not hit"
  expect "$TMP/$id.out" "hello from gdb_dyn"
  expect_rc "$TMP/$id.rc" 18
  verdict "$id"

  # A breakpoint set while the guest runs (Ctrl-C, break, continue) is hit: the blocks and
  # translations made before it do not run past it. Before it, two stepi from where the
  # interrupt left the guest (in its normal engine).
  id=running_break_$engine
  cat >"$TMP/$id.cmd" <<'EOF2'
continue
print $pc
stepi
stepi
print $pc
break tick
continue
print n > 0
delete
set var spinning = 0
continue
EOF2
  INTERRUPT=1 session "$id" "$engine" -g "$OUT/gdb_dyn_static" spin
  expect "$TMP/$id.gdb" 'Program received signal SIGINT, Interrupt.' 'Breakpoint 1, tick (n=' \
    '$3 = 1' 'exited with code 022'
  pc1=$(sed -n 's/^\$1 = (void (\*)()) \(0x[0-9a-f]*\).*/\1/p' "$TMP/$id.gdb")
  pc2=$(sed -n 's/^\$2 = (void (\*)()) \(0x[0-9a-f]*\).*/\1/p' "$TMP/$id.gdb")
  [ -n "$pc1" ] && [ -n "$pc2" ] && [ "$pc1" != "$pc2" ] ||
    fails="$fails; stepi did not move the pc (${pc1:-?} then ${pc2:-?})"
  expect "$TMP/$id.out" "spun" "hello from gdb_dyn"
  expect_rc "$TMP/$id.rc" 18
  verdict "$id"

  # Speed: while gdb only waits (no breakpoint, then one the loop never reaches, in the
  # dynamic program where gdb's own one in the dynamic linker is there too) the guest runs in
  # its normal engine. The guest times its loop itself; under gdb it must not be more than 5
  # times slower than without (gdb's stepper is about 50 times slower than the interpreter).
  # A machine busy with other work gets a second try.
  LOOP=30000000
  for v in nobreak break; do
    id=speed_${v}_$engine
    for try in 1 2; do
      fails="" best=""
      for i in 1 2; do
        ns=$(timeout 60 env RVX_ENGINE="$engine" "$RVX" "$OUT/gdb_dyn_static" loop $LOOP |
             sed -n 's/.* ns=//p')
        [ -n "$ns" ] && { [ -z "$best" ] || [ "$ns" -lt "$best" ]; } && best=$ns
      done
      if [ $v = nobreak ]; then
        echo continue >"$TMP/$id.cmd"
        session "$id" "$engine" -g "$OUT/gdb_dyn_static" loop $LOOP
      else
        printf 'break never_called\ncontinue\n' >"$TMP/$id.cmd"
        DYN=1 session "$id" "$engine" -g "$OUT/gdb_dyn" loop $LOOP
      fi
      ns=$(sed -n 's/.* ns=//p' "$TMP/$id.out")
      echo "$engine $v: ${ns:-?} ns under gdb, ${best:-?} ns without ($LOOP iterations)" \
        >>"$OUT/speed.txt"
      if [ -z "$ns" ] || [ -z "$best" ]; then
        fails="$fails; no time measured (${ns:-none} under gdb, ${best:-none} without)"
      elif [ "$ns" -gt $((5 * best)) ]; then
        fails="$fails; $ns ns under gdb, more than 5 times $best ns without"
      fi
      expect "$TMP/$id.gdb" 'exited normally'
      expect_rc "$TMP/$id.rc" 0
      [ -z "$fails" ] && break
    done
    verdict "$id"
  done
done

# Usage errors: status 2 and one line, before anything listens.
for bad in "-g" "--gdb=0" "--gdb=65536" "--gdb=12x" "-g -1"; do
  # shellcheck disable=SC2086
  timeout 10 "$RVX" $bad "$OUT/gdb_prog" >"$TMP/u.out" 2>"$TMP/u.err"
  rc=$?
  if [ $rc = 2 ] && grep -q "rvx:" "$TMP/u.err"; then
    echo "PASS usage_${bad// /_}"
  else
    echo "FAIL usage_${bad// /_}: status $rc, stderr $(head -c 200 "$TMP/u.err")"
  fi
done
timeout 10 env RVX_GDB=abc "$RVX" "$OUT/gdb_prog" >"$TMP/u.out" 2>"$TMP/u.err"
rc=$?
if [ $rc = 2 ] && grep -q "RVX_GDB" "$TMP/u.err"; then
  echo "PASS usage_env_RVX_GDB"
else
  echo "FAIL usage_env_RVX_GDB: status $rc, stderr $(head -c 200 "$TMP/u.err")"
fi
