#!/bin/bash
# Interpreter suite: instruction semantics and traps the interpreter owns, each program built
# here from the sources below and run under rvx and qemu-riscv64 (same output and exit
# status, and the status the test expects, so a qemu quirk cannot hide an rvx bug), plus
# rvx-only checks of what qemu-user does not model (exact instret).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} QEMU=${QEMU:-qemu-riscv64} BUILD=${BUILD:-build}
dir=$BUILD/interp
mkdir -p "$dir"
ulimit -c 0

# build NAME EXT FLAGS: compiles stdin (C or assembly) to $dir/NAME; says FAIL if it cannot.
build() {
  local name=$1 ext=$2
  shift 2
  cat >"$dir/$name.$ext"
  if ! riscv64-linux-gnu-gcc -static "$@" -o "$dir/$name" "$dir/$name.$ext" 2>"$dir/$name.log"; then
    echo "FAIL $name: does not build: $(head -c 300 "$dir/$name.log")"
    return 1
  fi
}

# run NAME STATUS [ARGS]: rvx and qemu must agree on stdout and status, and status must be
# STATUS (128 + signal for a program killed by a signal).
run() {
  local name=$1 want=$2
  shift 2
  local bin=$dir/$name
  local got ref
  # (the braces keep bash's "Segmentation fault" job reports out of the suite's output)
  { "$RVX" "$bin" "$@" >"$dir/$name.rvx" 2>"$dir/$name.rvx.err"; got=$?; } 2>/dev/null
  { "$QEMU" "$bin" "$@" >"$dir/$name.qemu" 2>/dev/null; ref=$?; } 2>/dev/null
  if [ "$got" != "$want" ] || [ "$ref" != "$want" ]; then
    echo "FAIL $name: status rvx $got, qemu $ref, expected $want $(head -c 200 "$dir/$name.rvx.err")"
  elif ! cmp -s "$dir/$name.rvx" "$dir/$name.qemu"; then
    echo "FAIL $name: output differs from qemu: $(diff "$dir/$name.qemu" "$dir/$name.rvx" | head -4 | tr '\n' ' ')"
  else
    echo "PASS $name"
  fi
}

# asm NAME STATUS: a -nostdlib program from stdin, starting at _start; "exit N" is a macro.
asm() {
  local name=$1 want=$2
  { echo '.macro exit code; li a0, \code; li a7, 93; ecall; .endm'
    echo '.text; .globl _start; _start:'
    cat; } | build "$name" S -nostdlib && run "$name" "$want"
}

# rvx_only NAME STATUS: like asm, but only rvx runs it (qemu-user does not model the CSR).
rvx_only() {
  local name=$1 want=$2
  { echo '.macro exit code; li a0, \code; li a7, 93; ecall; .endm'
    echo '.text; .globl _start; _start:'
    cat; } | build "$name" S -nostdlib || return
  local got
  { "$RVX" "$dir/$name" >/dev/null 2>"$dir/$name.rvx.err"; got=$?; } 2>/dev/null
  if [ "$got" = "$want" ]; then echo "PASS $name"
  else echo "FAIL $name: status $got, expected $want $(head -c 200 "$dir/$name.rvx.err")"; fi
}

SIGILL=$((128 + 4)) SIGTRAP=$((128 + 5)) SIGBUS=$((128 + 7)) SIGSEGV=$((128 + 11))

