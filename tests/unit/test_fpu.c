/* Host unit test of src/interp/fpu*.c.
 *
 *   test_fpu self N        N random and edge operands per operation and rounding mode: the
 *                          SSE paths (RNE, RTZ, RDN, RUP) against the exact software core,
 *                          results and flags; reserved rounding modes; MXCSR left default.
 *   test_fpu gen FILE N S  writes N oracle records (see tests/isa/fp_oracle.S), seed S.
 *   test_fpu check IN OUT  runs the records of IN through the fpu_<id> instruction functions
 *                          and compares with OUT, the oracle's output (qemu-riscv64 or rvx).
 * Exit status 0 when everything agrees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/fpu.h"
#include "../isa/fp_harness.h"

/* ---- operands ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static const uint64_t spec_d[] = {
  0, 1, 2, 0x000fffffffffffff, 0x0010000000000000, 0x0010000000000001, 0x001fffffffffffff,
  0x3ff0000000000000, 0x3ff0000000000001, 0x3fefffffffffffff, 0x3fe0000000000000,
  0x3ff8000000000000, 0x4004000000000000, 0x7fefffffffffffff, 0x7fe0000000000000,
  0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000,
  0x7fffffffffffffff, 0x41e0000000000000, 0x41dfffffffc00000, 0x41dfffffffe00000,
  0x41efffffffe00000, 0x41f0000000000000, 0x41efffffffffffff, 0x43e0000000000000,
  0x43dfffffffffffff, 0x43f0000000000000, 0x43efffffffffffff, 0x41e0000000100000,
  0x41e0000000200000, 0x3fd3333333333333, 0x36a0000000000000, 0x3ca0000000000000,
  0x4340000000000000, 0x4330000000000000, 0x47efffffe0000000, 0x47f0000000000000,
  0x3810000000000000, 0x380fffffffffffff, 0x36a0000000000001, 0x7fdfffffffffffff,
};
static const uint32_t spec_s[] = {
  0, 1, 2, 0x007fffff, 0x00800000, 0x00800001, 0x00ffffff, 0x3f800000, 0x3f800001,
  0x3f7fffff, 0x3f000000, 0x3fc00000, 0x40200000, 0x7f7fffff, 0x7f000000, 0x7f800000,
  0x7fc00000, 0x7f800001, 0x7fa00000, 0x7fffffff, 0x4f000000, 0x4effffff, 0x4f7fffff,
  0x4f800000, 0x5f000000, 0x5effffff, 0x5f800000, 0x5f7fffff, 0x3e99999a, 0x33800000,
  0x34000000, 0x4b800000, 0x4b000000, 0x3f7ffffe, 0x7effffff, 0x0b000000, 0x34000001,
};
#define NSPEC_D (sizeof spec_d / sizeof spec_d[0])
#define NSPEC_S (sizeof spec_s / sizeof spec_s[0])

/* A mantissa of w bits, often with few significant bits so exact results and ties occur. */
static uint64_t mant(int w) {
  uint64_t m = rnd();
  switch (rnd() % 4) {
  case 0: m &= rnd() & rnd(); break;
  case 1: m &= ~0ull << (rnd() % (unsigned)w); break;
  case 2: m = ~m & (~0ull << (rnd() % (unsigned)w)); break;
  default: break;
  }
  return m & ((1ull << w) - 1);
}

/* exp: a biased exponent; centre +- spread, clamped. */
static uint64_t near_exp(int centre, int spread, int maxe) {
  int e = centre + (int)(rnd() % (2 * (unsigned)spread + 1)) - spread;
  return (uint64_t)(e < 0 ? 0 : e > maxe ? maxe : e);
}

