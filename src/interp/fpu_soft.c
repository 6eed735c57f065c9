/* Exact IEEE 754 binary32/binary64 arithmetic in integer code, for every RISC-V rounding mode.
 *
 * Used where the host SSE unit cannot give the RISC-V answer: RMM (round to nearest, ties
 * away, which glibc's round()/lround() use), FMA without FMA3, and conversions. It is also the
 * independent reference the unit test compares the SSE paths against.
 *
 * Each operation forms the exact result as sig * 2^exp with an integer sig of up to 128 bits.
 * When an operand is far below the other's last kept bit it is "jammed": replaced by a single
 * 1 bit below every bit that can matter, which keeps the rounding direction and the inexact
 * flag exact. round_pack() rounds once (tininess detected after rounding, as RISC-V does). */
#include "interp/fpu.h"

typedef unsigned __int128 u128;

enum { CL_ZERO, CL_FINITE, CL_INF, CL_QNAN, CL_SNAN };

/* A finite nonzero value is sig * 2^exp with sig in [2^52, 2^53), for both formats. */
typedef struct {
  int cls, sign, exp;
  uint64_t sig;
} unpacked;

static int fmt_p(int dbl) { return dbl ? 53 : 24; }
static int fmt_emax(int dbl) { return dbl ? 1023 : 127; }
static uint64_t canon(int dbl) { return dbl ? FPU_CANON_D : FPU_CANON_S; }
static uint64_t sign_bit(int dbl, int sign) { return (uint64_t)sign << (dbl ? 63 : 31); }
static uint64_t inf_bits(int dbl, int sign) {
  return sign_bit(dbl, sign) | (dbl ? 0x7ff0000000000000ull : 0x7f800000ull);
}

static unpacked unpack(int dbl, uint64_t bits) {
  unpacked u;
  int p = fmt_p(dbl), emax = fmt_emax(dbl);
  uint64_t frac = bits & ((1ull << (p - 1)) - 1);
  int bexp = (int)((bits >> (p - 1)) & (2 * (uint64_t)emax + 1));
  u.sign = (int)((bits >> (dbl ? 63 : 31)) & 1);
  u.exp = 0;
  u.sig = 0;
  if (bexp == 2 * emax + 1) {
    if (!frac) u.cls = CL_INF;
    else u.cls = (frac >> (p - 2)) & 1 ? CL_QNAN : CL_SNAN;
    return u;
  }
  if (bexp == 0 && frac == 0) {
    u.cls = CL_ZERO;
    return u;
  }
  u.cls = CL_FINITE;
  if (bexp == 0) { /* subnormal: value frac * 2^(emin - (p-1)) */
    u.sig = frac;
    u.exp = 1 - emax - (p - 1);
  } else {
    u.sig = frac | (1ull << (p - 1));
    u.exp = bexp - emax - (p - 1);
  }
  int lz = __builtin_clzll(u.sig) - 11; /* bring the leading 1 to bit 52 */
  u.sig <<= lz;
  u.exp -= lz;
  return u;
}

static int isnan_cls(int c) { return c == CL_QNAN || c == CL_SNAN; }

/* sig >> shift rounded per rm (sign is the value's); *inexact tells whether bits were lost.
 * shift may exceed 63. The result may carry into the next power of two. */
static uint64_t round_shift(uint64_t sig, int shift, int sign, int rm, int *inexact) {
  uint64_t q, rem;
  int above, tie; /* rem vs half an ulp */
  if (shift <= 0) {
    *inexact = 0;
    return sig;
  }
  if (shift < 64) {
    uint64_t half = 1ull << (shift - 1);
    q = sig >> shift;
    rem = sig & ((half << 1) - 1);
    above = rem > half;
    tie = rem == half;
  } else {
    q = 0;
    rem = sig;
    above = shift == 64 && rem > (1ull << 63);
    tie = shift == 64 && rem == (1ull << 63);
  }
  *inexact = rem != 0;
  if (!rem) return q;
  switch (rm) {
  case FPU_RNE: return q + (above || (tie && (q & 1)));
  case FPU_RTZ: return q;
  case FPU_RDN: return q + (uint64_t)sign;
  case FPU_RUP: return q + (uint64_t)!sign;
  default: return q + (above || tie); /* RMM */
  }
}

