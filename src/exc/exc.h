/* Exception emulator: host faults in guest memory (SIGSEGV/SIGBUS) and traps the interpreter
 * finds (illegal instruction, ebreak, misaligned atomic, address outside the guest space,
 * fetch from a non-executable page) enter the guest's handler for the signal, with the
 * trapping instruction's pc in the frame; without one they are reported on stderr with the
 * guest pc, and rvx dies of the matching signal, as the guest would. */
#ifndef RVX_EXC_H
#define RVX_EXC_H

#include <stdint.h>
#include "interp/cpu.h"

/* Installs host handlers for SIGSEGV and SIGBUS. Call after mem_init. */
void exc_init(void);

/* Gives the calling thread the alternate signal stack the handlers run on (exc_init does it
 * for the main thread; call it first thing in every new thread that runs guest code). */
void exc_thread_init(void);

/* The cpu whose guest code this thread runs (read by the host fault handler). */
extern __thread rv_cpu *exc_cpu;

/* Runs the guest thread of cpu (an os_thread's) from cpu->pc: interp_run, re-entered after
 * every trap a guest handler takes. Every guest thread starts here. */
_Noreturn void exc_run(rv_cpu *cpu);

/* A guest trap at cpu->pc: under exc_run, unwinds to it, which delivers the signal to the
 * guest's handler (a frame whose pc is cpu->pc) and resumes the guest there; otherwise, or
 * without a handler (or with sig blocked or ignored), reports "rvx: guest SIGNAME at pc
 * 0x...: address 0x... (CODE)" ("signal N", "code N" for those without a name here) and dies
 * of sig. si_code is the Linux
 * code (SEGV_MAPERR, ILL_ILLOPC, TRAP_BRKPT, BUS_ADRALN...). Async-signal-safe. */
_Noreturn void exc_guest_trap(rv_cpu *cpu, int sig, int si_code, uint64_t addr);

/* Dies of signal sig as a process killed by it would (default action; no core file, as with
 * qemu), with exit(128 + sig) as the fallback if the signal does not end the process. Prints
 * the --stats report first. Async-signal-safe. */
_Noreturn void exc_die_by_signal(int sig);

#endif
