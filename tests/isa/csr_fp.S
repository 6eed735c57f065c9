/* fflags, frm and fcsr: fflags is fcsr[4:0], frm is fcsr[7:5]; writes keep only those bits;
 * csrrw/csrrs/csrrc return the old value and write, set or clear; the immediate forms;
 * rs1 = x0 / uimm = 0 read only. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  csrrw zero, fcsr, zero
  csrrs a0, fcsr, zero
  CHECK(1, a0, 0)
  /* fflags */
  li a1, 0x15
  csrrw a0, fflags, a1
  CHECK(2, a0, 0)
  csrrs a0, fflags, zero
  CHECK(3, a0, 0x15)
  li a1, 0xffffffffffffffff
  csrrw a0, fflags, a1           /* only 5 bits kept */
  CHECK(4, a0, 0x15)
  csrrs a0, fflags, zero
  CHECK(5, a0, 0x1f)
  csrrs a0, fcsr, zero
  CHECK(6, a0, 0x1f)             /* frm untouched */
  li a1, 0x3
  csrrc a0, fflags, a1
  CHECK(7, a0, 0x1f)
  csrrs a0, fflags, zero
  CHECK(8, a0, 0x1c)
  li a1, 0x22                    /* bit 5 is not part of fflags */
  csrrs a0, fflags, a1
  CHECK(9, a0, 0x1c)
  csrrs a0, fcsr, zero
  CHECK(10, a0, 0x1e)
  /* frm */
  li a1, 3
  csrrw a0, frm, a1
  CHECK(11, a0, 0)
  csrrs a0, frm, zero
  CHECK(12, a0, 3)
  csrrs a0, fcsr, zero
  CHECK(13, a0, 0x7e)            /* frm in bits 7:5 */
  li a1, 0xfc
  csrrw a0, frm, a1              /* only 3 bits kept */
  CHECK(14, a0, 3)
  csrrs a0, frm, zero
  CHECK(15, a0, 4)
  li a1, 7                       /* dyn is writable (using it to round is what traps) */
  csrrw zero, frm, a1
  csrrs a0, frm, zero
  CHECK(16, a0, 7)
  csrrc a0, frm, a1
  CHECK(17, a0, 7)
  csrrs a0, frm, zero
  CHECK(18, a0, 0)
  /* fcsr */
  li a1, 0xfff
  csrrw a0, fcsr, a1             /* only 8 bits kept */
  CHECK(19, a0, 0x1e)
  csrrs a0, fcsr, zero
  CHECK(20, a0, 0xff)
  csrrs a0, frm, zero
  CHECK(21, a0, 7)
  csrrs a0, fflags, zero
  CHECK(22, a0, 0x1f)
  li a1, 0xa1
  csrrc a0, fcsr, a1
  CHECK(23, a0, 0xff)
  csrrs a0, fcsr, zero
  CHECK(24, a0, 0x5e)
  csrrs a0, frm, zero
  CHECK(25, a0, 2)
  /* immediate forms */
  csrrwi a0, fcsr, 0
  CHECK(26, a0, 0x5e)
  csrrsi a0, fflags, 31
  CHECK(27, a0, 0)
  csrrci a0, fflags, 5
  CHECK(28, a0, 0x1f)
  csrrsi a0, fflags, 0           /* reads only */
  CHECK(29, a0, 0x1a)
  csrrwi a0, frm, 1
  CHECK(30, a0, 0)
  csrrsi a0, frm, 6
  CHECK(31, a0, 1)
  csrrci a0, frm, 0
  CHECK(32, a0, 7)
  csrrwi a0, fcsr, 31
  CHECK(33, a0, 0xfa)
  csrrs a0, fcsr, zero
  CHECK(34, a0, 0x1f)
  /* rd = x0 still writes; rd == rs1 uses the old rs1 */
  li a1, 0x40
  csrrw zero, fcsr, a1
  csrrs a0, frm, zero
  CHECK(35, a0, 2)
  li a1, 0x9
  csrrw a1, fflags, a1
  CHECK(36, a1, 0)
  csrrs a0, fflags, zero
  CHECK(37, a0, 9)
  /* an FP instruction accrues into fflags (inexact: 1/3) and keeps the other bits */
  csrrwi zero, fcsr, 0
  li a1, 1
  fcvt.d.l fa0, a1
  li a1, 3
  fcvt.d.l fa1, a1
  fdiv.d fa2, fa0, fa1
  csrrs a0, fflags, zero
  CHECK(38, a0, 1)
  csrrwi zero, fflags, 0x10
  fdiv.d fa2, fa0, fa1
  csrrs a0, fflags, zero
  CHECK(39, a0, 0x11)
  csrrwi zero, fcsr, 0
TEST_END
