/* The C helpers translated code calls for FP computations: one per FP row of the table that
 * is not a load or store, each the interpreter's own fpu_<id> (exact rounding, NaN-boxing and
 * fflags), made callable (some are static inline in fpu.h), keeping MXCSR's flags right.
 * Translated code keeps guest f registers in xmm1..xmm14 (fp_cache.c), which C may clobber:
 * each helper is entered through a stub that saves and restores them around it, so a helper
 * call costs the registers nothing. jit_fp_check (tests) makes sure the list covers exactly
 * those rows. */
#include "interp/fpu.h"
#include "isa/isa.h"
#include "jit/jit_internal.h"

#define JIT_FP_OPS(X)                                                                        \
  X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s) X(fmadd_d) X(fmsub_d) X(fnmsub_d) X(fnmadd_d)  \
  X(fadd_s) X(fsub_s) X(fmul_s) X(fdiv_s) X(fsqrt_s) X(fadd_d) X(fsub_d) X(fmul_d) X(fdiv_d)   \
  X(fsqrt_d) X(fsgnj_s) X(fsgnjn_s) X(fsgnjx_s) X(fsgnj_d) X(fsgnjn_d) X(fsgnjx_d)             \
  X(fmin_s) X(fmax_s) X(fmin_d) X(fmax_d) X(feq_s) X(flt_s) X(fle_s) X(feq_d) X(flt_d)         \
  X(fle_d) X(fcvt_w_s) X(fcvt_wu_s) X(fcvt_l_s) X(fcvt_lu_s) X(fcvt_w_d) X(fcvt_wu_d)          \
  X(fcvt_l_d) X(fcvt_lu_d) X(fcvt_s_w) X(fcvt_s_wu) X(fcvt_s_l) X(fcvt_s_lu) X(fcvt_d_w)       \
  X(fcvt_d_wu) X(fcvt_d_l) X(fcvt_d_lu) X(fcvt_s_d) X(fcvt_d_s) X(fmv_x_w) X(fmv_w_x)          \
  X(fclass_s) X(fmv_x_d) X(fmv_d_x) X(fclass_d)

/* Translated code leaves the flags of its inline FP instructions in MXCSR: they are ORed into
 * fflags first (fpu_<id> may reload MXCSR). The helper may leave flags in MXCSR that are not
 * the guest's (a trial conversion on SSE that then takes the exact path): MXCSR is reset
 * unless its flags are already in fflags, so that translated code's later fold is exact. */
static inline uint32_t mxcsr(void) {
  uint32_t st;
  __asm__ volatile("stmxcsr %0" : "=m"(st));
  return st;
}
#define HELPER(id)                                                                           \
  int jit_fph_##id(FPU_ARGS);                                                                \
  __attribute__((used)) int jit_fph_##id(FPU_ARGS) {                                         \
    cpu->fflags |= fpu_x86_flags(mxcsr());                                                   \
    int r = fpu_##id(cpu, rd, rs1, rs2, rs3, rm);                                            \
    fpu_mxcsr_enter(&cpu->fflags);                                                           \
    return r;                                                                                \
  }
JIT_FP_OPS(HELPER)
#undef HELPER

/* jit_fpx_<id>: r11 = jit_fph_<id>, then the common part: xmm1..xmm14 saved on the stack
 * (entered 8 bytes off 16-byte alignment, as by a call: 232 bytes realign it), the helper
 * called, the registers restored. r11 is neither an argument nor callee-saved. */
__asm__(".text\n"
        ".p2align 4\n"
        "jit_fp_call_saving:\n"
        "\tsub $232, %rsp\n"
#define SAVE(i, off) "\tmovups %xmm" #i ", " #off "(%rsp)\n"
        SAVE(1, 0) SAVE(2, 16) SAVE(3, 32) SAVE(4, 48) SAVE(5, 64) SAVE(6, 80) SAVE(7, 96)
        SAVE(8, 112) SAVE(9, 128) SAVE(10, 144) SAVE(11, 160) SAVE(12, 176) SAVE(13, 192)
        SAVE(14, 208)
#undef SAVE
        "\tcall *%r11\n"
#define LOAD(i, off) "\tmovups " #off "(%rsp), %xmm" #i "\n"
        LOAD(1, 0) LOAD(2, 16) LOAD(3, 32) LOAD(4, 48) LOAD(5, 64) LOAD(6, 80) LOAD(7, 96)
        LOAD(8, 112) LOAD(9, 128) LOAD(10, 144) LOAD(11, 160) LOAD(12, 176) LOAD(13, 192)
        LOAD(14, 208)
#undef LOAD
        "\tadd $232, %rsp\n"
        "\tret\n");
#define STUB(id)                                                                             \
  int jit_fpx_##id(FPU_ARGS);                                                                \
  __asm__(".text\n.p2align 4\njit_fpx_" #id ":\n\tlea jit_fph_" #id "(%rip), %r11\n"           \
          "\tjmp jit_fp_call_saving\n");
JIT_FP_OPS(STUB)
#undef STUB

static const jit_fp_fn helpers[OP_COUNT] = {
#define ROW(id) [OP_##id] = jit_fpx_##id,
  JIT_FP_OPS(ROW)
#undef ROW
};

jit_fp_fn jit_fp_helper(unsigned op) { return op < OP_COUNT ? helpers[op] : NULL; }

/* Returns the first FP computation row without a helper (or a helper on another row), or
 * OP_illegal when the list matches the table. */
unsigned jit_fp_check(void);
unsigned jit_fp_check(void) {
  for (unsigned op = 1; op < OP_COUNT; op++) {
    uint32_t f = isa_rows[op].flags;
    bool want = (f & F_FP) && !(f & (F_LOAD | F_STORE));
    if (want != (helpers[op] != NULL))
      return op;
  }
  return OP_illegal;
}