static uint64_t gen_d(void) {
  uint64_t s = (rnd() & 1) << 63, e;
  switch (rnd() % 11) {
  case 0: return spec_d[rnd() % NSPEC_D] | s;
  case 1: return rnd();
  case 2: e = near_exp(1023, 8, 2047); break;
  case 3: e = near_exp(2, 3, 2047); break;
  case 4: e = near_exp(2045, 3, 2047); break;
  case 5: e = near_exp(1023 - 511, 30, 2047); break; /* products near underflow */
  case 6: e = near_exp(1023 + 511, 30, 2047); break; /* products near overflow */
  case 7: return (spec_d[rnd() % NSPEC_D] + (rnd() % 7) - 3) ^ s;
  case 8: e = near_exp(1023 + 40, 30, 2047); break;  /* integers for conversions */
  case 9: e = near_exp(1023 - 60, 60, 2047); break;
  default: e = near_exp(1023, 40, 2047); break;
  }
  return s | e << 52 | mant(52);
}

static uint32_t gen_s(void) {
  uint32_t s = (uint32_t)(rnd() & 1) << 31, e;
  switch (rnd() % 11) {
  case 0: return spec_s[rnd() % NSPEC_S] | s;
  case 1: return (uint32_t)rnd();
  case 2: e = (uint32_t)near_exp(127, 8, 255); break;
  case 3: e = (uint32_t)near_exp(2, 3, 255); break;
  case 4: e = (uint32_t)near_exp(253, 3, 255); break;
  case 5: e = (uint32_t)near_exp(127 - 63, 15, 255); break;
  case 6: e = (uint32_t)near_exp(127 + 63, 15, 255); break;
  case 7: return (spec_s[rnd() % NSPEC_S] + (uint32_t)(rnd() % 7) - 3) ^ s;
  case 8: e = (uint32_t)near_exp(127 + 30, 20, 255); break;
  case 9: e = (uint32_t)near_exp(127 - 30, 30, 255); break;
  default: e = (uint32_t)near_exp(127, 30, 255); break;
  }
  return s | e << 23 | (uint32_t)mant(23);
}

/* b related to a (cancellation, equal exponents, ties) a quarter of the time. */
static uint64_t gen_d_near(uint64_t a) {
  if (rnd() % 4) return gen_d();
  return (a + (rnd() % 9) - 4) ^ ((rnd() & 1) << 63) ^ (rnd() % 3 == 0 ? rnd() % 64 << 52 : 0);
}
static uint32_t gen_s_near(uint32_t a) {
  if (rnd() % 4) return gen_s();
  return (a + (uint32_t)(rnd() % 9) - 4) ^ (uint32_t)((rnd() & 1) << 31) ^
         (rnd() % 3 == 0 ? (uint32_t)(rnd() % 32) << 23 : 0);
}

/* An addend near -(a*b), for fma cancellation. */
static uint64_t gen_d_fma_c(uint64_t a, uint64_t b) {
  if (rnd() % 3) return gen_d_near(a);
  uint64_t p = fpu_db(fpu_d(a) * fpu_d(b));
  return (p ^ (1ull << 63)) + (rnd() % 5) - 2;
}
static uint32_t gen_s_fma_c(uint32_t a, uint32_t b) {
  if (rnd() % 3) return gen_s_near(a);
  uint32_t p = fpu_sb(fpu_s(a) * fpu_s(b));
  return (p ^ 0x80000000u) + (uint32_t)(rnd() % 5) - 2;
}

static uint64_t gen_int(void) {
  static const uint64_t edge[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x7fffffffffffffff,
    0x8000000000000000, 0xffffffffffffffff, 1 << 24, 1ull << 53, 0xffffff, 0x1fffffffffffff,
    0xffffff80, 0x7fffffffffffff80, 0x80000080, 0xffffffff80000000,
  };
  switch (rnd() % 4) {
  case 0: return edge[rnd() % (sizeof edge / sizeof edge[0])] + (rnd() % 5) - 2;
  case 1: return rnd();
  case 2: return (rnd() >> (rnd() % 64)) * ((rnd() & 1) ? 1 : (uint64_t)-1);
  default: return (uint64_t)(int64_t)(int32_t)(rnd() >> (rnd() % 64));
  }
}

/* ---- self test: the soft core against the host SSE unit in each rounding mode ---- */

