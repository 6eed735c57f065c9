/* FP additions to harness.h for the fp_*.S guest tests, and the list of FP operations shared
 * by the oracle guest program (fp_oracle.S) and the host unit test (tests/unit/test_fpu.c).
 *
 * Values are given as raw bit patterns (64-bit; a single is NaN-boxed unless the test wants
 * otherwise). t0-t2 and ft0-ft3 are scratch here, a0 gets the result. */
#ifndef RVX_FP_HARNESS_H
#define RVX_FP_HARNESS_H

/* FP_OPS(X): X(id, mnemonic, kind), kind giving the operand shape:
 *   FFF f,f -> f   FF f -> f   FFFF f,f,f -> f   XFF f,f -> x   XF f -> x   FX x -> f */
#define FP_OPS(X) \
  X(fadd_s, fadd.s, FFF) X(fsub_s, fsub.s, FFF) X(fmul_s, fmul.s, FFF) X(fdiv_s, fdiv.s, FFF) \
  X(fsqrt_s, fsqrt.s, FF) X(fsgnj_s, fsgnj.s, FFF) X(fsgnjn_s, fsgnjn.s, FFF) \
  X(fsgnjx_s, fsgnjx.s, FFF) X(fmin_s, fmin.s, FFF) X(fmax_s, fmax.s, FFF) \
  X(feq_s, feq.s, XFF) X(flt_s, flt.s, XFF) X(fle_s, fle.s, XFF) \
  X(fcvt_w_s, fcvt.w.s, XF) X(fcvt_wu_s, fcvt.wu.s, XF) X(fcvt_l_s, fcvt.l.s, XF) \
  X(fcvt_lu_s, fcvt.lu.s, XF) X(fcvt_s_w, fcvt.s.w, FX) X(fcvt_s_wu, fcvt.s.wu, FX) \
  X(fcvt_s_l, fcvt.s.l, FX) X(fcvt_s_lu, fcvt.s.lu, FX) X(fmv_x_w, fmv.x.w, XF) \
  X(fclass_s, fclass.s, XF) X(fmv_w_x, fmv.w.x, FX) \
  X(fmadd_s, fmadd.s, FFFF) X(fmsub_s, fmsub.s, FFFF) X(fnmsub_s, fnmsub.s, FFFF) \
  X(fnmadd_s, fnmadd.s, FFFF) \
  X(fadd_d, fadd.d, FFF) X(fsub_d, fsub.d, FFF) X(fmul_d, fmul.d, FFF) X(fdiv_d, fdiv.d, FFF) \
  X(fsqrt_d, fsqrt.d, FF) X(fsgnj_d, fsgnj.d, FFF) X(fsgnjn_d, fsgnjn.d, FFF) \
  X(fsgnjx_d, fsgnjx.d, FFF) X(fmin_d, fmin.d, FFF) X(fmax_d, fmax.d, FFF) \
  X(fcvt_s_d, fcvt.s.d, FF) X(fcvt_d_s, fcvt.d.s, FF) \
  X(feq_d, feq.d, XFF) X(flt_d, flt.d, XFF) X(fle_d, fle.d, XFF) \
  X(fcvt_w_d, fcvt.w.d, XF) X(fcvt_wu_d, fcvt.wu.d, XF) X(fcvt_l_d, fcvt.l.d, XF) \
  X(fcvt_lu_d, fcvt.lu.d, XF) X(fcvt_d_w, fcvt.d.w, FX) X(fcvt_d_wu, fcvt.d.wu, FX) \
  X(fcvt_d_l, fcvt.d.l, FX) X(fcvt_d_lu, fcvt.d.lu, FX) X(fmv_x_d, fmv.x.d, XF) \
  X(fclass_d, fclass.d, XF) X(fmv_d_x, fmv.d.x, FX) \
  X(fmadd_d, fmadd.d, FFFF) X(fmsub_d, fmsub.d, FFFF) X(fnmsub_d, fnmsub.d, FFFF) \
  X(fnmadd_d, fnmadd.d, FFFF)

#ifdef __ASSEMBLER__
#include "harness.h"

/* fflags bits */
#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16

/* Raw 64-bit bits into an f register. */
#define FLI(freg, bits) li t0, bits; fmv.d.x freg, t0;
/* A single, NaN-boxed. */
#define FLIS(freg, bits) li t0, (0xffffffff00000000 | (bits)); fmv.d.x freg, t0;

