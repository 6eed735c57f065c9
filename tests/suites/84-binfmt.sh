#!/bin/bash
# binfmt_misc (src/util/binfmt.c): rvx --install-binfmt registers rvx for riscv64 programs
# (flags F and P), they then run directly (./hello-riscv64, from a shell script, in a
# pipeline) with their own argv[0] and arguments that look like rvx options; a newer
# registration wins over another one for the same programs; --binfmt-status; non-root is
# refused; --uninstall-binfmt removes it and the programs no longer run.
#
# It changes the machine only for its own run and puts everything back on any exit (trap):
# binfmt_misc is mounted only if it was not (and unmounted again), other riscv64 entries
# (qemu-user-binfmt's qemu-riscv64) are disabled and re-enabled, rvx's registration and a
# decoy entry are removed. Skipped, with the reason printed, when not root, when binfmt_misc
# cannot be mounted, or when an rvx-riscv64 registration exists already (not the test's).
source "$(dirname "$0")/../loader/common.sh"

BM=/proc/sys/fs/binfmt_misc
OURS=$BM/rvx-riscv64
DECOY=rvx-test-decoy
check() {   # NAME MESSAGE-IF-FAILED CONDITION...
  local name=$1 msg=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$msg"; fi
}
skip() { echo "SKIP 84-binfmt: $1"; exit 0; }

# The registration and the status need no root.
"$RVX" --binfmt-status >"$TMP/st.out" 2>&1; st=$?
[ -e "$OURS" ] || check "--binfmt-status without rvx's registration: status 1" "status $st: $(cat "$TMP/st.out")" \
  eval '[ $st = 1 ] && grep -q "not registered\|not mounted" "$TMP/st.out"'

[ "$(id -u)" = 0 ] || skip "not root (binfmt_misc registration needs root)"
[ -e "$OURS" ] && skip "an rvx-riscv64 registration exists already; the test leaves it alone"

mounted_by_us=0
disabled=()
cleanup() {
  [ -e "$OURS" ] && echo -1 >"$OURS"
  [ -e "$BM/$DECOY" ] && echo -1 >"$BM/$DECOY"
  local e
  for e in "${disabled[@]}"; do [ -e "$BM/$e" ] && echo 1 >"$BM/$e"; done
  disabled=()
  if [ $mounted_by_us = 1 ]; then umount "$BM" && mounted_by_us=0; fi
  return 0
}
trap 'cleanup; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM HUP

if [ ! -e "$BM/register" ]; then
  mount -t binfmt_misc binfmt_misc "$BM" 2>"$TMP/mount.err" ||
    skip "binfmt_misc is not mounted and cannot be mounted here: $(head -1 "$TMP/mount.err")"
  mounted_by_us=1
fi
grep -q enabled "$BM/status" || skip "binfmt_misc is disabled on this machine ($BM/status)"
before=$(cd "$BM" && for f in *; do [ "$f" != register ] && echo "$f $(head -1 "$f")"; done | sort)

# Other entries for riscv64 programs (qemu-riscv64 of qemu-user-binfmt): off during the test.
magic=7f454c460201010000000000000000000200f300
for f in "$BM"/*; do
  n=${f##*/}
  case $n in register|status) continue ;; esac
  if grep -q "^magic $magic" "$f" 2>/dev/null && grep -q '^enabled' "$f"; then
    echo 0 >"$f" && disabled+=("$n") && echo "note: $n disabled for the test (re-enabled after)"
  fi
done

# A decoy entry for the same programs, registered first, that cannot run them: rvx's newer
# registration must win over it.
printf ':%s:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/nonexistent/decoy-interpreter:' \
  "$DECOY" >"$BM/register" 2>"$TMP/decoy.err" || echo "note: no decoy entry: $(cat "$TMP/decoy.err")"

# Not root: refused, nothing registered.
if command -v setpriv >/dev/null; then
  setpriv --reuid=65534 --regid=65534 --clear-groups "$RVX" --install-binfmt >"$TMP/nr.out" 2>&1; st=$?
  check "--install-binfmt as a user: refused, status 1" "status $st: $(cat "$TMP/nr.out")" \
    eval '[ $st = 1 ] && [ ! -e "$OURS" ] && grep -q "needs root" "$TMP/nr.out"'
fi

"$RVX" --install-binfmt >"$TMP/in.out" 2>&1; st=$?
self=$(readlink -f "$RVX")
check "--install-binfmt: registered, status 0" "status $st: $(tr '\n' '|' <"$TMP/in.out")" \
  eval '[ $st = 0 ] && [ -e "$OURS" ] && grep -q "^enabled$" "$OURS" && grep -qx "interpreter $self" "$OURS"'
check "the registration: qemu's riscv64 magic and mask, flags F and P" "$(tr '\n' '|' <"$OURS")" \
  eval 'grep -qx "magic $magic" "$OURS" && grep -qx "mask ffffffffffffff00fffffffffffffffffeffffff" "$OURS" &&
        grep -q "^flags: .*F" "$OURS" && grep -q "^flags: .*P" "$OURS"'