/* Hardware reference: one SSE instruction under RISC-V mode m (0..3) loaded into MXCSR. */
static const uint32_t mx_mode[4] = { 0x1f80, 0x7f80, 0x3f80, 0x5f80 };
#define HW2(name, insn, T)                                                                 \
  static T hw_##name(T x, T y, int m, uint32_t *fl) {                                      \
    uint32_t st;                                                                           \
    __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\tstmxcsr %[o]\n\tldmxcsr %[d]" \
                     : [x] "+x"(x), [o] "=m"(st)                                           \
                     : [y] "x"(y), [c] "m"(mx_mode[m]), [d] "m"(mx_mode[0]));             \
    *fl |= fpu_x86_flags(st);                                                              \
    return x;                                                                              \
  }
HW2(addsd, "addsd", double)
HW2(subsd, "subsd", double)
HW2(mulsd, "mulsd", double)
HW2(divsd, "divsd", double)
HW2(sqrtsd, "sqrtsd", double)
HW2(addss, "addss", float)
HW2(subss, "subss", float)
HW2(mulss, "mulss", float)
HW2(divss, "divss", float)
HW2(sqrtss, "sqrtss", float)
static float hw_cvtsd2ss(double y, int m, uint32_t *fl) {
  uint32_t st;
  float x;
  __asm__ volatile("ldmxcsr %[c]\n\tcvtsd2ss %[y], %[x]\n\tstmxcsr %[o]\n\tldmxcsr %[d]"
                   : [x] "=x"(x), [o] "=m"(st)
                   : [y] "x"(y), [c] "m"(mx_mode[m]), [d] "m"(mx_mode[0]));
  *fl |= fpu_x86_flags(st);
  return x;
}
#define HW3(name, insn, T)                                                                 \
  static T hw_##name(T x, T y, T z, int m, uint32_t *fl) {                                 \
    uint32_t st;                                                                           \
    __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x], %[z]\n\tstmxcsr %[o]\n\t"       \
                     "ldmxcsr %[d]"                                                        \
                     : [z] "+x"(z), [o] "=m"(st)                                           \
                     : [x] "x"(x), [y] "x"(y), [c] "m"(mx_mode[m]), [d] "m"(mx_mode[0])); \
    *fl |= fpu_x86_flags(st);                                                              \
    return z;                                                                              \
  }
HW3(fmasd, "vfmadd231sd", double)
HW3(fmass, "vfmadd231ss", float)

static uint64_t canon_d(uint64_t r) { return fpu_isnan_d(r) ? FPU_CANON_D : r; }
static uint32_t canon_s(uint32_t r) { return fpu_isnan_s(r) ? FPU_CANON_S : r; }
/* The hardware FMA with the RISC-V rule that x86 may not follow: inf*0 + qNaN raises NV. */
static uint64_t hw_fma_d(uint64_t a, uint64_t b, uint64_t c, int m, uint32_t *fl) {
  uint64_t r = fpu_db(hw_fmasd(fpu_d(a), fpu_d(b), fpu_d(c), m, fl));
  uint64_t inf = 0xffe0000000000000ull; /* inf << 1 */
  if (fpu_isnan_d(r) && (((a << 1) == inf && !(b << 1)) || (!(a << 1) && (b << 1) == inf)))
    *fl |= FFLAG_NV;
  return canon_d(r);
}
static uint32_t hw_fma_s(uint32_t a, uint32_t b, uint32_t c, int m, uint32_t *fl) {
  uint32_t r = fpu_sb(hw_fmass(fpu_s(a), fpu_s(b), fpu_s(c), m, fl));
  uint32_t inf = 0xff000000u;
  if (fpu_isnan_s(r) && (((a << 1) == inf && !(b << 1)) || (!(a << 1) && (b << 1) == inf)))
    *fl |= FFLAG_NV;
  return canon_s(r);
}

static long failures;

static void report(const char *what, int m, uint64_t a, uint64_t b, uint64_t c, uint64_t r1,
                   uint32_t f1, uint64_t r2, uint32_t f2) {
  if (failures++ < 20)
    fprintf(stderr,
            "%s rm=%d a=%016llx b=%016llx c=%016llx: sse %016llx/%02x soft %016llx/%02x\n",
            what, m, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
            (unsigned long long)r1, f1, (unsigned long long)r2, f2);
}

