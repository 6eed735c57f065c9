/* Interpreter block cache: predecoded blocks in a bump arena, found by guest pc through a
 * direct-mapped jump cache and a hash table. Invalidation is all or nothing (flushing is rare:
 * fence.i, or unmapping/reprotecting a page that holds decoded code), and is deferred to the
 * dispatcher's next lookup, because the flush may be asked for while a block is running.
 * A bitmap of the guest pages that hold decoded code lets munmap/mprotect of data pages leave
 * the cache alone. Single-threaded: guest threads will need a lock or per-thread caches. */
#include <string.h>
#include <sys/mman.h>
#include "interp/block.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "profile/profile.h"
#include "mem/mem.h"
#include "util/log.h"

#define HASH_BITS 16
#ifndef INTERP_ARENA_SIZE   /* bytes of predecoded blocks before a flush (tests make it small) */
#define INTERP_ARENA_SIZE (UINT64_C(64) << 20)
#endif
#define ARENA_SIZE INTERP_ARENA_SIZE
#define N_PAGES (GUEST_SIZE / GUEST_PAGE)
#define BITMAP_WORDS (N_PAGES / 64)

interp_block *interp_jcache[1u << INTERP_JC_BITS];
static interp_block *buckets[1u << HASH_BITS];
static uint8_t *arena;
static size_t arena_used;
static bool flush_requested;
/* One bit per guest page holding (part of) a decoded block, and the range of words in use. */
static uint64_t *code_pages;
static uint64_t code_lo = UINT64_MAX, code_hi;

static unsigned hash_pc(uint64_t pc) {
  return (unsigned)((pc >> 1) * UINT64_C(0x9e3779b97f4a7c15) >> (64 - HASH_BITS));
}

static void cache_init(void) {
  arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  code_pages = mmap(NULL, BITMAP_WORDS * sizeof(uint64_t), PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (arena == MAP_FAILED || code_pages == MAP_FAILED)
    log_fatal("cannot allocate the interpreter's block cache");
}

static void do_flush(void) {
  memset(buckets, 0, sizeof buckets);
  memset(interp_jcache, 0, sizeof interp_jcache);
  arena_used = 0;
  if (code_lo <= code_hi) {
    size_t bytes = (code_hi - code_lo + 1) * sizeof(uint64_t);
    if (bytes <= 65536)
      memset(code_pages + code_lo, 0, bytes);
    else  /* a sparse span (code at both ends of the space): give the pages back instead */
      madvise(code_pages, BITMAP_WORDS * sizeof(uint64_t), MADV_DONTNEED);
  }
  code_lo = UINT64_MAX;
  code_hi = 0;
  flush_requested = false;
  jit_flush_all();   /* translations belong to the blocks being dropped */
}

bool interp_cache_sync(void) {
  if (!flush_requested)
    return false;
  do_flush();
  return true;
}

void interp_flush_all(void) {
  flush_requested = true;
}

void interp_flush_range(uint64_t start, uint64_t len) {
  if (len == 0 || start >= GUEST_SIZE || code_lo > code_hi)
    return;
  uint64_t last = len > GUEST_SIZE - start ? GUEST_SIZE - 1 : start + len - 1;
  uint64_t p0 = start / GUEST_PAGE, p1 = last / GUEST_PAGE;
  uint64_t w0 = p0 / 64, w1 = p1 / 64;
  if (w0 < code_lo)
    w0 = code_lo;
  if (w1 > code_hi)
    w1 = code_hi;
  for (uint64_t w = w0; w <= w1 && w0 <= w1; w++) {
    uint64_t bits = code_pages[w];
    if (w == p0 / 64)
      bits &= ~UINT64_C(0) << (p0 % 64);
    if (w == p1 / 64)
      bits &= ~UINT64_C(0) >> (63 - p1 % 64);
    if (bits) {
      flush_requested = true;
      return;
    }
  }
}

static void mark_pages(uint64_t start, uint64_t end) {
  for (uint64_t p = start / GUEST_PAGE; p <= (end - 1) / GUEST_PAGE && p < N_PAGES; p++) {
    code_pages[p / 64] |= UINT64_C(1) << (p % 64);
    if (p / 64 < code_lo)
      code_lo = p / 64;
    if (p / 64 > code_hi)
      code_hi = p / 64;
  }
}

interp_block *interp_cache_find(uint64_t pc) {
  for (interp_block *b = buckets[hash_pc(pc)]; b; b = b->hash_next)
    if (b->pc == pc)
      return b;
  return NULL;
}

interp_block *interp_cache_add(uint64_t pc, uint64_t end, const interp_op *ops, unsigned n,
                               unsigned n_insns, bool *flushed) {
  if (!arena)
    cache_init();
  *flushed = false;
  size_t size = sizeof(interp_block) + n * sizeof(interp_op);
  size = (size + 63) & ~(size_t)63;
  if (flush_requested || arena_used + size > ARENA_SIZE) {
    do_flush();
    *flushed = true;
  }
  interp_block *b = (interp_block *)(arena + arena_used);
  arena_used += size;
  b->pc = pc;
  b->end = end;
  b->succ[0] = b->succ[1] = NULL;
  b->n_ops = n;
  b->n_insns = n_insns;
  b->heat = prof_initial_heat();
  b->jit = NULL;
  memcpy(b->ops, ops, n * sizeof(interp_op));
  unsigned h = hash_pc(pc);
  b->hash_next = buckets[h];
  buckets[h] = b;
  mark_pages(pc, end);
  return b;
}
