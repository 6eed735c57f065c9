/* Exact FP results and accrued flags in hot code: every inline F/D form (arithmetic, fused
 * multiply-add, min/max, comparisons, conversions, sign injection, moves) over special
 * operands (signed zeros, denormals, infinities, quiet and signalling NaNs, NaN-boxing
 * violations, the most negative integer, out-of-range values), under RNE, the static modes
 * and a dynamic frm changed between rounds; the flags are read after each operation and
 * after long loops. Output must match the interpreter and qemu. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t dv[] = {
  0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
  0x0000000000000001ull, 0x000fffffffffffffull, 0x7fefffffffffffffull, 0x7ff0000000000000ull,
  0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000001ull, 0xfff8000000000123ull,
  0x43e0000000000000ull, 0xc3e0000000000000ull, 0x41dfffffffc00000ull, 0x3fb999999999999aull,
};
static const uint32_t sv[] = {
  0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x00000001u, 0x007fffffu, 0x7f7fffffu,
  0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00001u, 0xffc00123u, 0x5f000000u, 0xdf000000u,
  0x4effffffu, 0x3dcccccdu,
};
#define N 16

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ull; }
static unsigned flags(void) {
  unsigned f;
  __asm__ volatile("frflags %0" : "=r"(f));
  return f;
}
static void clear(void) { __asm__ volatile("fsflags zero"); }

#define D2(insn)                                                                             \
  static uint64_t insn##_d(uint64_t a, uint64_t b) {                                         \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" #insn ".d ft2, ft0, ft1\n\t"   \
                     "fmv.x.d %0, ft2" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");    \
    return r;                                                                                \
  }                                                                                          \
  static uint64_t insn##_s(uint64_t a, uint64_t b) {                                         \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" #insn ".s ft2, ft0, ft1\n\t"   \
                     "fmv.x.d %0, ft2" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");    \
    return r;                                                                                \
  }
D2(fadd) D2(fsub) D2(fmul) D2(fdiv) D2(fmin) D2(fmax) D2(fsgnj) D2(fsgnjn) D2(fsgnjx)

#define CMP(insn)                                                                            \
  static uint64_t insn##_d(uint64_t a, uint64_t b) {                                         \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" #insn ".d %0, ft0, ft1"        \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1");                             \
    return r;                                                                                \
  }                                                                                          \
  static uint64_t insn##_s(uint64_t a, uint64_t b) {                                         \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" #insn ".s %0, ft0, ft1"        \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1");                             \
    return r;                                                                                \
  }
CMP(feq) CMP(flt) CMP(fle)

#define FMA(insn)                                                                            \
  static uint64_t insn##_d(uint64_t a, uint64_t b, uint64_t c) {                             \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmv.d.x ft3, %3\n\t"             \
                     #insn ".d ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2"                        \
                     : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3");       \
    return r;                                                                                \
  }                                                                                          \
  static uint64_t insn##_s(uint64_t a, uint64_t b, uint64_t c) {                             \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmv.d.x ft3, %3\n\t"             \
                     #insn ".s ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2"                        \
                     : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3");       \
    return r;                                                                                \
  }
FMA(fmadd) FMA(fmsub) FMA(fnmsub) FMA(fnmadd)

#define UN(name, body)                                                                       \
  static uint64_t name(uint64_t a) {                                                         \
    uint64_t r;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %1\n\t" body : "=r"(r) : "r"(a) : "ft0", "ft2");          \
    return r;                                                                                \
  }
UN(sqrt_d, "fsqrt.d ft2, ft0\n\tfmv.x.d %0, ft2")
UN(sqrt_s, "fsqrt.s ft2, ft0\n\tfmv.x.d %0, ft2")
UN(cvt_w_d, "fcvt.w.d %0, ft0")
UN(cvt_w_d_rtz, "fcvt.w.d %0, ft0, rtz")
UN(cvt_l_d, "fcvt.l.d %0, ft0")
UN(cvt_l_d_rtz, "fcvt.l.d %0, ft0, rtz")
UN(cvt_wu_d, "fcvt.wu.d %0, ft0")
UN(cvt_w_s, "fcvt.w.s %0, ft0")
UN(cvt_l_s_rtz, "fcvt.l.s %0, ft0, rtz")
UN(cvt_s_d, "fcvt.s.d ft2, ft0\n\tfmv.x.d %0, ft2")
UN(cvt_d_s, "fcvt.d.s ft2, ft0\n\tfmv.x.d %0, ft2")
UN(class_d, "fclass.d %0, ft0")
UN(mv_x_w, "fmv.x.w %0, ft0")
UN(add_rup_d, "fadd.d ft2, ft0, ft0, rup\n\tfmv.x.d %0, ft2")
UN(mul_dyn_s, "fmul.s ft2, ft0, ft0, dyn\n\tfmv.x.d %0, ft2")

static uint64_t cvt_d_l(uint64_t a) {
  uint64_t r;
  __asm__ volatile("fcvt.d.l ft2, %1\n\tfmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2");
  return r;
}
static uint64_t cvt_s_wu(uint64_t a) {
  uint64_t r;
  __asm__ volatile("fcvt.s.wu ft2, %1\n\tfmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2");
  return r;
}

/* The operand as a double, as a NaN-boxed single, or (every 5th) a single not NaN-boxed. */
static uint64_t opd(int i) { return dv[i % N]; }
static uint64_t ops(int i) {
  return i % 5 == 4 ? 0x00000000ull | sv[i % N] : 0xffffffff00000000ull | sv[i % N];
}

