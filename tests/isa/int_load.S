/* Loads: every width, sign and zero extension, positive and negative offsets, offset limits,
 * misaligned addresses (which Linux programs may use), x0 as destination. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  la a1, data
  lb a0, 0(a1)
  CHECK(1, a0, 0xffffffffffffff81)
  lbu a0, 0(a1)
  CHECK(2, a0, 0x81)
  lb a0, 1(a1)
  CHECK(3, a0, 0x72)
  lh a0, 0(a1)
  CHECK(4, a0, 0x7281)
  lh a0, 2(a1)
  CHECK(5, a0, 0xffffffffffffe3d4)
  lhu a0, 2(a1)
  CHECK(6, a0, 0xe3d4)
  lw a0, 0(a1)
  CHECK(7, a0, 0xffffffffe3d47281)
  lwu a0, 0(a1)
  CHECK(8, a0, 0xe3d47281)
  lw a0, 4(a1)
  CHECK(9, a0, 0x7ff6e5c4)
  lwu a0, 4(a1)
  CHECK(10, a0, 0x7ff6e5c4)
  ld a0, 0(a1)
  CHECK(11, a0, 0x7ff6e5c4e3d47281)
  ld a0, 8(a1)
  CHECK(12, a0, 0x8000000000000001)
  /* negative offsets */
  addi a2, a1, 16
  ld a0, -8(a2)
  CHECK(20, a0, 0x8000000000000001)
  lbu a0, -16(a2)
  CHECK(21, a0, 0x81)
  lh a0, -2(a2)
  CHECK(22, a0, 0xffffffffffff8000)
  /* offset limits 2047 and -2048 */
  la a2, big
  addi a2, a2, 2040
  ld a0, -2040(a2)
  CHECK(23, a0, 0x1111111111111111)
  addi a2, a2, 8              /* big + 2048 */
  ld a0, -2048(a2)
  CHECK(24, a0, 0x1111111111111111)
  la a2, big
  lb a0, 2047(a2)
  CHECK(25, a0, 0x77)
  /* misaligned */
  lh a0, 1(a1)
  CHECK(30, a0, 0xffffffffffffd472)
  lw a0, 1(a1)
  CHECK(31, a0, 0xffffffffc4e3d472)
  lwu a0, 3(a1)
  CHECK(32, a0, 0xf6e5c4e3)
  ld a0, 3(a1)
  CHECK(33, a0, 0x0000017ff6e5c4e3)
  lhu a0, 7(a1)
  CHECK(34, a0, 0x017f)
  /* x0 destination */
  ld zero, 0(a1)
  CHECK(40, zero, 0)
  lb zero, 0(a1)
  CHECK(41, zero, 0)
  /* base register overwritten by the load */
  la a1, data
  ld a1, 8(a1)
  CHECK(42, a1, 0x8000000000000001)
TEST_END

.data
.balign 16
data:
  .byte 0x81, 0x72, 0xd4, 0xe3, 0xc4, 0xe5, 0xf6, 0x7f
  .dword 0x8000000000000001
.balign 8
big:
  .dword 0x1111111111111111
  .fill 2032, 1, 0
  .byte 0, 0, 0, 0, 0, 0, 0, 0x77
  .dword 0
