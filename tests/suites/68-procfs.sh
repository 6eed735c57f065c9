#!/bin/bash
# /proc as a riscv64 process sees it (src/os/proc_files.c): tests/guest/procfs_self checks its
# own exe, auxv, cmdline, environ, stat, status, comm, maps, cpuinfo and uname from inside;
# procfs_cat reads the files for the format checks here and for the comparisons with
# qemu-riscv64 where qemu is right (cmdline, environ, exe, the program's lines of maps).
# Also: the syscall table of docs/COMPATIBILITY.md is what tools/gen_syscall_doc.sh makes.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
SELF=$BUILD/guest/procfs_self CAT=$BUILD/guest/procfs_cat
ENVV=(PATH=/usr/bin:/bin LC_ALL=C HOME=/nonexistent RVXT_A=a "RVXT_B=b c")

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# --- the syscall table in the docs cannot drift ---
if out=$(tools/gen_syscall_doc.sh --check docs/COMPATIBILITY.md 2>&1); then
  pass syscall-doc-fresh
else
  fail syscall-doc-fresh "$(echo "$out" | head -2 | tr '\n' ' ')"
fi
tools/gen_syscall_doc.sh --placeholders | awk '{ print $1 }' | sort >"$TMP/ph"
tools/gen_syscall_doc.sh --pending | sort >"$TMP/pend"
extra=$(comm -13 "$TMP/ph" "$TMP/pend" | tr '\n' ' ')
missing=$(comm -23 "$TMP/ph" "$TMP/pend" | tr '\n' ' ')
if [ -s "$TMP/ph" ] || [ -s "$TMP/pend" ]; then :; fi
if [ -z "$extra$missing" ]; then
  pass syscall-notes-pending
else
  fail syscall-notes-pending "implemented, delete the PENDING note in src/os/syscall_notes.h: ${extra:-none}; placeholders without one: ${missing:-none}"
fi

if [ ! -x "$RVX" ] || [ ! -x "$SELF" ] || [ ! -x "$CAT" ]; then
  fail procfs "$RVX, $SELF or $CAT not built"
  exit 0
fi

# --- from inside: one PASS/FAIL per check the guest makes ---
run_self() {   # run_self TAG ENGINE-ARGS... : runs procfs_self in $TMP with the fixed env
  local tag=$1; shift
  (cd "$TMP" && timeout 60 env -i "${ENVV[@]}" "$@" >"$TMP/self.out" 2>"$TMP/self.err")
  local rc=$?
  if ! grep -q '^ok ' "$TMP/self.out"; then
    fail "procfs-$tag" "rc=$rc, $(head -c 200 "$TMP/self.err")"
    return
  fi
  sed -n "s/^ok \(.*\)/PASS procfs-$tag-\1/p; s/^BAD \([^:]*\): \(.*\)/FAIL procfs-$tag-\1: \2/p" \
    "$TMP/self.out"
}
run_self self "$RVX" "$SELF" one "two words" ""
# argv[0] other than the path, and a relative path to the program
cp "$SELF" "$TMP/self-copy"
run_self rel "$RVX" -0 ./self-copy ./self-copy x

# --- formats, read as cat reads them ---
cat_rvx() { (cd "$TMP" && env -i "${ENVV[@]}" "$RVX" "$CAT" "$@"); }
cat_qemu() { (cd "$TMP" && env -i "${ENVV[@]}" "$QEMU" "$CAT" "$@"); }

# cpuinfo: exactly one riscv64 entry per online host CPU, numbered as the host numbers them
cat_rvx /proc/cpuinfo >"$TMP/cpuinfo" 2>&1
: >"$TMP/cpuinfo.want"
for id in $(sed -n 's/^processor[[:space:]]*: \([0-9]*\)$/\1/p' /proc/cpuinfo); do
  sed "s/: N$/: $id/" tests/procfs/cpuinfo.entry >>"$TMP/cpuinfo.want"
done
if cmp -s "$TMP/cpuinfo" "$TMP/cpuinfo.want"; then
  pass procfs-cpuinfo-format
else
  fail procfs-cpuinfo-format "$(diff "$TMP/cpuinfo" "$TMP/cpuinfo.want" | head -4 | tr '\n' ' ')"
fi

# maps: every line in the kernel's format (show_map_vma): hex start-end, perms, offset,
# major:minor, inode, then the name padded to column 74; the last line is the stack.
cat_rvx /proc/self/maps >"$TMP/maps" 2>&1
re='^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} [0-9]+ ( {1,}(/|\[).*)?$'
badl=$(grep -cvE "$re" "$TMP/maps")
if [ "$badl" = 0 ] && [ "$(tail -n1 "$TMP/maps" | awk '{ print $6 }')" = "[stack]" ] &&
   grep -qE '^[0-9a-f]+-[0-9a-f]+ r-xp .*/procfs_cat$' "$TMP/maps"; then
  pass procfs-maps-format
else
  fail procfs-maps-format "$badl bad lines: $(grep -vE "$re" "$TMP/maps" | head -2 | tr '\n' '|')"
fi
# maps against qemu: the program's own lines (addresses, perms, offset, dev, inode, name); qemu
# prints the addresses without padding, so leading zeros go.
norm() { awk '$6 ~ /procfs_cat$/ { print $1, $2, $3, $4, $5, $6 }' "$1" |
           sed -E 's/^0*([0-9a-f]+)-0*([0-9a-f]+) /\1-\2 /'; }