static void round_(int pass, unsigned frm) {
  __asm__ volatile("fsrm %0" : : "r"(frm));
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      uint64_t a = opd(i), b = opd(j), c = opd(i + j), x = ops(i), y = ops(j), z = ops(i * 3 + j);
      static uint64_t (*const d2[])(uint64_t, uint64_t) = {
        fadd_d, fsub_d, fmul_d, fdiv_d, fmin_d, fmax_d, fsgnj_d, fsgnjn_d, fsgnjx_d,
        feq_d, flt_d, fle_d };
      static uint64_t (*const s2[])(uint64_t, uint64_t) = {
        fadd_s, fsub_s, fmul_s, fdiv_s, fmin_s, fmax_s, fsgnj_s, fsgnjn_s, fsgnjx_s,
        feq_s, flt_s, fle_s };
      static uint64_t (*const d3[])(uint64_t, uint64_t, uint64_t) = {
        fmadd_d, fmsub_d, fnmsub_d, fnmadd_d };
      static uint64_t (*const s3[])(uint64_t, uint64_t, uint64_t) = {
        fmadd_s, fmsub_s, fnmsub_s, fnmadd_s };
      for (unsigned k = 0; k < sizeof d2 / sizeof *d2; k++) {
        clear();
        mix(d2[k](a, b));
        mix(flags());
        clear();
        mix(s2[k](x, y));
        mix(flags());
      }
      for (unsigned k = 0; k < 4; k++) {
        clear();
        mix(d3[k](a, b, c));
        mix(flags());
        clear();
        mix(s3[k](x, y, z));
        mix(flags());
      }
    }
  static uint64_t (*const un[])(uint64_t) = {
    sqrt_d, sqrt_s, cvt_w_d, cvt_w_d_rtz, cvt_l_d, cvt_l_d_rtz, cvt_wu_d, cvt_w_s,
    cvt_l_s_rtz, cvt_s_d, cvt_d_s, class_d, mv_x_w, add_rup_d, mul_dyn_s, cvt_d_l, cvt_s_wu };
  for (int i = 0; i < 2 * N; i++)
    for (unsigned k = 0; k < sizeof un / sizeof *un; k++) {
      clear();
      uint64_t v = i < N ? opd(i) : ops(i);
      if (k >= 15)
        v = (uint64_t)i * 0x0123456789abcdefull;
      mix(un[k](v));
      mix(flags());
    }
  printf("pass %d frm %u: %016llx\n", pass, frm, (unsigned long long)h);
}

/* Long loops whose flags accrue without being cleared, read at the end. */
static void loops(void) {
  clear();
  __asm__ volatile("fsrm zero");
  double x = 1.0, s = 0.0;
  float fx = 1.0f, fs = 0.0f;
  for (int i = 0; i < 200000; i++) {
    x = x * 0.9999999 + 1e-310;
    s += x / 7.0;
    fx = fx * 1.0001f;
    fs += fx;
  }
  uint64_t b1, b2;
  uint32_t b3, b4;
  memcpy(&b1, &x, 8), memcpy(&b2, &s, 8), memcpy(&b3, &fx, 4), memcpy(&b4, &fs, 4);
  printf("loops: %016llx %016llx %08x %08x flags %x\n", (unsigned long long)b1,
         (unsigned long long)b2, b3, b4, flags());
  clear();
  double t = 1e-300;
  for (int i = 0; i < 100000; i++)
    t = t * 0.5 + t * 0.25;   /* underflows, then stays at zero: UF|NX once, exact after */
  memcpy(&b1, &t, 8);
  printf("underflow loop: %016llx flags %x\n", (unsigned long long)b1, flags());
}

int main(void) {
  for (int pass = 0; pass < 3; pass++) {   /* hot after the first pass */
    round_(pass, 0);
    round_(pass, 1);
    round_(pass, 3);
  }
  loops();
  return 0;
}
