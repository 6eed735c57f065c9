/* Breakpoints and write watchpoints: sets the stepping guest threads look at before (a
 * breakpoint at the pc) and after (a changed watched range, after a store) each instruction.
 * Nothing is ever written into guest memory for a breakpoint. The sets change only while
 * every guest thread is stopped (gdb inserts and removes points then), so the threads read
 * them without a lock; the counts let a thread skip the look-up when a set is empty. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gdb/gdb_internal.h"
#include "mem/mem.h"

volatile unsigned gdb_n_bps, gdb_n_watches;
unsigned gdb_bp_gen;

/* Breakpoints: an open-addressing hash set of pcs (0 marks a free slot; pc 0 is never
 * executable: page 0 is never mapped), grown at half full. */
static uint64_t *bps;
static size_t bp_cap;

static size_t bp_slot(const uint64_t *set, size_t cap, uint64_t pc) {
  size_t i = (size_t)((pc >> 1) * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
  while (set[i] && set[i] != pc)
    i = (i + 1) & (cap - 1);
  return i;
}

bool gdb_bp_has(uint64_t pc) {
  return bp_cap && bps[bp_slot(bps, bp_cap, pc)] == pc;
}

bool gdb_bp_add(uint64_t pc) {
  if (!pc)
    return false;
  if (gdb_bp_has(pc))
    return true;
  if (2 * (gdb_n_bps + 1) > bp_cap) {
    size_t cap = bp_cap ? 2 * bp_cap : 64;
    uint64_t *n = calloc(cap, sizeof *n);
    if (!n)
      return false;
    for (size_t i = 0; i < bp_cap; i++)
      if (bps[i])
        n[bp_slot(n, cap, bps[i])] = bps[i];
    free(bps);
    bps = n;
    bp_cap = cap;
  }
  bps[bp_slot(bps, bp_cap, pc)] = pc;
  gdb_n_bps++;
  gdb_bp_gen++;
  return true;
}

bool gdb_bp_del(uint64_t pc) {
  if (!gdb_bp_has(pc))
    return false;
  /* Rebuild without it: deleting from linear probing is otherwise fiddly, and rare. */
  size_t i = bp_slot(bps, bp_cap, pc);
  bps[i] = 0;
  for (size_t j = (i + 1) & (bp_cap - 1); bps[j]; j = (j + 1) & (bp_cap - 1)) {
    uint64_t v = bps[j];
    bps[j] = 0;
    bps[bp_slot(bps, bp_cap, v)] = v;
  }
  gdb_n_bps--;
  gdb_bp_gen++;
  return true;
}

/* Watchpoints: each range and the bytes it held when last looked at. */
#define MAX_WATCH 64
#define WATCH_MAX_LEN 64
typedef struct watch {
  uint64_t addr, len;
  uint8_t old[WATCH_MAX_LEN];
  bool readable;   /* old holds the bytes (the range was mapped readable) */
} watch;
static watch watches[MAX_WATCH];

/* Reads the range's bytes into out; false when not all of it is readable. */
static bool read_range(const watch *w, uint8_t *out) {
  const void *p = mem_guest_ptr(w->addr, w->len, PROT_READ);
  if (!p)
    return false;
  memcpy(out, p, w->len);
  return true;
}

bool gdb_watch_add(uint64_t addr, uint64_t len) {
  if (len == 0 || len > WATCH_MAX_LEN || gdb_n_watches == MAX_WATCH || addr >= GUEST_SIZE)
    return false;
  watch *w = &watches[gdb_n_watches];
  w->addr = addr;
  w->len = len;
  w->readable = read_range(w, w->old);
  gdb_n_watches++;
  return true;
}

bool gdb_watch_del(uint64_t addr, uint64_t len) {
  for (unsigned i = 0; i < gdb_n_watches; i++)
    if (watches[i].addr == addr && watches[i].len == len) {
      watches[i] = watches[--gdb_n_watches];
      return true;
    }
  return false;
}

bool gdb_watch_changed(uint64_t *addr) {
  pthread_mutex_lock(&gdb_lock);   /* two threads storing at once: one reports */
  bool hit = false;
  for (unsigned i = 0; i < gdb_n_watches && !hit; i++) {
    watch *w = &watches[i];
    uint8_t now[WATCH_MAX_LEN];
    bool readable = read_range(w, now);
    if (readable != w->readable || (readable && memcmp(now, w->old, w->len) != 0)) {
      memcpy(w->old, now, w->len);
      w->readable = readable;
      *addr = w->addr;
      hit = true;
    }
  }
  pthread_mutex_unlock(&gdb_lock);
  return hit;
}

void gdb_points_clear(void) {
  /* Emptied, not freed: when gdb goes away while the guest runs, threads may be looking. */
  gdb_n_bps = 0;
  if (bps)
    memset(bps, 0, bp_cap * sizeof *bps);
  gdb_n_watches = 0;
  gdb_bp_gen++;
}

/* The breakpoints the cached blocks were cut at (gdb_block), sorted; and the current set the
 * same way. gdb takes its breakpoints out at every stop and puts them back before resuming,
 * and steps over the one it stopped at with that one out: comparing sets rather than counting
 * changes spares those resumes a flush. */
static uint64_t *built;
static size_t n_built;

static int cmp_pc(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

bool gdb_bps_changed(void) {
  size_t n = 0;
  uint64_t *now = gdb_n_bps ? malloc(gdb_n_bps * sizeof *now) : NULL;
  if (gdb_n_bps && !now)
    return true;   /* cannot tell: the caller flushes, which is always right */
  for (size_t i = 0; i < bp_cap; i++)
    if (bps[i])
      now[n++] = bps[i];
  qsort(now, n, sizeof *now, cmp_pc);
  bool same = n == n_built && (n == 0 || memcmp(now, built, n * sizeof *now) == 0);
  free(built);
  built = now;
  n_built = n;
  return !same;
}
