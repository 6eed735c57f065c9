/* Translator internals shared by the files of src/jit/. */
#ifndef RVX_JIT_INTERNAL_H
#define RVX_JIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "interp/block.h"
#include "jit/x86_emit.h"

/* Host registers with a fixed role inside translated code (callee-saved, so C helpers
 * keep them): the guest hart, the guest memory base, and cpu->instret (every translation
 * adds its instructions on entry: in memory that add is a store-to-load chain of ~5 cycles
 * per block, which bounded tight loops). rax, rcx and rdx are scratch. */
#define JIT_CPU X86_RBX
#define JIT_MEM X86_R15
#define JIT_INSTRET X86_R14

/* Register caching: a fixed global mapping of the guest registers used most (measured over
 * bench/, see translate.c) to host registers. Inside translated code a mapped guest register
 * lives only in its host register (cpu->x[r] is stale); the entry trampoline loads them all,
 * every exit to C stores them all. Chained and indirect jumps between translations need no
 * spills since every translation uses the same mapping. jit_host_of[r] is the host register
 * of guest register r (0..32), or -1 when r lives in cpu->x[r]. */
#define JIT_N_MAPPED 9
extern const int8_t jit_host_of[33];
extern const uint8_t jit_mapped[JIT_N_MAPPED];   /* the mapped guest registers */

/* Every translation starts with the async_stop check (cmp dword [rbx + disp32], 0; jne rel32:
 * 13 bytes), which a chained jump skips when it goes forward (to a block at a higher pc than
 * its own block's): every cycle of translations contains a backward or indirect jump, which
 * enters at the check, so a pending stop is still seen within one pass around any loop. */
#define JIT_ENTRY_CHECK 13

/* The fixed code at the start of the cache (jit_run.c): entry trampoline, common exit, trap
 * and helper routines, constants. The addresses are in the writable view, like the buffer
 * a translation is emitted into, so that rel32 and rip-relative displacements between them
 * are right (both views have the same layout). */
typedef struct jit_fixed {
  /* Runs translated code at `code` for cpu; returns the executable address of the rel32
   * displacement of the chainable jump it left by (to patch), or NULL. cpu->pc is the next
   * guest pc, cpu->x exact. (limit is unused: the guest space size is in `limit` below.) */
  void *(*enter)(rv_cpu *cpu, void *code, uint8_t *mem_base, uint64_t limit);
  uint8_t *exit;     /* the common exit: stores every mapped register, returns rax */
  uint8_t *segv;     /* cpu->pc set, rax = guest address: the guest SIGSEGV */
  uint8_t *illegal;  /* cpu->pc set: the guest SIGILL */
  uint8_t *limit;    /* 8 bytes: GUEST_SIZE, the bound of guest addresses (cmp reg, [rip]) */
  uint8_t *flags;    /* 64 bytes: the RISC-V fflags of each value of MXCSR's 6 flag bits */
  uint8_t *mxcsr;    /* 4 bytes: the default MXCSR (flags clear) */
} jit_fixed;
extern jit_fixed jit_fx;

/* The translator's indirect-jump table: guest pc -> executable address of its translation,
 * direct mapped by (pc >> 1) & (JIT_IND_SIZE - 1), looked up first by every jalr of
 * translated code (two instructions and one load when it hits, against the jump cache's
 * three dependent loads). An entry is filled once, by the dispatcher under its lock (code
 * first, then pc with a release store: a reader that sees the pc sees the code), and emptied
 * (pc JIT_IND_EMPTY, odd: no jump target) only at a flush, when every thread is parked; so
 * a reader never sees one pc with another's code. Colliding targets take the jump cache. */
#define JIT_IND_BITS 13
#define JIT_IND_SIZE (1u << JIT_IND_BITS)
#define JIT_IND_EMPTY 1
typedef struct jit_ind {
  uint64_t pc;
  void *code;
} jit_ind;
extern jit_ind jit_ind_table[JIT_IND_SIZE];

/* Sets up the code cache and jit_fx once (jit_run.c); false when the host refuses (the
 * translator is then off for good). For the tools (jit_tools.h) that translate themselves. */
bool jit_runtime_init(void);
/* Runs the translation at code once on cpu, without chaining to others (--verify): MXCSR set
 * up from cpu->fflags before and folded back into it after, as the dispatch loop does. */
void jit_run_one(rv_cpu *cpu, void *code);

