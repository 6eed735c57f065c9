/* fadd/fsub/fmul/fdiv/fsqrt, single and double: every rounding mode on ties and non-ties,
 * overflow to inf or max-finite per mode, underflow (tininess after rounding, UF only when
 * inexact), subnormals, signed zeros, NaN inputs and canonical NaN results, every flag. */
#include "fp_harness.h"

#define D1     0x3ff0000000000000
#define D1U    0x3ff0000000000001   /* 1 + 2^-52 */
#define D1UU   0x3ff0000000000002
#define DM1    0xbff0000000000000
#define DM1U   0xbff0000000000001
#define DH53   0x3ca0000000000000   /* 2^-53: half an ulp of 1 */
#define DMH53  0xbca0000000000000
#define DQ54   0x3c90000000000000   /* 2^-54 */
#define D3Q54  0x3ca8000000000000   /* 1.5 * 2^-53 */
#define DMAX   0x7fefffffffffffff
#define DMMAX  0xffefffffffffffff
#define DINF   0x7ff0000000000000
#define DMINF  0xfff0000000000000
#define DCAN   0x7ff8000000000000
#define DSNAN  0x7ff0000000000001
#define DHALF  0x3fe0000000000000
#define DMINN  0x0010000000000000   /* 2^-1022 */
#define DMINS  0x0000000000000001   /* 2^-1074 */
#define DNZ    0x8000000000000000

