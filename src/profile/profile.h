/* Profile database, first part: per-block execution counters (the heat field of each
 * interpreter block) and the promotion policy to tier 1 (--engine, --jit-threshold). */
#ifndef RVX_PROFILE_H
#define RVX_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

/* Block entries before a block is translated, unless --jit-threshold says otherwise:
 * measured with bench/ (see docs/ARCHITECTURE.md): lower costs translation time on code run
 * a few times, higher leaves hot loops interpreted longer. */
#define PROF_DEFAULT_THRESHOLD 50

/* Whether blocks are promoted to translations at all (--engine=jit, the default on x86-64). */
bool prof_jit_enabled(void);
/* Turns promotion off for good (the host refused executable memory). */
void prof_disable_jit(void);

/* The heat a new block starts with: the threshold, or INT32_MAX when nothing is promoted. */
int32_t prof_initial_heat(void);

/* Blocks sent to the translator (for --stats). */
extern uint64_t prof_promotions;

#endif
