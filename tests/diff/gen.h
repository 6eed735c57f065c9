/* Internals of the random-program generator (gen.c, gen_vals.c, gen_insn.c). */
#ifndef RVX_DIFF_GEN_H
#define RVX_DIFF_GEN_H

#include <stdint.h>

#include "diff.h"

/* An integer register value worth testing: edge cases of the integer, M and conversion
 * instructions, FP bit patterns, plain random numbers. */
uint64_t gen_xval(uint64_t *rng);
/* An FP register value: NaN-boxed singles, doubles, and singles that are not boxed. */
uint64_t gen_fval(uint64_t *rng);
/* A legal fcsr value: any flags, frm in 0..4. */
uint64_t gen_fcsr(uint64_t *rng);
/* Initial x and f registers: fresh values mixed with relatives of a few per-case values. */
void gen_regs(uint64_t *rng, uint64_t x[32], uint64_t f[32]);

/* State while one case body is generated. */
typedef struct gen_ctx {
  uint64_t *rng;
  /* Registers no unit may write: a loop counter, an LR/SC address (0 when unused). */
  int avoid, avoid2;
  /* When nfset > 0, FP operands come from these few registers only, so results meet each
   * other (and equal or related values) much more often; nxset the same for integers. */
  int nfset, fset[8];
  int nxset, xset[8];
  /* The precision ('s' or 'd') each FP register was last written with, as far as the
   * generator can tell: operands are picked to match it most of the time. */
  char ftype[32];
  char prec; /* of the instruction being generated */
} gen_ctx;

/* Appends one unit: an instruction, or a few that belong together (address set-up and the
 * access, LR..SC, a forward branch with the instructions it skips). Nested branches are not
 * generated when `depth` > 0 (inside a branch or loop). */
void gen_unit(gen_ctx *c, sbuf *out, int depth);
/* Appends a sweep: one FP instruction over all pairs (triples) of a table of special values,
 * hashed into the buffer (gen_sweep.c). Only at depth 0: it uses labels 3..6. */
void gen_sweep(gen_ctx *c, sbuf *out);

#endif
