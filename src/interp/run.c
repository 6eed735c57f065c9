/* Interpreter dispatcher: finds the block for a guest pc (chained successor, jump cache, hash
 * table, or a fresh predecode), then runs its ops by threaded dispatch.
 *
 * Every handler lives inside interp_run (the exec_*.inc files are included in its body) so the
 * hot state stays in host registers: the op pointer, the guest register file X, and the guest
 * memory base M. Dispatch goes through four macros, so one body compiles either as computed
 * goto (the default: each op holds its handler's address) or as a switch (-DRVX_INTERP_SWITCH).
 *
 * A handler ends in one of:
 *   NEXT()           the next op of the block;
 *   CHAIN(i, pc)     a block ending: go to b->succ[i] (looked up once, then linked);
 *   JUMP(pc, slot)   an indirect jump: the block cached in *slot, else the jump cache;
 *   LEAVE(pc)        a block ending that may have flushed the cache: always look up;
 *   TRAP(...)        a guest trap (does not return). */
#define _GNU_SOURCE   /* TRAP_BRKPT */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "exc/exc.h"
#include "gdb/gdb.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/exec_env.h"
#include "interp/interp.h"
#include "interp/lrsc.h"
#include "jit/jit.h"
#include "mem/mem.h"
#include "os/os.h"
#include "util/log.h"


#ifdef RVX_INTERP_SWITCH
#define VM_SWITCH vm_switch: switch ((enum interp_hid)op->hid)
#define HANDLER(id) case H_##id:
#define DISPATCH() goto vm_switch
#else
#define VM_SWITCH
#define HANDLER(id) op_##id:
#define DISPATCH() goto *op->h
#endif
#define NEXT() do { op++; DISPATCH(); } while (0)

/* One entry less before the block is hot. Every thread running the block counts down the
 * same field without a lock: a lost update only delays translation a little. Relaxed
 * atomics make that defined (and known to ThreadSanitizer) at no cost: plain moves on
 * x86-64, as a plain decrement. */
static inline int32_t cool(interp_block *b) {
  int32_t h = __atomic_load_n(&b->heat, __ATOMIC_RELAXED) - 1;
  __atomic_store_n(&b->heat, h, __ATOMIC_RELAXED);
  return h;
}

/* Enters block nb: it counts as retired as a whole on entry (see csr.c for instret reads).
 * cpu->pc is not updated here: only handlers that may trap or call out need it, and they
 * set it themselves. A block entered often enough goes to the translator (jit.h): when its
 * translated code ran, the guest continues at cpu->pc. A block that is never to be translated
 * (heat INT32_MAX: the interpreter alone, or no translation possible) is not written to, so
 * threads running the same code do not fight over its cache line. */
#define ENTER(nb) do {                                         \
    b = (nb);                                                  \
    if (unlikely(__atomic_load_n(&cpu->async_stop, __ATOMIC_RELAXED))) \
      b = async_stop(cpu, b, labels, d);                       \
    if (unlikely(__atomic_load_n(&b->heat, __ATOMIC_RELAXED) != INT32_MAX) && \
        cool(b) < 0 && jit_block_hot(cpu, b))                  \
      goto leave_to_pc;                                        \
    if (log_on(LOG_EXEC))                                      \
      log_exec(b->pc, false);                                  \
    op = b->ops;                                               \
    cpu->instret += b->n_insns;                                \
    DISPATCH();                                                \
  } while (0)

/* Continues at guest address target, the block's fixed successor number i. */
#define CHAIN(i, target) do {                                  \
    interp_block *n_ = INTERP_LOAD(&b->succ[i]);               \
    if (unlikely(n_ == NULL))                                  \
      n_ = lookup(cpu, (target), &b->succ[i], labels, d);      \
    ENTER(n_);                                                 \
  } while (0)

/* Continues at a computed target: the block in *slot if it is the right one (the one this
 * jalr went to last time, or the predicted return), or any block the jump cache knows
 * (remembered in *slot), or the slow lookup. */
