/* Stores: each width writes exactly its bytes (checked by reloading the doubleword),
 * negative offsets, misaligned addresses, x0 as the stored value. */
#include "harness.h"
.option norvc
.option norelax

/* Fills buf with a pattern. */
#define FILL              \
  la a1, buf;             \
  li t0, 0x0123456789abcdef; \
  sd t0, 0(a1);           \
  sd t0, 8(a1);

TEST_BEGIN
  FILL
  li a2, 0xfffffffffffffff0
  sb a2, 0(a1)
  ld a0, 0(a1)
  CHECK(1, a0, 0x0123456789abcdf0)
  sb a2, 7(a1)
  ld a0, 0(a1)
  CHECK(2, a0, 0xf023456789abcdf0)
  FILL
  li a2, 0x1122334455667788
  sh a2, 2(a1)
  ld a0, 0(a1)
  CHECK(3, a0, 0x012345677788cdef)
  FILL
  sw a2, 4(a1)
  ld a0, 0(a1)
  CHECK(4, a0, 0x5566778889abcdef)
  ld a0, 8(a1)
  CHECK(5, a0, 0x0123456789abcdef)
  FILL
  sd a2, 8(a1)
  ld a0, 8(a1)
  CHECK(6, a0, 0x1122334455667788)
  ld a0, 0(a1)
  CHECK(7, a0, 0x0123456789abcdef)
  /* negative offset */
  FILL
  addi a3, a1, 16
  sw zero, -12(a3)
  ld a0, 0(a1)
  CHECK(10, a0, 0x0000000089abcdef)
  ld a0, 8(a1)
  CHECK(11, a0, 0x0123456789abcdef)
  sd zero, -16(a3)
  ld a0, 0(a1)
  CHECK(12, a0, 0)
  /* misaligned stores */
  FILL
  li a2, 0xa1a2a3a4a5a6a7a8
  sh a2, 1(a1)
  ld a0, 0(a1)
  CHECK(20, a0, 0x0123456789a7a8ef)
  FILL
  sw a2, 6(a1)
  ld a0, 0(a1)
  CHECK(21, a0, 0xa7a8456789abcdef)
  ld a0, 8(a1)
  CHECK(22, a0, 0x0123456789aba5a6)
  FILL
  sd a2, 5(a1)
  ld a0, 0(a1)
  CHECK(23, a0, 0xa6a7a86789abcdef)
  ld a0, 8(a1)
  CHECK(24, a0, 0x012345a1a2a3a4a5)
  /* store then load of the same bytes through another width */
  FILL
  li a2, -2
  sw a2, 0(a1)
  lhu a0, 2(a1)
  CHECK(30, a0, 0xffff)
  lb a0, 0(a1)
  CHECK(31, a0, -2)
TEST_END

.data
.balign 16
buf:
  .dword 0, 0
