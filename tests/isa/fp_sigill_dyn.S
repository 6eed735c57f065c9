/* With frm = 5 (reserved), instructions without an rm field and with a static rm run; the
 * first one with the dynamic rm must raise SIGILL. The program writes "ok\n" just before it;
 * the suite expects that output and death by SIGILL (no guest handler needed). */
#include "fp_harness.h"

TEST_BEGIN
  li t0, 5
  csrw frm, t0
  FLI(ft0, 0x3ff0000000000000)
  FLI(ft1, 0x4000000000000000)
  fsgnj.d ft2, ft0, ft1
  fmin.d ft2, ft0, ft1
  fmax.s ft2, ft0, ft1
  feq.d a0, ft0, ft1
  flt.s a0, ft0, ft1
  fclass.d a0, ft0
  fmv.x.w a0, ft0
  fmv.d.x ft2, a0
  fadd.d ft2, ft0, ft1, rne
  fcvt.w.d a0, ft0, rtz
  fmadd.d ft2, ft0, ft1, ft0, rmm
  li a0, 1
  la a1, msg
  li a2, 3
  li a7, 64
  ecall
  fadd.d ft2, ft0, ft1, dyn
  li gp, 1
  j fail
TEST_END

  .data
msg: .ascii "ok\n"
