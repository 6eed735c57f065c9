/* The FP side of the translator (translate_fp.c, fp_cache.c, fp_emit.c): the register cache
 * that keeps a translation's guest f registers in xmm registers, and the SSE/AVX encodings
 * x86_emit.c does not have. */
#ifndef RVX_JIT_FP_INTERNAL_H
#define RVX_JIT_FP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "jit/jit_internal.h"

/* xmm0 and xmm15 are scratch; xmm1..xmm14 hold up to 14 guest f registers per translation.
 * Which ones (`cached`) is fixed for the translation; guest register r lives in
 * xmm(1 + the number of cached registers below r), so that the side table needs only the
 * mask to find it again (jit_fp_fault_state). */
#define FP_X0 0
#define FP_X15 15
#define FP_MAX_CACHED 14

/* The cache state at a point of the emitted code. A cached register is `loaded` when its
 * xmm holds its value, `dirty` when cpu->f does not, and `single` when only the low 32 bits
 * of the xmm are meaningful: the value is a NaN-boxed single (upper half all ones in
 * cpu->f) whose xmm upper half is whatever the SSE single instruction left there. */
typedef struct fp_state {
  uint32_t cached, loaded, dirty, single;
  int8_t xmm[32];   /* -1: not cached */
  bool frm_rne;     /* frm was checked to be RNE (and not written since) */
} fp_state;
extern fp_state fp_st;

/* ---- fp_cache.c ---- */
/* An xmm holding guest register r (loaded first if need be; an uncached one is loaded into
 * `scratch`). fp_src: the low 32 bits are right when r is used as a single (NaN-boxing is
 * the caller's check); fp_src_d: all 64 bits are (a single's box is made explicit, with
 * `scratch` as the temporary). */
int fp_src(jit_tr *t, unsigned r, int scratch);
int fp_src_d(jit_tr *t, unsigned r, int scratch);
/* The xmm to compute a new value of r in: its own, or xmm0. */
int fp_dst(unsigned r);
/* f[r] = xmm x (single: its low 32 bits, NaN-boxed). */
void fp_put(jit_tr *t, unsigned r, int x, bool single);
/* Stores the dirty registers of (dirty, single) into cpu->f. */
void fp_store_regs(jit_tr *t, uint32_t dirty, uint32_t single);
/* Every dirty register stored. */
void fp_spill_all(jit_tr *t);
/* Calls op's helper fn inline (the operands it reads stored first, its result reloaded). */
void fp_call(jit_tr *t, const interp_op *op, jit_fp_fn fn);
/* Whether cpu->f[r] holds r's value at this point (r is not in an xmm newer than it). */
bool fp_in_memory(unsigned r);
/* A jump (its rel32 at `jump`) to cold code calling the C helper of op; it resumes where
 * fp_resume_here(t, first) is called for the colds from index first on (after the op). */
void fp_slow(jit_tr *t, const interp_op *op, uint8_t *jump);
void fp_resume_here(jit_tr *t, unsigned first_cold);
/* A jump to cold code that runs op by its helper and leaves the translation after it. */
void fp_frm_exit(jit_tr *t, const interp_op *op, uint8_t *jump);
/* A jump to cold code that sets xmm x to the canonical NaN and comes back here. */
void fp_canon_jump(jit_tr *t, uint8_t *jump, int x, bool dbl);

/* ---- fp_emit.c: register-register forms (xmm numbers 0..15) ---- */
void fpx_movapd(x86_buf *b, int xd, int xs);
void fpx_xorps(x86_buf *b, int xd, int xs);
void fpx_orpd(x86_buf *b, int xd, int xs);
void fpx_pcmpeqd(x86_buf *b, int xd, int xs);
void fpx_psllq(x86_buf *b, int xd, uint8_t n);
/* VEX FMA3 scalar, the 231 form: xd = xv * xm + xd, with the sign variants (opc 0xb9
 * vfmadd231, 0xbb vfmsub231, 0xbd vfnmadd231, 0xbf vfnmsub231); dbl: sd, else ss. */
void fpx_fma231(x86_buf *b, bool dbl, uint8_t opc, int xd, int xv, int xm);

#endif
