/* Compressed loads and stores: c.lw, c.ld, c.sw, c.sd (x8..x15, scaled unsigned offsets),
 * the sp-relative c.lwsp, c.ldsp, c.swsp, c.sdsp, and the FP c.fld, c.fsd, c.fldsp,
 * c.fsdsp; offset limits, sign extension of c.lw. */
#include "harness.h"
.option rvc
.option norelax
TEST_BEGIN
  la a1, buf
  c.lw a0, 0(a1)
  CHECK(1, a0, 0xffffffff89abcdef)
  c.lw a0, 4(a1)
  CHECK(2, a0, 0x01234567)
  c.ld a0, 0(a1)
  CHECK(3, a0, 0x0123456789abcdef)
  c.lw s0, 124(a1)                /* largest c.lw offset */
  CHECK(4, s0, 0x7c7c7c7c)
  c.ld s1, 248(a1)                /* largest c.ld offset */
  CHECK(5, s1, 0xf8f8f8f8f8f8f8f8)
  li a2, 0x1122334455667788
  c.sw a2, 8(a1)
  ld a0, 8(a1)
  CHECK(6, a0, 0x0000000055667788)
  c.sd a2, 16(a1)
  ld a0, 16(a1)
  CHECK(7, a0, 0x1122334455667788)
  c.sw a2, 124(a1)
  lwu a0, 124(a1)
  CHECK(8, a0, 0x55667788)
  c.sd a2, 248(a1)
  ld a0, 248(a1)
  CHECK(9, a0, 0x1122334455667788)
  /* sp-relative forms, with sp pointing into buf2 */
  mv s11, sp
  la sp, buf2
  c.lwsp a0, 0(sp)
  CHECK(10, a0, 0xffffffff89abcdef)
  c.lwsp t0, 252(sp)              /* largest c.lwsp offset */
  CHECK(11, t0, 0xfffffffffcfcfcfc)
  c.ldsp t1, 0(sp)
  CHECK(12, t1, 0x0123456789abcdef)
  c.ldsp ra, 504(sp)              /* largest c.ldsp offset */
  mv a0, ra
  CHECK(13, a0, 0x01f81f81f81f81f8)
  li t2, 0x0a0b0c0d0e0f1011
  c.swsp t2, 32(sp)
  ld a0, 32(sp)
  CHECK(14, a0, 0x000000000e0f1011)
  c.swsp t2, 252(sp)
  lwu a0, 252(sp)
  CHECK(15, a0, 0x0e0f1011)
  c.sdsp t2, 40(sp)
  ld a0, 40(sp)
  CHECK(16, a0, 0x0a0b0c0d0e0f1011)
  c.sdsp t2, 504(sp)
  ld a0, 504(sp)
  CHECK(17, a0, 0x0a0b0c0d0e0f1011)
  mv sp, s11
  /* FP compressed loads and stores move raw bits */
  la a1, buf
  c.fld fa0, 0(a1)
  fmv.x.d a0, fa0
  CHECK(20, a0, 0x0123456789abcdef)
  c.fld fs1, 248(a1)               /* stored by c.sd above */
  fmv.x.d a0, fs1
  CHECK(21, a0, 0x1122334455667788)
  li a2, 0x7ff8000000000123      /* a NaN payload survives */
  fmv.d.x fa2, a2
  c.fsd fa2, 64(a1)
  ld a0, 64(a1)
  CHECK(22, a0, 0x7ff8000000000123)
  la a3, buf2
  sd a2, 64(a3)
  mv s11, sp
  la sp, buf2
  c.fldsp ft3, 64(sp)
  fmv.x.d a0, ft3
  CHECK(23, a0, 0x7ff8000000000123)
  c.fldsp fs11, 504(sp)
  fmv.x.d a0, fs11
  CHECK(24, a0, 0x0a0b0c0d0e0f1011)
  li a2, 0xfff0000000000000
  fmv.d.x ft11, a2
  c.fsdsp ft11, 72(sp)
  c.fsdsp ft11, 496(sp)
  mv sp, s11
  ld a0, 72(a3)
  CHECK(25, a0, 0xfff0000000000000)
  ld a0, 496(a3)
  CHECK(26, a0, 0xfff0000000000000)
TEST_END

.data
.balign 8
buf:                              /* 256 bytes */
  .dword 0x0123456789abcdef
  .fill 14, 8, 0
  .word 0, 0x7c7c7c7c             /* offset 120 */
  .fill 15, 8, 0
  .dword 0xf8f8f8f8f8f8f8f8       /* offset 248 */
buf2:                             /* 512 bytes */
  .dword 0x0123456789abcdef
  .fill 30, 8, 0
  .word 0, 0xfcfcfcfc             /* offset 248 */
  .fill 31, 8, 0
  .dword 0x01f81f81f81f81f8       /* offset 504 */
