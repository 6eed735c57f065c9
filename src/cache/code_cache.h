/* The code cache: executable memory for translations, of a bounded size. The same memfd pages
 * are mapped twice, read+execute where the code runs and read+write where it is written, so
 * no page is ever writable and executable at once. Allocation is a bump pointer; when full,
 * everything is flushed at once (the caller drops every pointer into it). */
#ifndef RVX_CACHE_CODE_CACHE_H
#define RVX_CACHE_CODE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CC_DEFAULT_SIZE (UINT64_C(64) << 20)
#define CC_MIN_SIZE (UINT64_C(32) << 10)
#define CC_MAX_SIZE (UINT64_C(1) << 30)   /* rel32 branches must reach across the cache */

/* Maps the cache (size bytes, rounded to pages) plus `fixed` bytes at its start that survive
 * flushes (the translator's entry and exit code). Returns false if the host refuses (no
 * memfd, no executable mappings): the caller then runs without translations. */
bool cc_init(size_t size, size_t fixed);
bool cc_ready(void);
/* In a forked child: gives it a private copy of the cache (registered with pthread_atfork;
 * a fork that bypasses libc's fork must call it in the child). */
void cc_after_fork(void);

/* The writable view of the fixed area (its executable address is cc_w2x of it). */
uint8_t *cc_fixed(void);

/* Room for at most max bytes of code at the writable address returned (NULL if the cache,
 * even empty, is too small). Needs a flush first when cc_room(max) is false. */
bool cc_room(size_t max);
uint8_t *cc_begin(void);
/* Keeps the first used bytes of what cc_begin returned (aligned up to 16). */
void cc_commit(size_t used);
/* Forgets every translation (not the fixed area). */
void cc_flush(void);

/* Between the two views of one cache byte. */
uint8_t *cc_w2x(uint8_t *w);
uint8_t *cc_x2w(uint8_t *x);
bool cc_contains_x(const void *x);

/* Counters for --stats. */
extern uint64_t cc_flushes;
size_t cc_used(void);

#endif
