#!/bin/bash
# Guest traps without a guest handler: every case of tests/traps/traps.S must kill
# qemu-riscv64 and rvx by the expected signal, and rvx must print exactly one stderr line
# "rvx: guest SIGNAME at pc 0xPC..." naming the trapping instruction's pc (and, for SIGSEGV
# and SIGBUS, the fault address). A second qemu run with handlers installed (traps N h)
# proves each expectation: signal, si_code, pc from the ucontext and si_addr.
# The program is built here into $BUILD/traps/ (the Makefile does not know it).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc} RV_NM=${RV_NM:-riscv64-linux-gnu-nm}
LIMIT=${TRAPS_TIMEOUT:-10}
ulimit -c 0                       # qemu would write a core file for every case
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT

# The cases: number, signal (or exit0: must not trap), the Linux si_code, where the pc is
# (label: at trap_N; addr: the fault address, for fetches; addr-2: 2 bytes before it, for a
# 4-byte instruction whose second half cannot be fetched), and where qemu-riscv64 7.2 differs
# from Linux (code=... or addr=...; rvx must do what Linux does), then a description.
CASES='
1   SIGILL  ILL_ILLOPC  label  -  c.unimp: the all-zero parcel
2   SIGILL  ILL_ILLOPC  label  -  c.addi4spn with a zero immediate
3   SIGILL  ILL_ILLOPC  label  -  c.addi16sp with a zero immediate
4   SIGILL  ILL_ILLOPC  label  -  c.lui a0 with a zero immediate
5   SIGILL  ILL_ILLOPC  label  -  c.lui x0 with a zero immediate
6   SIGILL  ILL_ILLOPC  label  -  c.addiw x0, 0
7   SIGILL  ILL_ILLOPC  label  -  c.addiw x0, 1
8   SIGILL  ILL_ILLOPC  label  -  c.lwsp x0
9   SIGILL  ILL_ILLOPC  label  -  c.ldsp x0
10  SIGILL  ILL_ILLOPC  label  -  c.jr x0
11  SIGILL  ILL_ILLOPC  label  -  compressed quadrant 0, funct3 100
12  SIGILL  ILL_ILLOPC  label  -  compressed CA format, funct2 10 with bit 12
13  SIGILL  ILL_ILLOPC  label  -  compressed CA format, funct2 11 with bit 12
14  SIGILL  ILL_ILLOPC  label  -  fadd.s with static rm 5
15  SIGILL  ILL_ILLOPC  label  -  fadd.s with static rm 6
16  SIGILL  ILL_ILLOPC  label  -  fcvt.d.w (exact) with static rm 5
17  SIGILL  ILL_ILLOPC  label  -  fmadd.s with static rm 6
18  SIGILL  ILL_ILLOPC  label  -  fcvt.w.s with static rm 5
19  SIGILL  ILL_ILLOPC  label  -  fsqrt.d with static rm 6
20  SIGILL  ILL_ILLOPC  label  -  fadd.d dynamic rm, frm 5
21  SIGILL  ILL_ILLOPC  label  -  fcvt.d.w dynamic rm, frm 6
22  SIGILL  ILL_ILLOPC  label  -  fmadd.s dynamic rm, frm 7
23  SIGILL  ILL_ILLOPC  label  -  fcvt.w.s dynamic rm, frm 5
24  SIGILL  ILL_ILLOPC  label  -  fdiv.s dynamic rm, frm 7 set through fcsr
25  SIGILL  ILL_ILLOPC  label  -  a 64-bit-length prefix
26  SIGILL  ILL_ILLOPC  label  -  reserved major opcode
27  SIGILL  ILL_ILLOPC  label  -  OP with funct7 4
28  SIGILL  ILL_ILLOPC  label  -  slli with funct6 1
29  SIGILL  ILL_ILLOPC  label  -  srliw with shamt bit 5
30  SIGILL  ILL_ILLOPC  label  -  lr.w with rs2 != 0
31  SIGILL  ILL_ILLOPC  label  -  uret
32  SIGILL  ILL_ILLOPC  label  -  the all-ones word
33  SIGILL  ILL_ILLOPC  label  -  unimp (csrrw x0, cycle, x0)
34  SIGILL  ILL_ILLOPC  label  -  csrrs a0, cycle, a1: writes cycle
35  SIGILL  ILL_ILLOPC  label  -  csrrsi a0, instret, 1
36  SIGILL  ILL_ILLOPC  label  -  csrw cycle, a0
37  SIGILL  ILL_ILLOPC  label  -  csrrw a0, time, a0
38  SIGILL  ILL_ILLOPC  label  -  csrr cycleh (RV32 only)
39  SIGILL  ILL_ILLOPC  label  -  csrr mstatus
40  SIGILL  ILL_ILLOPC  label  -  csrr of CSR 0x7c0 (none)
41  SIGILL  ILL_ILLOPC  label  -  csrr sstatus
42  SIGILL  ILL_ILLOPC  label  -  mret
43  SIGILL  ILL_ILLOPC  label  -  sret
44  SIGILL  ILL_ILLOPC  label  -  wfi
45  SIGILL  ILL_ILLOPC  label  -  sfence.vma
46  SIGILL  ILL_ILLOPC  label  -  custom-0 opcode
50  SIGTRAP TRAP_BRKPT  label  -  ebreak
51  SIGTRAP TRAP_BRKPT  label  -  c.ebreak
60  SIGBUS  BUS_ADRALN  label  -  amoadd.w at 4n+2
61  SIGBUS  BUS_ADRALN  label  -  amoswap.d at 8n+2
62  SIGBUS  BUS_ADRALN  label  -  lr.w at 4n+2
63  SIGBUS  BUS_ADRALN  label  -  lr.d at 8n+4
64  SIGBUS  BUS_ADRALN  label  -  amomaxu.d at 8n+6
65  SIGBUS  BUS_ADRALN  label  -  amoadd.d at 8n+4
66  SIGBUS  BUS_ADRALN  label  -  amoor.w at 4n+1
67  SIGBUS  BUS_ADRALN  label  -  amominu.w at 4n+3
68  SIGSEGV SEGV_MAPERR label  -  amoadd.w at 0
69  SIGSEGV SEGV_MAPERR label  -  lr.d at 0
70  SIGSEGV SEGV_MAPERR label  code=SEGV_ACCERR  amoswap.d at 2^38 (qemu keeps a guard page there)
71  SIGSEGV SEGV_ACCERR label  -  amoswap.w on the text
72  SIGBUS  BUS_ADRALN  label  -  sc.d at 8n+4 holding a reservation (from lr.w) for it
80  SIGSEGV SEGV_MAPERR label  -  ld from 0
81  SIGSEGV SEGV_MAPERR label  -  sd to 0
82  SIGSEGV SEGV_MAPERR label  code=SEGV_ACCERR  lw from 2^38
83  SIGSEGV SEGV_MAPERR label  code=SEGV_ACCERR  sw to 2^38
84  SIGSEGV SEGV_MAPERR label  -  ld from 2^39
85  SIGSEGV SEGV_MAPERR label  addr=0  ld from 2^47 (qemu: a host fault without address)
86  SIGSEGV SEGV_MAPERR label  -  ld from -8
87  SIGSEGV SEGV_MAPERR label  addr=0  lbu from 2^63 (qemu: a host fault without address)
88  SIGSEGV SEGV_MAPERR label  -  lb from 2^38-1
89  SIGSEGV SEGV_MAPERR label  -  sd to the last page below 2^38
90  SIGSEGV SEGV_MAPERR label  -  fld from 0
91  SIGSEGV SEGV_MAPERR label  code=SEGV_ACCERR  fsw to 2^38
92  SIGSEGV SEGV_MAPERR label  -  flw from -4096
93  SIGSEGV SEGV_MAPERR label  -  c.ld from 0
94  SIGSEGV SEGV_MAPERR label  code=SEGV_ACCERR  c.sw to 2^38
95  SIGSEGV SEGV_MAPERR label  -  ld 16(-8): the address wraps to 8
96  SIGSEGV SEGV_MAPERR label  -  lb from the page after the initial brk
97  SIGSEGV SEGV_MAPERR label  -  sw to the page after a grown brk
98  SIGSEGV SEGV_ACCERR label  -  sw to the text
99  SIGSEGV SEGV_ACCERR label  -  sd to a PROT_READ mapping
100 SIGSEGV SEGV_ACCERR label  -  lw from a PROT_NONE mapping
101 SIGSEGV SEGV_MAPERR label  -  ld in a loop, faulting on its third round
102 SIGSEGV SEGV_MAPERR addr   -  an indirect call, the second time to an unmapped page
110 SIGSEGV SEGV_MAPERR addr   -  jump to 0
111 SIGSEGV SEGV_MAPERR addr   -  jump to an unmapped page (2^37)
112 SIGSEGV SEGV_MAPERR addr   code=SEGV_ACCERR  jump to 2^38
113 SIGSEGV SEGV_MAPERR addr   -  jump to -4096
114 SIGSEGV SEGV_ACCERR addr   -  jump into .data
115 SIGSEGV SEGV_ACCERR addr   -  jump into the stack
116 SIGSEGV SEGV_ACCERR addr   -  jump into an RW mapping
117 SIGSEGV SEGV_MAPERR addr   -  c.jr to an unmapped page
118 SIGSEGV SEGV_MAPERR addr   -  jalr (with link) to an unmapped page
119 SIGSEGV SEGV_MAPERR addr   -  running off an executable page into an unmapped one
120 SIGSEGV SEGV_MAPERR addr-2 -  4-byte instruction whose second half is unmapped
121 SIGSEGV SEGV_ACCERR addr-2 -  4-byte instruction whose second half is not executable
122 SIGSEGV SEGV_ACCERR addr   -  c.nop at a page end, then a non-executable page
130 exit0   -           -      -  misaligned sc.w/sc.d fail (rd = 1), no signal, as in qemu
131 exit0   -           -      -  sc.w at 0 and sc.d at 2^38 without a reservation fail quietly
'

