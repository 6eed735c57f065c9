/* Atomicity under real parallelism: N threads hammer shared words with every AMO (.w and .d)
 * and with LR/SC loops; every total must come out exact, and every value an AMO returns must
 * be consistent with the thread's own earlier updates (a lost update shows as a mismatch).
 * Usage: thr_amo [threads [iterations]] */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int nthreads = 4;
static long iters = 20000;

#define AMO(insn, T, p, v) ({                                                          \
    T old_;                                                                            \
    __asm__ volatile(insn " %0, %2, (%1)" : "=&r"(old_) : "r"(p), "r"(v) : "memory");  \
    old_;                                                                              \
  })

static int32_t add_w, swap_lock_w, swap_count_w, xor_w, orand_w;
static int64_t add_d, swap_lock_d, swap_count_d, xor_d, orand_d;
static int32_t maxc_w, minc_w, maxuc_w, minuc_w;
static int64_t maxc_d, minc_d, maxuc_d, minuc_d;
static int32_t lrsc_w;
static int64_t lrsc_d;
static long errors;

typedef struct result {
  long max_wins_w, min_wins_w, maxu_wins_w, minu_wins_w;
  long max_wins_d, min_wins_d, maxu_wins_d, minu_wins_d;
} result;
static result results[64];

static void lrsc_inc_w(int32_t *p) {
  int32_t tmp, fail;
  __asm__ volatile("1: lr.w %0, (%2)\n addiw %0, %0, 1\n sc.w %1, %0, (%2)\n bnez %1, 1b"
                   : "=&r"(tmp), "=&r"(fail) : "r"(p) : "memory");
}

