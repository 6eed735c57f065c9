/* The F and D extensions: one function per FP instruction of the table (loads/stores aside).
 *
 * Every fpu_<id>(cpu, rd, rs1, rs2, rs3, rm) reads cpu->f[] / cpu->x[], writes cpu->f[rd]
 * (singles NaN-boxed) or cpu->x[rd], ORs the exact IEEE flags into cpu->fflags and returns 0;
 * it returns non-zero, changing nothing, when the rounding mode is reserved (rm 5 or 6, or rm 7
 * while frm is 5..7): the caller raises SIGILL.
 *
 * How: add/sub/mul/div/sqrt/fma in RNE (what compiled code uses nearly always) run on the
 * host SSE unit and read the flags back from MXCSR (x86 detects tininess after rounding, like
 * RISC-V; DAZ/FTZ stay off; a NaN result is replaced by the canonical NaN). The other modes
 * (RMM has no x86 equivalent) and FMA on hosts without FMA3 use the exact software core
 * (fpu_soft.c): changing the MXCSR rounding mode and back costs more than the software path
 * on common hosts. Conversions take exact fast paths for in-range values (fpu.c) and the soft
 * core otherwise. Comparisons, min/max, sign injection, moves and fclass are integer code.
 *
 * MXCSR is never left in another rounding mode; its sticky flags may stay set (C code does
 * not read them). See fpu_mxcsr_enter(): it relies on the caller doing no host FP arithmetic
 * of its own around these calls (the interpreter handlers move FP values as integer bits). */
#ifndef RVX_FPU_H
#define RVX_FPU_H

#include <stdint.h>
#include <string.h>

#include "interp/cpu.h"

/* RISC-V rounding modes (the rm field and frm). */
enum { FPU_RNE = 0, FPU_RTZ = 1, FPU_RDN = 2, FPU_RUP = 3, FPU_RMM = 4, FPU_DYN = 7 };

#define FPU_CANON_S 0x7fc00000u
#define FPU_CANON_D 0x7ff8000000000000ull
#define FPU_BOX     0xffffffff00000000ull

#define FPU_ARGS rv_cpu *cpu, unsigned rd, unsigned rs1, unsigned rs2, unsigned rs3, unsigned rm
#define FPU_UNUSED (void)rd, (void)rs1, (void)rs2, (void)rs3, (void)rm

/* ---- exact software core (fpu_soft.c); dbl: 1 double, 0 single (bits in the low 32) ---- */
uint64_t fpu_soft_add(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl);
uint64_t fpu_soft_mul(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl);
uint64_t fpu_soft_div(int dbl, uint64_t a, uint64_t b, int rm, uint32_t *fl);
uint64_t fpu_soft_sqrt(int dbl, uint64_t a, int rm, uint32_t *fl);
/* a*b + c with one rounding (negate operands' sign bits for the other three forms). */
uint64_t fpu_soft_fma(int dbl, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fl);
/* Float to integer, saturating as RISC-V specifies; 32-bit results come sign-extended. */
uint64_t fpu_soft_to_int(int dbl, uint64_t a, int is_unsigned, int is64, int rm, uint32_t *fl);
/* Integer to float: the value is (neg ? -mag : mag). */
uint64_t fpu_soft_from_int(int dbl, int neg, uint64_t mag, int rm, uint32_t *fl);
uint64_t fpu_soft_cvt_s_d(uint64_t a, int rm, uint32_t *fl);
uint64_t fpu_soft_cvt_d_s(uint32_t a, uint32_t *fl);
/* The fclass.s/fclass.d mask. */
uint64_t fpu_soft_class(int dbl, uint64_t a);

/* 1 when the host has FMA3 (set at startup); tests may clear it to force the soft path. */
extern int fpu_have_fma;

/* ---- small helpers ---- */
static inline uint32_t fpu_unbox(uint64_t f) {
  return (f >> 32) == 0xffffffffu ? (uint32_t)f : FPU_CANON_S;
}
static inline int fpu_isnan_s(uint32_t a) { return (a & 0x7fffffffu) > 0x7f800000u; }
static inline int fpu_isnan_d(uint64_t a) { return (a & ~(1ull << 63)) > 0x7ff0000000000000ull; }
static inline int fpu_issnan_s(uint32_t a) { return fpu_isnan_s(a) && !(a & 0x00400000u); }
static inline int fpu_issnan_d(uint64_t a) { return fpu_isnan_d(a) && !(a & (1ull << 51)); }

