#!/bin/bash
# Processes: fork/vfork/clone, execve of riscv64 programs, scripts and host binaries, wait,
# posix_spawn, system, popen, a pipeline run by a guest mini shell. qemu-riscv64 cannot exec a
# riscv64 child without binfmt_misc, so the oracle is the same C source built natively with
# the host compiler and run natively: rvx's stdout and exit status must equal the native
# run's. The part without exec of riscv64 programs is compared with qemu-riscv64 too.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
TMP=$(mktemp -d) || exit 2
[ -n "$KEEP" ] || trap 'rm -rf "$TMP"' EXIT
ulimit -c 0
NAT=$BUILD/62-process
mkdir -p "$NAT"

for p in proc_tool proc_sh proc_test; do
  if [ ! -x "$BUILD/guest/$p" ]; then echo "FAIL process: $BUILD/guest/$p not built"; exit 0; fi
  if [ ! -x "$NAT/$p" ] || [ "tests/guest/$p.c" -nt "$NAT/$p" ]; then
    gcc -O2 -o "$NAT/$p" "tests/guest/$p.c" || { echo "FAIL process: native $p"; exit 0; }
  fi
done
if [ ! -x "$RVX" ]; then echo "FAIL process: $RVX not built"; exit 0; fi

# The directory a proc_test run works in: its tool, shell, scripts and error-case files.
# mkdir_for DIR TOOL SH
mkdir_for() {
  local d=$1
  mkdir -p "$d"
  cp "$2" "$d/tool"; cp "$3" "$d/sh"
  printf '#!%s args\n' "$d/tool" >"$d/script_tool"
  printf '#!/bin/sh\necho "sh script: $0 $*" | sed "s|%s|DIR|"\nexit 4\n' "$d" >"$d/script_sh"
  printf '#! %s  nested-arg  \n' "$d/script_tool" >"$d/script_nest"
  printf '#!%s/no-such-interpreter\n' "$d" >"$d/script_missing"
  printf '#!%s\n' "$d/plain.txt" >"$d/script_bad"
  echo "plain text" >"$d/plain.txt"
  printf 'just some text, not a program\n' >"$d/garbage"
  chmod 755 "$d/script_tool" "$d/script_sh" "$d/script_nest" "$d/script_missing" \
    "$d/script_bad" "$d/garbage"
  chmod 644 "$d/plain.txt"
  ln -s loop2 "$d/loop1"; ln -s loop1 "$d/loop2"; ln -s tool "$d/tool_link"
}
mkdir_for "$TMP/nat" "$NAT/proc_tool" "$NAT/proc_sh"
mkdir_for "$TMP/rv" "$BUILD/guest/proc_tool" "$BUILD/guest/proc_sh"