/* Return prediction on the host's own return stack: a guest call pushes its return pc and
 * then makes a host `call` to the callee's translation; a guest return whose target is the
 * pc on top of the stack is a host `ret 8` (predicted by the CPU), anything else takes the
 * jump cache. The stack goes back to the frame of `enter` at every exit (jit_tls.base), and
 * calls stop pushing below jit_tls.limit (deep recursion, stale entries after longjmp).
 * Per host thread, reached from translated code as fs:[jit_tls_off + field]. */
typedef struct jit_tls_t {
  uintptr_t base;    /* rsp inside enter's frame */
  uintptr_t limit;   /* lowest rsp a call may push at */
} jit_tls_t;
extern __thread jit_tls_t jit_tls;
extern int32_t jit_tls_off;   /* &jit_tls - the thread pointer (the same in every thread) */

/* One host instruction of a translation that may fault (a guest memory access): its offset
 * from the translation's start and the guest pc it belongs to. With registers cached, this
 * and jit_host_of are what rebuild the guest state from a host fault's context. */
typedef struct jit_fault_rec {
  uint32_t host_off;
  uint32_t pc_off;    /* guest pc - the block's pc */
  uint32_t fp_dirty, fp_single;   /* the FP register cache there (fp_cache.c) */
} jit_fault_rec;

/* A loop translation may lend the host register of a mapped guest register it does not use
 * (`owner`, stored in cpu->x while the loop runs) to an unmapped one it uses (`guest`). */
typedef struct jit_lend {
  uint8_t guest, owner;
} jit_lend;

/* Translates block b into the buffer (the cache's writable view). Returns the number of ops
 * translated (0: nothing could be); *fallback_hid is the op it stopped before (H_COUNT if
 * the whole block was translated). On buffer overflow returns 0 with b->overflow set.
 * jit_translate_faults then lists the translation's faulting instructions (sorted). */
unsigned jit_translate(const interp_block *b, x86_buf *buf, unsigned *fallback_hid);
const jit_fault_rec *jit_translate_faults(unsigned *n);
const jit_lend *jit_translate_lends(unsigned *n);
/* The guest instructions of the last translation past its first block (superblock sections). */
unsigned jit_translate_more_insns(void);

/* The C helper computing FP row `op` (NULL for rows that are not FP computations). */
typedef int (*jit_fp_fn)(rv_cpu *, unsigned, unsigned, unsigned, unsigned, unsigned);
jit_fp_fn jit_fp_helper(unsigned op);

/* Called from translated code (every mapped register stored): guest traps at cpu->pc. */
_Noreturn void jit_trap_segv(rv_cpu *cpu, uint64_t addr);
_Noreturn void jit_trap_illegal(rv_cpu *cpu);

/* Side tables (jit_side.c): every translation's code range and faulting instructions, in
 * code-cache order, for jit_fault_state (jit.h). Added under the translation lock; read
 * lock-free by fault handlers (only a thread's own translated code faults in it, and it was
 * published before it ran); emptied only when every thread is parked (a flush). */
void jit_side_add(const uint8_t *code_x, size_t size, uint64_t pc, const jit_fault_rec *f,
                  unsigned n, const jit_lend *lends, unsigned n_lends, uint32_t fp_cached);
void jit_side_reset(void);
/* The guest pc of the faulting host instruction at host_pc, the translation's lent
 * registers and its FP register cache there (fp: cached, dirty, single masks) (false: not
 * one of ours). */
bool jit_side_lookup(const void *host_pc, uint64_t *pc, jit_lend *lends, unsigned *n_lends,
                     uint32_t fp[3]);
/* For the sampling profiler (src/prof): the translation holding host_pc, any instruction of
 * it: the guest pc of its last faulting instruction at or before host_pc (else the block's
 * pc), and whether the translation lends registers (false: not in a translation). */
bool jit_side_find(const void *host_pc, uint64_t *pc, bool *lends);

/* The translation-wide context shared by translate.c and translate_fp.c. */
typedef struct jit_cold {
  uint8_t *jump;         /* the rel32 displacement to point at the cold code */
  uint8_t *resume;       /* where the cold code jumps back to (helper calls, NaN fix-up) */
  const interp_op *op;
  uint64_t pc;
  int kind;
  uint64_t fp;           /* the FP register cache state at the jump (jit_fp_snap) */
  unsigned uncount;      /* JIT_COLD_WIDE: instructions counted in r14 from op on */
} jit_cold;
/* JIT_COLD_WIDE: a memory access whose base register failed the cheap check
 * (translate_mem.c). */
