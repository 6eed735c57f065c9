/* The F/D instructions that are not inline in fpu.h: sqrt, fused multiply-add, min/max,
 * conversions and fclass. */
#include "interp/fpu.h"

#include <cpuid.h>

int fpu_have_fma;

/* FMA3 is usable when the CPU has it and the OS saves the AVX state (XCR0 bits 1 and 2).
 * One cpuid instead of __builtin_cpu_init's dozens: each cpuid traps to the hypervisor in a
 * VM, and start-up time matters. */
__attribute__((constructor)) static void fpu_init(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return;
  if (!(c & bit_FMA) || !(c & bit_OSXSAVE)) return;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  fpu_have_fma = (lo & 6) == 6;
}

uint64_t fpu_sqrt_d(uint64_t a, int m, uint32_t *fl) {
  if (m != FPU_RNE) return fpu_soft_sqrt(1, a, m, fl);
  uint64_t r = fpu_db(fpu_sse_sqrtsd(0.0, fpu_d(a), fl));
  return fpu_isnan_d(r) ? FPU_CANON_D : r;
}

uint32_t fpu_sqrt_s(uint32_t a, int m, uint32_t *fl) {
  if (m != FPU_RNE) return (uint32_t)fpu_soft_sqrt(0, a, m, fl);
  uint32_t r = fpu_sb(fpu_sse_sqrtss(0.0f, fpu_s(a), fl));
  return fpu_isnan_s(r) ? FPU_CANON_S : r;
}

/* x86 may not raise IE for inf*0 + qNaN; RISC-V does. */
static int inf_times_zero_d(uint64_t a, uint64_t b) {
  uint64_t ma = a << 1, mb = b << 1, inf = 0x7ff0000000000000ull << 1;
  return (ma == inf && mb == 0) || (ma == 0 && mb == inf);
}
static int inf_times_zero_s(uint32_t a, uint32_t b) {
  uint32_t ma = a << 1, mb = b << 1, inf = 0x7f800000u << 1;
  return (ma == inf && mb == 0) || (ma == 0 && mb == inf);
}

uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, int m, uint32_t *fl) {
  if (m != FPU_RNE || !fpu_have_fma) return fpu_soft_fma(1, a, b, c, m, fl);
  uint64_t r = fpu_db(fpu_sse_fmasd(fpu_d(a), fpu_d(b), fpu_d(c), fl));
  if (!fpu_isnan_d(r)) return r;
  if (inf_times_zero_d(a, b)) *fl |= FFLAG_NV;
  return FPU_CANON_D;
}

uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, int m, uint32_t *fl) {
  if (m != FPU_RNE || !fpu_have_fma) return (uint32_t)fpu_soft_fma(0, a, b, c, m, fl);
  uint32_t r = fpu_sb(fpu_sse_fmass(fpu_s(a), fpu_s(b), fpu_s(c), fl));
  if (!fpu_isnan_s(r)) return r;
  if (inf_times_zero_s(a, b)) *fl |= FFLAG_NV;
  return FPU_CANON_S;
}

int fpu_fsqrt_s(FPU_ARGS) {
  int m = fpu_rm(cpu, rm);
  (void)rs2, (void)rs3;
  if (m < 0) return 1;
  cpu->f[rd] = FPU_BOX | fpu_sqrt_s(fpu_unbox(cpu->f[rs1]), m, &cpu->fflags);
  return 0;
}

int fpu_fsqrt_d(FPU_ARGS) {
  int m = fpu_rm(cpu, rm);
  (void)rs2, (void)rs3;
  if (m < 0) return 1;
  cpu->f[rd] = fpu_sqrt_d(cpu->f[rs1], m, &cpu->fflags);
  return 0;
}

/* fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber, as RISC-V F 2.2): a single NaN
 * operand yields the other operand, two NaNs the canonical NaN, a signalling NaN sets NV,
 * and -0 orders below +0. */
static uint32_t minmax_s(uint32_t a, uint32_t b, int max, uint32_t *fl) {
  if (fpu_issnan_s(a) || fpu_issnan_s(b)) *fl |= FFLAG_NV;
  if (fpu_isnan_s(a)) return fpu_isnan_s(b) ? FPU_CANON_S : b;
  if (fpu_isnan_s(b)) return a;
  int a_lt_b = fpu_lt_s(a, b) || (a == 0x80000000u && b == 0);
  return a_lt_b != max ? a : b;
}