/* Rounds (-1)^sign * sig * 2^exp (sig != 0) to the format; sets NX, UF, OF. */
static uint64_t round_pack(int dbl, int sign, int exp, uint64_t sig, int rm, uint32_t *fl) {
  int p = fmt_p(dbl), emax = fmt_emax(dbl), emin = 1 - emax;
  int lz = __builtin_clzll(sig);
  sig <<= lz;
  exp -= lz;
  int e = exp + 63; /* exponent of the leading bit */
  int shift = 64 - p, inexact, tiny = 0;
  if (e < emin) {
    /* Tiny unless rounding to p bits with an unbounded exponent reaches 2^emin. */
    int ix;
    tiny = !(e == emin - 1 && (round_shift(sig, shift, sign, rm, &ix) >> p));
    shift += emin - e;
  }
  uint64_t q = round_shift(sig, shift, sign, rm, &inexact);
  if (inexact) *fl |= FFLAG_NX | (tiny ? FFLAG_UF : 0);
  if (e < emin) /* subnormal, or rounded up to the smallest normal by the encoding itself */
    return sign_bit(dbl, sign) | q;
  if (q >> p) {
    q >>= 1;
    e++;
  }
  if (e > emax) {
    *fl |= FFLAG_OF | FFLAG_NX;
    int to_inf = rm == FPU_RNE || rm == FPU_RMM || (rm == FPU_RUP && !sign) ||
                 (rm == FPU_RDN && sign);
    return to_inf ? inf_bits(dbl, sign) : inf_bits(dbl, sign) - 1;
  }
  return sign_bit(dbl, sign) + ((uint64_t)(e + emax - 1) << (p - 1)) + q;
}

/* Rounds a 128-bit exact (or jammed) significand. */
static uint64_t round_pack128(int dbl, int sign, int exp, u128 s, int rm, uint32_t *fl) {
  uint64_t hi = (uint64_t)(s >> 64);
  if (hi) {
    int k = 64 - __builtin_clzll(hi);
    uint64_t sig = (uint64_t)(s >> k) | ((s & (((u128)1 << k) - 1)) != 0);
    return round_pack(dbl, sign, exp + k, sig, rm, fl);
  }
  return round_pack(dbl, sign, exp, (uint64_t)s, rm, fl);
}

/* x >> k, with a 1 in bit 0 when nonzero bits were shifted out. */
static u128 shift_jam128(u128 x, int k) {
  if (k <= 0) return x;
  if (k >= 128) return x != 0;
  return (x >> k) | ((x & (((u128)1 << k) - 1)) != 0);
}

static uint64_t zero_sum_sign(int dbl, int rm) { return sign_bit(dbl, rm == FPU_RDN); }

/* Adds two finite nonzero values given as 128-bit significands at a common exponent. */
static uint64_t add_aligned(int dbl, int sx, u128 x, int sy, u128 y, int exp, int rm,
                            uint32_t *fl) {
  if (sx == sy) return round_pack128(dbl, sx, exp, x + y, rm, fl);
  if (x == y) return zero_sum_sign(dbl, rm); /* exact zero: +0, or -0 in RDN */
  if (x > y) return round_pack128(dbl, sx, exp, x - y, rm, fl);
  return round_pack128(dbl, sy, exp, y - x, rm, fl);
}

uint64_t fpu_soft_add(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a), y = unpack(dbl, b);
  if (isnan_cls(x.cls) || isnan_cls(y.cls)) {
    if (x.cls == CL_SNAN || y.cls == CL_SNAN) *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_INF) {
    if (y.cls == CL_INF && x.sign != y.sign) {
      *fl |= FFLAG_NV;
      return canon(dbl);
    }
    return inf_bits(dbl, x.sign);
  }
  if (y.cls == CL_INF) return inf_bits(dbl, y.sign);
  if (x.cls == CL_ZERO && y.cls == CL_ZERO)
    return x.sign == y.sign ? sign_bit(dbl, x.sign) : zero_sum_sign(dbl, rm);
  if (x.cls == CL_ZERO) return b;
  if (y.cls == CL_ZERO) return a;
  if (x.exp < y.exp) {
    unpacked t = x;
    x = y;
    y = t;
  }
  int d = x.exp - y.exp;
  /* Beyond 70 bits of distance y lies far below half an ulp of x: jam it. */
  if (d <= 70) return add_aligned(dbl, x.sign, (u128)x.sig << d, y.sign, y.sig, y.exp, rm, fl);
  return add_aligned(dbl, x.sign, (u128)x.sig << 70, y.sign, 1, x.exp - 70, rm, fl);
}