#define CMP(what, m, a, b, c, r1, f1, r2, f2) \
  if ((r1) != (r2) || (f1) != (f2)) report(what, m, a, b, c, r1, f1, r2, f2)

/* hw: the reference expression (result, flags into f1); soft: the soft core (into f2);
 * prod: the production path used in RNE (into f3, compared too when m == 0). */
#define TRIPLE(what, m, a, b, c, hw, soft, prod)                                           \
  do {                                                                                     \
    uint32_t f1 = 0, f2 = 0, f3 = 0;                                                       \
    uint64_t r1 = (hw), r2 = (soft);                                                       \
    (void)f3;                                                                              \
    CMP(what, m, a, b, c, r1, f1, r2, f2);                                                 \
    if (m == 0) {                                                                          \
      uint64_t r3 = (prod);                                                                \
      CMP(what " (production)", m, a, b, c, r3, f3, r2, f2);                               \
    }                                                                                      \
  } while (0)

static void self_test(long n) {
  for (long i = 0; i < n; i++) {
    for (int m = 0; m < 4; m++) {
      uint64_t a = gen_d(), b = gen_d_near(a), c = gen_d_fma_c(a, b);
      double x = fpu_d(a), y = fpu_d(b);
      TRIPLE("add.d", m, a, b, 0, canon_d(fpu_db(hw_addsd(x, y, m, &f1))),
             fpu_soft_add(1, a, b, m, &f2), fpu_add_d(a, b, m, &f3));
      TRIPLE("sub.d", m, a, b, 0, canon_d(fpu_db(hw_subsd(x, y, m, &f1))),
             fpu_soft_add(1, a, b ^ 1ull << 63, m, &f2), fpu_sub_d(a, b, m, &f3));
      TRIPLE("mul.d", m, a, b, 0, canon_d(fpu_db(hw_mulsd(x, y, m, &f1))),
             fpu_soft_mul(1, a, b, m, &f2), fpu_mul_d(a, b, m, &f3));
      TRIPLE("div.d", m, a, b, 0, canon_d(fpu_db(hw_divsd(x, y, m, &f1))),
             fpu_soft_div(1, a, b, m, &f2), fpu_div_d(a, b, m, &f3));
      TRIPLE("sqrt.d", m, a, 0, 0, canon_d(fpu_db(hw_sqrtsd(0.0, x, m, &f1))),
             fpu_soft_sqrt(1, a, m, &f2), fpu_sqrt_d(a, m, &f3));
      if (fpu_have_fma)
        TRIPLE("fma.d", m, a, b, c, hw_fma_d(a, b, c, m, &f1), fpu_soft_fma(1, a, b, c, m, &f2),
               fpu_fma_d(a, b, c, m, &f3));
      TRIPLE("cvt.s.d", m, a, 0, 0, canon_s(fpu_sb(hw_cvtsd2ss(x, m, &f1))),
             fpu_soft_cvt_s_d(a, m, &f2), fpu_soft_cvt_s_d(a, m, &f3));
      /* single precision */
      uint32_t p = gen_s(), q = gen_s_near(p), r = gen_s_fma_c(p, q);
      float u = fpu_s(p), v = fpu_s(q);
      TRIPLE("add.s", m, p, q, 0, canon_s(fpu_sb(hw_addss(u, v, m, &f1))),
             fpu_soft_add(0, p, q, m, &f2), fpu_add_s(p, q, m, &f3));
      TRIPLE("sub.s", m, p, q, 0, canon_s(fpu_sb(hw_subss(u, v, m, &f1))),
             fpu_soft_add(0, p, q ^ 0x80000000u, m, &f2), fpu_sub_s(p, q, m, &f3));
      TRIPLE("mul.s", m, p, q, 0, canon_s(fpu_sb(hw_mulss(u, v, m, &f1))),
             fpu_soft_mul(0, p, q, m, &f2), fpu_mul_s(p, q, m, &f3));
      TRIPLE("div.s", m, p, q, 0, canon_s(fpu_sb(hw_divss(u, v, m, &f1))),
             fpu_soft_div(0, p, q, m, &f2), fpu_div_s(p, q, m, &f3));
      TRIPLE("sqrt.s", m, p, 0, 0, canon_s(fpu_sb(hw_sqrtss(0.0f, u, m, &f1))),
             fpu_soft_sqrt(0, p, m, &f2), fpu_sqrt_s(p, m, &f3));
      if (fpu_have_fma)
        TRIPLE("fma.s", m, p, q, r, hw_fma_s(p, q, r, m, &f1), fpu_soft_fma(0, p, q, r, m, &f2),
               fpu_fma_s(p, q, r, m, &f3));
    }
  }
  /* Conversion instructions (with their fast paths) against the soft core, all 5 modes. */
  {
    static int (*const to_int[8])(FPU_ARGS) = {
      fpu_fcvt_w_s, fpu_fcvt_wu_s, fpu_fcvt_l_s, fpu_fcvt_lu_s,
      fpu_fcvt_w_d, fpu_fcvt_wu_d, fpu_fcvt_l_d, fpu_fcvt_lu_d,
    };
    rv_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    for (long i = 0; i < n; i++) {
      for (int m = 0; m < 5; m++) {
        uint64_t a = gen_d();
        uint32_t s = gen_s();
        for (int k = 0; k < 8; k++) {
          int dbl = k >= 4, uns = k & 1, is64 = (k >> 1) & 1;
          uint64_t in = dbl ? a : s;
          uint32_t f2 = 0;
          cpu.fflags = 0;
          cpu.f[1] = dbl ? a : FPU_BOX | s;
          to_int[k](&cpu, 10, 1, 0, 0, (unsigned)m);
          uint64_t r2 = fpu_soft_to_int(dbl, in, uns, is64, m, &f2);
          CMP("fcvt to int", m * 10 + k, in, 0, 0, cpu.x[10], cpu.fflags, r2, f2);
        }
        uint32_t f2 = 0;
        cpu.fflags = 0;
        cpu.f[1] = a;
        fpu_fcvt_s_d(&cpu, 2, 1, 0, 0, (unsigned)m);
        uint64_t r2 = FPU_BOX | fpu_soft_cvt_s_d(a, m, &f2);
        CMP("fcvt.s.d", m, a, 0, 0, cpu.f[2], cpu.fflags, r2, f2);
        f2 = 0;
        cpu.fflags = 0;
        cpu.f[1] = FPU_BOX | s;
        fpu_fcvt_d_s(&cpu, 2, 1, 0, 0, (unsigned)m);
        r2 = fpu_soft_cvt_d_s(s, &f2);
        CMP("fcvt.d.s", m, s, 0, 0, cpu.f[2], cpu.fflags, r2, f2);
      }
    }
  }
  /* Sticky MXCSR flags: a guest that cleared fflags sees them raised again; flags that host
   * code left in MXCSR never reach the guest. */
  {
    rv_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.f[1] = 0x3ff0000000000000ull, cpu.f[2] = 0x3ca0000000000000ull; /* 1 + 2^-53: NX */
    cpu.f[3] = 0x3ff0000000000000ull;                                      /* 1 + 1: exact */
    fpu_fadd_d(&cpu, 4, 1, 2, 0, FPU_RNE);
    int ok = cpu.fflags == FFLAG_NX;
    cpu.fflags = 0;
    fpu_fadd_d(&cpu, 4, 1, 2, 0, FPU_RNE);
    ok &= cpu.fflags == FFLAG_NX;
    cpu.fflags = 0;
    fpu_fadd_d(&cpu, 4, 1, 3, 0, FPU_RNE);
    ok &= cpu.fflags == 0;
    volatile double zero = 0.0, one = 1.0, big = 1e308;
    volatile double junk = one / zero + big * big + zero / zero; /* host raises DZ OF NV NX */
    (void)junk;
    fpu_fmul_d(&cpu, 4, 1, 3, 0, FPU_DYN);
    fpu_fmadd_d(&cpu, 4, 1, 3, 3, FPU_RNE);
    fpu_fsqrt_d(&cpu, 4, 1, 0, 0, FPU_RNE);
    fpu_fdiv_s(&cpu, 4, 1, 3, 0, FPU_RNE); /* unboxed: canonical NaN in, quiet */
    ok &= cpu.fflags == 0;
    if (!ok) {
      fprintf(stderr, "sticky MXCSR flags leak or get lost (fflags %#x)\n", cpu.fflags);
      failures++;
    }
  }
  /* reserved rounding modes, static and dynamic */
  rv_cpu cpu;
  memset(&cpu, 0, sizeof cpu);
  for (unsigned rm = 0; rm < 8; rm++)
    for (unsigned frm = 0; frm < 8; frm++) {
      cpu.frm = frm;
      int want = rm == 5 || rm == 6 || (rm == 7 && frm >= 5);
      if ((fpu_fadd_d(&cpu, 1, 2, 3, 0, rm) != 0) != want ||
          (fpu_fcvt_d_w(&cpu, 1, 2, 3, 0, rm) != 0) != want ||
          (fpu_fmadd_s(&cpu, 1, 2, 3, 4, rm) != 0) != want ||
          (fpu_fcvt_w_s(&cpu, 1, 2, 3, 0, rm) != 0) != want ||
          (fpu_fsqrt_d(&cpu, 1, 2, 3, 0, rm) != 0) != want) {
        fprintf(stderr, "reserved rm=%u frm=%u not handled\n", rm, frm);
        failures++;
      }
    }
  uint32_t mx;
  __asm__ volatile("stmxcsr %0" : "=m"(mx));
  if ((mx & ~0x3fu) != 0x1f80) {
    fprintf(stderr, "MXCSR left at %#x\n", mx);
    failures++;
  }
}

