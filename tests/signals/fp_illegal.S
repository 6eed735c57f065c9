/* Reserved rounding modes: rm 5 or 6 in the instruction, or rm 7 (dynamic) while frm is 5, 6
 * or 7, make every instruction with an rm field illegal (SIGILL, ILL_ILLOPC, si_addr = pc),
 * leaving rd and fflags unchanged; instructions without an rm field ignore frm.
 * A SIGILL handler (SA_NODEFER, so it can be entered again) checks the siginfo and resumes at
 * the address in s11 without returning. */
#include "fp_harness.h"

#define SIGILL 4
#define ILL_ILLOPC 1
#define SA_NODEFER 0x40000000

/* Raw encodings (the assembler refuses reserved rm values). */
#define FADD_D_RM(rm)  .word 0x02000053 | (2 << 7) | ((rm) << 12) | (0 << 15) | (1 << 20) /* fadd.d ft2, ft0, ft1 */
#define FCVT_D_W_RM(rm) .word 0xd2000053 | (2 << 7) | ((rm) << 12) | (6 << 15)       /* fcvt.d.w ft2, t1 */
#define FMADD_S_RM(rm) .word 0x00000043 | (2 << 7) | ((rm) << 12) | (0 << 15) | (1 << 20) | (3 << 27)
#define FCVT_W_S_RM(rm) .word 0xc0000053 | (10 << 7) | ((rm) << 12) | (0 << 15)      /* fcvt.w.s a0, ft0 */

/* Expects the instruction at label L to raise SIGILL; check n. */
#define EXPECT_SIGILL(n, L, insn) \
  li gp, n; li s10, 0; la s11, 8f; la s9, L; \
  L: insn; \
  j fail; \
  8: li t6, 1; bne s10, t6, fail;

TEST_BEGIN
  /* rt_sigaction(SIGILL, &act, 0, 8) */
  li gp, 1
  la a1, act
  la t0, handler
  sd t0, 0(a1)
  li t0, SA_NODEFER
  sd t0, 8(a1)
  sd zero, 16(a1)
  li a0, SIGILL
  li a2, 0
  li a3, 8
  li a7, 134
  ecall
  bnez a0, fail

  FLI(ft0, 0x3ff0000000000000)
  FLI(ft1, 0x3ca0000000000000)
  FLI(ft2, 0x1234)
  FLIS(ft3, 0x3f800000)
  li t1, 7
  csrw fflags, zero
  EXPECT_SIGILL(2, l2, FADD_D_RM(5))
  EXPECT_SIGILL(3, l3, FADD_D_RM(6))
  li t0, 5
  csrw frm, t0
  EXPECT_SIGILL(4, l4, FADD_D_RM(7))
  EXPECT_SIGILL(5, l5, FCVT_D_W_RM(7))
  EXPECT_SIGILL(6, l6, FMADD_S_RM(7))
  li t0, 6
  csrw frm, t0
  EXPECT_SIGILL(7, l7, FCVT_W_S_RM(7))
  li t0, 7
  csrw frm, t0
  EXPECT_SIGILL(8, l8, FADD_D_RM(7))
  EXPECT_SIGILL(9, l9, FCVT_D_W_RM(5))
  /* nothing was written, nothing accrued */
  fmv.x.d a0, ft2
  CHECK(10, a0, 0x1234)
  CHECK_FFLAGS(11, 0)
  /* no rm field: frm does not matter */
  fsgnj.d ft2, ft0, ft1
  fmv.x.d a0, ft2
  CHECK(12, a0, 0x3ff0000000000000)
  fmin.d ft2, ft0, ft1
  feq.d a0, ft0, ft0
  CHECK(13, a0, 1)
  fclass.d a0, ft0
  CHECK(14, a0, 0x40)
  /* a static valid rm works while frm is reserved */
  FADD_D_RM(4)
  fmv.x.d a0, ft2
  CHECK(15, a0, 0x3ff0000000000001)
  CHECK_FFLAGS(16, NX)
  /* frm back to a valid mode: dynamic works again */
  li t0, 4
  csrw frm, t0
  FADD_D_RM(7)
  fmv.x.d a0, ft2
  CHECK(17, a0, 0x3ff0000000000001)
  CHECK_FFLAGS(18, NX)
  j pass

/* handler(sig, info, uc): s10 = 1 when sig, si_code and si_addr are right */
handler:
  li t0, SIGILL
  bne a0, t0, 1f
  lw t0, 0(a1)                 /* si_signo */
  bne t0, a0, 1f
  lw t0, 8(a1)                 /* si_code */
  li t6, ILL_ILLOPC
  bne t0, t6, 1f
  ld t0, 16(a1)                /* si_addr */
  bne t0, s9, 1f
  li s10, 1
1:
  jr s11
TEST_END

  .bss
  .balign 8
act: .space 32
