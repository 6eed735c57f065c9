/* The profiler's internals shared by its files: the sample records and the aggregated
 * profile (call tree and function totals) the reports are written from. */
#ifndef RVX_PRF_INTERNAL_H
#define RVX_PRF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Most return addresses kept per sample (the outermost beyond are dropped). */
#define PRF_MAX_FRAMES 128
/* Samples per second of a thread's CPU time. */
#define PRF_HZ 1000

/* Where a sample was taken: in the timer's signal handler from translated code (host pc
 * mapped by the translator's side tables), or at the next block boundary (interpreter, a
 * syscall, C helpers, a loop translation with lent registers). */
enum { PRF_IN_JIT = 1, PRF_AT_BOUNDARY = 2, PRF_RA_MAYBE = 4 };

/* One sample, as the sampler stored it: the pc, the ra register (a frame of its own when the
 * function at pc has not saved it: PRF_RA_MAYBE), and the return addresses of the frame
 * pointer chain, innermost first. */
typedef struct prf_sample {
  uint32_t tid;
  unsigned flags;
  uint64_t pc, ra;
  unsigned n;
  const uint64_t *ret;
} prf_sample;

/* Calls f for every complete sample stored so far. */
void prf_each_sample(void (*f)(const prf_sample *s, void *arg), void *arg);
/* Samples lost because the buffer was full. */
uint64_t prf_dropped(void);

/* The aggregated profile. Node 0 is the root ("all"); a node is a function called from its
 * parent's function along one path. */
typedef struct prf_func {
  char *name;
  uint64_t self, total;   /* samples with it on top / anywhere on the stack */
  uint64_t last;          /* the last sample counted in total (recursion counts once) */
} prf_func;

typedef struct prf_node {
  uint32_t func, parent, child, next;   /* first child, next sibling (0: none) */
  uint64_t count;                       /* samples through here */
} prf_node;

typedef struct prf_profile {
  prf_func *funcs;
  size_t n_funcs;
  prf_node *nodes;
  size_t n_nodes;
  uint64_t samples, in_jit, at_boundary, dropped, threads;
  unsigned max_depth;
} prf_profile;

/* Builds the profile from the stored samples (names from the guest's ELF symbol tables). */
bool prf_build(prf_profile *p);
void prf_free(prf_profile *p);

/* The reports. */
void prf_write_text(const prf_profile *p, FILE *out);
void prf_write_svg(const prf_profile *p, FILE *out, const char *title);

#endif
