/* Conversions: float to w/wu/l/lu at the saturation edges (2^31, -2^31-1, 2^32, 2^63, 2^64,
 * NaN, +-inf) in both precisions and every rounding mode on ties; integer to float rounding;
 * fcvt.s.d rounding, overflow and underflow; fcvt.d.s exactness and NaNs. */
#include "fp_harness.h"

#define DCAN  0x7ff8000000000000
#define DINF  0x7ff0000000000000
#define DMINF 0xfff0000000000000
#define WMAX  0x7fffffff
#define WMIN  0xffffffff80000000
#define ALL1  0xffffffffffffffff
#define LMAX  0x7fffffffffffffff
#define LMIN  0x8000000000000000

TEST_BEGIN
  FCLEAR
  /* fcvt.w.d */
  TXD(1, fcvt.w.d, rne, WMAX, NV, 0x41e0000000000000)         /* 2^31 */
  TXD(2, fcvt.w.d, rne, WMAX, 0, 0x41dfffffffc00000)          /* 2^31 - 1 */
  TXD(3, fcvt.w.d, rne, WMAX, NV, 0x41dfffffffe00000)         /* 2^31 - 0.5 rounds to 2^31 */
  TXD(4, fcvt.w.d, rtz, WMAX, NX, 0x41dfffffffe00000)
  TXD(5, fcvt.w.d, rdn, WMAX, NX, 0x41dfffffffe00000)
  TXD(6, fcvt.w.d, rup, WMAX, NV, 0x41dfffffffe00000)
  TXD(7, fcvt.w.d, rmm, WMAX, NV, 0x41dfffffffe00000)
  TXD(8, fcvt.w.d, rne, WMIN, 0, 0xc1e0000000000000)          /* -2^31 */
  TXD(9, fcvt.w.d, rne, WMIN, NV, 0xc1e0000000200000)         /* -2^31 - 1 */
  TXD(10, fcvt.w.d, rne, WMIN, NX, 0xc1e0000000100000)        /* -2^31 - 0.5 */
  TXD(11, fcvt.w.d, rtz, WMIN, NX, 0xc1e0000000100000)
  TXD(12, fcvt.w.d, rdn, WMIN, NV, 0xc1e0000000100000)
  TXD(13, fcvt.w.d, rup, WMIN, NX, 0xc1e0000000100000)
  TXD(14, fcvt.w.d, rmm, WMIN, NV, 0xc1e0000000100000)
  TXD(15, fcvt.w.d, rne, WMAX, NV, DCAN)
  TXD(16, fcvt.w.d, rne, WMAX, NV, 0xfff8000000000000)        /* any NaN: largest positive */
  TXD(17, fcvt.w.d, rne, WMAX, NV, 0x7ff0000000000001)
  TXD(18, fcvt.w.d, rne, WMAX, NV, DINF)
  TXD(19, fcvt.w.d, rne, WMIN, NV, DMINF)
  TXD(20, fcvt.w.d, rne, 2, NX, 0x3ff8000000000000)           /* 1.5 */
  TXD(21, fcvt.w.d, rne, 2, NX, 0x4004000000000000)           /* 2.5 */
  TXD(22, fcvt.w.d, rmm, 3, NX, 0x4004000000000000)
  TXD(23, fcvt.w.d, rmm, -3, NX, 0xc004000000000000)
  TXD(24, fcvt.w.d, rne, -2, NX, 0xc004000000000000)
  TXD(25, fcvt.w.d, rne, 0, NX, 0xbfe0000000000000)           /* -0.5 */
  TXD(26, fcvt.w.d, rmm, -1, NX, 0xbfe0000000000000)
  TXD(27, fcvt.w.d, rdn, -1, NX, 0xbfe0000000000000)
  TXD(28, fcvt.w.d, rup, 0, NX, 0xbfe0000000000000)
  TXD(29, fcvt.w.d, rup, 1, NX, 0x3fe0000000000000)
  TXD(30, fcvt.w.d, rne, 0, 0, 0x8000000000000000)
  TXD(31, fcvt.w.d, rtz, 0, NX, 0x0000000000000001)
  TXD(32, fcvt.w.d, rup, 1, NX, 0x0000000000000001)
  TXD(33, fcvt.w.d, rdn, -1, NX, 0x8000000000000001)
  /* fcvt.wu.d: results sign-extended from 32 bits */
  TXD(40, fcvt.wu.d, rne, ALL1, 0, 0x41efffffffe00000)        /* 2^32 - 1 */
  TXD(41, fcvt.wu.d, rne, ALL1, NV, 0x41f0000000000000)       /* 2^32 */
  TXD(42, fcvt.wu.d, rne, 0xffffffffb2d05e00, 0, 0x41e65a0bc0000000) /* 3e9 */
  TXD(43, fcvt.wu.d, rne, 0x80000000 | 0xffffffff00000000, 0, 0x41e0000000000000)
  TXD(44, fcvt.wu.d, rne, 0, NV, 0xbff0000000000000)          /* -1 */
  TXD(45, fcvt.wu.d, rne, 0, NX, 0xbfe0000000000000)          /* -0.5 rounds to -0 */
  TXD(46, fcvt.wu.d, rmm, 0, NV, 0xbfe0000000000000)          /* -0.5 rounds to -1 */
  TXD(47, fcvt.wu.d, rtz, 0, NX, 0xbfe8000000000000)
  TXD(48, fcvt.wu.d, rdn, 0, NV, 0xbfe8000000000000)
  TXD(49, fcvt.wu.d, rne, ALL1, NV, DCAN)
  TXD(50, fcvt.wu.d, rne, ALL1, NV, DINF)
  TXD(51, fcvt.wu.d, rne, 0, NV, DMINF)
  TXD(52, fcvt.wu.d, rne, 0, 0, 0x8000000000000000)
  TXD(53, fcvt.wu.d, rup, ALL1, NV, 0x41efffffffe00001)
  TXD(54, fcvt.wu.d, rtz, ALL1, NX, 0x41efffffffe00001)
  /* fcvt.l.d, fcvt.lu.d */
  TXD(60, fcvt.l.d, rne, LMAX, NV, 0x43e0000000000000)        /* 2^63 */
  TXD(61, fcvt.l.d, rne, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff)
  TXD(62, fcvt.l.d, rne, LMIN, 0, 0xc3e0000000000000)         /* -2^63 */
  TXD(63, fcvt.l.d, rne, LMIN, NV, 0xc3e0000000000001)
  TXD(64, fcvt.l.d, rne, LMAX, NV, DCAN)
  TXD(65, fcvt.l.d, rne, LMAX, NV, DINF)
  TXD(66, fcvt.l.d, rne, LMIN, NV, DMINF)
  TXD(67, fcvt.l.d, rmm, -3, NX, 0xc004000000000000)
  TXD(68, fcvt.l.d, rne, 0x20000000000000, 0, 0x4340000000000000)
  TXD(69, fcvt.lu.d, rne, ALL1, NV, 0x43f0000000000000)       /* 2^64 */
  TXD(70, fcvt.lu.d, rne, 0xfffffffffffff800, 0, 0x43efffffffffffff)
  TXD(71, fcvt.lu.d, rne, LMIN, 0, 0x43e0000000000000)        /* 2^63 */
  TXD(72, fcvt.lu.d, rne, 0, NV, 0xbff0000000000000)
  TXD(73, fcvt.lu.d, rup, 0, NX, 0xbfe8000000000000)
  TXD(74, fcvt.lu.d, rne, ALL1, NV, 0xfff8000000000000)
  TXD(75, fcvt.lu.d, rne, ALL1, NV, DINF)
  TXD(76, fcvt.lu.d, rne, 0, NV, DMINF)
  /* single to integer */
  TXS(80, fcvt.w.s, rne, WMAX, NV, 0x4f000000)                /* 2^31 */
  TXS(81, fcvt.w.s, rne, 0x7fffff80, 0, 0x4effffff)
  TXS(82, fcvt.w.s, rne, WMIN, 0, 0xcf000000)
  TXS(83, fcvt.w.s, rne, WMIN, NV, 0xcf000001)
  TXS(84, fcvt.w.s, rne, WMAX, NV, 0x7fc00000)
  TXS(85, fcvt.w.s, rne, WMAX, NV, 0xff800001)
  TXS(86, fcvt.w.s, rne, WMIN, NV, 0xff800000)
  TXS(87, fcvt.w.s, rne, 2, NX, 0x40200000)                   /* 2.5 */
  TXS(88, fcvt.w.s, rmm, 3, NX, 0x40200000)
  TXS(89, fcvt.w.s, rtz, -2, NX, 0xc0200000)
  TXS(90, fcvt.wu.s, rne, 0xffffffffffffff00, 0, 0x4f7fffff)
  TXS(91, fcvt.wu.s, rne, ALL1, NV, 0x4f800000)               /* 2^32 */
  TXS(92, fcvt.wu.s, rne, 0, NV, 0xbf800000)
  TXS(93, fcvt.wu.s, rne, ALL1, NV, 0x7fc00000)
  TXS(94, fcvt.l.s, rne, LMAX, NV, 0x5f000000)                /* 2^63 */
  TXS(95, fcvt.l.s, rne, 0x7fffff8000000000, 0, 0x5effffff)
  TXS(96, fcvt.l.s, rne, LMIN, 0, 0xdf000000)
  TXS(97, fcvt.l.s, rne, LMIN, NV, 0xdf000001)
  TXS(98, fcvt.l.s, rne, LMAX, NV, 0x7f800000)
  TXS(99, fcvt.lu.s, rne, ALL1, NV, 0x5f800000)               /* 2^64 */
  TXS(100, fcvt.lu.s, rne, 0xffffff0000000000, 0, 0x5f7fffff)
  TXS(101, fcvt.lu.s, rne, 0, NV, 0xbf800000)
  TXS(102, fcvt.lu.s, rne, ALL1, NV, 0x7fc00000)
  TXS(103, fcvt.lu.s, rne, 0, NV, 0xff800000)
  TXS(104, fcvt.lu.s, rmm, 1, NX, 0x3f000000)
  /* integer to single (results NaN-boxed) */
  TFX(110, fcvt.s.w, rne, 0xffffffff4b800000, NX, 16777217)   /* 2^24 + 1: tie */
  TFX(111, fcvt.s.w, rup, 0xffffffff4b800001, NX, 16777217)
  TFX(112, fcvt.s.w, rmm, 0xffffffff4b800001, NX, 16777217)
  TFX(113, fcvt.s.w, rtz, 0xffffffff4b800000, NX, 16777217)
  TFX(114, fcvt.s.w, rne, 0xffffffff4b800002, NX, 16777219)   /* tie to even upwards */
  TFX(115, fcvt.s.w, rtz, 0xffffffff4b800001, NX, 16777219)
  TFX(116, fcvt.s.w, rne, 0xffffffffcb800000, NX, -16777217)
  TFX(117, fcvt.s.w, rdn, 0xffffffffcb800001, NX, -16777217)
  TFX(118, fcvt.s.w, rmm, 0xffffffffcb800001, NX, -16777217)
  TFX(119, fcvt.s.w, rne, 0xffffffffbf800000, 0, 0x00000001ffffffff) /* low 32 bits: -1 */
  TFX(120, fcvt.s.wu, rne, 0xffffffff40a00000, 0, 0xffffffff00000005)
  TFX(121, fcvt.s.wu, rne, 0xffffffff4f800000, NX, 0xffffffff)
  TFX(122, fcvt.s.wu, rtz, 0xffffffff4f7fffff, NX, 0xffffffff)
  TFX(123, fcvt.s.l, rne, 0xffffffff5f000000, NX, 0x7fffffffffffffff)
  TFX(124, fcvt.s.l, rtz, 0xffffffff5effffff, NX, 0x7fffffffffffffff)
  TFX(125, fcvt.s.l, rne, 0xffffffffdf000000, 0, 0x8000000000000000)
  TFX(126, fcvt.s.lu, rne, 0xffffffff5f800000, NX, 0xffffffffffffffff)
  TFX(127, fcvt.s.lu, rtz, 0xffffffff5f7fffff, NX, 0xffffffffffffffff)
  TFX(128, fcvt.s.w, rne, 0xffffffff00000000, 0, 0)
  TFX(129, fcvt.s.l, rdn, 0xffffffffcf000000, 0, 0xffffffff80000000)
  /* integer to double */
  TFX(130, fcvt.d.l, rne, 0x4340000000000000, NX, 0x20000000000001) /* 2^53 + 1 */
  TFX(131, fcvt.d.l, rup, 0x4340000000000001, NX, 0x20000000000001)
  TFX(132, fcvt.d.l, rmm, 0x4340000000000001, NX, 0x20000000000001)
  TFX(133, fcvt.d.l, rne, 0xbff0000000000000, 0, -1)
  TFX(134, fcvt.d.lu, rne, 0x43f0000000000000, NX, 0xffffffffffffffff)
  TFX(135, fcvt.d.lu, rtz, 0x43efffffffffffff, NX, 0xffffffffffffffff)
  TFXN(136, fcvt.d.w, 0x41dfffffffc00000, 0, 0x7fffffff)
  TFXN(137, fcvt.d.w, 0xc1e0000000000000, 0, 0x1234567880000000)
  TFXN(138, fcvt.d.wu, 0x41efffffffe00000, 0, 0xffffffffffffffff)
  TFXN(139, fcvt.d.w, 0, 0, 0)
  TFX(140, fcvt.d.l, rne, 0xc3e0000000000000, 0, 0x8000000000000000)
  TFX(141, fcvt.d.lu, rdn, 0x43dfffffffffffff, NX, 0x7ffffffffffffdff)
  /* fcvt.s.d */
  TD1(150, fcvt.s.d, rne, 0xffffffff3eaaaaab, NX, 0x3fd5555555555555)
  TD1(151, fcvt.s.d, rtz, 0xffffffff3eaaaaaa, NX, 0x3fd5555555555555)
  TD1(152, fcvt.s.d, rne, 0xffffffff7f800000, OF|NX, 0x7fefffffffffffff)
  TD1(153, fcvt.s.d, rtz, 0xffffffff7f7fffff, OF|NX, 0x7fefffffffffffff)
  TD1(154, fcvt.s.d, rdn, 0xffffffffff800000, OF|NX, 0xffefffffffffffff)
  TD1(155, fcvt.s.d, rne, 0xffffffff00000000, UF|NX, 0x3690000000000000) /* 2^-150 */
  TD1(156, fcvt.s.d, rmm, 0xffffffff00000001, UF|NX, 0x3690000000000000)
  TD1(157, fcvt.s.d, rup, 0xffffffff00000001, UF|NX, 0x3690000000000000)
  TD1(158, fcvt.s.d, rne, 0xffffffff00000001, 0, 0x36a0000000000000)     /* 2^-149 exact */
  TD1(159, fcvt.s.d, rne, 0xffffffff00800000, NX, 0x380ffffff0000000)    /* tiny only before */
  TD1(160, fcvt.s.d, rtz, 0xffffffff007fffff, UF|NX, 0x380ffffff0000000)
  TD1(161, fcvt.s.d, rmm, 0xffffffff00800000, NX, 0x380ffffff0000000)
  TD1(162, fcvt.s.d, rne, 0xffffffff7fc00000, NV, 0x7ff0000000000001)
  TD1(163, fcvt.s.d, rne, 0xffffffff7fc00000, 0, 0xfff8000000001234)
  TD1(164, fcvt.s.d, rne, 0xffffffffff800000, 0, DMINF)
  TD1(165, fcvt.s.d, rne, 0xffffffff80000000, 0, 0x8000000000000000)
  TD1(166, fcvt.s.d, rne, 0xffffffff80000000, UF|NX, 0x8000000000000001)
  TD1(167, fcvt.s.d, rdn, 0xffffffff80000001, UF|NX, 0x8000000000000001)
  /* fcvt.d.s: exact */
  TDS1(170, fcvt.d.s, 0x36a0000000000000, 0, 0x00000001)
  TDS1(171, fcvt.d.s, DCAN, NV, 0x7f800001)
  TDS1(172, fcvt.d.s, DCAN, 0, 0x7fc12345)
  TDS1(173, fcvt.d.s, DMINF, 0, 0xff800000)
  TDS1(174, fcvt.d.s, 0x3fd5555560000000, 0, 0x3eaaaaab)
  TDS1(175, fcvt.d.s, 0x8000000000000000, 0, 0x80000000)
  TDS1(176, fcvt.d.s, 0x380fffffc0000000, 0, 0x007fffff)
  TDS1(177, fcvt.d.s, 0x47efffffe0000000, 0, 0x7f7fffff)
TEST_END
