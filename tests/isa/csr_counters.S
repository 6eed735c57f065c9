/* The user counters cycle, time and instret (csrrs rd, csr, x0 and the csrrsi/csrrci forms
 * with a zero immediate, which read without writing) are readable and increase. */
#include "harness.h"
.option norvc
.option norelax

/* Reads `csr` twice around some work; the second read must be larger. */
#define TEST_INCREASES(n, csr)  \
  csrrs s0, csr, zero;          \
  li t0, 1000;                  \
1:addi t0, t0, -1;              \
  bnez t0, 1b;                  \
  csrrs s1, csr, zero;          \
  li gp, n;                     \
  bgeu s0, s1, fail;

TEST_BEGIN
  TEST_INCREASES(1, cycle)
  TEST_INCREASES(2, time)
  TEST_INCREASES(3, instret)
  /* the immediate forms with uimm 0 only read */
  csrrsi s0, instret, 0
  csrrci s1, instret, 0
  li gp, 4
  bgeu s0, s1, fail
  csrrsi s0, cycle, 0
  csrrsi s1, cycle, 0
  li gp, 5
  bgeu s0, s1, fail
  csrrci s0, time, 0
  li t0, 1000
1:addi t0, t0, -1
  bnez t0, 1b
  csrrci s1, time, 0
  li gp, 6
  bgeu s0, s1, fail
  /* instret counts at least the loop's 2000 instructions */
  csrrs s0, instret, zero
  li t0, 1000
2:addi t0, t0, -1
  bnez t0, 2b
  csrrs s1, instret, zero
  sub s1, s1, s0
  li t1, 2000
  li gp, 7
  bltu s1, t1, fail
  /* reading into x0 is allowed */
  csrrs zero, cycle, zero
  CHECK(8, zero, 0)
TEST_END
