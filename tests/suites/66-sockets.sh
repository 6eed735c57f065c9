#!/bin/bash
# Sockets. (1) guest_net.h's constants and structs against riscv64's headers and x86-64's;
# (2) tests/guest/net_misc.c, one section per test, under rvx against the same program built
# for the host (the host's Linux is the reference: same socket ABI) and, where qemu-riscv64
# gets the calls right, against qemu too; (3) a TCP echo between two processes over 127.0.0.1
# and ::1 (when the host has IPv6 loopback), rvx and qemu in every pairing; (4) hostile
# arguments to every socket call. Nothing uses fixed ports; every run has a time limit.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0
OUT=$BUILD/66-sockets
mkdir -p "$OUT"
LIMIT=(timeout -k 5 30)

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# The first lines where two outputs differ, on one line.
differ() { diff "$1" "$2" | head -4 | tr '\n' ' ' | cut -c1-300; }

# 1. ABI: every G_ constant and g_ struct equals the system's, for both compilers.
for cc in riscv64-linux-gnu-gcc "${CC:-cc}"; do
  if out=$($cc -std=gnu17 -Isrc -fsyntax-only tests/net/abi_check.c 2>&1); then
    pass "abi_check with $cc headers"
  else
    fail "abi_check with $cc headers" "$(echo "$out" | grep -m1 error)"
  fi
done

MISC=$BUILD/guest/net_misc TCP=$BUILD/guest/net_tcp FUZZ=$BUILD/guest/net_fuzz
for b in "$MISC" "$TCP" "$FUZZ" "$RVX"; do
  [ -x "$b" ] || { fail sockets "$b not built"; exit 0; }
done
# The Linux reference: net_misc built for the host, rebuilt when its source is newer.
HOSTMISC=$OUT/net_misc_host
if [ ! -x "$HOSTMISC" ] || [ tests/guest/net_misc.c -nt "$HOSTMISC" ]; then
  "${CC:-cc}" -O2 -w -o "$HOSTMISC" tests/guest/net_misc.c ||
    { fail net_misc_host "cannot build the host reference"; exit 0; }
fi

# run_misc DIR SECTION ENGINE...: runs the section in a fresh DIR, output and status in DIR.out.
run_misc() {
  local d=$1 sec=$2; shift 2
  mkdir -p "$d/scratch"
  { "${LIMIT[@]}" "$@" "$sec" "$d/scratch" >"$d.out" 2>&1
    echo "status $?" >>"$d.out"; } 2>/dev/null
  # Scratch paths differ by run: the output never prints them, but be sure.
  sed -i "s#$d/scratch#DIR#g" "$d.out"
}

# 2. net_misc sections: compared with the host's Linux, and with qemu where it is faithful
#    (qemu 7.2 drops unknown control messages, ignores the recvmmsg timeout, fails partial
#    transfers whole, lacks SO_GET_FILTER/IP_MULTICAST_IF and skips some argument checks).
HAS6=$("$HOSTMISC" has_ipv6 "$TMP" 2>/dev/null)
QEMU_OK=" udp unix_stream unix_dgram unix_seqpacket scm_rights scm_creds mmsg names shutdown "
QEMU_OK+="nonblock netlink udp6 "
SECTIONS="udp unix_stream unix_dgram unix_seqpacket scm_rights cmsg_errors scm_creds mmsg
  mmsg_edge sockopt names shutdown nonblock errno partial filter netlink udp6"
