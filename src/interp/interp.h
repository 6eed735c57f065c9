/* Interpreter: predecoded basic blocks cached by guest pc, threaded dispatch. The reference
 * semantics of every instruction in the table. */
#ifndef RVX_INTERP_H
#define RVX_INTERP_H

#include "interp/cpu.h"

/* Runs the guest from cpu->pc until the guest exits (exit never returns here: the OS layer
 * ends the process) or a trap ends it. */
_Noreturn void interp_run(rv_cpu *cpu);

/* Forgets every predecoded block (fence.i, riscv_flush_icache, munmap/mprotect of code). */
void interp_flush_all(void);
/* Forgets blocks overlapping [start, start+len). May flush more than asked. */
void interp_flush_range(uint64_t start, uint64_t len);

#endif
