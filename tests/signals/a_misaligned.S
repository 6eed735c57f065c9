/* Misaligned LR and AMO addresses raise SIGBUS (BUS_ADRALN) at the instruction's pc, with
 * si_addr the misaligned address; memory is not changed. A misaligned SC fails. */
#include "harness.h"
.option norvc
.option norelax

/* Runs the instruction given after n (address in a1), expecting a SIGBUS at it. */
#define TEST_MIS(n, ...)          \
  la a1, mem;                     \
  addi a1, a1, 2;                 \
  la t0, hits;                    \
  ld s2, 0(t0);                   \
1:__VA_ARGS__;                    \
  la t0, hits;                    \
  ld a0, 0(t0);                   \
  sub a0, a0, s2;                 \
  CHECK(n, a0, 1)                 \
  ld a0, 8(t0);                   \
  la a2, 1b;                      \
  sub a0, a0, a2;                 \
  CHECK(n + 1, a0, 0)             \
  ld a0, 16(t0);                  \
  sub a0, a0, a1;                 \
  CHECK(n + 2, a0, 0)             \
  ld a0, 24(t0);                  \
  CHECK(n + 3, a0, 1)

TEST_BEGIN
  /* rt_sigaction(SIGBUS, {handler, SA_SIGINFO, 0}, NULL, 8) */
  li a0, 7
  la a1, act
  li a2, 0
  li a3, 8
  li a7, 134
  ecall
  CHECK(1, a0, 0)
  li a2, 5
  TEST_MIS(10, amoadd.w a0, a2, (a1))
  TEST_MIS(14, amoswap.d a0, a2, (a1))
  TEST_MIS(18, lr.w a0, (a1))
  TEST_MIS(22, lr.d a0, (a1))
  /* sc: no reservation can exist at a misaligned address (lr traps), and QEMU checks the
   * reservation first, so sc just fails there: rd = 1, no signal, no store */
  la a1, mem
  addi a1, a1, 2
  la t0, hits
  ld s2, 0(t0)
  sc.w a0, a2, (a1)
  CHECK(26, a0, 1)
  sc.d a0, a2, (a1)
  CHECK(27, a0, 1)
  ld a0, 0(t0)
  sub a0, a0, s2
  CHECK(28, a0, 0)
  TEST_MIS(34, amomaxu.d a0, a2, (a1))
  /* 4-aligned but not 8-aligned: fine for .w, misaligned for .d */
  la a1, mem
  addi a1, a1, 4
  li a2, 5
  amoadd.w a0, a2, (a1)
  CHECK(40, a0, 0)
  TEST_MIS(41, amoadd.d a0, a2, (a1))
  la a1, mem
  ld a0, 0(a1)
  CHECK(50, a0, 0x0000000500000000)
TEST_END

/* handler(sig, siginfo, ucontext): counts, records pc, si_addr (offset 16) and si_code,
 * then resumes at the next (4-byte) instruction. */
handler:
  la t0, hits
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  ld t1, 176(a2)
  sd t1, 8(t0)
  ld t2, 16(a1)
  sd t2, 16(t0)
  lw t2, 8(a1)
  sd t2, 24(t0)
  addi t1, t1, 4
  sd t1, 176(a2)
  ret

.data
.balign 8
act:
  .dword handler, 4, 0
hits:
  .dword 0, 0, 0, 0
mem:
  .dword 0, 0
