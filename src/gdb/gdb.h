/* A gdb remote stub (-g PORT, --gdb PORT, RVX_GDB=PORT): rvx waits on 127.0.0.1:PORT for gdb
 * before the guest's first instruction and then runs the guest under its control. The hooks
 * the rest of rvx calls; docs/ARCHITECTURE.md (the gdb section) describes the design. */
#ifndef RVX_GDB_H
#define RVX_GDB_H

#include <stdbool.h>
#include <stdint.h>
#include "interp/cpu.h"

/* True while a debugger is attached. Cleared by detach, by gdb going away, in a forked
 * child. */
extern volatile bool gdb_on;

/* Listens on 127.0.0.1:port and waits for gdb to connect; the guest stays stopped before its
 * first instruction (main's thread must already be os_thread_first). Exits with status 1
 * and a message when the port cannot be had. */
void gdb_start(int port);

/* Runs the guest thread of cpu one instruction at a time (gdb's stepper), stopping at
 * breakpoints, watchpoints, steps and stop requests, for as long as the normal engine cannot
 * run it (a step, a watchpoint); returns when it can, or when the debugger has gone: the
 * caller then runs the normal engine from cpu->pc. Called by exc_run. */
void gdb_run(rv_cpu *cpu);

/* The end of os_async_stop (a block boundary of the normal engine, guest state exact): parks
 * the thread if gdb asked for a stop, and runs it in gdb_run meanwhile if the normal engine
 * may not run it (then returns at the block boundary where it may). */
void gdb_async_stop(rv_cpu *cpu);

/* Around os_syscall: the thread counts as stopped while in the call (which may block), and
 * parks on the way out if a stop came meanwhile. enter returns whether exit must be called. */
bool gdb_syscall_enter(rv_cpu *cpu);
void gdb_syscall_exit(rv_cpu *cpu);

/* The interpreter built the n ops of the block at pc (interp_predecode): cuts it before the
 * first breakpoint in it, or makes a block that starts at one a lone ebreak, so that neither
 * engine runs past a breakpoint. Returns the new op count (*end and *n_insns updated). */
struct interp_op;
unsigned gdb_block(rv_cpu *cpu, uint64_t pc, struct interp_op *ops, unsigned n, uint64_t *end,
                   unsigned *n_insns);

/* The guest signal sig is about to be delivered to the thread of cpu (a trap, or an
 * asynchronous signal at a block boundary): reports it to gdb and waits until gdb resumes the
 * thread. Returns the signal to deliver: sig, another one, or 0 (gdb swallowed it). */
int gdb_signal(rv_cpu *cpu, int sig);

/* The process ends: tells gdb (W status, or X signal). Async-signal-safe enough for the
 * exit paths (one write on the socket). */
void gdb_exit(int status);
void gdb_exit_signal(int sig);

#endif
