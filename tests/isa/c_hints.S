/* Compressed HINT encodings execute without effect (they are not reserved): c.nop with a
 * nonzero immediate, c.addi rd, 0, c.li/c.lui/c.mv/c.add/c.slli to x0, and the shifts by 0
 * (c.slli64, c.srli64, c.srai64). */
#include "harness.h"
.option rvc
.option norelax
TEST_BEGIN
  li a0, 0x123456789
  li a1, -1
  li s0, 0x8000000000000001
  .2byte 0x0005                   /* c.addi x0, 1 (c.nop with nzimm) */
  .2byte 0x0501                   /* c.addi a0, 0 */
  CHECK(1, a0, 0x123456789)
  .2byte 0x4005                   /* c.li x0, 1 */
  .2byte 0x6005                   /* c.lui x0, 1 */
  .2byte 0x802e                   /* c.mv x0, a1 */
  .2byte 0x902e                   /* c.add x0, a1 */
  .2byte 0x007e                   /* c.slli x0, 31 */
  CHECK(2, zero, 0)
  .2byte 0x0502                   /* c.slli64 a0 */
  CHECK(3, a0, 0x123456789)
  .2byte 0x8001                   /* c.srli64 s0 */
  CHECK(4, s0, 0x8000000000000001)
  .2byte 0x8401                   /* c.srai64 s0 */
  CHECK(5, s0, 0x8000000000000001)
TEST_END
