/* A gdb remote stub (-g PORT, --gdb PORT, RVX_GDB=PORT): rvx waits on 127.0.0.1:PORT for gdb
 * before the guest's first instruction and then runs the guest under its control. The hooks
 * the rest of rvx calls; docs/gdb-section.md describes the design. */
#ifndef RVX_GDB_H
#define RVX_GDB_H

#include <stdbool.h>
#include <stdint.h>
#include "interp/cpu.h"

/* True while a debugger is attached: guest threads run in gdb_run, not in interp_run (and so
 * never in translated code). Cleared by detach, by gdb going away, in a forked child. */
extern volatile bool gdb_on;

/* Listens on 127.0.0.1:port and waits for gdb to connect; the guest stays stopped before its
 * first instruction (main's thread must already be os_thread_first). Exits with status 1
 * and a message when the port cannot be had. */
void gdb_start(int port);

/* Runs the guest thread of cpu one instruction at a time, stopping at breakpoints,
 * watchpoints, steps and stop requests; returns when the debugger has gone (the caller then
 * runs the normal engine). Called by exc_run. */
void gdb_run(rv_cpu *cpu);

/* The guest signal sig is about to be delivered to the thread of cpu (a trap, or an
 * asynchronous signal at a block boundary): reports it to gdb and waits until gdb resumes the
 * thread. Returns the signal to deliver: sig, another one, or 0 (gdb swallowed it). */
int gdb_signal(rv_cpu *cpu, int sig);

/* The process ends: tells gdb (W status, or X signal). Async-signal-safe enough for the
 * exit paths (one write on the socket). */
void gdb_exit(int status);
void gdb_exit_signal(int sig);

#endif