uint64_t fpu_soft_mul(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a), y = unpack(dbl, b);
  int sign = x.sign ^ y.sign;
  if (isnan_cls(x.cls) || isnan_cls(y.cls)) {
    if (x.cls == CL_SNAN || y.cls == CL_SNAN) *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_INF || y.cls == CL_INF) {
    if (x.cls == CL_ZERO || y.cls == CL_ZERO) {
      *fl |= FFLAG_NV;
      return canon(dbl);
    }
    return inf_bits(dbl, sign);
  }
  if (x.cls == CL_ZERO || y.cls == CL_ZERO) return sign_bit(dbl, sign);
  return round_pack128(dbl, sign, x.exp + y.exp, (u128)x.sig * y.sig, rm, fl);
}

uint64_t fpu_soft_div(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a), y = unpack(dbl, b);
  int sign = x.sign ^ y.sign;
  if (isnan_cls(x.cls) || isnan_cls(y.cls)) {
    if (x.cls == CL_SNAN || y.cls == CL_SNAN) *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_INF) {
    if (y.cls == CL_INF) {
      *fl |= FFLAG_NV;
      return canon(dbl);
    }
    return inf_bits(dbl, sign);
  }
  if (y.cls == CL_INF) return sign_bit(dbl, sign);
  if (y.cls == CL_ZERO) {
    if (x.cls == CL_ZERO) {
      *fl |= FFLAG_NV;
      return canon(dbl);
    }
    *fl |= FFLAG_DZ;
    return inf_bits(dbl, sign);
  }
  if (x.cls == CL_ZERO) return sign_bit(dbl, sign);
  /* Quotient of at least 74 bits; a nonzero remainder is jammed into its last bit. */
  u128 n = (u128)x.sig << 75;
  u128 q = n / y.sig;
  q |= (n % y.sig) != 0;
  return round_pack128(dbl, sign, x.exp - y.exp - 75, q, rm, fl);
}

/* floor(sqrt(n)), digit by digit; *exact when n was a perfect square. */
static uint64_t isqrt128(u128 n, int *exact) {
  u128 bit = (u128)1 << 126, res = 0;
  while (bit > n) bit >>= 2;
  while (bit) {
    if (n >= res + bit) {
      n -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  *exact = n == 0;
  return (uint64_t)res;
}

uint64_t fpu_soft_sqrt(int dbl, uint64_t a, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a);
  if (isnan_cls(x.cls)) {
    if (x.cls == CL_SNAN) *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_ZERO) return a; /* sqrt(-0) = -0 */
  if (x.sign) {
    *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_INF) return a;
  uint64_t sig = x.sig;
  int exp = x.exp;
  if (exp & 1) { /* make the exponent even */
    sig <<= 1;
    exp--;
  }
  int exact;
  uint64_t r = isqrt128((u128)sig << 64, &exact); /* about 59 bits */
  return round_pack(dbl, 0, (exp - 64) / 2, r | !exact, rm, fl);
}

uint64_t fpu_soft_fma(int dbl, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a), y = unpack(dbl, b), z = unpack(dbl, c);
  int ps = x.sign ^ y.sign;
  int inf_zero = (x.cls == CL_INF && y.cls == CL_ZERO) || (x.cls == CL_ZERO && y.cls == CL_INF);
  /* RISC-V signals NV for inf*0 even when the addend is a quiet NaN. */
  if (isnan_cls(x.cls) || isnan_cls(y.cls) || isnan_cls(z.cls) || inf_zero) {
    if (x.cls == CL_SNAN || y.cls == CL_SNAN || z.cls == CL_SNAN || inf_zero) *fl |= FFLAG_NV;
    return canon(dbl);
  }
  if (x.cls == CL_INF || y.cls == CL_INF) {
    if (z.cls == CL_INF && z.sign != ps) {
      *fl |= FFLAG_NV;
      return canon(dbl);
    }
    return inf_bits(dbl, ps);
  }
  if (z.cls == CL_INF) return c;
  if (x.cls == CL_ZERO || y.cls == CL_ZERO) {
    if (z.cls != CL_ZERO) return c;
    return ps == z.sign ? sign_bit(dbl, ps) : zero_sum_sign(dbl, rm);
  }
  u128 p = (u128)x.sig * y.sig; /* in [2^104, 2^106) */
  int pe = x.exp + y.exp;
  if (z.cls == CL_ZERO) return round_pack128(dbl, ps, pe, p, rm, fl);
  /* Put the leading bit of the larger-exponent term at bit 125 and the other one below it,
   * exactly when it fits, jammed when it lies far below. */
  int lz = __builtin_clzll((uint64_t)(p >> 64)) - 2; /* p's top bit from 104/105 to 125 */
  p <<= lz;
  pe -= lz;
  int mp = pe + 125, mc = z.exp + 52; /* exponents of the leading bits */
  if (mp >= mc) {
    int pos = 125 - (mp - mc); /* where z's leading bit lands */
    u128 cz = pos >= 52 ? (u128)z.sig << (pos - 52) : shift_jam128(z.sig, 52 - pos);
    return add_aligned(dbl, ps, p, z.sign, cz, pe, rm, fl);
  }
  return add_aligned(dbl, ps, shift_jam128(p, mc - mp), z.sign, (u128)z.sig << 73,
                     z.exp - 73, rm, fl);
}

