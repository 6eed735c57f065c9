/* The test programs' pseudo-random numbers: Marsaglia's xorshift64, from the seed the program
 * defines as XORSHIFT_SEED before including this (a fixed seed: runs are reproducible). */
#include <stdint.h>

static uint64_t rng = XORSHIFT_SEED;
static uint64_t next(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
