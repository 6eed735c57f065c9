/* Internals shared by the translator's files (translate*.c): guest state addressing, the
 * register mapping in effect, and the emitters of each theme. */
#ifndef RVX_JIT_TRANSLATE_H
#define RVX_JIT_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "interp/block.h"
#include "jit/jit_internal.h"

#define XR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, x) + 8 * (unsigned)(r)))
#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define CPU_PC x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, pc))
#define GMEM x86_mi(JIT_MEM, X86_RAX, 1, 0)

enum { RAX = X86_RAX, RCX = X86_RCX, RDX = X86_RDX, RSI = X86_RSI, RDI = X86_RDI,
       R8 = X86_R8, R9 = X86_R9 };

/* The mapping in effect in the translation being made: jit_host_of, plus a loop's lent
 * registers. */
extern int8_t jit_cur_host[33];
#define HOST(r) jit_cur_host[(r)]

/* The base operation of every handler id: special forms map to the row whose semantics they
 * have (their fields are the row's fields). Filled by jit_init_base. */
extern uint16_t jit_base_of[H_COUNT];
void jit_init_base(void);

/* Registers (translate_regs.c; jit_src, jit_dreg, jit_wb are in jit_internal.h). */
void jit_load_into(jit_tr *t, int d, unsigned r);
void jit_put_imm_via(jit_tr *t, unsigned rd, uint64_t v, int scratch);
void jit_put_imm(jit_tr *t, unsigned rd, uint64_t v);
void jit_set_pc(jit_tr *t, uint64_t pc);

/* Integer operations (translate_alu.c). */
void jit_alu_rr(jit_tr *t, const interp_op *op, enum x86_alu a, int w, bool commutative);
void jit_alu_ri(jit_tr *t, const interp_op *op, enum x86_alu a, int w);
void jit_set_less(jit_tr *t, const interp_op *op, enum x86_cc cc, bool use_imm);
void jit_shift_imm(jit_tr *t, const interp_op *op, enum x86_shift s, int w);
void jit_shift_reg(jit_tr *t, const interp_op *op, enum x86_shift s, int w);
void jit_mul(jit_tr *t, const interp_op *op, int w);
void jit_mul_high(jit_tr *t, const interp_op *op, unsigned hid);
void jit_divide(jit_tr *t, const interp_op *op, bool is_signed, bool is_rem, int w);

/* Memory (translate_mem.c; jit_addr is in jit_internal.h). */
/* A load or store (integer or FP). */
void jit_mem(jit_tr *t, const interp_op *op);
/* The cold code of a JIT_COLD_WIDE record. */
void jit_mem_wide(jit_tr *t, const jit_cold *c);

/* Control (translate_ctl.c). */
void jit_exit_direct(jit_tr *t, int cc, uint64_t target);
void jit_call_direct(jit_tr *t, const interp_op *op);
void jit_branch(jit_tr *t, const interp_op *op, enum x86_cc cc);
void jit_jump_reg(jit_tr *t, const interp_op *op, unsigned hid);
void jit_lend_back(jit_tr *t);
void jit_lend_out(jit_tr *t);
void jit_plan_lends(jit_tr *t, const interp_block *blk, unsigned n);

#endif