ENVV=(PATH=/usr/bin:/bin LC_ALL=C HOME=/nonexistent RVXT=1)
# run_engine NAME ENGINE... : runs proc_test of that engine into $TMP/NAME.{out,rc}
run_engine() {
  local name=$1; shift
  { (cd "$TMP" && timeout 60 env -i "${ENVV[@]}" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err");
    echo $? >"$TMP/$name.rc"; } 2>/dev/null
}
run_engine nat "$NAT/proc_test" "$TMP/nat"
run_engine rvx "$RVX" "$BUILD/guest/proc_test" "$TMP/rv"
# The directory's name differs: the outputs name it DIR.
sed -i "s|$TMP/nat|DIR|g" "$TMP/nat.out"
sed -i "s|$TMP/rv|DIR|g" "$TMP/rvx.out"

if [ "$(cat "$TMP/nat.rc")" != 0 ]; then
  echo "FAIL process_native_oracle: native proc_test exited $(cat "$TMP/nat.rc")"
fi

# Compares the lines of one section (a grep pattern) between native and rvx.
section() {   # section NAME REGEX
  local name=$1 re=$2
  grep -E "$re" "$TMP/nat.out" >"$TMP/n.$name"
  grep -E "$re" "$TMP/rvx.out" >"$TMP/r.$name"
  if [ ! -s "$TMP/n.$name" ]; then
    echo "FAIL $name: the native run printed no such lines"
  elif cmp -s "$TMP/n.$name" "$TMP/r.$name"; then
    echo "PASS $name"
  else
    echo "FAIL $name: $(diff "$TMP/n.$name" "$TMP/r.$name" | head -4 | tr '\n' ' ' | cut -c1-300)"
  fi
}
section exit_codes '^exit [0-9]+:'
section death_by_signal '^(segv|abort|sigkill):'
section exec_args_env '^(args|env|empty env|comm):|^argc|^argv|^env '
section exec_cloexec '^fds'
section script_riscv '^script( nested)?:'
section script_sh '^(sh script|script sh)'
section host_binary '^(host|host echo|host true)'
section fexecve_execveat '^(fexecve|execveat|memfd)|^argv\[0\] (fexecve|at-dirfd|from-memfd)'
section exec_errors '^error '
section vfork '^vfork'
section posix_spawn '^posix_spawn'
section system_popen '^(system|popen|pclose)|^system says hi'
section shell_pipeline '^(pipeline|stage|[0-9]+ lines|LINE)'
section wait4 '^wait4'
section waitid '^waitid|^stopped|^continued'
section clone '^clone'
section pgid_sid_priority '^(setpgid|getpgid|setsid|setpriority|getpriority)'
section prctl '^prctl'
section caps_personality_ids '^(capget|capset|personality|setuid|setgroups)'
# The whole output, in order (interleaving of parent and child output included).
if cmp -s "$TMP/nat.out" "$TMP/rvx.out" && [ "$(cat "$TMP/rvx.rc")" = "$(cat "$TMP/nat.rc")" ]; then
  echo "PASS process_whole_output"
else
  echo "FAIL process_whole_output: rc $(cat "$TMP/rvx.rc") vs $(cat "$TMP/nat.rc"); $(diff "$TMP/nat.out" "$TMP/rvx.out" | head -4 | tr '\n' ' ' | cut -c1-300)"
fi

# The part qemu can run (no exec of riscv64 children): rvx must match qemu and native.
run_engine qn "$NAT/proc_test" "$TMP/nat" noexec
run_engine qq "$QEMU" "$BUILD/guest/proc_test" "$TMP/rv" noexec
run_engine qr "$RVX" "$BUILD/guest/proc_test" "$TMP/rv" noexec
# qemu does not emulate some of these as Linux does; those lines are compared with native only.
# (qemu 7.2: CLONE_PARENT_SETTID also written in the child and not in the parent, no clone3,
# a clone child with exit signal 0 reported with status 0.)
QSKIP='^(clone (child|parent|exit signal 0, __WALL)|clone3|capget bad|wait4 bad options)'
grep -vE "$QSKIP" "$TMP/qq.out" >"$TMP/qq.cmp"; grep -vE "$QSKIP" "$TMP/qr.out" >"$TMP/qr.cmp"
if cmp -s "$TMP/qq.cmp" "$TMP/qr.cmp" && [ "$(cat "$TMP/qq.rc")" = "$(cat "$TMP/qr.rc")" ]; then
  echo "PASS process_noexec_vs_qemu"
else
  echo "FAIL process_noexec_vs_qemu: $(diff "$TMP/qq.cmp" "$TMP/qr.cmp" | head -4 | tr '\n' ' ' | cut -c1-300)"
fi
if cmp -s "$TMP/qn.out" "$TMP/qr.out"; then
  echo "PASS process_noexec_vs_native"
else
  echo "FAIL process_noexec_vs_native: $(diff "$TMP/qn.out" "$TMP/qr.out" | head -4 | tr '\n' ' ' | cut -c1-300)"
fi

# --strace and -L reach the new program: its syscalls are logged too, and it ran under rvx.
(cd "$TMP" && "$RVX" --strace "$BUILD/guest/proc_sh" "$TMP/rv/tool" exit 3 >"$TMP/st.out" 2>"$TMP/st.err")
if grep -q '^wait4(' "$TMP/st.err" && grep -q '^exit_group(3) = ?' "$TMP/st.err" &&
   grep -q '^stage 0: exit 3' "$TMP/st.out"; then
  echo "PASS exec_keeps_strace"
else
  echo "FAIL exec_keeps_strace: $(grep -cE '^wait4|^exit_group' "$TMP/st.err") lines"
fi

# /proc/self/exe names the guest program: exec of it runs the program again under rvx.
if [ ! -x "$NAT/proc_selfexec" ] || [ tests/guest/proc_selfexec.c -nt "$NAT/proc_selfexec" ]; then
  gcc -O2 -o "$NAT/proc_selfexec" tests/guest/proc_selfexec.c
fi
want=$("$NAT/proc_selfexec" 2>&1; echo "rc=$?")
got=$("$RVX" "$BUILD/guest/proc_selfexec" 2>&1; echo "rc=$?")
if [ "$want" = "$got" ]; then
  echo "PASS exec_proc_self_exe"
else
  echo "FAIL exec_proc_self_exe: want '$(echo $want)', got '$(echo $got)'"
fi