/* The effective rounding mode 0..4, or -1 when reserved. */
static inline int fpu_rm(const rv_cpu *cpu, unsigned rm) {
  if (rm == FPU_DYN) rm = cpu->frm;
  return rm <= FPU_RMM ? (int)rm : -1;
}

static inline double fpu_d(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static inline uint64_t fpu_db(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static inline float fpu_s(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline uint32_t fpu_sb(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

/* ---- the host SSE unit (round to nearest even only) ---- */

/* The default MXCSR: every exception masked, round to nearest, DAZ/FTZ off. */
static const uint32_t fpu_mxcsr_default = 0x1f80;

/* x86 IE,DE,ZE,OE,UE,PE (bits 0..5) to RISC-V NV,-,DZ,OF,UF,NX; DE (denormal operand) has no
 * RISC-V counterpart and is dropped. */
static inline uint32_t fpu_x86_flags(uint32_t m) {
  return ((m & 1) << 4) | ((m & 4) << 1) | ((m & 8) >> 1) | ((m & 16) >> 3) | ((m & 32) >> 5);
}

/* Makes MXCSR fit for an RNE operation whose raised flags are read back sticky: it must be
 * in the default mode, and its sticky flags must already be in *fl (so ORing all of them into
 * *fl afterwards adds exactly what the operation raised). Loading MXCSR is slow (about 20 ns
 * on some hosts), so it happens only when that does not hold: after the guest cleared fflags,
 * or when host code left other flags. */
static inline void fpu_mxcsr_enter(const uint32_t *fl) {
  uint32_t st;
  __asm__ volatile("stmxcsr %0" : "=m"(st));
  if (__builtin_expect((st & ~0x3fu) != fpu_mxcsr_default || (fpu_x86_flags(st) & ~*fl), 0))
    __asm__ volatile("ldmxcsr %0" : : "m"(fpu_mxcsr_default));
}

/* One SSE instruction "insn %y, %x" (x = x op y) in RNE, its flags ORed into *fl. */
#define FPU_SSE_BINOP(name, insn, T)                                                       \
  static inline T fpu_sse_##name(T x, T y, uint32_t *fl) {                                 \
    uint32_t st;                                                                           \
    fpu_mxcsr_enter(fl);                                                                   \
    __asm__ volatile(insn " %[y], %[x]\n\tstmxcsr %[o]" : [x] "+x"(x), [o] "=m"(st)        \
                     : [y] "x"(y));                                                        \
    *fl |= fpu_x86_flags(st);                                                              \
    return x;                                                                              \
  }
FPU_SSE_BINOP(addsd, "addsd", double)
FPU_SSE_BINOP(subsd, "subsd", double)
FPU_SSE_BINOP(mulsd, "mulsd", double)
FPU_SSE_BINOP(divsd, "divsd", double)
FPU_SSE_BINOP(sqrtsd, "sqrtsd", double) /* x = sqrt(y) */
FPU_SSE_BINOP(addss, "addss", float)
FPU_SSE_BINOP(subss, "subss", float)
FPU_SSE_BINOP(mulss, "mulss", float)
FPU_SSE_BINOP(divss, "divss", float)
FPU_SSE_BINOP(sqrtss, "sqrtss", float)
#undef FPU_SSE_BINOP

/* z = x*y + z with one rounding (FMA3), RNE. */
#define FPU_SSE_FMA(name, insn, T)                                                         \
  static inline T fpu_sse_##name(T x, T y, T z, uint32_t *fl) {                            \
    uint32_t st;                                                                           \
    fpu_mxcsr_enter(fl);                                                                   \
    __asm__ volatile(insn " %[y], %[x], %[z]\n\tstmxcsr %[o]" : [z] "+x"(z), [o] "=m"(st) \
                     : [x] "x"(x), [y] "x"(y));                                            \
    *fl |= fpu_x86_flags(st);                                                              \
    return z;                                                                              \
  }
FPU_SSE_FMA(fmasd, "vfmadd231sd", double)
FPU_SSE_FMA(fmass, "vfmadd231ss", float)
#undef FPU_SSE_FMA

/* The arithmetic ops on raw bits, any mode 0..4, canonical NaN results: SSE in RNE, the
 * soft core otherwise (cheaper than two MXCSR loads, and the only way to RMM). */
#define FPU_ARITH(op, sse_d, sse_s)                                                        \
  static inline uint64_t fpu_##op##_d(uint64_t a, uint64_t b, int m, uint32_t *fl) {      \
    if (__builtin_expect(m != FPU_RNE, 0)) return fpu_soft_##op(1, a, b, m, fl);           \
    uint64_t r = fpu_db(fpu_sse_##sse_d(fpu_d(a), fpu_d(b), fl));                          \
    return fpu_isnan_d(r) ? FPU_CANON_D : r;                                               \
  }                                                                                        \
  static inline uint32_t fpu_##op##_s(uint32_t a, uint32_t b, int m, uint32_t *fl) {      \
    if (__builtin_expect(m != FPU_RNE, 0)) return (uint32_t)fpu_soft_##op(0, a, b, m, fl); \
    uint32_t r = fpu_sb(fpu_sse_##sse_s(fpu_s(a), fpu_s(b), fl));                          \
    return fpu_isnan_s(r) ? FPU_CANON_S : r;                                               \
  }
FPU_ARITH(add, addsd, addss)
FPU_ARITH(mul, mulsd, mulss)
FPU_ARITH(div, divsd, divss)
#undef FPU_ARITH

static inline uint64_t fpu_sub_d(uint64_t a, uint64_t b, int m, uint32_t *fl) {
  if (__builtin_expect(m != FPU_RNE, 0)) return fpu_soft_add(1, a, b ^ (1ull << 63), m, fl);
  uint64_t r = fpu_db(fpu_sse_subsd(fpu_d(a), fpu_d(b), fl));
  return fpu_isnan_d(r) ? FPU_CANON_D : r;
}
static inline uint32_t fpu_sub_s(uint32_t a, uint32_t b, int m, uint32_t *fl) {
  if (__builtin_expect(m != FPU_RNE, 0))
    return (uint32_t)fpu_soft_add(0, a, b ^ 0x80000000u, m, fl);
  uint32_t r = fpu_sb(fpu_sse_subss(fpu_s(a), fpu_s(b), fl));
  return fpu_isnan_s(r) ? FPU_CANON_S : r;
}

uint64_t fpu_sqrt_d(uint64_t a, int m, uint32_t *fl);
uint32_t fpu_sqrt_s(uint32_t a, int m, uint32_t *fl);
/* a*b + c, one rounding; the sign conventions of the four forms are the caller's. */
uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, int m, uint32_t *fl);
uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, int m, uint32_t *fl);