/* ---- oracle records ---- */

typedef struct { uint32_t op, rm; uint64_t a, b, c; } in_rec;
typedef struct { uint64_t r, fl; } out_rec;

enum { K_FFF, K_FF, K_FFFF, K_XFF, K_XF, K_FX };
#define KIND(id, mn, kind) K_##kind,
static const int op_kind[] = { FP_OPS(KIND) };
#define NAME(id, mn, kind) #id,
static const char *const op_name[] = { FP_OPS(NAME) };
typedef int (*fpu_fn)(FPU_ARGS);
#define FN(id, mn, kind) fpu_##id,
static const fpu_fn op_fn[] = { FP_OPS(FN) };
#define NOPS ((int)(sizeof op_kind / sizeof op_kind[0]))

static int op_is_double(int op) { return op_name[op][strlen(op_name[op]) - 1] == 'd'; }

static uint64_t gen_f(int dbl) {
  if (dbl) return gen_d();
  uint32_t s = gen_s();
  switch (rnd() % 64) { /* a few improperly boxed singles */
  case 0: return s;
  case 1: return rnd();
  default: return FPU_BOX | s;
  }
}

static void gen_file(const char *path, long n, uint64_t seed) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  rng_state ^= seed * 0x2545f4914f6cdd1dull;
  for (long i = 0; i < n; i++) {
    in_rec r;
    r.op = (uint32_t)(rnd() % NOPS);
    r.rm = (uint32_t)(rnd() % 5);
    int dbl = op_is_double((int)r.op);
    /* fcvt.d.s reads a single, fcvt.s.d a double */
    if (!strcmp(op_name[r.op], "fcvt_d_s")) dbl = 0;
    if (!strcmp(op_name[r.op], "fcvt_s_d")) dbl = 1;
    r.a = gen_f(dbl);
    if (dbl) {
      r.b = gen_d_near(r.a);
      r.c = gen_d_fma_c(r.a, r.b);
    } else {
      uint32_t a = (uint32_t)r.a, b = gen_s_near(a);
      r.b = rnd() % 64 ? FPU_BOX | b : gen_f(0);
      r.c = FPU_BOX | gen_s_fma_c(a, b);
    }
    if (op_kind[r.op] == K_FX) r.a = gen_int();
    fwrite(&r, sizeof r, 1, f);
  }
  fclose(f);
}