"$RVX" --binfmt-status >"$TMP/st.out" 2>&1; st=$?
check "--binfmt-status: rvx's entry on, status 0; the decoy listed" "status $st: $(tr '\n' '|' <"$TMP/st.out")" \
  eval '[ $st = 0 ] && grep -q "^rvx-riscv64: enabled, interpreter $self, flags PF$" "$TMP/st.out" &&
        { [ ! -e "$BM/$DECOY" ] || grep -q "^$DECOY: enabled" "$TMP/st.out"; }'
"$RVX" --install-binfmt >"$TMP/in.out" 2>&1; st=$?
check "--install-binfmt again replaces it" "status $st: $(tr '\n' '|' <"$TMP/in.out")" \
  eval '[ $st = 0 ] && grep -q "^enabled$" "$OURS"'

# Programs run directly.
HELLO=$(guest hello); CLI=$(guest cli)
cp "$HELLO" "$TMP/hello-riscv64" && cp "$CLI" "$TMP/cli-riscv64" && chmod +x "$TMP"/*-riscv64
out=$(cd "$TMP" && ./hello-riscv64 2>&1); st=$?
check "./hello-riscv64 runs (under rvx)" "status $st: $out" eval '[ $st = 0 ] && [ "$out" = "Hello from RISC-V!" ]'
out=$(cd "$TMP" && exec -a my-argv0 ./cli-riscv64 args --help -d x 2>&1); st=$?
want=$'argc=5\nargv[0]=my-argv0\nargv[1]=args\nargv[2]=--help\nargv[3]=-d\nargv[4]=x'
check "argv[0] preserved (P), arguments like rvx options are the program's" "status $st: $(echo "$out" | head -6 | tr '\n' '|')" \
  eval '[ $st = 0 ] && [ "$(echo "$out" | head -6)" = "$want" ]'
out=$("$TMP/cli-riscv64" 2>&1 | head -2)
check "argv[0] is the path when run by path" "$out" eval '[ "$out" = "$(printf "argc=1\nargv[0]=%s" "$TMP/cli-riscv64")" ]'
out=$("$TMP/cli-riscv64" exit 7 2>&1); st=$?
check "the program's exit status comes back" "status $st" eval '[ $st = 7 ]'
cat >"$TMP/script.sh" <<EOF
#!/bin/sh
# a host shell script whose commands are riscv64 programs
"$TMP/hello-riscv64"
"$TMP/cli-riscv64" args from-script | sed -n 4p
"$TMP/hello-riscv64" | tr a-z A-Z
exit 3
EOF
chmod +x "$TMP/script.sh"
out=$("$TMP/script.sh" 2>&1); st=$?
check "a shell script running riscv64 programs (and a pipeline)" "status $st: $(echo "$out" | tr '\n' '|')" \
  eval '[ $st = 3 ] && [ "$out" = "$(printf "Hello from RISC-V!\nargv[2]=from-script\nHELLO FROM RISC-V!")" ]'
out=$(env "$TMP/cli-riscv64" args 2>&1 | grep -c "^argv")
check "a riscv64 program execed by a host program (env)" "$out" eval '[ "$out" = 2 ]'

# Unregister: gone, and riscv64 programs no longer run.
"$RVX" --uninstall-binfmt >"$TMP/un.out" 2>&1; st=$?
check "--uninstall-binfmt: removed, status 0" "status $st: $(cat "$TMP/un.out")" eval '[ $st = 0 ] && [ ! -e "$OURS" ]'
"$RVX" --uninstall-binfmt >"$TMP/un.out" 2>&1; st=$?
check "--uninstall-binfmt again: nothing to do, status 0" "status $st: $(cat "$TMP/un.out")" eval '[ $st = 0 ]'
[ -e "$BM/$DECOY" ] && echo -1 >"$BM/$DECOY"
out=$("$TMP/hello-riscv64" 2>&1); st=$?
check "without the registration ./hello-riscv64 does not run" "status $st: $out" eval '[ $st = 126 ]'
"$RVX" --binfmt-status >"$TMP/st.out" 2>&1; st=$?
check "--binfmt-status after: status 1" "status $st: $(cat "$TMP/st.out")" eval '[ $st = 1 ]'

# Everything as it was.
cleanup
after=$( [ -e "$BM/register" ] && cd "$BM" && for f in *; do [ "$f" != register ] && echo "$f $(head -1 "$f")"; done | sort)
if [ -e "$BM/register" ]; then
  check "binfmt_misc entries as before the test" "before: $before | after: $after" eval '[ "$before" = "$after" ]'
else
  check "binfmt_misc unmounted again, as before the test" "still mounted" eval '! mountpoint -q "$BM"'
fi
