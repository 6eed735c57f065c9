/* feq (quiet) / flt / fle (signalling), fmin/fmax (IEEE 754-2019 minimumNumber and
 * maximumNumber), fclass of every class, fsgnj*, fmv, and NaN-boxing: a single whose upper
 * 32 bits are not all ones reads as the canonical NaN in every computation, while
 * fmv.x.w transfers the low 32 bits unchanged. */
#include "fp_harness.h"

#define D1    0x3ff0000000000000
#define D2    0x4000000000000000
#define DM1   0xbff0000000000000
#define DM2   0xc000000000000000
#define DNZ   0x8000000000000000
#define DINF  0x7ff0000000000000
#define DMINF 0xfff0000000000000
#define DQNAN 0x7ff8000000000123
#define DSNAN 0x7ff0000000000001
#define DCAN  0x7ff8000000000000
#define DMAX  0x7fefffffffffffff

/* Loads raw 64 bits into ft0/ft1 (possibly unboxed for singles). */
#define RAW2(a, b) FLI(ft0, a) FLI(ft1, b)

TEST_BEGIN
  FCLEAR
  TCD(1, feq.d, 1, 0, D1, D1)
  TCD(2, feq.d, 0, 0, D1, D2)
  TCD(3, feq.d, 1, 0, DNZ, 0)
  TCD(4, feq.d, 0, 0, DQNAN, D1)
  TCD(5, feq.d, 0, 0, DQNAN, DQNAN)
  TCD(6, feq.d, 0, NV, DSNAN, D1)
  TCD(7, feq.d, 0, NV, D1, 0xfff0000000000002)
  TCD(8, flt.d, 1, 0, DM1, D1)
  TCD(9, flt.d, 0, 0, D1, DM1)
  TCD(10, flt.d, 1, 0, DM2, DM1)
  TCD(11, flt.d, 0, 0, DNZ, 0)
  TCD(12, flt.d, 0, NV, DQNAN, D1)
  TCD(13, flt.d, 0, NV, D1, DSNAN)
  TCD(14, flt.d, 1, 0, DMINF, 0xffefffffffffffff)
  TCD(15, flt.d, 1, 0, 1, 0x0010000000000000)
  TCD(16, flt.d, 0, 0, D1, D1)
  TCD(17, fle.d, 1, 0, D1, D1)
  TCD(18, fle.d, 1, 0, DNZ, 0)
  TCD(19, fle.d, 1, 0, 0, DNZ)
  TCD(20, fle.d, 0, NV, DQNAN, DQNAN)
  TCD(21, fle.d, 1, 0, DMINF, DMINF)
  TCD(22, fle.d, 0, 0, D2, D1)
  TCD(23, fle.d, 1, 0, 0x8000000000000001, 0)
  /* fmin/fmax */
  TD2N(30, fmin.d, D1, 0, D1, D2)
  TD2N(31, fmax.d, D2, 0, D1, D2)
  TD2N(32, fmin.d, DNZ, 0, DNZ, 0)
  TD2N(33, fmin.d, DNZ, 0, 0, DNZ)
  TD2N(34, fmax.d, 0, 0, DNZ, 0)
  TD2N(35, fmax.d, 0, 0, 0, DNZ)
  TD2N(36, fmin.d, D1, 0, DQNAN, D1)
  TD2N(37, fmax.d, D1, 0, D1, DQNAN)
  TD2N(38, fmin.d, D1, NV, DSNAN, D1)
  TD2N(39, fmax.d, DM1, NV, DM1, DSNAN)
  TD2N(40, fmin.d, DCAN, 0, DQNAN, 0x7ff8000000000456)
  TD2N(41, fmax.d, DCAN, NV, DSNAN, DQNAN)
  TD2N(42, fmax.d, DMINF, 0, 0xfff8000000000000, DMINF)
  TD2N(43, fmin.d, DMINF, 0, DMINF, DMAX)
  TD2N(44, fmax.d, DINF, 0, DINF, DMAX)
  TD2N(45, fmin.d, DM2, 0, DM1, DM2)
  /* fclass.d: one bit per class */
  TXDN(50, fclass.d, 0x001, 0, DMINF)
  TXDN(51, fclass.d, 0x002, 0, DM1)
  TXDN(52, fclass.d, 0x004, 0, 0x800fffffffffffff)
  TXDN(53, fclass.d, 0x008, 0, DNZ)
  TXDN(54, fclass.d, 0x010, 0, 0)
  TXDN(55, fclass.d, 0x020, 0, 1)
  TXDN(56, fclass.d, 0x040, 0, 0x0010000000000000)
  TXDN(57, fclass.d, 0x080, 0, DINF)
  TXDN(58, fclass.d, 0x100, 0, DSNAN)
  TXDN(59, fclass.d, 0x100, 0, 0xfff7ffffffffffff)
  TXDN(60, fclass.d, 0x200, 0, DCAN)
  TXDN(61, fclass.d, 0x200, 0, 0xffffffffffffffff)
  TXDN(62, fclass.d, 0x040, 0, DMAX)
  /* fsgnj*.d: bit operations, NaNs kept as they are, no flags */
  TD2N(70, fsgnj.d, DM1, 0, D1, DM2)
  TD2N(71, fsgnjn.d, D1, 0, D1, DM2)
  TD2N(72, fsgnjx.d, D1, 0, DM1, DM2)
  TD2N(73, fsgnjx.d, DM1, 0, DM1, D2)
  TD2N(74, fsgnj.d, 0xfff0000000000001, 0, DSNAN, DM1)
  TD2N(75, fsgnjn.d, 0x7ff8000000000123, 0, DQNAN, DM1)
  /* fmv.x.d / fmv.d.x */
  li t1, 0x123456789abcdef0
  fmv.d.x ft0, t1
  fmv.x.d a0, ft0
  CHECK_AF(76, 0x123456789abcdef0, 0)

  /* ---- single precision ---- */
  TCS(80, feq.s, 1, 0, 0x3f800000, 0x3f800000)
  TCS(81, feq.s, 1, 0, 0x80000000, 0x00000000)
  TCS(82, feq.s, 0, 0, 0x7fc00000, 0x3f800000)
  TCS(83, feq.s, 0, NV, 0x7f800001, 0x3f800000)
  TCS(84, flt.s, 1, 0, 0xbf800000, 0x3f800000)
  TCS(85, flt.s, 0, NV, 0x7fc00000, 0x3f800000)
  TCS(86, flt.s, 1, 0, 0xc0000000, 0xbf800000)
  TCS(87, fle.s, 1, 0, 0x80000000, 0x00000000)
  TCS(88, fle.s, 0, NV, 0x3f800000, 0xffc00000)
  TS2N(89, fmin.s, 0x80000000, 0, 0x00000000, 0x80000000)
  TS2N(90, fmax.s, 0x00000000, 0, 0x80000000, 0x00000000)
  TS2N(91, fmin.s, 0x3f800000, 0, 0x7fc00000, 0x3f800000)
  TS2N(92, fmin.s, 0x3f800000, NV, 0x7f800001, 0x3f800000)
  TS2N(93, fmax.s, 0x7fc00000, 0, 0x7fc00001, 0xffc00000)
  TS2N(94, fmax.s, 0x7fc00000, NV, 0x7fa00000, 0x7fa00000)
  TS2N(95, fmax.s, 0x40000000, 0, 0x3f800000, 0x40000000)
  TXSN(100, fclass.s, 0x001, 0, 0xff800000)
  TXSN(101, fclass.s, 0x002, 0, 0xbf800000)
  TXSN(102, fclass.s, 0x004, 0, 0x807fffff)
  TXSN(103, fclass.s, 0x008, 0, 0x80000000)
  TXSN(104, fclass.s, 0x010, 0, 0x00000000)
  TXSN(105, fclass.s, 0x020, 0, 0x00000001)
  TXSN(106, fclass.s, 0x040, 0, 0x00800000)
  TXSN(107, fclass.s, 0x080, 0, 0x7f800000)
  TXSN(108, fclass.s, 0x100, 0, 0x7f800001)
  TXSN(109, fclass.s, 0x200, 0, 0x7fc00000)
  TS2N(110, fsgnj.s, 0xbf800000, 0, 0x3f800000, 0xc0000000)
  TS2N(111, fsgnjn.s, 0x3f800000, 0, 0x3f800000, 0xc0000000)
  TS2N(112, fsgnjx.s, 0x3f800000, 0, 0xbf800000, 0xc0000000)
  TS2N(113, fsgnj.s, 0xff800001, 0, 0x7f800001, 0x80000000)
  /* fmv.x.w sign-extends the low 32 bits; fmv.w.x NaN-boxes */
  TXSN(114, fmv.x.w, 0xffffffffbf800000, 0, 0xbf800000)
  TXSN(115, fmv.x.w, 0x3f800000, 0, 0x3f800000)
  li t1, 0x123456789abcdef0
  fmv.w.x ft0, t1
  fmv.x.d a0, ft0
  CHECK_AF(116, 0xffffffff9abcdef0, 0)

  /* ---- NaN-boxing: improperly boxed singles read as the canonical NaN ---- */
  RAW2(0x000000003f800000, 0xffffffff3f800000)
  fadd.s ft2, ft0, ft1
  fmv.x.d a0, ft2
  CHECK_AF(120, 0xffffffff7fc00000, 0)          /* quiet: no NV */
  fmul.s ft2, ft1, ft0
  fmv.x.d a0, ft2
  CHECK_AF(121, 0xffffffff7fc00000, 0)
  fsgnj.s ft2, ft0, ft1                          /* canonical NaN, rs2's sign */
  fmv.x.d a0, ft2
  CHECK_AF(122, 0xffffffff7fc00000, 0)
  RAW2(0x7ff000003f800000, 0xffffffffbf800000)
  fsgnj.s ft2, ft0, ft1
  fmv.x.d a0, ft2
  CHECK_AF(123, 0xffffffffffc00000, 0)
  fsgnjn.s ft2, ft0, ft0                         /* fneg.s of an unboxed value */
  fmv.x.d a0, ft2
  CHECK_AF(124, 0xffffffffffc00000, 0)
  fsgnjx.s ft2, ft1, ft0                         /* sign of the canonical NaN is 0 */
  fmv.x.d a0, ft2
  CHECK_AF(125, 0xffffffffbf800000, 0)
  fmv.x.w a0, ft0                                /* a transfer: low bits, unchanged */
  CHECK_AF(126, 0x3f800000, 0)
  fclass.s a0, ft0
  CHECK_AF(127, 0x200, 0)
  feq.s a0, ft0, ft0
  CHECK_AF(128, 0, 0)                            /* canonical NaN is quiet */
  flt.s a0, ft1, ft0
  CHECK_AF(129, 0, NV)
  fmin.s ft2, ft0, ft1
  fmv.x.d a0, ft2
  CHECK_AF(130, 0xffffffffbf800000, 0)
  fmax.s ft2, ft0, ft0
  fmv.x.d a0, ft2
  CHECK_AF(131, 0xffffffff7fc00000, 0)
  fcvt.d.s ft2, ft0
  fmv.x.d a0, ft2
  CHECK_AF(132, DCAN, 0)
  fcvt.w.s a0, ft0, rtz
  CHECK_AF(133, 0x7fffffff, NV)
  fsqrt.s ft2, ft0
  fmv.x.d a0, ft2
  CHECK_AF(134, 0xffffffff7fc00000, 0)
  FLI(ft3, 0xffffffff40000000)
  fmadd.s ft2, ft1, ft3, ft0
  fmv.x.d a0, ft2
  CHECK_AF(135, 0xffffffff7fc00000, 0)
  /* a double value read as a single is unboxed too */
  FLI(ft0, D1)
  fadd.s ft2, ft1, ft0
  fmv.x.d a0, ft2
  CHECK_AF(136, 0xffffffff7fc00000, 0)
  /* a boxed single read as a double is a NaN with a payload */
  FLI(ft0, 0xffffffff3f800000)
  fclass.d a0, ft0
  CHECK_AF(137, 0x200, 0)
  fadd.d ft2, ft0, ft0
  fmv.x.d a0, ft2
  CHECK_AF(138, DCAN, 0)
TEST_END