#define JUMP(target, slot) do {                                \
    uint64_t t_ = (target);                                    \
    interp_block **s_ = (slot);                                \
    interp_block *n_ = INTERP_LOAD(s_);                        \
    if (likely(n_ != NULL && n_->pc == t_))                    \
      ENTER(n_);                                               \
    n_ = INTERP_LOAD(&interp_jcache[interp_jc_index(t_)]);     \
    if (likely(n_ != NULL && n_->pc == t_))                    \
      INTERP_STORE(s_, n_);                                    \
    else                                                       \
      n_ = lookup(cpu, t_, s_, labels, d);                     \
    ENTER(n_);                                                 \
  } while (0)

/* Continues at target after something that may have flushed the cache (b may be stale). */
#define LEAVE(target) ENTER(lookup(cpu, (target), NULL, labels, d))

/* Atomics must be naturally aligned. */
#define AMO_PTR(T, a) ({                                       \
    uint64_t aa_ = (a);                                        \
    if (unlikely(aa_ & (sizeof(T) - 1)))                       \
      TRAP(SIGBUS, BUS_ADRALN, aa_);                           \
    (T *)MEM(aa_);                                             \
  })

/* Return prediction: a call pushes the successor slot of its block (where the block it
 * returns to is cached), a return pops it and checks that block first. A ring: overflow
 * forgets the oldest calls, a mismatch only costs a lookup. Entries point into blocks, so
 * a flush resets them all to an empty slot. Per thread, like everything in here. */
#define RAS_SIZE 64

/* Thread-local like globals: one %fs-relative access each, no register held for them. */
static __thread interp_block *ras_empty;   /* the slot of an empty prediction */
static __thread interp_block **ras[RAS_SIZE];
static __thread unsigned ras_top;

typedef struct dispatch_state {
  interp_thread t;              /* this thread, as the block cache sees it */
} dispatch_state;
static __thread dispatch_state *self;

struct interp_lr_granule interp_lr_granules[LR_GRANULES] __attribute__((aligned(64)));

static void ras_reset(void) {
  ras_empty = NULL;
  for (unsigned i = 0; i < RAS_SIZE; i++)
    ras[i] = &ras_empty;
}

/* Builds (predecodes) and caches the block at pc; NULL when the arena is full. */
static interp_block *build_block(rv_cpu *cpu, uint64_t pc, void *const *labels) {
  interp_op ops[INTERP_MAX_OPS + 1];
  uint64_t end;
  unsigned n_insns;
  interp_cache_mark(pc);
  unsigned n = interp_predecode(cpu, pc, ops, &end, &n_insns);
  if (unlikely(gdb_on))   /* no block runs past a breakpoint (src/gdb/step.c) */
    n = gdb_block(cpu, pc, ops, n, &end, &n_insns);
  for (unsigned i = 0; i < n; i++)
    ops[i].h = labels ? labels[ops[i].hid] : NULL;
  cpu->blocks_decoded++;
  if (log_on(LOG_IN_ASM))
    log_in_asm(pc, end);
  return interp_cache_add(pc, end, ops, n, n_insns);
}

/* The block at pc, from the jump cache, the hash table or the predecoder; it is also linked
 * into *slot (a successor pointer of the block that jumps here) unless slot is NULL or a
 * flush made it dangle. This is where flushes happen (interp_cache_sync): the thread holds
 * no block here but the one `slot` points into, which it drops if the cache was flushed. */
static __attribute__((noinline)) interp_block *lookup(rv_cpu *cpu, uint64_t pc,
                                                      interp_block **slot,
                                                      void *const *labels,
                                                      dispatch_state *d) {
  if (unlikely(interp_cache_must_sync(&d->t)) && interp_cache_sync(&d->t)) {
    slot = NULL;
    ras_reset();
  }
  cpu->pc = pc;
  unsigned j = interp_jc_index(pc);
  interp_block *n = INTERP_LOAD(&interp_jcache[j]);
  if (!n || n->pc != pc) {
    n = interp_cache_find(pc);
    if (!n) {
      while (!(n = build_block(cpu, pc, labels))) {   /* the arena is full */
        if (interp_cache_sync(&d->t)) {
          slot = NULL;
          ras_reset();
        }
      }
    }
    INTERP_STORE(&interp_jcache[j], n);
  }
  if (slot)
    INTERP_STORE(slot, n);
  return n;
}

