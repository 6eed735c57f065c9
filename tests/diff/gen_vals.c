/* Initial register values for the random cases: the bit patterns where emulators go wrong. */
#include "gen.h"

#define BOX(s) (UINT64_C(0xffffffff00000000) | (uint32_t)(s))

/* Doubles: zeros, ones, halves (rounding ties), infinities, quiet and signalling NaNs with
 * payloads and both signs, subnormals, the normal range ends, and the integer-conversion
 * boundaries 2^31, 2^32, 2^63, 2^64 and their neighbours. */
static const uint64_t dpool[] = {
  0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
  0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0xc004000000000000,
  0x4004000000000000, 0x4008000000000000, 0x7ff0000000000000, 0xfff0000000000000,
  0x7ff8000000000000, 0xfff8000000000000, 0x7ff8000000000123, 0x7ff0000000000001,
  0xfff4000000000000, 0x7ff7ffffffffffff, 0x0000000000000001, 0x800fffffffffffff,
  0x0010000000000000, 0x8010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
  0x41e0000000000000, 0x41dfffffffe00000, 0x41dfffffffc00000, 0xc1e0000000000000,
  0xc1e0000000200000, 0x41f0000000000000, 0x41efffffffe00000, 0x43e0000000000000,
  0xc3e0000000000000, 0x43dfffffffffffff, 0x43f0000000000000, 0x43efffffffffffff,
  0x3fb999999999999a, 0x3fd5555555555555, 0x7e37e43c8800759c, 0x01a56e1fc2f8f359,
  0x3cb0000000000000, 0x3ca0000000000000, 0x4340000000000000, 0x4330000000000001,
};