cat_qemu /proc/self/maps >"$TMP/maps.q" 2>&1
if [ -s "$TMP/maps.q" ] && [ "$(norm "$TMP/maps")" = "$(norm "$TMP/maps.q")" ] &&
   [ -n "$(norm "$TMP/maps")" ]; then
  pass procfs-maps-program-like-qemu
else
  fail procfs-maps-program-like-qemu "rvx: $(norm "$TMP/maps" | tr '\n' '|') qemu: $(norm "$TMP/maps.q" | tr '\n' '|')"
fi

# stat: 52 fields, pid and comm; status starts with the guest's name
cat_rvx /proc/self/stat >"$TMP/stat" 2>&1
if awk '{ exit !(NF == 52 && $2 == "(procfs_cat)" && $3 ~ /^[RSDTtZXxKWPI]$/) }' "$TMP/stat"; then
  pass procfs-stat-format
else
  fail procfs-stat-format "$(head -c 200 "$TMP/stat")"
fi
cat_rvx /proc/self/status >"$TMP/status" 2>&1
if [ "$(head -n1 "$TMP/status")" = "$(printf 'Name:\tprocfs_cat')" ] &&
   grep -qE '^VmSize:[[:space:]]+[0-9]+ kB$' "$TMP/status" &&
   ! grep -q 'rvx' "$TMP/status"; then
  pass procfs-status-format
else
  fail procfs-status-format "$(head -n2 "$TMP/status" | tr '\n' '|')"
fi

# auxv: whole pairs ending with AT_NULL
cat_rvx /proc/self/auxv >"$TMP/auxv" 2>&1
size=$(stat -c %s "$TMP/auxv")
if [ "$size" -ge 32 ] && [ $((size % 16)) = 0 ] &&
   [ "$(tail -c 16 "$TMP/auxv" | od -An -tx8 | tr -d ' \n')" = 00000000000000000000000000000000 ]; then
  pass procfs-auxv-format
else
  fail procfs-auxv-format "$size bytes"
fi

# cmdline, environ and exe: the same bytes as under qemu, which gets these right; also read in
# 7-byte pieces.
for what in "cmdline:/proc/self/cmdline" "cmdline-short-reads:-s /proc/self/cmdline" \
            "environ:/proc/self/environ" "exe:-l /proc/self/exe"; do
  name=${what%%:*}
  # shellcheck disable=SC2086  # the arguments are words
  cat_rvx ${what#*:} >"$TMP/r" 2>&1
  # shellcheck disable=SC2086
  cat_qemu ${what#*:} >"$TMP/q" 2>&1
  if [ -s "$TMP/r" ] && cmp -s "$TMP/r" "$TMP/q"; then
    pass "procfs-$name-like-qemu"
  else
    fail "procfs-$name-like-qemu" "rvx: $(head -c 120 "$TMP/r" | tr '\0\n' '|~') qemu: $(head -c 120 "$TMP/q" | tr '\0\n' '|~')"
  fi
done

# /proc/thread-self and /proc/<pid> name the process itself (qemu 7.2 shows its own there);
# the pid is rvx's, so a shell that execs rvx names it.
(cd "$TMP" && env -i "${ENVV[@]}" "$RVX" "$CAT" /proc/thread-self/cmdline) >"$TMP/t.c" 2>&1
printf '%s\0/proc/thread-self/cmdline\0' "$CAT" >"$TMP/t.want"
if cmp -s "$TMP/t.c" "$TMP/t.want"; then
  pass procfs-thread-self-cmdline
else
  fail procfs-thread-self-cmdline "$(tr '\0\n' '|~' <"$TMP/t.c" | head -c 200)"
fi
(cd "$TMP" && env -i "${ENVV[@]}" RVX="$RVX" CAT="$CAT" \
   sh -c 'echo $$ >pid; exec "$RVX" "$CAT" /proc/$$/cmdline /proc/$$/stat') >"$TMP/p.c" 2>&1
pid=$(cat "$TMP/pid")
printf '%s\0/proc/%s/cmdline\0/proc/%s/stat\0%s (procfs_cat) ' "$CAT" "$pid" "$pid" "$pid" >"$TMP/p.want"
if [ "$(head -c "$(stat -c %s "$TMP/p.want")" "$TMP/p.c" | od -c)" = "$(od -c <"$TMP/p.want")" ]; then
  pass procfs-pid-cmdline-stat
else
  fail procfs-pid-cmdline-stat "$(tr '\0\n' '|~' <"$TMP/p.c" | head -c 200)"
fi

# /proc/self/exe reached by other names (a dirfd on /proc/self, a symlink to it, /proc/self/fd/N)
# is the riscv64 program for open, stat, readlink, access, utimensat and execveat, never rvx's
# own executable (tests/guest/procfs_exe_names.c says what each check does; qemu-riscv64
# matches the literal name only, so rvx is checked against Linux's rule, not against qemu).
out=$("$RVX" "$BUILD/guest/procfs_exe_names" 2>&1); rc=$?
while read -r word name rest; do
  case $word in
    ok) pass "procfs-exe-by-other-name $name" ;;
    FAIL) fail "procfs-exe-by-other-name ${name%:}" "$rest" ;;
  esac
done <<<"$out"
n=$(grep -c '^ok ' <<<"$out")
if [ $rc = 0 ] && [ "$n" = 11 ]; then
  pass procfs-exe-by-other-name-all
else
  fail procfs-exe-by-other-name-all "status $rc, $n of 11 checks ok: $(tail -c 200 <<<"$out")"
fi