/* ---- the instructions ---- */

/* fadd/fsub/fmul/fdiv: rd = rs1 op rs2, rounded per rm. */
#define FPU_INSN_ARITH(id, op)                                                             \
  static inline int fpu_##id##_d(FPU_ARGS) {                                               \
    int m = fpu_rm(cpu, rm);                                                               \
    (void)rs3;                                                                             \
    if (m < 0) return 1;                                                                   \
    cpu->f[rd] = fpu_##op##_d(cpu->f[rs1], cpu->f[rs2], m, &cpu->fflags);                  \
    return 0;                                                                              \
  }                                                                                        \
  static inline int fpu_##id##_s(FPU_ARGS) {                                               \
    int m = fpu_rm(cpu, rm);                                                               \
    (void)rs3;                                                                             \
    if (m < 0) return 1;                                                                   \
    cpu->f[rd] = FPU_BOX | fpu_##op##_s(fpu_unbox(cpu->f[rs1]), fpu_unbox(cpu->f[rs2]), m, \
                                        &cpu->fflags);                                     \
    return 0;                                                                              \
  }
FPU_INSN_ARITH(fadd, add)
FPU_INSN_ARITH(fsub, sub)
FPU_INSN_ARITH(fmul, mul)
FPU_INSN_ARITH(fdiv, div)
#undef FPU_INSN_ARITH

/* fmadd: rs1*rs2 + rs3; fmsub: rs1*rs2 - rs3; fnmsub: -(rs1*rs2) + rs3;
 * fnmadd: -(rs1*rs2) - rs3. Negating an operand's sign bit gives the same exact value (and
 * a NaN result is canonical anyway). */