src=tests/traps/traps.S
bin=$BUILD/traps/traps
mkdir -p "$BUILD/traps"
if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
  if ! "$RV_CC" -static -nostdlib -o "$bin" "$src" 2>"$tmp/err"; then
    echo "FAIL traps-build: $(head -c 300 "$tmp/err")"
    exit 0
  fi
fi

# Symbols: trap_N (pc of case N's trapping instruction) and case_N (every case the program has).
declare -A sym
while read -r value _ name; do
  sym[$name]=$value
done < <("$RV_NM" "$bin")

# Hex without 0x and leading zeros, lower case.
norm() {
  local h=${1,,}
  h=${h#0x}
  while [[ $h == 0?* ]]; do h=${h#0}; done
  echo "${h:-0}"
}
signum() { kill -l "${1#SIG}"; }
# si_code values (Linux, asm-generic/siginfo.h).
codenum() {
  case $1 in
    ILL_ILLOPC|TRAP_BRKPT|BUS_ADRALN|SEGV_MAPERR) echo 1 ;;
    SEGV_ACCERR) echo 2 ;;
    *) echo "?" ;;
  esac
}

# Runs "$@" with a time limit: stdout to $tmp/out, stderr to $tmp/err; prints the status.
run() {
  (timeout -k 2 "$LIMIT" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; exit $?) 2>/dev/null
  echo $?
}
status_text() {
  if [ "$1" = 124 ]; then echo "timed out"
  elif [ "$1" -gt 128 ]; then echo "killed by SIG$(kill -l $(($1 - 128)) 2>/dev/null)"
  elif [ "$1" = 99 ]; then echo "exit 99 (no trap)"
  else echo "exit $1"; fi
}