/* A block boundary where something asynchronous is pending (cpu->async_stop): the guest
 * state is exact here, at the start of block b. A flush may be waiting for this thread to
 * park; the OS layer may redirect the guest (a signal handler). So the thread parks, and the
 * block to run is looked up again (after the flush, if any). */
static __attribute__((noinline)) interp_block *async_stop(rv_cpu *cpu, interp_block *b,
                                                          void *const *labels,
                                                          dispatch_state *d) {
  cpu->pc = b->pc;
  interp_cache_park(&d->t);
  os_async_stop(cpu);
  return lookup(cpu, cpu->pc, NULL, labels, d);
}

/* The ecall handler (exec_ctl.inc) parks the thread around the syscall: the syscall may
 * block for long, and other threads may flush meanwhile; the LEAVE after it syncs. (A
 * function-like macro does not expand inside itself: this calls the real os_syscall.) */
#define os_syscall(c) (interp_cache_park(&d->t), os_syscall(c))

static __attribute__((noinline, noreturn)) void dispatch(rv_cpu *cpu, dispatch_state *d) {
#ifdef RVX_INTERP_SWITCH
  void *const *labels = NULL;
#else
  /* The handler of every row: a row without one is an undefined label. */
  static void *const labels[H_COUNT] = {
    [H_illegal] = &&op_illegal,
#define INTERP_LABEL(id, mn, match, mask, fmt, args, flags) [H_##id] = &&op_##id,
    ISA_INSNS(INTERP_LABEL)
#undef INTERP_LABEL
    [H_li] = &&op_li, [H_mv] = &&op_mv, [H_nop] = &&op_nop, [H_j] = &&op_j,
    [H_call] = &&op_call, [H_callr] = &&op_callr, [H_ret] = &&op_ret,
    [H_fetch_fault] = &&op_fetch_fault, [H_sd_run] = &&op_sd_run, [H_ld_run] = &&op_ld_run, [H_next_block] = &&op_next_block,
#define INTERP_LABEL_ACC(id) [H_##id##_acc] = &&op_##id##_acc,
    INTERP_ACC_OPS(INTERP_LABEL_ACC)
#undef INTERP_LABEL_ACC
#define INTERP_LABEL_BR2(h, br) [H_##h##_##br] = &&op_##h##_##br,
#define INTERP_LABEL_BR(h) INTERP_BRS(INTERP_LABEL_BR2, h)
    INTERP_BR_HEADS(INTERP_LABEL_BR)
#undef INTERP_LABEL_BR
#undef INTERP_LABEL_BR2
  };
  /* The special forms are listed by hand: check that none was forgotten. */
  for (unsigned i = 0; i < H_COUNT; i++)
    if (!labels[i])
      log_fatal("interpreter: no handler for operation %u", i);
#endif
  uint64_t *const X = cpu->x;
  uint64_t *const F = cpu->f;
  uint8_t *const M = mem_base;
  interp_block *b;
  const interp_op *op;
  uint64_t acc = 0;             /* the last value an ACC-form handler wrote (block.h) */

leave_to_pc:
  LEAVE(cpu->pc);

  VM_SWITCH {
#include "interp/exec_int.inc"
#include "interp/exec_mem.inc"
#include "interp/exec_amo.inc"
#include "interp/exec_ctl.inc"
#include "interp/exec_fp.inc"
  }
  __builtin_unreachable();
}
#undef os_syscall

_Noreturn void interp_run(rv_cpu *cpu) {
  /* A thread comes back here (exc_run) after a trap left its dispatcher: it keeps its
   * place in the cache's thread list and its return predictions (whose blocks, if the cache
   * has been flushed since, the next lookup forgets). */
  dispatch_state *d = self;
  if (!d) {
    d = calloc(1, sizeof *d);   /* lives as long as the thread runs guest code */
    if (!d)
      log_fatal("out of memory");
    ras_reset();
    interp_cache_attach(&d->t, cpu);
    self = d;
  }
  exc_cpu = cpu;
  dispatch(cpu, d);
}

void interp_park_self(void) {
  if (self)
    interp_cache_park(&self->t);
}

void interp_thread_exit(void) {
  if (!self)
    return;
  interp_cache_detach(&self->t);
  free(self);
  self = NULL;
}

void interp_after_fork(void) {
  interp_cache_after_fork(self ? &self->t : NULL);
}