static uint64_t minmax_d(uint64_t a, uint64_t b, int max, uint32_t *fl) {
  if (fpu_issnan_d(a) || fpu_issnan_d(b)) *fl |= FFLAG_NV;
  if (fpu_isnan_d(a)) return fpu_isnan_d(b) ? FPU_CANON_D : b;
  if (fpu_isnan_d(b)) return a;
  int a_lt_b = fpu_lt_d(a, b) || (a == (1ull << 63) && b == 0);
  return a_lt_b != max ? a : b;
}

int fpu_fmin_s(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = FPU_BOX | minmax_s(fpu_unbox(cpu->f[rs1]), fpu_unbox(cpu->f[rs2]), 0, &cpu->fflags);
  return 0;
}
int fpu_fmax_s(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = FPU_BOX | minmax_s(fpu_unbox(cpu->f[rs1]), fpu_unbox(cpu->f[rs2]), 1, &cpu->fflags);
  return 0;
}
int fpu_fmin_d(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = minmax_d(cpu->f[rs1], cpu->f[rs2], 0, &cpu->fflags);
  return 0;
}
int fpu_fmax_d(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = minmax_d(cpu->f[rs1], cpu->f[rs2], 1, &cpu->fflags);
  return 0;
}

/* Float to integer: fcvt.{w,wu,l,lu}.{s,d}; 32-bit results sign-extended. Values of
 * magnitude below 2^31 (W) or 2^63 (L) take a fast exact path: the host truncates, the
 * fraction x - trunc(x) is exact, and the rounding mode decides from it. Results out of range
 * after rounding, NaNs and infinities go to the soft core. */
static inline int to_int_fast(int dbl, uint64_t a, int uns, int is64, int m, uint64_t *r,
                              uint32_t *fl) {
  uint64_t mag = dbl ? a & ~(1ull << 63) : a & 0x7fffffffu;
  uint64_t lim = dbl ? (is64 ? 0x43e0000000000000ull : 0x41e0000000000000ull)
                     : (is64 ? 0x5f000000u : 0x4f000000u);
  int neg = (int)(dbl ? a >> 63 : (a >> 31) & 1);
  if (mag >= lim || (uns && neg && mag >= (dbl ? 0x3ff0000000000000ull : 0x3f800000u)))
    return 0;
  double x = dbl ? fpu_d(a) : (double)fpu_s((uint32_t)a);
  int64_t i = (int64_t)x;          /* truncates; in range */
  double frac = x - (double)i;     /* exact, |frac| < 1; nonzero only when |x| < 2^52 */
  if (frac != 0) {
    double af = neg ? -frac : frac;
    int away;
    switch (m) {
    case FPU_RNE: away = af > 0.5 || (af == 0.5 && (i & 1)); break;
    case FPU_RTZ: away = 0; break;
    case FPU_RDN: away = neg; break;
    case FPU_RUP: away = !neg; break;
    default: away = af >= 0.5; break;
    }
    i += away ? (neg ? -1 : 1) : 0;
  }
  if (is64 ? (uns && i < 0)
           : (uns ? (i < 0 || i > (int64_t)UINT32_MAX) : (i < INT32_MIN || i > INT32_MAX)))
    return 0;
  if (frac != 0) *fl |= FFLAG_NX;
  *r = is64 ? (uint64_t)i : (uint64_t)(int64_t)(int32_t)(uint32_t)i;
  return 1;
}

#define CVT_TO_INT(id, dbl, uns, is64)                                                     \
  int fpu_##id(FPU_ARGS) {                                                                 \
    int m = fpu_rm(cpu, rm);                                                               \
    (void)rs2, (void)rs3;                                                                  \
    if (m < 0) return 1;                                                                   \
    uint64_t a = (dbl) ? cpu->f[rs1] : fpu_unbox(cpu->f[rs1]), r;                          \
    if (!to_int_fast(dbl, a, uns, is64, m, &r, &cpu->fflags))                              \
      r = fpu_soft_to_int(dbl, a, uns, is64, m, &cpu->fflags);                             \
    cpu->x[rd] = r;                                                                        \
    return 0;                                                                              \
  }