#define FPU_INSN_FMA(id, np, nc)                                                           \
  static inline int fpu_##id##_d(FPU_ARGS) {                                               \
    int m = fpu_rm(cpu, rm);                                                               \
    if (m < 0) return 1;                                                                   \
    cpu->f[rd] = fpu_fma_d(cpu->f[rs1] ^ ((uint64_t)(np) << 63), cpu->f[rs2],              \
                           cpu->f[rs3] ^ ((uint64_t)(nc) << 63), m, &cpu->fflags);         \
    return 0;                                                                              \
  }                                                                                        \
  static inline int fpu_##id##_s(FPU_ARGS) {                                               \
    int m = fpu_rm(cpu, rm);                                                               \
    if (m < 0) return 1;                                                                   \
    cpu->f[rd] = FPU_BOX | fpu_fma_s(fpu_unbox(cpu->f[rs1]) ^ ((uint32_t)(np) << 31),      \
                                     fpu_unbox(cpu->f[rs2]),                               \
                                     fpu_unbox(cpu->f[rs3]) ^ ((uint32_t)(nc) << 31), m,   \
                                     &cpu->fflags);                                        \
    return 0;                                                                              \
  }
FPU_INSN_FMA(fmadd, 0, 0)
FPU_INSN_FMA(fmsub, 0, 1)
FPU_INSN_FMA(fnmsub, 1, 0)
FPU_INSN_FMA(fnmadd, 1, 1)
#undef FPU_INSN_FMA

/* fsgnj/fsgnjn/fsgnjx: rs1's magnitude with rs2's sign, its negation, or the xor of both. */
static inline int fpu_fsgnj_d(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = (cpu->f[rs1] & ~(1ull << 63)) | (cpu->f[rs2] & (1ull << 63));
  return 0;
}
static inline int fpu_fsgnjn_d(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = (cpu->f[rs1] & ~(1ull << 63)) | (~cpu->f[rs2] & (1ull << 63));
  return 0;
}
static inline int fpu_fsgnjx_d(FPU_ARGS) {
  (void)rs3, (void)rm;
  cpu->f[rd] = cpu->f[rs1] ^ (cpu->f[rs2] & (1ull << 63));
  return 0;
}
static inline int fpu_fsgnj_s(FPU_ARGS) {
  (void)rs3, (void)rm;
  uint32_t a = fpu_unbox(cpu->f[rs1]), b = fpu_unbox(cpu->f[rs2]);
  cpu->f[rd] = FPU_BOX | (a & 0x7fffffffu) | (b & 0x80000000u);
  return 0;
}
static inline int fpu_fsgnjn_s(FPU_ARGS) {
  (void)rs3, (void)rm;
  uint32_t a = fpu_unbox(cpu->f[rs1]), b = fpu_unbox(cpu->f[rs2]);
  cpu->f[rd] = FPU_BOX | (a & 0x7fffffffu) | (~b & 0x80000000u);
  return 0;
}
static inline int fpu_fsgnjx_s(FPU_ARGS) {
  (void)rs3, (void)rm;
  uint32_t a = fpu_unbox(cpu->f[rs1]), b = fpu_unbox(cpu->f[rs2]);
  cpu->f[rd] = FPU_BOX | (a ^ (b & 0x80000000u));
  return 0;
}

/* Moves: bit patterns unchanged. fmv.x.w takes the low 32 bits whatever the boxing (a
 * transfer, not a computation) and sign-extends them; fmv.w.x NaN-boxes. */
static inline int fpu_fmv_x_w(FPU_ARGS) {
  FPU_UNUSED;
  cpu->x[rd] = (uint64_t)(int64_t)(int32_t)(uint32_t)cpu->f[rs1];
  return 0;
}
static inline int fpu_fmv_w_x(FPU_ARGS) {
  FPU_UNUSED;
  cpu->f[rd] = FPU_BOX | (uint32_t)cpu->x[rs1];
  return 0;
}
static inline int fpu_fmv_x_d(FPU_ARGS) {
  FPU_UNUSED;
  cpu->x[rd] = cpu->f[rs1];
  return 0;
}
static inline int fpu_fmv_d_x(FPU_ARGS) {
  FPU_UNUSED;
  cpu->f[rd] = cpu->x[rs1];
  return 0;
}

