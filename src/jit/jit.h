/* The translator's interface to the rest of rvx: tiering hooks the interpreter calls, the
 * flush hook of its block cache, and the --stats report. Internals are in jit_internal.h. */
#ifndef RVX_JIT_H
#define RVX_JIT_H

#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>
#include "interp/cpu.h"

struct interp_block;

/* Called by the interpreter when block b's heat went negative, at its entry (after the
 * async_stop check, before instret counts it). Translates b if it has no translation yet and
 * runs translated code from there, chaining through translations for as long as they exist.
 * Returns true when it ran: the guest continues at cpu->pc (instret is counted). Returns false
 * when the interpreter must run b itself (b cannot be translated, or the jit is off). */
bool jit_block_hot(rv_cpu *cpu, struct interp_block *b);

/* The interpreter's block cache is being dropped (interp/cache.c): drop every translation. */
void jit_flush_all(void);

/* A host fault (SIGSEGV/SIGBUS) at host_pc, with the signal's context uc, in the thread whose
 * hart is cpu: if host_pc is a guest memory access in translated code, writes the exact
 * guest state at that instruction into cpu (pc, the registers translated code keeps in host
 * registers, the FP flags still in MXCSR) and returns true; the fault is then the guest's at
 * cpu->pc. False for any other host pc (cpu untouched). Async-signal-safe. */
bool jit_fault_state(void *host_pc, ucontext_t *uc, rv_cpu *cpu);

/* Appends the translator's --stats lines (async-signal-safe; writes to fd 2). */
void jit_print_stats(void);

#endif