# The expected pc from the case's pc spec and fault address (both normalized hex).
expect_pc() {
  local n=$1 spec=$2 addr=$3
  case $spec in
    label) norm "${sym[trap_$n]:-missing}" ;;
    addr) echo "$addr" ;;
    addr-2) printf '%x\n' $((0x$addr - 2)) ;;
  esac
}

declare -A listed
while read -r n sig code pcspec qdiff desc; do
  [ -n "$n" ] || continue
  listed[$n]=1
  name="traps/$n"
  if [ -z "${sym[case_$n]}" ]; then echo "FAIL $name: $bin has no case_$n"; continue; fi
  if [ "$pcspec" = label ] && [ -z "${sym[trap_$n]}" ]; then
    echo "FAIL $name: $bin has no trap_$n"; continue
  fi
  why=()
  if [ "$sig" = exit0 ]; then
    q=$(run "$QEMU" "$bin" "$n")
    [ "$q" = 0 ] || why+=("qemu: $(status_text "$q") (want exit 0: case broken)")
    r=$(run "$RVX" "$bin" "$n")
    if [ "$r" != 0 ] || [ -s "$tmp/err" ]; then
      why+=("rvx: $(status_text "$r"), stderr '$(head -n 1 "$tmp/err" | head -c 160)' (want exit 0, no output)")
    fi
    if [ ${#why[@]} = 0 ]; then echo "PASS $name ($desc)"
    else echo "FAIL $name ($desc): ${why[*]}"; fi
    continue
  fi
  want=$((128 + $(signum "$sig")))
  qcode=$code qaddr=
  case $qdiff in
    code=*) qcode=${qdiff#code=} ;;
    addr=*) qaddr=$(norm "${qdiff#addr=}") ;;
  esac

  # qemu without handlers: dies of the signal.
  q=$(run "$QEMU" "$bin" "$n")
  [ "$q" = "$want" ] || why+=("qemu: $(status_text "$q") (want $sig)")
  # qemu with handlers: signal, si_code, pc and si_addr as expected.
  q=$(run "$QEMU" "$bin" "$n" h)
  mapfile -t l <"$tmp/out"
  if [ "$q" != 0 ] || [ ${#l[@]} != 5 ]; then
    why+=("qemu with handler: $(status_text "$q"), printed ${#l[@]} lines (want 5)")
  else
    addr=$(norm "${l[0]}")
    epc=$(expect_pc "$n" "$pcspec" "$addr")
    eaddr=$addr
    [[ $sig == SIGILL || $sig == SIGTRAP ]] && eaddr=$epc
    [ -n "$qaddr" ] && eaddr=$qaddr
    got="$(norm "${l[1]}") $(norm "${l[2]}") $(norm "${l[3]}") $(norm "${l[4]}")"
    exp="$(printf '%x' "$(signum "$sig")") $(codenum "$qcode") $epc $eaddr"
    [ "$got" = "$exp" ] ||
      why+=("qemu with handler: sig code pc addr = $got, want $exp (expectation wrong?)")
  fi

  # rvx: dies of the signal, with one line naming it, the pc and the address.
  r=$(run "$RVX" "$bin" "$n")
  addr=$(norm "$(head -n 1 "$tmp/out")")
  epc=$(expect_pc "$n" "$pcspec" "$addr")
  [ "$r" = "$want" ] || why+=("rvx: $(status_text "$r") (want $sig)")
  nl=$(wc -l <"$tmp/err")
  line=$(head -n 1 "$tmp/err")
  if [ "$nl" != 1 ]; then
    why+=("rvx: $nl stderr lines (want 1): '$(head -c 200 "$tmp/err" | tr '\n' '|')'")
  elif [[ ! $line =~ ^rvx:\ guest\ $sig\ at\ pc\ 0x0*([0-9a-fA-F]+)(.*)$ ]]; then
    why+=("rvx: stderr '$(head -c 200 <<<"$line")', want 'rvx: guest $sig at pc 0x$epc...'")
  else
    lpc=$(norm "${BASH_REMATCH[1]}") rest=${BASH_REMATCH[2]}
    [ "$lpc" = "$epc" ] || why+=("rvx: reports pc 0x$lpc, want 0x$epc")
    if [[ $sig == SIGSEGV || $sig == SIGBUS ]]; then
      found=0
      for t in $(grep -oE '0x[0-9a-fA-F]+' <<<"$rest"); do
        [ "$(norm "$t")" = "$addr" ] && found=1
      done
      [ $found = 1 ] || why+=("rvx: '$line' does not name the fault address 0x$addr")
    fi
    # A si_code name in the line must be the right one.
    for c in $(grep -oE '\b(ILL|TRAP|BUS|SEGV)_[A-Z]+\b' <<<"$rest"); do
      [ "$c" = "$code" ] || why+=("rvx: '$line' says $c, want $code")
    done
  fi
  if [ ${#why[@]} = 0 ]; then echo "PASS $name ($desc)"
  else
    msg=${why[0]}
    for w in "${why[@]:1}"; do msg="$msg; $w"; done
    echo "FAIL $name ($desc): $msg"
  fi
done <<<"$CASES"

# Every case in the program is in the list.
for s in "${!sym[@]}"; do
  [[ $s == case_* ]] || continue
  [ -n "${listed[${s#case_}]}" ] || echo "FAIL traps/${s#case_}: in $src but not in the suite's list"
done
exit 0
