/* c.ebreak raises SIGTRAP (si_code TRAP_BRKPT) at its own pc; a handler that skips the
 * 2-byte instruction lets the program continue. (Moved out of tests/isa/c_ctrl.S.) */
#include "harness.h"
.option rvc
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
1:c.ebreak
  la t0, hits
  ld a0, 0(t0)
  CHECK(2, a0, 1)
  ld a0, 8(t0)                  /* the pc the handler saw */
  la a1, 1b
  sub a0, a0, a1
  CHECK(3, a0, 0)
  ld a0, 16(t0)                 /* si_code */
  CHECK(4, a0, 1)               /* TRAP_BRKPT */
TEST_END

/* SIGTRAP handler: counts, records pc and si_code, resumes after the 2-byte c.ebreak.
 * ucontext->uc_mcontext.sc_regs.pc is at offset 176 on riscv64. */
handler:
  la t0, hits
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  ld t1, 176(a2)
  sd t1, 8(t0)
  lw t2, 8(a1)
  sd t2, 16(t0)
  addi t1, t1, 2
  sd t1, 176(a2)
  ret

.data
.balign 8
act:
  .dword handler, 4, 0
hits:
  .dword 0, 0, 0