for sec in $SECTIONS; do
  if [ "$sec" = udp6 ] && [ "$HAS6" != yes ]; then
    pass "net_misc/udp6: skipped, the host has no IPv6 loopback"
    continue
  fi
  run_misc "$TMP/$sec.r" "$sec" "$RVX" "$MISC"
  run_misc "$TMP/$sec.h" "$sec" "$HOSTMISC"
  if ! grep -qx 'status 0' "$TMP/$sec.h.out"; then
    fail "net_misc/$sec" "the host reference failed: $(tail -n2 "$TMP/$sec.h.out" | tr '\n' ' ')"
  elif cmp -s "$TMP/$sec.h.out" "$TMP/$sec.r.out"; then
    pass "net_misc/$sec as Linux"
  else
    fail "net_misc/$sec as Linux" "$(differ "$TMP/$sec.h.out" "$TMP/$sec.r.out")"
  fi
  case $QEMU_OK in *" $sec "*) ;; *) continue ;; esac
  run_misc "$TMP/$sec.q" "$sec" "$QEMU" "$MISC"
  if cmp -s "$TMP/$sec.q.out" "$TMP/$sec.r.out"; then
    pass "net_misc/$sec as qemu"
  else
    fail "net_misc/$sec as qemu" "$(differ "$TMP/$sec.q.out" "$TMP/$sec.r.out")"
  fi
done

# 3. TCP echo between two processes: ENGINE-SERVER ENGINE-CLIENT FAMILY. The server writes
#    its port to a file the client waits for; both have time limits.
echo_pair() {
  local name=$1 srv=$2 cli=$3 fam=$4 d=$TMP/tcp_$1
  mkdir -p "$d"
  { "${LIMIT[@]}" $srv "$TCP" server "$fam" "$d/port" >"$d/s.out" 2>&1
    echo $? >"$d/s.rc"; } 2>/dev/null &
  local spid=$!
  { "${LIMIT[@]}" $cli "$TCP" client "$fam" "$d/port" >"$d/c.out" 2>&1
    echo $? >"$d/c.rc"; } 2>/dev/null
  wait $spid
  local alen=16 lo=127.0.0.1
  [ "$fam" = 6 ] && alen=28 lo=::1
  local want="server: listening, name length $alen
server: peer $lo, length $alen
server: echoed 65536 bytes, sum 11a68cc3
client: connected, peer port matches 1
client: sent 65536, got 65536 back, same 1, then eof 1"
  local got
  got=$(cat "$d/s.out" "$d/c.out")
  if [ "$(cat "$d/s.rc")" = 0 ] && [ "$(cat "$d/c.rc")" = 0 ] && [ "$got" = "$want" ]; then
    pass "$name"
  else
    local st="status server $(cat "$d/s.rc") client $(cat "$d/c.rc")"
    fail "$name" "$st; $(echo "$got" | tr '\n' '|' | cut -c1-300)"
  fi
}
for fam in 4 6; do
  if [ $fam = 6 ] && [ "$HAS6" != yes ]; then
    pass "tcp6 echo: skipped, the host has no IPv6 loopback"
    continue
  fi
  echo_pair "tcp$fam echo: qemu server, qemu client (the reference)" "$QEMU" "$QEMU" $fam
  echo_pair "tcp$fam echo: rvx server, rvx client" "$RVX" "$RVX" $fam
  echo_pair "tcp$fam echo: rvx server, qemu client" "$RVX" "$QEMU" $fam
  echo_pair "tcp$fam echo: qemu server, rvx client" "$QEMU" "$RVX" $fam
done

# 4. Hostile arguments never crash rvx, with or without --strace decoding them.
for mode in plain strace; do
  d=$TMP/fuzz_$mode && mkdir -p "$d"
  flag=(); [ $mode = strace ] && flag=(--strace)
  (cd "$d" && "${LIMIT[@]}" "$RVX" "${flag[@]}" "$FUZZ" </dev/null >out 2>err)
  rc=$?
  if [ $rc = 0 ] && grep -aq 'done 1' "$d/out" && ! grep -aq '^rvx:' "$d/err"; then
    pass "socket calls with hostile arguments ($mode)"
  else
    fail "socket calls with hostile arguments ($mode)" \
      "status $rc; $(grep -a -m1 '^rvx:' "$d/err")"
  fi
done