uint64_t fpu_soft_to_int(int dbl, uint64_t a, int is_unsigned, int is64, int rm, uint32_t *fl) {
  unpacked x = unpack(dbl, a);
  uint64_t max = is_unsigned ? (is64 ? ~0ull : 0xffffffffull) : (is64 ? INT64_MAX : INT32_MAX);
  uint64_t min = is_unsigned ? 0 : (is64 ? (uint64_t)INT64_MIN : (uint64_t)(int64_t)INT32_MIN);
  uint64_t mag = 0;
  int inexact = 0, out = 0;
  if (isnan_cls(x.cls)) {
    *fl |= FFLAG_NV;
    return is64 ? max : (uint64_t)(int64_t)(int32_t)max;
  }
  if (x.cls == CL_INF) {
    out = 1;
  } else if (x.cls == CL_FINITE) {
    if (x.exp > 11) out = 1; /* >= 2^64 */
    else if (x.exp >= 0) mag = x.sig << x.exp;
    else mag = round_shift(x.sig, -x.exp, x.sign, rm, &inexact);
  }
  if (!out) {
    uint64_t lim = x.sign ? (is_unsigned ? 0 : max + 1) : max;
    out = mag > lim;
  }
  if (out) {
    *fl |= FFLAG_NV;
    uint64_t r = x.sign ? min : max;
    return is64 ? r : (uint64_t)(int64_t)(int32_t)r;
  }
  if (inexact) *fl |= FFLAG_NX;
  uint64_t r = x.sign ? 0 - mag : mag;
  return is64 ? r : (uint64_t)(int64_t)(int32_t)r;
}

uint64_t fpu_soft_from_int(int dbl, int neg, uint64_t mag, int rm, uint32_t *fl) {
  if (!mag) return 0;
  return round_pack(dbl, neg, 0, mag, rm, fl);
}

uint64_t fpu_soft_cvt_s_d(uint64_t a, int rm, uint32_t *fl) {
  unpacked x = unpack(1, a);
  switch (x.cls) {
  case CL_SNAN: *fl |= FFLAG_NV; /* fall through */
  case CL_QNAN: return FPU_CANON_S;
  case CL_INF: return inf_bits(0, x.sign);
  case CL_ZERO: return sign_bit(0, x.sign);
  default: return round_pack(0, x.sign, x.exp, x.sig, rm, fl);
  }
}

uint64_t fpu_soft_cvt_d_s(uint32_t a, uint32_t *fl) {
  unpacked x = unpack(0, a);
  switch (x.cls) {
  case CL_SNAN: *fl |= FFLAG_NV; /* fall through */
  case CL_QNAN: return FPU_CANON_D;
  case CL_INF: return inf_bits(1, x.sign);
  case CL_ZERO: return sign_bit(1, x.sign);
  default: return round_pack(1, x.sign, x.exp, x.sig, FPU_RNE, fl); /* exact */
  }
}

uint64_t fpu_soft_class(int dbl, uint64_t a) {
  unpacked x = unpack(dbl, a);
  int emax = fmt_emax(dbl), p = fmt_p(dbl);
  switch (x.cls) {
  case CL_INF: return x.sign ? 1u << 0 : 1u << 7;
  case CL_ZERO: return x.sign ? 1u << 3 : 1u << 4;
  case CL_SNAN: return 1u << 8;
  case CL_QNAN: return 1u << 9;
  default:
    /* subnormal when the leading bit (exp + 52) is below emin */
    if (x.exp + 52 < 1 - emax) return x.sign ? 1u << 2 : 1u << 5;
    (void)p;
    return x.sign ? 1u << 1 : 1u << 6;
  }
}