CVT_TO_INT(fcvt_w_s, 0, 0, 0)
CVT_TO_INT(fcvt_wu_s, 0, 1, 0)
CVT_TO_INT(fcvt_l_s, 0, 0, 1)
CVT_TO_INT(fcvt_lu_s, 0, 1, 1)
CVT_TO_INT(fcvt_w_d, 1, 0, 0)
CVT_TO_INT(fcvt_wu_d, 1, 1, 0)
CVT_TO_INT(fcvt_l_d, 1, 0, 1)
CVT_TO_INT(fcvt_lu_d, 1, 1, 1)
#undef CVT_TO_INT

/* Integer to float: fcvt.{s,d}.{w,wu,l,lu}; the W forms read the low 32 bits of rs1. Values
 * that fit the significand convert exactly with a host cast. */
static uint64_t from_x(int dbl, uint64_t x, int uns, int is64, int m, uint32_t *fl) {
  if (!is64) x = uns ? (uint32_t)x : (uint64_t)(int64_t)(int32_t)x;
  int neg = !uns && (int64_t)x < 0;
  uint64_t mag = neg ? 0 - x : x;
  if (mag < (dbl ? 1ull << 53 : 1ull << 24)) {
    int64_t v = neg ? -(int64_t)mag : (int64_t)mag;
    return dbl ? fpu_db((double)v) : fpu_sb((float)v);
  }
  return fpu_soft_from_int(dbl, neg, mag, m, fl);
}

#define CVT_FROM_INT(id, dbl, uns, is64)                                                   \
  int fpu_##id(FPU_ARGS) {                                                                 \
    int m = fpu_rm(cpu, rm);                                                               \
    (void)rs2, (void)rs3;                                                                  \
    if (m < 0) return 1;                                                                   \
    uint64_t r = from_x(dbl, cpu->x[rs1], uns, is64, m, &cpu->fflags);                     \
    cpu->f[rd] = (dbl) ? r : FPU_BOX | r;                                                  \
    return 0;                                                                              \
  }
CVT_FROM_INT(fcvt_s_w, 0, 0, 0)
CVT_FROM_INT(fcvt_s_wu, 0, 1, 0)
CVT_FROM_INT(fcvt_s_l, 0, 0, 1)
CVT_FROM_INT(fcvt_s_lu, 0, 1, 1)
CVT_FROM_INT(fcvt_d_w, 1, 0, 0)
CVT_FROM_INT(fcvt_d_wu, 1, 1, 0)
CVT_FROM_INT(fcvt_d_l, 1, 0, 1)
CVT_FROM_INT(fcvt_d_lu, 1, 1, 1)
#undef CVT_FROM_INT

int fpu_fcvt_s_d(FPU_ARGS) {
  int m = fpu_rm(cpu, rm);
  (void)rs2, (void)rs3;
  if (m < 0) return 1;
  uint64_t a = cpu->f[rs1];
  uint32_t r, st;
  if (m != FPU_RNE) {
    r = (uint32_t)fpu_soft_cvt_s_d(a, m, &cpu->fflags);
  } else {
    float f;
    fpu_mxcsr_enter(&cpu->fflags);
    __asm__ volatile("cvtsd2ss %[y], %[x]\n\tstmxcsr %[o]" : [x] "=x"(f), [o] "=m"(st)
                     : [y] "x"(fpu_d(a)));
    cpu->fflags |= fpu_x86_flags(st);
    r = fpu_sb(f);
    if (fpu_isnan_s(r)) r = FPU_CANON_S;
  }
  cpu->f[rd] = FPU_BOX | r;
  return 0;
}

int fpu_fcvt_d_s(FPU_ARGS) {
  /* exact, but the rm field is still checked: a reserved rm is illegal for every F_RM row */
  int m = fpu_rm(cpu, rm);
  (void)rs2, (void)rs3;
  if (m < 0) return 1;
  uint32_t a = fpu_unbox(cpu->f[rs1]);
  if (fpu_isnan_s(a)) {
    if (fpu_issnan_s(a)) cpu->fflags |= FFLAG_NV;
    cpu->f[rd] = FPU_CANON_D;
  } else {
    cpu->f[rd] = fpu_db((double)fpu_s(a)); /* exact, raises nothing */
  }
  return 0;
}

int fpu_fclass_s(FPU_ARGS) {
  (void)rs2, (void)rs3, (void)rm;
  cpu->x[rd] = fpu_soft_class(0, fpu_unbox(cpu->f[rs1]));
  return 0;
}

int fpu_fclass_d(FPU_ARGS) {
  (void)rs2, (void)rs3, (void)rm;
  cpu->x[rd] = fpu_soft_class(1, cpu->f[rs1]);
  return 0;
}
