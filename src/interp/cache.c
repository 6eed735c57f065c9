/* Interpreter block cache: predecoded blocks in a bump arena, found by guest pc through a
 * direct-mapped jump cache and a hash table, shared by every guest thread.
 *
 * Reads are lock-free. Block pointers live in hash buckets, the jump cache and the successor
 * slots of blocks; each is loaded and stored as a whole pointer (INTERP_LOAD/INTERP_STORE,
 * acquire/release), and a block is complete before a pointer to it is published. Building a
 * block (the slow path) predecodes without any lock; only the insertion takes `add_lock`,
 * which also owns the arena's bump pointer, and it re-checks the hash so that two threads
 * building the same pc keep one block. Return predictions (run.c) are per thread.
 *
 * Invalidation is all or nothing (fence.i, riscv_flush_icache, unmapping or reprotecting a
 * page that holds decoded code, a full arena) and never frees memory a thread may be using:
 *   - A thread is RUNNING while it may hold block pointers (it executes blocks or is in the
 *     dispatcher's lookup), PARKED in a syscall, at a block boundary that waits, or before its
 *     first block. Parking is one release store; the dispatcher parks around every syscall.
 *   - A flush is first only requested (a flag): the syscall or fence.i that asks runs inside a
 *     block. The next thread to sync (the requester's own next lookup, at the latest) takes
 *     `flush_lock`, marks the flush BUSY, sets cpu->async_stop on every RUNNING thread (again
 *     and again until it parks: the signal code may clear the flag) and waits until no thread
 *     is RUNNING. A running thread parks at its next block boundary (the dispatcher's
 *     async_stop) or lookup. Then the flusher empties the arena, the hash table, the jump cache
 *     and the page bitmap, advances the generation `gen` and clears BUSY.
 *   - A thread becomes RUNNING again only in interp_cache_sync: it stores RUNNING, then checks
 *     BUSY (both sequentially consistent, against the flusher's BUSY-then-read-states, so one
 *     of the two always sees the other) and parks again to wait if a flush is under way. If
 *     `gen` moved since it last ran, its old pointers (successor slot in hand, return
 *     predictions) are dropped.
 * No lock is held while waiting for threads to park, and no thread waits for a lock while
 * RUNNING except add_lock, whose holders never wait for anything: no deadlock.
 *
 * A bitmap of the guest pages that hold decoded code lets munmap/mprotect of other pages leave
 * the cache alone. A page's bit is set before its code is read (interp_cache_mark) and
 * mem/ tests the bits under its lock, in the same critical section that changes the mapping;
 * the predecoder reads protections under that lock too. So either the mapping change sees the
 * bit and requests a flush (which, waiting for the decoding thread to park, comes after its
 * block is inserted), or the decoder sees the new mapping. */
#define _GNU_SOURCE
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
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

/* interp_flush_flag bits */
#define FLUSH_REQUESTED 1   /* a flush is wanted: the next thread to sync carries it out */
#define FLUSH_BUSY 2        /* a flush is under way: threads that sync wait */
#define FLUSH_WAITERS 4     /* some thread sleeps on the flag until BUSY clears */

#define SEQ __ATOMIC_SEQ_CST
#define RLX __ATOMIC_RELAXED

interp_block *interp_jcache[1u << INTERP_JC_BITS];
int interp_flush_flag;
static interp_block *buckets[1u << HASH_BITS];
static uint64_t gen;
static uint8_t *arena;
static size_t arena_used;                  /* guarded by add_lock */
/* One bit per guest page holding (part of) a decoded block, and the range of words in use. */
static uint64_t *code_pages;
static uint64_t code_lo = UINT64_MAX, code_hi;

static pthread_mutex_t add_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static interp_thread *threads;             /* guarded by threads_lock */
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

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

void interp_cache_attach(interp_thread *t, rv_cpu *cpu) {
  pthread_once(&init_once, cache_init);
  t->cpu = cpu;
  t->state = INTERP_PARKED;
  pthread_mutex_lock(&threads_lock);
  t->gen = __atomic_load_n(&gen, RLX);
  t->next = threads;
  threads = t;
  pthread_mutex_unlock(&threads_lock);
}