/* Comparisons on raw bits. Ordered less-than of two non-NaN values (-0 == +0). */
static inline int fpu_lt_s(uint32_t a, uint32_t b) {
  if ((a ^ b) & 0x80000000u) return (a >> 31) && ((a | b) & 0x7fffffffu);
  return (a >> 31) ? a > b : a < b;
}
static inline int fpu_lt_d(uint64_t a, uint64_t b) {
  if ((a ^ b) >> 63) return (a >> 63) && ((a | b) & ~(1ull << 63));
  return (a >> 63) ? a > b : a < b;
}
static inline int fpu_eq_s(uint32_t a, uint32_t b) { return a == b || !((a | b) << 1); }
static inline int fpu_eq_d(uint64_t a, uint64_t b) { return a == b || !((a | b) << 1); }

/* feq is quiet (NV only for a signalling NaN); flt and fle signal NV for any NaN. A NaN
 * operand makes every comparison false. */
#define FPU_CMP(id, T, W, GET, quiet, test)                                                \
  static inline int fpu_##id(FPU_ARGS) {                                                   \
    (void)rs3, (void)rm;                                                                   \
    T a = GET(cpu->f[rs1]), b = GET(cpu->f[rs2]);                                          \
    if (fpu_isnan_##W(a) || fpu_isnan_##W(b)) {                                            \
      if (!(quiet) || fpu_issnan_##W(a) || fpu_issnan_##W(b)) cpu->fflags |= FFLAG_NV;     \
      cpu->x[rd] = 0;                                                                      \
    } else {                                                                               \
      cpu->x[rd] = (test);                                                                 \
    }                                                                                      \
    return 0;                                                                              \
  }
#define FPU_RAW(v) (v)
FPU_CMP(feq_s, uint32_t, s, fpu_unbox, 1, fpu_eq_s(a, b))
FPU_CMP(flt_s, uint32_t, s, fpu_unbox, 0, fpu_lt_s(a, b))
FPU_CMP(fle_s, uint32_t, s, fpu_unbox, 0, fpu_lt_s(a, b) || fpu_eq_s(a, b))
FPU_CMP(feq_d, uint64_t, d, FPU_RAW, 1, fpu_eq_d(a, b))
FPU_CMP(flt_d, uint64_t, d, FPU_RAW, 0, fpu_lt_d(a, b))
FPU_CMP(fle_d, uint64_t, d, FPU_RAW, 0, fpu_lt_d(a, b) || fpu_eq_d(a, b))
#undef FPU_RAW
#undef FPU_CMP

/* Out of line (fpu.c). */
int fpu_fsqrt_s(FPU_ARGS);
int fpu_fsqrt_d(FPU_ARGS);
int fpu_fmin_s(FPU_ARGS);
int fpu_fmax_s(FPU_ARGS);
int fpu_fmin_d(FPU_ARGS);
int fpu_fmax_d(FPU_ARGS);
int fpu_fcvt_w_s(FPU_ARGS);
int fpu_fcvt_wu_s(FPU_ARGS);
int fpu_fcvt_l_s(FPU_ARGS);
int fpu_fcvt_lu_s(FPU_ARGS);
int fpu_fcvt_s_w(FPU_ARGS);
int fpu_fcvt_s_wu(FPU_ARGS);
int fpu_fcvt_s_l(FPU_ARGS);
int fpu_fcvt_s_lu(FPU_ARGS);
int fpu_fcvt_w_d(FPU_ARGS);
int fpu_fcvt_wu_d(FPU_ARGS);
int fpu_fcvt_l_d(FPU_ARGS);
int fpu_fcvt_lu_d(FPU_ARGS);
int fpu_fcvt_d_w(FPU_ARGS);
int fpu_fcvt_d_wu(FPU_ARGS);
int fpu_fcvt_d_l(FPU_ARGS);
int fpu_fcvt_d_lu(FPU_ARGS);
int fpu_fcvt_s_d(FPU_ARGS);
int fpu_fcvt_d_s(FPU_ARGS);
int fpu_fclass_s(FPU_ARGS);
int fpu_fclass_d(FPU_ARGS);

#endif
