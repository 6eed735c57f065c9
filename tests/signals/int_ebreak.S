/* ebreak raises SIGTRAP (si_code TRAP_BRKPT) at the ebreak's own pc; a handler that skips
 * it lets the program continue. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  /* rt_sigaction(SIGTRAP, {handler, SA_SIGINFO, mask 0}, NULL, 8) */
  li a0, 5
  la a1, act
  li a2, 0
  li a3, 8
  li a7, 134
  ecall
  CHECK(1, a0, 0)
  li s1, 0x5151
1:ebreak
  CHECK(2, s1, 0x5151)          /* registers survive the signal */
  la a1, hits
  ld a0, 0(a1)
  CHECK(3, a0, 1)
  ld a0, 8(a1)                  /* the pc the handler saw */
  la a2, 1b
  sub a0, a0, a2
  CHECK(4, a0, 0)
  ld a0, 16(a1)                 /* signal number, si_signo, si_code */
  CHECK(5, a0, 5)
  ld a0, 24(a1)
  CHECK(6, a0, 5)
  ld a0, 32(a1)
  CHECK(7, a0, 1)               /* TRAP_BRKPT */
  ebreak
  ld a0, 0(a1)
  CHECK(8, a0, 2)
TEST_END

/* handler(sig, siginfo, ucontext): records, then resumes after the 4-byte ebreak.
 * ucontext->uc_mcontext.sc_regs.pc is at offset 176 on riscv64. */
handler:
  la t0, hits
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  ld t1, 176(a2)
  sd t1, 8(t0)
  sd a0, 16(t0)
  lw t2, 0(a1)
  sd t2, 24(t0)
  lw t2, 8(a1)
  sd t2, 32(t0)
  addi t1, t1, 4
  sd t1, 176(a2)
  ret

.data
.balign 8
act:
  .dword handler, 4, 0          /* sa_handler, sa_flags = SA_SIGINFO, sa_mask */
hits:
  .dword 0, 0, 0, 0, 0
