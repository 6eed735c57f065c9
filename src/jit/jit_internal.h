/* Translator internals shared by the files of src/jit/. */
#ifndef RVX_JIT_INTERNAL_H
#define RVX_JIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "interp/block.h"
#include "jit/x86_emit.h"

/* Host registers with a fixed role inside translated code (callee-saved, so C helpers
 * keep them): the guest hart, the guest memory base, and the guest space size. */
#define JIT_CPU X86_RBX
#define JIT_MEM X86_R15
#define JIT_LIMIT X86_R14

/* The fixed code at the start of the cache (jit_run.c): entry trampoline and common exit. */
typedef struct jit_fixed {
  /* Runs translated code at `code` for cpu; returns the executable address of the
   * chainable exit stub it left by (to patch), or NULL. cpu->pc is the next guest pc. */
  void *(*enter)(rv_cpu *cpu, void *code, uint8_t *mem_base, uint64_t limit);
  uint8_t *exit_w;   /* writable-view address of the common exit (epilogue) */
} jit_fixed;
extern jit_fixed jit_fx;

/* Sets up the code cache and jit_fx once (jit_run.c); false when the host refuses (the
 * translator is then off for good). For the tools (jit_tools.h) that translate themselves. */
bool jit_runtime_init(void);

/* Translates block b into the buffer (the cache's writable view). Returns the number of ops
 * translated (0: nothing could be); *fallback_hid is the op it stopped before (H_COUNT if
 * the whole block was translated). On buffer overflow returns 0 with b->overflow set. */
unsigned jit_translate(const interp_block *b, x86_buf *buf, unsigned *fallback_hid);

/* The C helper computing FP row `op` (NULL for rows that are not FP computations). */
typedef int (*jit_fp_fn)(rv_cpu *, unsigned, unsigned, unsigned, unsigned, unsigned);
jit_fp_fn jit_fp_helper(unsigned op);

/* Called from translated code: guest traps at cpu->pc (already set). */
_Noreturn void jit_trap_segv(rv_cpu *cpu, uint64_t addr);
_Noreturn void jit_trap_illegal(rv_cpu *cpu);

/* Statistics. */
typedef struct jit_counters {
  uint64_t translations, ops_translated, insns_translated, failed, overflows;
  uint64_t runs, chains, exits_to_interp, indirect_misses;
  uint64_t fallback[H_COUNT];   /* translations that stopped before an op of this kind */
} jit_counters;
extern jit_counters jit_stats;

#endif