void interp_cache_detach(interp_thread *t) {
  interp_cache_park(t);
  pthread_mutex_lock(&threads_lock);
  for (interp_thread **p = &threads; *p; p = &(*p)->next)
    if (*p == t) {
      *p = t->next;
      break;
    }
  pthread_mutex_unlock(&threads_lock);
}

void interp_cache_after_fork(interp_thread *self) {
  /* The child has one thread: the others' records and whatever locks they held are gone. A
   * flush the parent was in the middle of is done again from the start. */
  pthread_mutex_init(&add_lock, NULL);
  pthread_mutex_init(&flush_lock, NULL);
  pthread_mutex_init(&threads_lock, NULL);
  threads = NULL;
  if (__atomic_load_n(&interp_flush_flag, SEQ) & FLUSH_BUSY)
    __atomic_store_n(&interp_flush_flag, FLUSH_REQUESTED, SEQ);
  if (self) {
    self->next = NULL;
    threads = self;
  }
}

/* Sleeps until no flush is under way. */
static void wait_not_busy(void) {
  int f;
  while ((f = __atomic_load_n(&interp_flush_flag, SEQ)) & FLUSH_BUSY) {
    if (!(f & FLUSH_WAITERS) &&
        !__atomic_compare_exchange_n(&interp_flush_flag, &f, f | FLUSH_WAITERS, false, SEQ, SEQ))
      continue;
    syscall(SYS_futex, &interp_flush_flag, FUTEX_WAIT_PRIVATE, f | FLUSH_WAITERS, NULL, NULL, 0);
  }
}

/* Empties the cache. Every other thread is parked. */
static void reset(void) {
  jit_flush_all();   /* translations belong to the blocks being dropped */
  memset(buckets, 0, sizeof buckets);
  memset(interp_jcache, 0, sizeof interp_jcache);
  arena_used = 0;
  uint64_t lo = __atomic_load_n(&code_lo, RLX), hi = __atomic_load_n(&code_hi, RLX);
  if (lo <= hi) {
    size_t bytes = (hi - lo + 1) * sizeof(uint64_t);
    if (bytes <= 65536)
      memset(code_pages + lo, 0, bytes);
    else  /* a sparse span (code at both ends of the space): give the pages back instead */
      madvise(code_pages, BITMAP_WORDS * sizeof(uint64_t), MADV_DONTNEED);
  }
  __atomic_store_n(&code_lo, UINT64_MAX, RLX);
  __atomic_store_n(&code_hi, 0, RLX);
}

/* The flush itself, by thread self (parked, holding flush_lock): stops the others, empties
 * the cache, lets them go. */