# ---- semantics: every integer, memory, atomic and CSR operation over edge values ----
build interp-ops c -O2 <<'EOF' && run interp-ops 0
/* Integer, memory, atomic and CSR semantics, printed as one hash per operation. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t vals[] = {
  0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
  0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x123456789abcdef0, 0xfedcba9876543210,
  0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0xfffffffffffffffe,
  0xffffffff80000000, 0xffffffff7fffffff, 0x00000000ffff0000, 0x5555555555555555,
  0xaaaaaaaaaaaaaaaa, (uint64_t)-3, (uint64_t)-7,
};
#define NV (sizeof vals / sizeof vals[0])
static uint64_t hash;
static void mix(uint64_t v) { hash = (hash ^ v) * 0x100000001b3ull + (hash >> 29); }
static void report(const char *name) { printf("%-12s %016llx\n", name, (unsigned long long)hash); hash = 0; }

#define RR(op) static uint64_t rr_##op(uint64_t a, uint64_t b) {                           \
    uint64_t r; __asm__ volatile(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
#define RR_LIST(X) X(add) X(sub) X(sll) X(slt) X(sltu) X(xor) X(srl) X(sra) X(or) X(and)     \
  X(addw) X(subw) X(sllw) X(srlw) X(sraw) X(mul) X(mulh) X(mulhsu) X(mulhu) X(div) X(divu)  \
  X(rem) X(remu) X(mulw) X(divw) X(divuw) X(remw) X(remuw)
RR_LIST(RR)

#define RI(op, imm) { uint64_t r; __asm__ volatile(#op " %0, %1, " #imm : "=r"(r) : "r"(a)); mix(r); }
#define RI5(op, i1, i2, i3, i4, i5) \
  for (unsigned i = 0; i < NV; i++) { uint64_t a = vals[i]; RI(op, i1) RI(op, i2) RI(op, i3) RI(op, i4) RI(op, i5) } \
  report(#op);

static uint8_t buf[96] __attribute__((aligned(16)));
static void fill(void) { for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 37 + 0x81); }

#define LOAD(op) { fill(); for (int o = 0; o < 24; o++) { uint64_t r;                      \
    __asm__ volatile(#op " %0, 3(%1)" : "=r"(r) : "r"(buf + o) : "memory"); mix(r); } report(#op); }
#define STORE(op) { fill(); for (int o = 0; o < 24; o++) {                                \
    __asm__ volatile(#op " %0, 5(%1)" :: "r"(vals[o] ^ 0x0102030405060708), "r"(buf + o) : "memory"); } \
    for (unsigned i = 0; i < sizeof buf; i++) mix(buf[i]); report(#op); }

#define AMO(op, T) { for (unsigned i = 0; i < NV; i++) for (unsigned j = 0; j < NV; j += 3) {   \
    T m = (T)vals[i]; uint64_t r;                                                          \
    __asm__ volatile(#op " %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(vals[j]) : "memory");    \
    mix(r); mix((uint64_t)m); } report(#op); }

int main(void) {
  static const struct { const char *name; uint64_t (*f)(uint64_t, uint64_t); } rr[] = {
#define RR_ROW(op) { #op, rr_##op },
    RR_LIST(RR_ROW)
  };
  for (unsigned k = 0; k < sizeof rr / sizeof rr[0]; k++) {
    for (unsigned i = 0; i < NV; i++)
      for (unsigned j = 0; j < NV; j++)
        mix(rr[k].f(vals[i], vals[j]));
    report(rr[k].name);
  }
  RI5(addi, 0, 1, -1, 2047, -2048)
  RI5(slti, 0, 1, -1, 2047, -2048)
  RI5(sltiu, 0, 1, -1, 2047, -2048)
  RI5(xori, 0, 1, -1, 2047, -2048)
  RI5(ori, 0, 1, -1, 2047, -2048)
  RI5(andi, 0, 1, -1, 2047, -2048)
  RI5(addiw, 0, 1, -1, 2047, -2048)
  RI5(slli, 0, 1, 31, 32, 63)
  RI5(srli, 0, 1, 31, 32, 63)
  RI5(srai, 0, 1, 31, 32, 63)
  RI5(slliw, 0, 1, 15, 30, 31)
  RI5(srliw, 0, 1, 15, 30, 31)
  RI5(sraiw, 0, 1, 15, 30, 31)
  { uint64_t r; __asm__ volatile("lui %0, 0x80000" : "=r"(r)); mix(r);
    __asm__ volatile("lui %0, 0x7ffff" : "=r"(r)); mix(r);
    __asm__ volatile("1: auipc %0, 0\n sub %0, %0, %1" : "=r"(r) : "r"(0)); report("lui"); }
  /* Writes to x0 are dropped, whatever the instruction. */
  { uint64_t r; __asm__ volatile("add zero, %1, %1\n addi zero, zero, 5\n lui zero, 1\n"
      "mv %0, zero" : "=r"(r) : "r"(vals[5])); mix(r);
    __asm__ volatile("ld zero, 0(%1)\n jal zero, 1f\n 1: mv %0, zero" : "=r"(r) : "r"(buf)); mix(r);
    report("x0"); }
  /* jalr clears bit 0 of the target and links after computing it (rd == rs1). */
  { uint64_t r, t;
    __asm__ volatile("la %1, 1f\n addi %1, %1, 1\n jalr %1, 0(%1)\n li %0, 99\n j 2f\n"
      "1: li %0, 42\n 2:" : "=r"(r), "=&r"(t)); mix(r); report("jalr"); }
  LOAD(lb) LOAD(lh) LOAD(lw) LOAD(ld) LOAD(lbu) LOAD(lhu) LOAD(lwu)
  STORE(sb) STORE(sh) STORE(sw) STORE(sd)
  AMO(amoswap.w, uint32_t) AMO(amoadd.w, uint32_t) AMO(amoxor.w, uint32_t)
  AMO(amoand.w, uint32_t) AMO(amoor.w, uint32_t) AMO(amomin.w, uint32_t)
  AMO(amomax.w, uint32_t) AMO(amominu.w, uint32_t) AMO(amomaxu.w, uint32_t)
  AMO(amoswap.d, uint64_t) AMO(amoadd.d, uint64_t) AMO(amoxor.d, uint64_t)
  AMO(amoand.d, uint64_t) AMO(amoor.d, uint64_t) AMO(amomin.d, uint64_t)
  AMO(amomax.d, uint64_t) AMO(amominu.d, uint64_t) AMO(amomaxu.d, uint64_t)
  /* LR/SC: success, no reservation, another address, reservation used up. */
  { uint64_t m[2] = { 5, 6 }; uint32_t w = 0x80000001u; uint64_t r1, r2, r3, r4, v;
    __asm__ volatile("lr.d %0, (%5)\n sc.d %1, %6, (%5)\n sc.d %2, %6, (%5)\n"
      "lr.d %0, (%5)\n sc.d %3, %6, (%8)\n lr.w %4, (%7)\n sc.w %4, %6, (%7)"
      : "=&r"(v), "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4)
      : "r"(m), "r"(vals[20]), "r"(&w), "r"(m + 1) : "memory");
    mix(v); mix(r1); mix(r2); mix(r3); mix(r4); mix(m[0]); mix(m[1]); mix(w);
    __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(&w) : "memory"); mix(v);
    report("lrsc"); }
  /* fcsr and its views: writes keep only the defined bits. */
  { uint64_t a, b, c, d;
    __asm__ volatile("csrw fcsr, %4\n csrr %0, fcsr\n csrr %1, frm\n csrr %2, fflags\n"
      "csrrwi %3, frm, 2\n csrrw zero, fflags, %5\n csrrsi zero, fflags, 4\n"
      "csrrci zero, fflags, 1\n csrs fcsr, %5" : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d)
      : "r"(0xffffull), "r"(0x3ull));
    mix(a); mix(b); mix(c); mix(d);
    __asm__ volatile("csrr %0, fcsr\n csrrc %1, frm, %2\n csrr %2, fcsr" : "=&r"(a), "=&r"(b), "+r"(c));
    mix(a); mix(b); mix(c); __asm__ volatile("csrw fcsr, zero"); report("csr"); }
  /* FP loads and stores: flw NaN-boxes, fsw stores the low half whatever the box. */
  { fill(); uint64_t r; double d;
    __asm__ volatile("flw %1, 1(%2)\n fmv.x.d %0, %1" : "=r"(r), "=f"(d) : "r"(buf)); mix(r);
    __asm__ volatile("fld %1, 3(%2)\n fmv.x.d %0, %1" : "=r"(r), "=f"(d) : "r"(buf)); mix(r);
    __asm__ volatile("fmv.d.x %0, %1\n fsw %0, 7(%2)\n fsd %0, 13(%2)" : "=&f"(d)
      : "r"(vals[20]), "r"(buf) : "memory");
    for (unsigned i = 0; i < sizeof buf; i++) mix(buf[i]);
    report("fp-mem"); }
  return 0;
}
EOF