static int check_file(const char *in_path, const char *out_path) {
  FILE *fi = fopen(in_path, "rb"), *fo = fopen(out_path, "rb");
  if (!fi || !fo) {
    perror("open");
    return 2;
  }
  in_rec r;
  out_rec o;
  long n = 0, rmm_ties = 0;
  static long per_op[128];
  while (fread(&r, sizeof r, 1, fi) == 1) {
    if (fread(&o, sizeof o, 1, fo) != 1) {
      fprintf(stderr, "oracle output short after %ld records\n", n);
      return 1;
    }
    n++;
    rv_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.frm = r.rm;
    cpu.f[1] = r.a, cpu.f[2] = r.b, cpu.f[3] = r.c;
    cpu.x[11] = r.a;
    int k = op_kind[r.op], to_x = k == K_XFF || k == K_XF;
    if (op_fn[r.op](&cpu, to_x ? 10 : 0, k == K_FX ? 11 : 1, 2, 3, FPU_DYN)) {
      fprintf(stderr, "%s: reserved rm %u?\n", op_name[r.op], r.rm);
      failures++;
      continue;
    }
    uint64_t got = to_x ? cpu.x[10] : cpu.f[0];
    if (r.rm == FPU_RMM) { /* coverage: did this record hit a tie that RMM breaks away? */
      rv_cpu c2 = cpu;
      c2.f[1] = r.a, c2.f[2] = r.b, c2.f[3] = r.c, c2.x[11] = r.a, c2.frm = FPU_RNE;
      op_fn[r.op](&c2, to_x ? 10 : 0, k == K_FX ? 11 : 1, 2, 3, FPU_DYN);
      rmm_ties += (to_x ? c2.x[10] : c2.f[0]) != got;
    }
    if (got != o.r || cpu.fflags != o.fl) {
      if (per_op[r.op]++ < 3)
        fprintf(stderr,
                "%s rm=%u a=%016llx b=%016llx c=%016llx: oracle %016llx/%02llx fpu %016llx/%02x\n",
                op_name[r.op], r.rm, (unsigned long long)r.a, (unsigned long long)r.b,
                (unsigned long long)r.c, (unsigned long long)o.r, (unsigned long long)o.fl,
                (unsigned long long)got, cpu.fflags);
      failures++;
    }
  }
  fclose(fi);
  fclose(fo);
  fprintf(stderr, "%ld records checked (%ld RMM ties), %ld mismatches\n", n, rmm_ties, failures);
  return failures != 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "self")) {
    long n = atol(argv[2]);
    self_test(n);
    if (fpu_have_fma) { /* the same with the soft FMA fallback forced */
      fpu_have_fma = 0;
      rv_cpu cpu;
      memset(&cpu, 0, sizeof cpu);
      cpu.f[1] = 0x3ff0000000000001, cpu.f[2] = 0x3ff0000000000001, cpu.f[3] = 0xbff0000000000000;
      fpu_fmadd_d(&cpu, 0, 1, 2, 3, FPU_RNE);
      if (cpu.f[0] != 0x3cc0000000000000 || cpu.fflags != FFLAG_NX) { /* 2^-51 + 2^-104 */
        fprintf(stderr, "soft fma fallback: %016llx/%02x\n", (unsigned long long)cpu.f[0],
                cpu.fflags);
        failures++;
      }
      fpu_have_fma = 1;
    } else {
      fprintf(stderr, "note: host has no FMA3, the SSE fma path was not compared\n");
    }
    fprintf(stderr, "%ld operand sets x 4 modes x 13 ops, x 5 modes x 10 conversions: "
            "%ld mismatches\n", n, failures);
    return failures != 0;
  }
  if (argc == 5 && !strcmp(argv[1], "gen")) {
    gen_file(argv[2], atol(argv[3]), strtoull(argv[4], 0, 0));
    return 0;
  }
  if (argc == 4 && !strcmp(argv[1], "check")) return check_file(argv[2], argv[3]);
  fprintf(stderr, "usage: test_fpu self N | gen FILE N SEED | check IN OUT\n");
  return 2;
}