static void stop_and_flush(interp_thread *self) {
  __atomic_fetch_or(&interp_flush_flag, FLUSH_BUSY, SEQ);
  pthread_mutex_lock(&threads_lock);
  for (unsigned round = 0;; round++) {
    bool all_parked = true;
    for (interp_thread *t = threads; t; t = t->next)
      if (t != self && __atomic_load_n(&t->state, SEQ) == INTERP_RUNNING) {
        __atomic_store_n(&t->cpu->async_stop, 1, __ATOMIC_RELAXED);
        all_parked = false;
      }
    if (all_parked)
      break;
    if (round < 64) {
      sched_yield();
    } else {
      struct timespec ts = { 0, 20000 };
      nanosleep(&ts, NULL);
    }
  }
  /* Requests from now on need a flush after this one; those before are served by it. */
  __atomic_fetch_and(&interp_flush_flag, ~FLUSH_REQUESTED, SEQ);
  reset();
  __atomic_store_n(&gen, gen + 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&threads_lock);
  int f = __atomic_fetch_and(&interp_flush_flag, ~(FLUSH_BUSY | FLUSH_WAITERS), SEQ);
  if (f & FLUSH_WAITERS)
    syscall(SYS_futex, &interp_flush_flag, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

bool interp_cache_sync(interp_thread *t) {
  for (;;) {
    interp_cache_park(t);
    if (__atomic_load_n(&interp_flush_flag, SEQ) & FLUSH_REQUESTED) {
      pthread_mutex_lock(&flush_lock);
      if (__atomic_load_n(&interp_flush_flag, SEQ) & FLUSH_REQUESTED)
        stop_and_flush(t);
      pthread_mutex_unlock(&flush_lock);
    }
    wait_not_busy();
    __atomic_store_n(&t->state, INTERP_RUNNING, SEQ);
    if (!(__atomic_load_n(&interp_flush_flag, SEQ) & FLUSH_BUSY))
      break;
  }
  uint64_t g = __atomic_load_n(&gen, __ATOMIC_ACQUIRE);
  bool flushed = g != t->gen;
  t->gen = g;
  return flushed;
}

static void request_flush(void) {
  __atomic_fetch_or(&interp_flush_flag, FLUSH_REQUESTED, SEQ);
}

void interp_flush_all(void) {
  request_flush();
}

/* Called by mem/ under its lock, in the critical section that changed the mapping. */
void interp_flush_range(uint64_t start, uint64_t len) {
  uint64_t lo = __atomic_load_n(&code_lo, SEQ), hi = __atomic_load_n(&code_hi, SEQ);
  if (len == 0 || start >= GUEST_SIZE || lo > hi || !code_pages)
    return;
  uint64_t last = len > GUEST_SIZE - start ? GUEST_SIZE - 1 : start + len - 1;
  uint64_t p0 = start / GUEST_PAGE, p1 = last / GUEST_PAGE;
  uint64_t w0 = p0 / 64, w1 = p1 / 64;
  if (w0 < lo)
    w0 = lo;
  if (w1 > hi)
    w1 = hi;
  for (uint64_t w = w0; w <= w1 && w0 <= w1; w++) {
    uint64_t bits = __atomic_load_n(&code_pages[w], SEQ);
    if (w == p0 / 64)
      bits &= ~UINT64_C(0) << (p0 % 64);
    if (w == p1 / 64)
      bits &= ~UINT64_C(0) >> (63 - p1 % 64);
    if (bits) {
      request_flush();
      return;
    }
  }
}

/* Widens [code_lo, code_hi] to word w (before w's bit is set, so readers that see the bit see
 * the range). */
static void widen(uint64_t w) {
  uint64_t v = __atomic_load_n(&code_lo, SEQ);
  while (w < v && !__atomic_compare_exchange_n(&code_lo, &v, w, false, SEQ, SEQ))
    ;
  v = __atomic_load_n(&code_hi, SEQ);
  while (w > v && !__atomic_compare_exchange_n(&code_hi, &v, w, false, SEQ, SEQ))
    ;
}

void interp_cache_mark(uint64_t pc) {
  /* A block stays on its first page, but its last instruction may end on the next one. */
  for (uint64_t p = pc / GUEST_PAGE; p <= pc / GUEST_PAGE + 1 && p < N_PAGES; p++) {
    uint64_t bit = UINT64_C(1) << (p % 64);
    if (__atomic_load_n(&code_pages[p / 64], SEQ) & bit)
      continue;
    widen(p / 64);
    __atomic_fetch_or(&code_pages[p / 64], bit, SEQ);
  }
}

interp_block *interp_cache_find(uint64_t pc) {
  for (interp_block *b = INTERP_LOAD(&buckets[hash_pc(pc)]); b; b = INTERP_LOAD(&b->hash_next))
    if (b->pc == pc)
      return b;
  return NULL;
}

interp_block *interp_cache_add(uint64_t pc, uint64_t end, const interp_op *ops, unsigned n,
                               unsigned n_insns) {
  size_t size = sizeof(interp_block) + n * sizeof(interp_op);
  size = (size + 63) & ~(size_t)63;
  pthread_mutex_lock(&add_lock);
  interp_block *b = interp_cache_find(pc);
  if (b) {
    pthread_mutex_unlock(&add_lock);
    return b;
  }
  if (arena_used + size > ARENA_SIZE) {
    pthread_mutex_unlock(&add_lock);
    request_flush();
    return NULL;
  }
  b = (interp_block *)(arena + arena_used);
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
  INTERP_STORE(&buckets[h], b);
  pthread_mutex_unlock(&add_lock);
  return b;
}
