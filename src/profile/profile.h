/* Profile database, first part: per-block execution counters (the heat field of each
 * interpreter block) and the promotion policy to tier 1 (--engine, --jit-threshold). */
#ifndef RVX_PROFILE_H
#define RVX_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

/* Block entries before a block is translated, unless --jit-threshold says otherwise. Measured
 * (perf stat -r 60..80, static and dynamic hello, bench/): at 50 a dynamic hello started about
 * 0.3 ms (10%) slower than --engine=interp (its few hundred warm blocks get translated and the
 * translator set up for nothing); at 200 still slightly slower; at 500 and above at par within
 * noise. bench/ workloads ran the same at 50, 500 and 2000 (a block's first 500 entries in the
 * interpreter cost some 10-25 us, about as much as translating it). */
#define PROF_DEFAULT_THRESHOLD 500

/* Whether blocks are promoted to translations at all (--engine=jit, the default on x86-64). */
bool prof_jit_enabled(void);
/* Turns promotion off for good (the host refused executable memory). */
void prof_disable_jit(void);

/* The heat a new block starts with: the threshold, or INT32_MAX when nothing is promoted. */
int32_t prof_initial_heat(void);

/* Blocks sent to the translator (for --stats). */
extern uint64_t prof_promotions;

#endif
