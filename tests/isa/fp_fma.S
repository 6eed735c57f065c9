/* fmadd/fmsub/fnmsub/fnmadd, single and double: one rounding, the sign conventions of the
 * four forms, signed zeros of exact-zero sums, NV for inf*0 even with a quiet NaN addend,
 * inf - inf, no intermediate overflow, underflow, RMM ties. */
#include "fp_harness.h"

#define D1    0x3ff0000000000000
#define DM1   0xbff0000000000000
#define D2    0x4000000000000000
#define D3    0x4008000000000000
#define D4    0x4010000000000000
#define DA    0x3ff0000002000000   /* 1 + 2^-27 */
#define DAA   0x3ff0000004000000   /* 1 + 2^-26 = round(DA * DA) */
#define DMAA  0xbff0000004000000
#define DE    0x3c90000000000000   /* 2^-54 = DA*DA - DAA exactly */
#define DME   0xbc90000000000000
#define DINF  0x7ff0000000000000
#define DMINF 0xfff0000000000000
#define DCAN  0x7ff8000000000000
#define DMAX  0x7fefffffffffffff
#define DNZ   0x8000000000000000

TEST_BEGIN
  FCLEAR
  /* the four forms on 2, 3, 4 */
  TD3(1, fmadd.d, rne, 0x4024000000000000, 0, D2, D3, D4)
  TD3(2, fmsub.d, rne, 0x4000000000000000, 0, D2, D3, D4)
  TD3(3, fnmsub.d, rne, 0xc000000000000000, 0, D2, D3, D4)
  TD3(4, fnmadd.d, rne, 0xc024000000000000, 0, D2, D3, D4)
  /* one rounding: the low part of a*a is recovered exactly */
  TD3(5, fmadd.d, rne, DE, 0, DA, DA, DMAA)
  TD3(6, fmsub.d, rne, DE, 0, DA, DA, DAA)
  TD3(7, fnmsub.d, rne, DME, 0, DA, DA, DAA)
  TD3(8, fnmadd.d, rne, DME, 0, DA, DA, DMAA)
  /* (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104 */
  TD3(9, fmadd.d, rne, 0x3cc0000000000000, NX, 0x3ff0000000000001, 0x3ff0000000000001, DM1)
  TD3(10, fmadd.d, rup, 0x3cc0000000000001, NX, 0x3ff0000000000001, 0x3ff0000000000001, DM1)
  TD3(11, fmadd.d, rtz, 0x3cc0000000000000, NX, 0x3ff0000000000001, 0x3ff0000000000001, DM1)
  /* exact zero sums: +0, or -0 in RDN; -(a*b) - c is not -(a*b + c) */
  TD3(12, fmadd.d, rne, 0, 0, D1, D1, DM1)
  TD3(13, fmadd.d, rdn, DNZ, 0, D1, D1, DM1)
  TD3(14, fnmadd.d, rne, 0, 0, D1, D1, DM1)
  TD3(15, fnmadd.d, rdn, DNZ, 0, D1, D1, DM1)
  TD3(16, fmsub.d, rne, 0, 0, D1, D1, D1)
  TD3(17, fnmsub.d, rne, 0, 0, D1, D1, D1)
  TD3(18, fmadd.d, rne, 0, 0, 0, D1, DNZ)
  TD3(19, fmadd.d, rdn, DNZ, 0, 0, D1, DNZ)
  TD3(20, fmadd.d, rne, DNZ, 0, DNZ, D1, DNZ)
  TD3(21, fnmadd.d, rne, DNZ, 0, 0, D1, 0)
  TD3(22, fmadd.d, rne, D3, 0, 0, DINF - 1, D3)
  /* invalid: inf*0 (whatever the addend, even a quiet NaN), inf - inf, signalling NaNs */
  TD3(23, fmadd.d, rne, DCAN, NV, DINF, 0, DCAN)
  TD3(24, fmadd.d, rne, DCAN, NV, 0, DMINF, D1)
  TD3(25, fnmadd.d, rne, DCAN, NV, DNZ, DINF, 0x7ff8000000000123)
  TD3(26, fmadd.d, rne, DCAN, NV, DINF, D1, DMINF)
  TD3(27, fmsub.d, rne, DCAN, NV, DINF, D1, DINF)
  TD3(28, fmadd.d, rne, DINF, 0, DINF, D1, DINF)
  TD3(29, fnmadd.d, rne, DMINF, 0, DINF, D1, DINF)
  TD3(30, fmadd.d, rne, DCAN, NV, D1, D1, 0x7ff0000000000001)
  TD3(31, fmadd.d, rne, DCAN, 0, 0xfff8000000000000, D1, D1)
  TD3(32, fmadd.d, rne, DCAN, 0, D1, D1, DCAN)
  TD3(33, fmadd.d, rne, DMINF, 0, D1, D1, DMINF)
  /* no intermediate overflow; overflow of the sum */
  TD3(34, fmadd.d, rne, DMAX, 0, DMAX, D2, 0xffefffffffffffff)
  TD3(35, fmadd.d, rne, DINF, OF|NX, DMAX, D2, 0)
  TD3(36, fmadd.d, rtz, DMAX, OF|NX, DMAX, D2, DM1)
  TD3(37, fnmadd.d, rdn, 0xfff0000000000000, OF|NX, DMAX, D2, D1)
  /* underflow */
  TD3(38, fmadd.d, rne, 0x0008000000000000, 0, 0x0010000000000000, 0x3fe0000000000000, 0)
  TD3(39, fmadd.d, rne, 0, UF|NX, 1, 0x3fe0000000000000, DNZ)
  TD3(40, fmadd.d, rmm, 1, UF|NX, 1, 0x3fe0000000000000, 0)
  TD3(41, fmadd.d, rne, 0x0010000000000000, NX, 0x3feffffffffffffe, 0x0010000000000001, 0)
  TD3(42, fmadd.d, rtz, 0x000fffffffffffff, UF|NX, 0x3feffffffffffffe, 0x0010000000000001, 0)
  /* a huge addend with a tiny product: the product only decides the direction */
  TD3(43, fmadd.d, rne, D1, NX, 0x0010000000000000, 0x0010000000000000, D1)
  TD3(44, fmadd.d, rup, 0x3ff0000000000001, NX, 0x0010000000000000, 0x0010000000000000, D1)
  TD3(45, fmsub.d, rdn, 0x3fefffffffffffff, NX, DM1, 0x0010000000000000, DM1)
  TD3(46, fmadd.d, rtz, 0x3fefffffffffffff, NX, DM1, 0x0010000000000000, D1)
  /* RMM ties */
  TD3(47, fmadd.d, rmm, 0x3ff0000000000001, NX, D1, D1, 0x3ca0000000000000)
  TD3(48, fmadd.d, rne, D1, NX, D1, D1, 0x3ca0000000000000)
  TD3(49, fnmadd.d, rmm, 0xbff0000000000001, NX, D1, D1, 0x3ca0000000000000)

  /* ---- single precision ---- */
  TS3(60, fmadd.s, rne, 0x41200000, 0, 0x40000000, 0x40400000, 0x40800000)
  TS3(61, fmsub.s, rne, 0x40000000, 0, 0x40000000, 0x40400000, 0x40800000)
  TS3(62, fnmsub.s, rne, 0xc0000000, 0, 0x40000000, 0x40400000, 0x40800000)
  TS3(63, fnmadd.s, rne, 0xc1200000, 0, 0x40000000, 0x40400000, 0x40800000)
  /* (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24 exactly */
  TS3(64, fmadd.s, rne, 0x33800000, 0, 0x3f800800, 0x3f800800, 0xbf801000)
  TS3(65, fmsub.s, rne, 0x33800000, 0, 0x3f800800, 0x3f800800, 0x3f801000)
  TS3(66, fmadd.s, rdn, 0x80000000, 0, 0x3f800000, 0x3f800000, 0xbf800000)
  TS3(67, fmadd.s, rne, 0x7fc00000, NV, 0x7f800000, 0x00000000, 0x7fc00000)
  TS3(68, fmadd.s, rne, 0x7fc00000, NV, 0x7f800000, 0x3f800000, 0xff800000)
  TS3(69, fmadd.s, rne, 0x7fc00000, NV, 0x3f800000, 0x3f800000, 0x7f800001)
  TS3(70, fmadd.s, rne, 0x7f7fffff, 0, 0x7f7fffff, 0x40000000, 0xff7fffff)
  TS3(71, fmadd.s, rne, 0x7f800000, OF|NX, 0x7f7fffff, 0x40000000, 0x00000000)
  TS3(72, fmadd.s, rmm, 0x3f800001, NX, 0x3f800000, 0x3f800000, 0x33800000)
  TS3(73, fmadd.s, rne, 0x00000000, UF|NX, 0x00000001, 0x3f000000, 0x00000000)
  TS3(74, fmadd.s, rmm, 0x00000001, UF|NX, 0x00000001, 0x3f000000, 0x00000000)
  TS3(75, fnmsub.s, rne, 0x7fc00000, NV, 0x00000000, 0xff800000, 0xffc00000)
TEST_END