enum { JIT_COLD_SEGV, JIT_COLD_ILLEGAL, JIT_COLD_EXIT, JIT_COLD_HELPER, JIT_COLD_CANON_D,
       JIT_COLD_CANON_S, JIT_COLD_CLEAR_MXCSR, JIT_COLD_ASYNC, JIT_COLD_WIDE,
       JIT_COLD_FP };   /* translate_fp.c's own (pc: its index there) */

typedef struct jit_tr {
  x86_buf *b;
  const interp_block *blk;
  jit_cold colds[6 * INTERP_MAX_OPS + 8];
  unsigned n_colds;
  jit_fault_rec faults[2 * INTERP_MAX_OPS + 4];
  unsigned n_faults;
  jit_lend lends[JIT_N_MAPPED];   /* a loop's lent registers (see jit_lend) */
  unsigned n_lends;
  uint8_t *loop_head;             /* a loop: where its back edge goes */
  /* Guest registers (bit r) whose value was checked to be below GUEST_SIZE since it was last
   * written: an access at a non-negative offset (at most 2047 + 16 bytes past it, inside the
   * guard behind the region) from such a register needs no check of its own. */
  uint64_t checked;
  unsigned left;                  /* instructions counted in r14 from the current op on */
  bool fall_inline;               /* the current op's fall-through is emitted next (a
                                     superblock's next section): no exit to it */
} jit_tr;

/* Emission helpers of translate.c used by translate_fp.c. */
void jit_cold_at(jit_tr *t, uint8_t *jump, int kind, const interp_op *op, uint64_t pc);
void jit_resume_here(jit_tr *t, unsigned first_cold);
void jit_fault_here(jit_tr *t, const interp_op *op);
int jit_src(jit_tr *t, unsigned r, int scratch);
int jit_dreg(unsigned r);
void jit_wb(jit_tr *t, unsigned r, int host);
void jit_addr(jit_tr *t, const interp_op *op);
void jit_call_fp(jit_tr *t, const interp_op *op, jit_fp_fn fn);
/* Emits a CSR instruction on fflags, frm or fcsr inline; false for any other CSR. */
bool jit_emit_csr(jit_tr *t, const interp_op *op, unsigned hid);
bool jit_csr_inline(const interp_op *op);
/* "frflags rX; flt/fle/feq.d rY, a, b; fsflags rX" (isless() and friends: a comparison whose
 * flags are thrown away) at ops[0..2] as one sequence; false when ops do not have that form. */
bool jit_emit_quiet_cmp(jit_tr *t, const interp_op *ops, unsigned n_left);
/* Emits FP row `hid` (inline, or its helper call); false for rows that are not FP. */
bool jit_emit_fp(jit_tr *t, const interp_op *op, unsigned hid);

/* The FP register cache (fp_cache.c): guest f registers live in xmm registers inside a
 * translation. jit_fp_begin picks them for ops[0..n) of blk; jit_fp_flush stores the dirty
 * ones (before the translation's exits); jit_fp_snap is the state for a cold path or fault
 * record, which jit_fp_spill stores (in cold code of traps); jit_fp_emit_cold emits a
 * JIT_COLD_FP; jit_fp_cached is the translation's cached mask for the side table, and
 * jit_fp_fault_state puts a faulting instruction's registers back into cpu->f. */
void jit_fp_begin(jit_tr *t, const interp_block *blk, unsigned n);
void jit_fp_flush(jit_tr *t);
uint64_t jit_fp_snap(void);
void jit_fp_spill(jit_tr *t, uint64_t snap);
void jit_fp_emit_cold(jit_tr *t, const jit_cold *c);
uint32_t jit_fp_cached(void);
struct ucontext_t;
void jit_fp_fault_state(const uint32_t fp[3], const struct ucontext_t *uc, rv_cpu *cpu);

/* Statistics. */
typedef struct jit_counters {
  uint64_t translations, ops_translated, insns_translated, failed, overflows;
  uint64_t runs, chains, exits_to_interp, indirect_misses, cache_full, loops_lent;
  uint64_t translate_ns;      /* time spent translating (--stats) */
  uint64_t fallback[H_COUNT];   /* translations that stopped before an op of this kind */
} jit_counters;
extern jit_counters jit_stats;

#endif