# ---- code that changes: fence.i, and an instruction whose second half cannot be fetched ----
build interp-smc c -O2 <<'EOF' && run interp-smc 0 && run interp-smc "$SIGSEGV" straddle
/* Self-modifying code made visible by fence.i; with an argument, a 4-byte instruction that
 * starts 2 bytes before a page without execute permission (SIGSEGV, not a partial execute). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
int main(int argc, char **argv) {
  (void)argv;
  uint8_t *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 2;
  long (*f)(long) = (long (*)(long))(void *)p;
  for (int k = 1; k <= 3; k++) {
    put32(p, 0x00050513u | (uint32_t)k << 20);   /* addi a0, a0, k */
    put16(p + 4, 0x8082);                          /* ret */
    __asm__ volatile("fence.i" ::: "memory");
    printf("%ld\n", f(100));
  }
  if (argc > 1) {
    put16(p + 4092, 0x0001);                       /* c.nop */
    put32(p + 4094, 0x00150513);                   /* addi a0, a0, 1 (straddles) */
    put16(p + 4098, 0x8082);                       /* ret */
    mprotect(p + 4096, 4096, PROT_READ);
    __asm__ volatile("fence.i" ::: "memory");
    f = (long (*)(long))(void *)(p + 4092);
    printf("%ld\n", f(41));
  }
  return 0;
}
EOF

