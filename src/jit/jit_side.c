/* Side tables of the translations: for each one its code range, block pc and lent registers
 * (a loop's local register assignment), and for each
 * host instruction that may fault (a guest memory access) the guest pc it belongs to. A host
 * fault in translated code is looked up here (jit_fault_state) to rebuild the exact guest
 * pc; the fixed register mapping gives the registers. Two arrays in code-cache order (the
 * cache is a bump allocator, so they are sorted by address), each reserved once for the
 * largest cache (MAP_NORESERVE: only what is used is committed) so that they never move
 * under a fault handler reading them. */
#include <stdbool.h>
#include <sys/mman.h>

#include "jit/jit_internal.h"

typedef struct side_tr {
  uintptr_t code;    /* executable address of the translation */
  uint32_t size;
  uint32_t first;    /* its first record in recs[] */
  uint32_t n;
  uint64_t pc;       /* the block's guest pc */
  uint32_t fp_cached;   /* the guest f registers it keeps in xmm registers */
  uint8_t n_lends;
  jit_lend lends[JIT_N_MAPPED];
} side_tr;

static side_tr *trs;
static jit_fault_rec *recs;
static size_t cap_trs, cap_recs;
static size_t n_trs, n_recs;   /* published with release stores */
static bool broken;            /* could not reserve: translations then go without tables */

static bool reserve(void) {
  if (trs || broken)
    return !broken;
  /* Every translation is at least 16 bytes long and every faulting instruction 4 bytes. */
  cap_trs = (size_t)(1u << 30) / 16;
  cap_recs = (size_t)(1u << 30) / 4;
  void *a = mmap(NULL, cap_trs * sizeof *trs, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  void *c = mmap(NULL, cap_recs * sizeof *recs, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (a == MAP_FAILED || c == MAP_FAILED) {
    broken = true;
    return false;
  }
  trs = a;
  recs = c;
  return true;
}

void jit_side_add(const uint8_t *code_x, size_t size, uint64_t pc, const jit_fault_rec *f,
                  unsigned n, const jit_lend *lends, unsigned n_lends, uint32_t fp_cached) {
  if (!reserve() || n_trs >= cap_trs || n_recs + n > cap_recs)
    return;
  size_t first = n_recs;
  for (unsigned i = 0; i < n; i++)
    recs[first + i] = f[i];
  __atomic_store_n(&n_recs, first + n, __ATOMIC_RELEASE);
  side_tr *t = &trs[n_trs];
  *t = (side_tr){ (uintptr_t)code_x, (uint32_t)size, (uint32_t)first, n, pc, fp_cached,
                  (uint8_t)n_lends, { { 0, 0 } } };
  for (unsigned i = 0; i < n_lends && i < JIT_N_MAPPED; i++)
    t->lends[i] = lends[i];
  __atomic_store_n(&n_trs, n_trs + 1, __ATOMIC_RELEASE);
}

void jit_side_reset(void) {
  __atomic_store_n(&n_trs, 0, __ATOMIC_RELEASE);
  __atomic_store_n(&n_recs, 0, __ATOMIC_RELEASE);
  if (trs) {   /* give the pages back: a flush is rare */
    madvise(trs, cap_trs * sizeof *trs, MADV_DONTNEED);
    madvise(recs, cap_recs * sizeof *recs, MADV_DONTNEED);
  }
}

/* The translation holding host address a, or NULL. */
static const side_tr *tr_of(uintptr_t a) {
  size_t n = __atomic_load_n(&n_trs, __ATOMIC_ACQUIRE);
  size_t lo = 0, hi = n;   /* the last translation starting at or below a */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (trs[mid].code <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || a >= trs[lo - 1].code + trs[lo - 1].size)
    return NULL;
  return &trs[lo - 1];
}

bool jit_side_lookup(const void *host_pc, uint64_t *pc, jit_lend *lends, unsigned *n_lends,
                     uint32_t fp[3]) {
  uintptr_t a = (uintptr_t)host_pc;
  const side_tr *t = tr_of(a);
  if (!t)
    return false;
  uint32_t off = (uint32_t)(a - t->code);
  size_t l = t->first, h = (size_t)t->first + t->n;
  while (l < h) {
    size_t mid = l + (h - l) / 2;
    if (recs[mid].host_off < off)
      l = mid + 1;
    else
      h = mid;
  }
  if (l == (size_t)t->first + t->n || recs[l].host_off != off)
    return false;
  *pc = t->pc + recs[l].pc_off;
  fp[0] = t->fp_cached;
  fp[1] = recs[l].fp_dirty;
  fp[2] = recs[l].fp_single;
  *n_lends = t->n_lends;
  for (unsigned i = 0; i < t->n_lends; i++)
    lends[i] = t->lends[i];
  return true;
}

bool jit_side_find(const void *host_pc, uint64_t *pc, bool *lends) {
  uintptr_t a = (uintptr_t)host_pc;
  const side_tr *t = tr_of(a);
  if (!t)
    return false;
  uint32_t off = (uint32_t)(a - t->code);
  size_t l = t->first, h = (size_t)t->first + t->n;   /* the first record past off */
  while (l < h) {
    size_t mid = l + (h - l) / 2;
    if (recs[mid].host_off <= off)
      l = mid + 1;
    else
      h = mid;
  }
  *pc = t->pc + (l > t->first ? recs[l - 1].pc_off : 0);
  *lends = t->n_lends != 0;
  return true;
}