/* Singles, the same ideas. */
static const uint32_t spool[] = {
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000,
  0x40200000, 0xc0200000, 0x40400000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
  0x7fc01234, 0x7f800001, 0xffa00000, 0x7fbfffff, 0x00000001, 0x807fffff, 0x00800000,
  0x80800000, 0x7f7fffff, 0xff7fffff, 0x4f000000, 0x4effffff, 0xcf000000, 0xcf000001,
  0x4f800000, 0x4f7fffff, 0x5f000000, 0xdf000000, 0x5effffff, 0x5f800000, 0x5f7fffff,
  0x3dcccccd, 0x3eaaaaab, 0x34000000, 0x33800000, 0x4b000000, 0x4b000001, 0x4b800000,
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t random_double(uint64_t *rng) {
  uint64_t r = rng_next(rng);
  /* Mostly exponents near 1.0 so that sums and products round, sometimes anything. */
  if (rng_pct(rng, 70)) {
    uint64_t e = (uint64_t)rng_range(rng, 1023 - 70, 1023 + 70);
    r = (r & 0x800fffffffffffffu) | (e << 52);
  }
  return r;
}

static uint32_t random_single(uint64_t *rng) {
  uint32_t r = (uint32_t)rng_next(rng);
  if (rng_pct(rng, 70)) {
    uint32_t e = (uint32_t)rng_range(rng, 127 - 40, 127 + 40);
    r = (r & 0x807fffffu) | (e << 23);
  }
  return r;
}

uint64_t gen_fval(uint64_t *rng) {
  unsigned k = (unsigned)rng_below(rng, 100);
  if (k < 6) { /* signed zeros: the classic edge of min/max, sign injection, rounding */
    uint64_t z = rng_pct(rng, 50) ? UINT64_C(1) << 63 : 0;
    return rng_pct(rng, 50) ? z : BOX(z >> 32);
  }
  if (k < 22) return BOX(spool[rng_below(rng, NELEM(spool))]);
  if (k < 42) return BOX(random_single(rng));
  if (k < 62) return dpool[rng_below(rng, NELEM(dpool))];
  if (k < 84) return random_double(rng);
  if (k < 88) return BOX(rng_range(rng, -20, 20)); /* tiny integers as single bits: subnormals */
  /* Singles that are not NaN-boxed: single-precision reads see the canonical NaN. */
  uint32_t lo = rng_pct(rng, 50) ? spool[rng_below(rng, NELEM(spool))] : random_single(rng);
  static const uint32_t hi[] = { 0, 0xfffffffe, 0x7fffffff, 0x80000000, 0xffff0000 };
  uint32_t h = rng_pct(rng, 70) ? hi[rng_below(rng, NELEM(hi))] : (uint32_t)rng_next(rng);
  if (h == 0xffffffffu) h = 0;
  return (uint64_t)h << 32 | lo;
}

uint64_t gen_xval(uint64_t *rng) {
  unsigned k = (unsigned)rng_below(rng, 100);
  static const uint64_t edge[] = {
    0, 1, UINT64_MAX, 2, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffff,
    0xffffffff80000000, 0x80000000, 0xffffffff, 0x100000000, 0xfffffffeffffffff, 0x8000,
    0xffff, 0xff, 0x80, 0x7ff, 0xfffffffffffff800,
  };
  if (k < 20) return (uint64_t)rng_range(rng, -16, 16);
  if (k < 35) return edge[rng_below(rng, NELEM(edge))];
  if (k < 45) {
    uint64_t p = UINT64_C(1) << rng_below(rng, 64);
    switch (rng_below(rng, 4)) {
    case 0: return p;
    case 1: return p - 1;
    case 2: return -p;
    default: return p + 1;
    }
  }
  if (k < 60) return (uint64_t)(int64_t)(int32_t)rng_next(rng); /* sign-extended 32-bit */
  if (k < 70) return (uint32_t)rng_next(rng);                   /* zero-extended 32-bit */
  if (k < 80) return gen_fval(rng);                             /* for fmv.*.x */
  return rng_next(rng);
}

uint64_t gen_fcsr(uint64_t *rng) {
  return rng_below(rng, 32) | rng_below(rng, 5) << 5;
}

/* A value related to v: equal, negated, one ulp (or one) away, or with the NaN quiet bit (or
 * the upper word) changed, so that comparisons, min/max, signed zeros and ties see close pairs
 * far more often than independent random values would give them. */
static uint64_t frelative(uint64_t *rng, uint64_t v) {
  int single = (v >> 32) == 0xffffffffu;
  switch (rng_below(rng, 6)) {
  case 0: case 1: return v;
  case 2: return v ^ (single ? 0x80000000u : UINT64_C(1) << 63);
  case 3: return single ? BOX((uint32_t)v + 1) : v + 1;
  case 4: return single ? BOX((uint32_t)v - 1) : v - 1;
  default: return single ? v ^ 0x400000u : v ^ (UINT64_C(1) << 51);
  }
}

static uint64_t xrelative(uint64_t *rng, uint64_t v) {
  switch (rng_below(rng, 7)) {
  case 0: case 1: return v;
  case 2: return -v;
  case 3: return v + 1;
  case 4: return v - 1;
  case 5: return (uint64_t)(int64_t)(int32_t)v;
  default: return v ^ (UINT64_C(1) << 63);
  }
}

void gen_regs(uint64_t *rng, uint64_t x[32], uint64_t f[32]) {
  uint64_t xp[4], fp[4];
  for (int i = 0; i < 4; i++) {
    xp[i] = gen_xval(rng);
    /* Mostly the special values: their neighbours are where the edge cases are. */
    if (rng_pct(rng, 50)) fp[i] = gen_fval(rng);
    else if (rng_pct(rng, 50)) fp[i] = BOX(spool[rng_below(rng, NELEM(spool))]);
    else fp[i] = dpool[rng_below(rng, NELEM(dpool))];
  }
  for (int i = 0; i < 32; i++) {
    x[i] = rng_pct(rng, 40) ? xrelative(rng, xp[rng_below(rng, 4)]) : gen_xval(rng);
    f[i] = rng_pct(rng, 50) ? frelative(rng, fp[rng_below(rng, 4)]) : gen_fval(rng);
  }
}