# ---- calls and returns: predicted returns that do not match, deep recursion, flushes ----
build interp-calls c -O2 <<'EOF' && run interp-calls 0
/* Returns the interpreter predicts (a stack of call sites) and the ones it cannot: longjmp,
 * recursion deeper than any prediction stack, indirect and tail calls, a return through t0
 * (the other link register), and fence.i (which drops every predecoded block) in a callee. */
#include <setjmp.h>
#include <stdio.h>
static jmp_buf env;
__attribute__((noinline)) static long leaf(long x) { return x * 3 + 1; }
__attribute__((noinline)) static long deep(long n) { return n == 0 ? 0 : 1 + deep(n - 1) + (n & 1); }
__attribute__((noinline)) static void thrower(int n) { if (n == 0) longjmp(env, 7); thrower(n - 1); leaf(n); }
__attribute__((noinline)) static long flusher(long x) { __asm__ volatile("fence.i" ::: "memory"); return leaf(x); }
__attribute__((noinline)) static long tail(long x) { return leaf(x + 1); }
/* A call and return through t0. */
__attribute__((noinline)) static long via_t0(long x) {
  long r;
  __asm__ volatile("la t0, 1f\n jalr t0, 0(t0)\n j 2f\n 1: addi %0, %1, 5\n jr t0\n 2:"
                   : "=&r"(r) : "r"(x) : "t0");
  return r;
}
int main(void) {
  long s = 0;
  long (*fp[3])(long) = { leaf, tail, flusher };
  for (int i = 0; i < 3000; i++) {
    s += fp[i % 3](i) + deep(i % 200);
    if (setjmp(env) == 0) thrower(i % 70);
    else s += 7;
    s += via_t0(i);
  }
  printf("%ld\n", s);
  return 0;
}
EOF

# ---- blocks: longer than the cap, across pages; branches both ways ----
sum=0
{ echo 'li a0, 0; li a1, 0'
  for i in $(seq 1 1500); do echo "addi a0, a0, $((i % 7))"; echo 'c.addi a1, 1'; sum=$((sum + i % 7)); done
  echo "li t0, $sum; bne a0, t0, 1f; li t0, 1500; bne a1, t0, 1f"
  echo 'li t1, 0; li t2, 1000; 2: addi t1, t1, 1; blt t1, t2, 2b; bne t1, t2, 1f'
  echo 'exit 0; 1: exit 1'; } | asm interp-long-block 0

# ---- traps: raised when the instruction runs, at its pc, with the right signal ----
asm interp-illegal "$SIGILL" <<'EOF'
  nop; .word 0
EOF
asm interp-illegal-not-reached 0 <<'EOF'
  j 1f; .word 0; 1: exit 0
EOF
asm interp-fault-before-illegal "$SIGSEGV" <<'EOF'
  li t0, 1; slli t0, t0, 40; ld t1, 0(t0); .word 0
