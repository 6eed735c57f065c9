/* The guest profiler (--profile FILE.svg, --profile-text[=FILE]): periodic samples of every
 * guest thread's pc and call stack, written at exit as a flame graph and a table of the top
 * functions. How and why: docs/prof-section.md. Prefix prf_ (src/profile has prof_). */
#ifndef RVX_PROF_H
#define RVX_PROF_H

#include <stdbool.h>
#include <stdint.h>

#include "interp/cpu.h"

/* The host signal the sampling timers raise. While profiling it belongs to rvx: the guest's
 * action for it is recorded but not mirrored on the host (prf_owns_signal), and it is never
 * blocked on the host (prf_signal_bit); a guest signal of that number sent from outside is
 * still handed to the guest. */
#define PRF_SIGNAL 64
/* The host mask bit of PRF_SIGNAL while profiling, else 0. */
extern uint64_t prf_signal_bit;
static inline bool prf_owns_signal(int sig) { return prf_signal_bit && sig == PRF_SIGNAL; }

/* Once, after the options and before the guest runs: does nothing without --profile or
 * --profile-text; else checks that the output files can be written (exits with status 2 and
 * one line if not) and sets up sampling. */
void prf_init(void);
/* Every guest thread of the profiled process, before it runs guest code: starts its timer. */
void prf_thread_start(void);
/* A guest thread ends: stops its timer. */
void prf_thread_exit(void);
/* At a block boundary (os_async_stop, guest state exact in cpu): takes the sample the timer
 * left for here, if any. */
void prf_async_stop(rv_cpu *cpu);
/* The guest exits or dies (exit: the other guest threads stop at their next block boundary,
 * as they would be gone under Linux, while the reports are written) or execs (exit false):
 * stops sampling and writes the reports. Only the process that started profiling writes
 * (not a forked child), and only once. */
void prf_finish(bool exit);

#endif