static void lrsc_inc_d(int64_t *p) {
  int64_t tmp, fail;
  __asm__ volatile("1: lr.d %0, (%2)\n addi %0, %0, 1\n sc.d %1, %0, (%2)\n bnez %1, 1b"
                   : "=&r"(tmp), "=&r"(fail) : "r"(p) : "memory");
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  long bad = 0;
  result *r = &results[id];
  int32_t bit_w = (int32_t)1 << id;
  int64_t bit_d = (int64_t)1 << (id + 32);
  for (long i = 0; i < iters; i++) {
    AMO("amoadd.w", int32_t, &add_w, 1);
    AMO("amoadd.d", int64_t, &add_d, 1);
    /* amoswap as a spinlock around a plain increment */
    while (AMO("amoswap.w.aq", int32_t, &swap_lock_w, 1))
      ;
    swap_count_w++;
    AMO("amoswap.w.rl", int32_t, &swap_lock_w, 0);
    while (AMO("amoswap.d.aq", int64_t, &swap_lock_d, 1))
      ;
    swap_count_d++;
    AMO("amoswap.d.rl", int64_t, &swap_lock_d, 0);
    /* amoxor: this thread's bit flips every time; the old value shows the parity so far */
    if (!!(AMO("amoxor.w", int32_t, &xor_w, bit_w) & bit_w) != (i & 1))
      bad++;
    if (!!(AMO("amoxor.d", int64_t, &xor_d, bit_d) & bit_d) != (i & 1))
      bad++;
    /* amoor sets this thread's bit, amoand clears it: before each, it must be clear / set */
    if (AMO("amoor.w", int32_t, &orand_w, bit_w) & bit_w)
      bad++;
    if (!(AMO("amoand.w", int32_t, &orand_w, ~bit_w) & bit_w))
      bad++;
    if (AMO("amoor.d", int64_t, &orand_d, bit_d) & bit_d)
      bad++;
    if (!(AMO("amoand.d", int64_t, &orand_d, ~bit_d) & bit_d))
      bad++;
    /* max/min as counters: whoever moves the word from what it read wins one step; the
     * final word must be exactly the number of wins */
    int32_t o32 = __atomic_load_n(&maxc_w, __ATOMIC_RELAXED);
    if (AMO("amomax.w", int32_t, &maxc_w, o32 + 1) == o32)
      r->max_wins_w++;
    o32 = __atomic_load_n(&minc_w, __ATOMIC_RELAXED);
    if (AMO("amomin.w", int32_t, &minc_w, o32 - 1) == o32)
      r->min_wins_w++;
    o32 = __atomic_load_n(&maxuc_w, __ATOMIC_RELAXED);
    if (AMO("amomaxu.w", int32_t, &maxuc_w, o32 + 1) == o32)
      r->maxu_wins_w++;
    o32 = __atomic_load_n(&minuc_w, __ATOMIC_RELAXED);
    if (AMO("amominu.w", int32_t, &minuc_w, o32 - 1) == o32)
      r->minu_wins_w++;
    int64_t o64 = __atomic_load_n(&maxc_d, __ATOMIC_RELAXED);
    if (AMO("amomax.d", int64_t, &maxc_d, o64 + 1) == o64)
      r->max_wins_d++;
    o64 = __atomic_load_n(&minc_d, __ATOMIC_RELAXED);
    if (AMO("amomin.d", int64_t, &minc_d, o64 - 1) == o64)
      r->min_wins_d++;
    o64 = __atomic_load_n(&maxuc_d, __ATOMIC_RELAXED);
    if (AMO("amomaxu.d", int64_t, &maxuc_d, o64 + 1) == o64)
      r->maxu_wins_d++;
    o64 = __atomic_load_n(&minuc_d, __ATOMIC_RELAXED);
    if (AMO("amominu.d", int64_t, &minuc_d, o64 - 1) == o64)
      r->minu_wins_d++;
    lrsc_inc_w(&lrsc_w);
    lrsc_inc_d(&lrsc_d);
  }
  __atomic_fetch_add(&errors, bad, __ATOMIC_RELAXED);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1)
    nthreads = atoi(argv[1]);
  if (argc > 2)
    iters = atol(argv[2]);
  if (nthreads < 1 || nthreads > 31)
    return 2;
  /* Start the signed counters across zero and the unsigned ones across the sign bit. */
  maxc_w = -1000; minc_w = 1000; maxuc_w = INT32_MAX - 1000; minuc_w = INT32_MIN + 1000;
  maxc_d = -1000; minc_d = 1000; maxuc_d = INT64_MAX - 1000; minuc_d = INT64_MIN + 1000;
  int32_t maxc_w0 = maxc_w, minc_w0 = minc_w, maxuc_w0 = maxuc_w, minuc_w0 = minuc_w;
  int64_t maxc_d0 = maxc_d, minc_d0 = minc_d, maxuc_d0 = maxuc_d, minuc_d0 = minuc_d;
  pthread_t t[32];
  for (int i = 0; i < nthreads; i++)
    if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i))
      return 3;
  for (int i = 0; i < nthreads; i++)
    pthread_join(t[i], NULL);
  long total = nthreads * iters;
  result s = { 0 };
  for (int i = 0; i < nthreads; i++) {
    s.max_wins_w += results[i].max_wins_w; s.min_wins_w += results[i].min_wins_w;
    s.maxu_wins_w += results[i].maxu_wins_w; s.minu_wins_w += results[i].minu_wins_w;
    s.max_wins_d += results[i].max_wins_d; s.min_wins_d += results[i].min_wins_d;
    s.maxu_wins_d += results[i].maxu_wins_d; s.minu_wins_d += results[i].minu_wins_d;
  }
  printf("threads %d x %ld\n", nthreads, iters);
  printf("amoadd.w %s\n", add_w == total ? "ok" : "WRONG");
  printf("amoadd.d %s\n", add_d == total ? "ok" : "WRONG");
  printf("amoswap.w %s\n", swap_count_w == total && swap_lock_w == 0 ? "ok" : "WRONG");
  printf("amoswap.d %s\n", swap_count_d == total && swap_lock_d == 0 ? "ok" : "WRONG");
  int32_t xw = 0;
  int64_t xd = 0;
  for (int i = 0; i < nthreads; i++)
    if (iters & 1) {
      xw |= (int32_t)1 << i;
      xd |= (int64_t)1 << (i + 32);
    }
  printf("amoxor %s\n", xor_w == xw && xor_d == xd ? "ok" : "WRONG");
  printf("amoor/amoand %s\n", orand_w == 0 && orand_d == 0 ? "ok" : "WRONG");
  printf("amomax.w %s\n", maxc_w - maxc_w0 == s.max_wins_w ? "ok" : "WRONG");
  printf("amomin.w %s\n", minc_w0 - minc_w == s.min_wins_w ? "ok" : "WRONG");
  printf("amomaxu.w %s\n", (uint32_t)maxuc_w - (uint32_t)maxuc_w0 == s.maxu_wins_w ? "ok" : "WRONG");
  printf("amominu.w %s\n", (uint32_t)minuc_w0 - (uint32_t)minuc_w == s.minu_wins_w ? "ok" : "WRONG");
  printf("amomax.d %s\n", maxc_d - maxc_d0 == s.max_wins_d ? "ok" : "WRONG");
  printf("amomin.d %s\n", minc_d0 - minc_d == s.min_wins_d ? "ok" : "WRONG");
  printf("amomaxu.d %s\n", (uint64_t)maxuc_d - (uint64_t)maxuc_d0 == (uint64_t)s.maxu_wins_d ? "ok" : "WRONG");
  printf("amominu.d %s\n", (uint64_t)minuc_d0 - (uint64_t)minuc_d == (uint64_t)s.minu_wins_d ? "ok" : "WRONG");
  printf("lr/sc.w %s\n", lrsc_w == total ? "ok" : "WRONG");
  printf("lr/sc.d %s\n", lrsc_d == total ? "ok" : "WRONG");
  printf("returned values %s\n", errors == 0 ? "ok" : "WRONG");
  if (errors)
    printf("  %ld inconsistent\n", errors);
  return 0;
}
