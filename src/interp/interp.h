/* Interpreter: predecoded basic blocks cached by guest pc, threaded dispatch. The reference
 * semantics of every instruction in the table. Every guest thread runs its own interp_run on
 * its own host thread; the block cache is shared (cache.c says how). */
#ifndef RVX_INTERP_H
#define RVX_INTERP_H

#include "interp/cpu.h"

/* Runs the guest from cpu->pc on the calling host thread until the guest exits (exit never
 * returns here: the OS layer ends the thread or the process) or a trap ends it. A thread may
 * leave it by a long jump (a trap, exc_run) and call it again. */
_Noreturn void interp_run(rv_cpu *cpu);

/* The calling thread holds no block pointer until it next enters interp_run (it waits for a
 * debugger, or runs guest code by other means): a flush need not wait for it. */
void interp_park_self(void);

/* The calling thread runs no more guest code (it is exiting): forget it. Flushes stop
 * waiting for it. */
void interp_thread_exit(void);

/* In the child of a fork: the calling thread is the only one left. */
void interp_after_fork(void);

/* Forgets every predecoded block (fence.i, riscv_flush_icache, munmap/mprotect of code). The
 * flush happens at the calling thread's next block lookup (a syscall or fence.i is followed by
 * one), after every other thread has stopped at a block boundary or in a syscall. */
void interp_flush_all(void);
/* Forgets blocks overlapping [start, start+len). May flush more than asked. mem/ calls it
 * holding its lock, in the critical section that changed the mapping. */
void interp_flush_range(uint64_t start, uint64_t len);

#endif