EOF
asm interp-ebreak "$SIGTRAP" <<'EOF'
  ebreak
EOF
asm interp-c-ebreak "$SIGTRAP" <<'EOF'
  c.ebreak
EOF
asm interp-load-outside "$SIGSEGV" <<'EOF'
  li t0, -8; ld t1, 0(t0)
EOF
asm interp-store-outside "$SIGSEGV" <<'EOF'
  li t0, 1; slli t0, t0, 38; sb zero, 0(t0)
EOF
asm interp-load-unmapped "$SIGSEGV" <<'EOF'
  li t0, 16; lw t1, 0(t0)
EOF
asm interp-store-text "$SIGSEGV" <<'EOF'
  la t0, _start; sw zero, 0(t0)
EOF
asm interp-amo-misaligned "$SIGBUS" <<'EOF'
  la t0, 1f; addi t0, t0, 2; amoadd.w t1, t1, (t0); exit 0
  .data; .balign 8; 1: .dword 0
EOF
asm interp-lr-misaligned "$SIGBUS" <<'EOF'
  la t0, 1f; addi t0, t0, 4; lr.d t1, (t0); exit 0
  .data; .balign 8; 1: .dword 0, 0
EOF
asm interp-amo-outside "$SIGSEGV" <<'EOF'
  li t0, 1; slli t0, t0, 39; amoswap.d t1, t1, (t0); exit 0
EOF
asm interp-amo-readonly "$SIGSEGV" <<'EOF'
  la t0, _start; amoor.w t1, zero, (t0); exit 0
EOF
asm interp-jump-unmapped "$SIGSEGV" <<'EOF'
  li t0, 0x1000; jr t0
EOF
asm interp-jump-outside "$SIGSEGV" <<'EOF'
  li t0, -4096; jalr t0
EOF
asm interp-jump-data "$SIGSEGV" <<'EOF'
  la t0, 1f; jr t0
  .data; .balign 4; 1: .word 0x00000013
EOF
asm interp-csr-unknown "$SIGILL" <<'EOF'
  csrr t0, 0x7c0
EOF
asm interp-csr-mstatus "$SIGILL" <<'EOF'
  csrr t0, mstatus
EOF
asm interp-csr-write-cycle "$SIGILL" <<'EOF'
  csrw cycle, zero
EOF
asm interp-csr-write-time "$SIGILL" <<'EOF'
  csrrwi zero, time, 1
EOF
asm interp-csr-set-instret "$SIGILL" <<'EOF'
  li t0, 1; csrs instret, t0
EOF
asm interp-csr-read-counters 0 <<'EOF'
  rdcycle t0; rdtime t1; rdinstret t2; csrs cycle, zero; csrrci t0, time, 0; exit 0
EOF
asm interp-fp-dyn-reserved "$SIGILL" <<'EOF'
  fsrmi 5; fadd.d fa0, fa0, fa0
EOF
asm interp-fp-static-reserved "$SIGILL" <<'EOF'
  .word 0x02a55553   # fadd.d fa0, fa0, fa0 with rm 5
EOF
asm interp-ecall-exit 7 <<'EOF'
  li a0, 7; li a7, 94; ecall; exit 1
EOF

# ---- rvx only: instret is exact, within a block and across blocks ----
rvx_only interp-instret 0 <<'EOF'
  rdinstret t0; nop; nop; nop; rdinstret t1; sub t1, t1, t0; li t2, 4; bne t1, t2, 1f
  rdinstret t0; j 2f; 2: nop; rdinstret t1; sub t1, t1, t0; li t2, 3; bne t1, t2, 1f
  li t3, 0; li t4, 100; rdinstret t0; 3: addi t3, t3, 1; bne t3, t4, 3b; rdinstret t1
  sub t1, t1, t0; li t2, 201; bne t1, t2, 1f
  rdcycle t0; rdcycle t1; beq t0, t1, 1f
  rdtime t0; li t3, 100000; 4: addi t3, t3, -1; bnez t3, 4b; rdtime t1; bgeu t0, t1, 1f
  exit 0; 1: exit 1
EOF