TEST_BEGIN
  FCLEAR
  /* 1 + half ulp: a tie to the even 1 */
  TD2(1, fadd.d, rne, D1, NX, D1, DH53)
  TD2(2, fadd.d, rtz, D1, NX, D1, DH53)
  TD2(3, fadd.d, rdn, D1, NX, D1, DH53)
  TD2(4, fadd.d, rup, D1U, NX, D1, DH53)
  TD2(5, fadd.d, rmm, D1U, NX, D1, DH53)
  /* (1 + ulp) + half ulp: a tie to the even 1 + 2 ulp */
  TD2(6, fadd.d, rne, D1UU, NX, D1U, DH53)
  TD2(7, fadd.d, rtz, D1U, NX, D1U, DH53)
  TD2(8, fadd.d, rdn, D1U, NX, D1U, DH53)
  TD2(9, fadd.d, rup, D1UU, NX, D1U, DH53)
  TD2(10, fadd.d, rmm, D1UU, NX, D1U, DH53)
  /* negative tie */
  TD2(11, fadd.d, rne, DM1, NX, DM1, DMH53)
  TD2(12, fadd.d, rtz, DM1, NX, DM1, DMH53)
  TD2(13, fadd.d, rdn, DM1U, NX, DM1, DMH53)
  TD2(14, fadd.d, rup, DM1, NX, DM1, DMH53)
  TD2(15, fadd.d, rmm, DM1U, NX, DM1, DMH53)
  /* quarter and three-quarter ulp */
  TD2(16, fadd.d, rne, D1, NX, D1, DQ54)
  TD2(17, fadd.d, rmm, D1, NX, D1, DQ54)
  TD2(18, fadd.d, rup, D1U, NX, D1, DQ54)
  TD2(19, fadd.d, rne, D1U, NX, D1, D3Q54)
  TD2(20, fadd.d, rmm, D1U, NX, D1, D3Q54)
  TD2(21, fadd.d, rtz, D1, NX, D1, D3Q54)
  /* fsub: the same tie from the other side, and exact zeros */
  TD2(22, fsub.d, rne, D1, NX, D1, DMH53)
  TD2(23, fsub.d, rmm, D1U, NX, D1, DMH53)
  TD2(24, fsub.d, rne, 0, 0, D1, D1)
  TD2(25, fsub.d, rdn, DNZ, 0, D1, D1)
  TD2(26, fadd.d, rne, DNZ, 0, DNZ, DNZ)
  TD2(27, fadd.d, rne, 0, 0, 0, DNZ)
  TD2(28, fadd.d, rdn, DNZ, 0, 0, DNZ)
  TD2(29, fadd.d, rup, 0, 0, DNZ, 0)
  /* overflow: inf or the largest finite number, per mode and sign */
  TD2(30, fadd.d, rne, DINF, OF|NX, DMAX, DMAX)
  TD2(31, fadd.d, rtz, DMAX, OF|NX, DMAX, DMAX)
  TD2(32, fadd.d, rdn, DMAX, OF|NX, DMAX, DMAX)
  TD2(33, fadd.d, rup, DINF, OF|NX, DMAX, DMAX)
  TD2(34, fadd.d, rmm, DINF, OF|NX, DMAX, DMAX)
  TD2(35, fadd.d, rne, DMINF, OF|NX, DMMAX, DMMAX)
  TD2(36, fadd.d, rtz, DMMAX, OF|NX, DMMAX, DMMAX)
  TD2(37, fadd.d, rdn, DMINF, OF|NX, DMMAX, DMMAX)
  TD2(38, fadd.d, rup, DMMAX, OF|NX, DMMAX, DMMAX)
  TD2(39, fadd.d, rmm, DMINF, OF|NX, DMMAX, DMMAX)
  /* max + half ulp: rounding decides whether it overflows */
  TD2(40, fadd.d, rne, DINF, OF|NX, DMAX, 0x7c90000000000000)
  TD2(41, fadd.d, rtz, DMAX, NX, DMAX, 0x7c90000000000000)
  TD2(42, fadd.d, rmm, DINF, OF|NX, DMAX, 0x7c90000000000000)
  TD2(43, fadd.d, rdn, DMAX, NX, DMAX, 0x7c90000000000000)
  /* NaNs: canonical results; NV only for signalling inputs or invalid operations */
  TD2(44, fadd.d, rne, DCAN, 0, 0x7ff8000000000123, D1)
  TD2(45, fadd.d, rne, DCAN, 0, D1, 0xfff8000000000000)
  TD2(46, fadd.d, rne, DCAN, NV, DSNAN, D1)
  TD2(47, fsub.d, rne, DCAN, NV, D1, 0xfff4000000000000)
  TD2(48, fadd.d, rne, DCAN, NV, DINF, DMINF)
  TD2(49, fsub.d, rne, DCAN, NV, DINF, DINF)
  TD2(50, fadd.d, rne, DINF, 0, DINF, DINF)
  TD2(51, fmul.d, rne, DCAN, NV, DINF, 0)
  TD2(52, fmul.d, rne, DCAN, NV, DNZ, DMINF)
  TD2(53, fmul.d, rne, DCAN, 0, DCAN, 0)
  TD2(54, fdiv.d, rne, DCAN, NV, 0, 0)
  TD2(55, fdiv.d, rne, DCAN, NV, DINF, DMINF)
  /* division by zero */
  TD2(56, fdiv.d, rne, DINF, DZ, D1, 0)
  TD2(57, fdiv.d, rne, DMINF, DZ, DM1, 0)
  TD2(58, fdiv.d, rne, DMINF, DZ, D1, DNZ)
  TD2(59, fdiv.d, rne, DINF, 0, DINF, 0)
  TD2(60, fdiv.d, rne, DNZ, 0, DM1, DINF)
  TD2(61, fdiv.d, rne, 0, 0, 0, D1)
  /* 1/3, -1/3 in every mode */
  TD2(62, fdiv.d, rne, 0x3fd5555555555555, NX, D1, 0x4008000000000000)
  TD2(63, fdiv.d, rup, 0x3fd5555555555556, NX, D1, 0x4008000000000000)
  TD2(64, fdiv.d, rmm, 0x3fd5555555555555, NX, D1, 0x4008000000000000)
  TD2(65, fdiv.d, rdn, 0xbfd5555555555556, NX, DM1, 0x4008000000000000)
  TD2(66, fdiv.d, rtz, 0xbfd5555555555555, NX, DM1, 0x4008000000000000)
  TD2(67, fdiv.d, rup, 0xbfd5555555555555, NX, DM1, 0x4008000000000000)
  TD2(68, fdiv.d, rne, 0x3fe8000000000000, 0, 0x4008000000000000, 0x4010000000000000)
  /* subnormals: exact results raise nothing; tiny and inexact raises UF */
  TD2(69, fmul.d, rne, 0x0008000000000000, 0, DMINN, DHALF)
  TD2(70, fadd.d, rne, DMINN, 0, 0x0008000000000000, 0x0008000000000000)
  TD2(71, fsub.d, rne, 0x8000000000000001, 0, 0x0008000000000000, 0x0008000000000001)
  TD2(72, fmul.d, rne, 0, UF|NX, DMINS, DHALF)
  TD2(73, fmul.d, rmm, DMINS, UF|NX, DMINS, DHALF)
  TD2(74, fmul.d, rup, DMINS, UF|NX, DMINS, DHALF)
  TD2(75, fmul.d, rdn, 0, UF|NX, DMINS, DHALF)
  TD2(76, fmul.d, rdn, 0x8000000000000001, UF|NX, DMINS, 0xbfe0000000000000)
  TD2(77, fmul.d, rup, DNZ, UF|NX, DMINS, 0xbfe0000000000000)
  TD2(78, fmul.d, rne, DMINS, 0, DMINS, D1)
  TD2(79, fdiv.d, rne, DMINS, 0, 0x0000000000000002, 0x4000000000000000)
  /* (1 - 2^-52) * 2^-1022 (1 + 2^-52): tiny before rounding, not after (in RNE/RUP/RMM) */
  TD2(80, fmul.d, rne, DMINN, NX, 0x3feffffffffffffe, 0x0010000000000001)
  TD2(81, fmul.d, rup, DMINN, NX, 0x3feffffffffffffe, 0x0010000000000001)
  TD2(82, fmul.d, rmm, DMINN, NX, 0x3feffffffffffffe, 0x0010000000000001)
  TD2(83, fmul.d, rtz, 0x000fffffffffffff, UF|NX, 0x3feffffffffffffe, 0x0010000000000001)
  TD2(84, fmul.d, rdn, 0x000fffffffffffff, UF|NX, 0x3feffffffffffffe, 0x0010000000000001)
  /* underflow to zero from a normal operand, and overflow of a product */
  TD2(85, fmul.d, rne, 0, UF|NX, DMINN, DMINN)
  TD2(86, fmul.d, rup, DMINS, UF|NX, DMINN, DMINN)
  TD2(87, fmul.d, rne, DINF, OF|NX, DMAX, 0x4000000000000000)
  TD2(88, fmul.d, rtz, DMAX, OF|NX, DMAX, 0x4000000000000000)
  TD2(89, fdiv.d, rdn, DMINF, OF|NX, DMAX, 0xbfe0000000000000)
  TD2(90, fdiv.d, rup, DMMAX, OF|NX, DMAX, 0xbfe0000000000000)
  /* fsqrt.d */
  TD1(91, fsqrt.d, rne, 0x3ff6a09e667f3bcd, NX, 0x4000000000000000)
  TD1(92, fsqrt.d, rtz, 0x3ff6a09e667f3bcc, NX, 0x4000000000000000)
  TD1(93, fsqrt.d, rdn, 0x3ff6a09e667f3bcc, NX, 0x4000000000000000)
  TD1(94, fsqrt.d, rup, 0x3ff6a09e667f3bcd, NX, 0x4000000000000000)
  TD1(95, fsqrt.d, rmm, 0x3ff6a09e667f3bcd, NX, 0x4000000000000000)
  TD1(96, fsqrt.d, rne, 0x4000000000000000, 0, 0x4010000000000000)
  TD1(97, fsqrt.d, rne, DNZ, 0, DNZ)
  TD1(98, fsqrt.d, rne, DCAN, NV, DM1)
  TD1(99, fsqrt.d, rne, DCAN, NV, DMINF)
  TD1(100, fsqrt.d, rne, DINF, 0, DINF)
  TD1(101, fsqrt.d, rne, DCAN, NV, DSNAN)
  TD1(102, fsqrt.d, rne, DCAN, 0, 0x7ff8000000000abc)
  TD1(103, fsqrt.d, rne, 0x1e60000000000000, 0, DMINS)
  TD1(104, fsqrt.d, rne, DCAN, NV, 0x8000000000000001)

  /* ---- single precision ---- */
  TS2(110, fadd.s, rne, 0x3f800000, NX, 0x3f800000, 0x33800000)
  TS2(111, fadd.s, rtz, 0x3f800000, NX, 0x3f800000, 0x33800000)
  TS2(112, fadd.s, rdn, 0x3f800000, NX, 0x3f800000, 0x33800000)
  TS2(113, fadd.s, rup, 0x3f800001, NX, 0x3f800000, 0x33800000)
  TS2(114, fadd.s, rmm, 0x3f800001, NX, 0x3f800000, 0x33800000)
  TS2(115, fadd.s, rne, 0x3f800002, NX, 0x3f800001, 0x33800000)
  TS2(116, fadd.s, rtz, 0x3f800001, NX, 0x3f800001, 0x33800000)
  TS2(117, fadd.s, rdn, 0xbf800001, NX, 0xbf800000, 0xb3800000)
  TS2(118, fadd.s, rmm, 0xbf800001, NX, 0xbf800000, 0xb3800000)
  TS2(119, fsub.s, rne, 0x00000000, 0, 0x3f800000, 0x3f800000)
  TS2(120, fsub.s, rdn, 0x80000000, 0, 0x3f800000, 0x3f800000)
  TS2(121, fmul.s, rne, 0x7f800000, OF|NX, 0x7f7fffff, 0x40000000)
  TS2(122, fmul.s, rtz, 0x7f7fffff, OF|NX, 0x7f7fffff, 0x40000000)
  TS2(123, fmul.s, rdn, 0x7f7fffff, OF|NX, 0x7f7fffff, 0x40000000)
  TS2(124, fmul.s, rup, 0x7f800000, OF|NX, 0x7f7fffff, 0x40000000)
  TS2(125, fmul.s, rmm, 0x7f800000, OF|NX, 0x7f7fffff, 0x40000000)
  TS2(126, fmul.s, rdn, 0xff800000, OF|NX, 0xff7fffff, 0x40000000)
  TS2(127, fmul.s, rup, 0xff7fffff, OF|NX, 0xff7fffff, 0x40000000)
  /* tiny before rounding only */
  TS2(128, fmul.s, rne, 0x00800000, NX, 0x3f7ffffe, 0x00800001)
  TS2(129, fmul.s, rtz, 0x007fffff, UF|NX, 0x3f7ffffe, 0x00800001)
  TS2(130, fmul.s, rmm, 0x00800000, NX, 0x3f7ffffe, 0x00800001)
  TS2(131, fmul.s, rne, 0x00000000, UF|NX, 0x00000001, 0x3f000000)
  TS2(132, fmul.s, rmm, 0x00000001, UF|NX, 0x00000001, 0x3f000000)
  TS2(133, fmul.s, rup, 0x00000001, UF|NX, 0x00000001, 0x3f000000)
  TS2(134, fmul.s, rne, 0x00400000, 0, 0x00800000, 0x3f000000)
  TS2(135, fadd.s, rne, 0x7fc00000, NV, 0x7f800001, 0x3f800000)
  TS2(136, fadd.s, rne, 0x7fc00000, 0, 0xffc00123, 0x3f800000)
  TS2(137, fadd.s, rne, 0x7fc00000, NV, 0x7f800000, 0xff800000)
  TS2(138, fdiv.s, rne, 0x7f800000, DZ, 0x3f800000, 0x00000000)
  TS2(139, fdiv.s, rne, 0x7fc00000, NV, 0x00000000, 0x80000000)
  TS2(140, fdiv.s, rne, 0x3eaaaaab, NX, 0x3f800000, 0x40400000)
  TS2(141, fdiv.s, rtz, 0x3eaaaaaa, NX, 0x3f800000, 0x40400000)
  TS2(142, fmul.s, rne, 0x7fc00000, NV, 0x00000000, 0xff800000)
  TS1(143, fsqrt.s, rne, 0x3fb504f3, NX, 0x40000000)
  TS1(144, fsqrt.s, rup, 0x3fb504f4, NX, 0x40000000)
  TS1(145, fsqrt.s, rmm, 0x3fb504f3, NX, 0x40000000)
  TS1(146, fsqrt.s, rne, 0x7fc00000, NV, 0xbf800000)
  TS1(147, fsqrt.s, rne, 0x80000000, 0, 0x80000000)
  TS1(148, fsqrt.s, rne, 0x40400000, 0, 0x41100000)
  TS1(149, fsqrt.s, rne, 0x7fc00000, NV, 0x7fa00000)
  /* dynamic rounding mode from frm */
  li t1, 4
  fsrm t1
  TD2(150, fadd.d, dyn, D1U, NX, D1, DH53)
  TS2(151, fadd.s, dyn, 0x3f800001, NX, 0x3f800000, 0x33800000)
  li t1, 2
  fsrm t1
  TD2(152, fadd.d, dyn, DNZ, 0, D1, DM1)
  TD2(153, fmul.d, dyn, DMINF, OF|NX, DMMAX, 0x4000000000000000)
  fsrm zero
  TD2(154, fadd.d, dyn, D1, NX, D1, DH53)
  /* flags accrue until cleared */
  FLI(ft0, D1) FLI(ft1, 0)
  fdiv.d ft2, ft0, ft1
  fdiv.d ft2, ft1, ft1
  FLI(ft0, DMAX)
  fmul.d ft2, ft0, ft0
  CHECK_FFLAGS(155, DZ|NV|OF|NX)
  CHECK_FFLAGS(156, 0)
TEST_END