/* Clears fflags (start of a test group). */
#define FCLEAR csrw fflags, zero;

/* Checks a0 and then the fflags (both under number n); fflags are cleared. */
#define CHECK_AF(n, expected, flags) CHECK(n, a0, expected) CHECK_FFLAGS(n, flags)

/* Double ops: rd = op(a, b) rounded with rm; expects raw bits and flags. */
#define TD2(n, op, rm, exp, flags, a, b) \
  FLI(ft0, a) FLI(ft1, b) op ft2, ft0, ft1, rm; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)
#define TD1(n, op, rm, exp, flags, a) \
  FLI(ft0, a) op ft2, ft0, rm; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)
#define TD3(n, op, rm, exp, flags, a, b, c) \
  FLI(ft0, a) FLI(ft1, b) FLI(ft3, c) op ft2, ft0, ft1, ft3, rm; fmv.x.d a0, ft2; \
  CHECK_AF(n, exp, flags)
/* Same without a rounding-mode operand (fsgnj, fmin, fmax). */
#define TD2N(n, op, exp, flags, a, b) \
  FLI(ft0, a) FLI(ft1, b) op ft2, ft0, ft1; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)

/* Single ops: operands are NaN-boxed 32-bit patterns; the result is checked boxed. */
#define TS2(n, op, rm, exp, flags, a, b) \
  FLIS(ft0, a) FLIS(ft1, b) op ft2, ft0, ft1, rm; fmv.x.d a0, ft2; \
  CHECK_AF(n, (0xffffffff00000000 | (exp)), flags)
#define TS1(n, op, rm, exp, flags, a) \
  FLIS(ft0, a) op ft2, ft0, rm; fmv.x.d a0, ft2; CHECK_AF(n, (0xffffffff00000000 | (exp)), flags)
#define TS3(n, op, rm, exp, flags, a, b, c) \
  FLIS(ft0, a) FLIS(ft1, b) FLIS(ft3, c) op ft2, ft0, ft1, ft3, rm; fmv.x.d a0, ft2; \
  CHECK_AF(n, (0xffffffff00000000 | (exp)), flags)
#define TS2N(n, op, exp, flags, a, b) \
  FLIS(ft0, a) FLIS(ft1, b) op ft2, ft0, ft1; fmv.x.d a0, ft2; \
  CHECK_AF(n, (0xffffffff00000000 | (exp)), flags)

/* A single operand, a raw double result (fcvt.d.s). */
#define TDS1(n, op, exp, flags, a) \
  FLIS(ft0, a) op ft2, ft0; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)
/* f -> x with rm (fcvt to integer), f -> x without (fclass, fmv.x), f,f -> x (compare). */
#define TXD(n, op, rm, exp, flags, a) FLI(ft0, a) op a0, ft0, rm; CHECK_AF(n, exp, flags)
#define TXS(n, op, rm, exp, flags, a) FLIS(ft0, a) op a0, ft0, rm; CHECK_AF(n, exp, flags)
#define TXDN(n, op, exp, flags, a) FLI(ft0, a) op a0, ft0; CHECK_AF(n, exp, flags)
#define TXSN(n, op, exp, flags, a) FLIS(ft0, a) op a0, ft0; CHECK_AF(n, exp, flags)
#define TCD(n, op, exp, flags, a, b) \
  FLI(ft0, a) FLI(ft1, b) op a0, ft0, ft1; CHECK_AF(n, exp, flags)
#define TCS(n, op, exp, flags, a, b) \
  FLIS(ft0, a) FLIS(ft1, b) op a0, ft0, ft1; CHECK_AF(n, exp, flags)
/* x -> f with rm (fcvt from integer): the result register's raw 64 bits are checked. */
#define TFX(n, op, rm, exp, flags, ival) \
  li t1, ival; op ft2, t1, rm; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)
/* The exact ones (fcvt.d.w, fcvt.d.wu) take no rounding-mode operand in the assembler. */
#define TFXN(n, op, exp, flags, ival) \
  li t1, ival; op ft2, t1; fmv.x.d a0, ft2; CHECK_AF(n, exp, flags)
#endif

#endif
