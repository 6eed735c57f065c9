/* Code flushes while other threads run guest code. A generator thread rewrites a function in
 * an RWX page ("li a0, g; ret") and publishes g after flushing the instruction cache of every
 * hart (__builtin___clear_cache: the riscv_flush_icache syscall); callers in other threads
 * must never get a value older than what was published before their call. Meanwhile another
 * thread executes fence.i in a loop and others compute, each on its own code: every result
 * must stay right. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GENERATIONS 100
#define CALLERS 2

static uint32_t *code;
static int published, done;
static long stale, calls, compute_errors;

static uint32_t li_a0(int v) { return 0x00000513u | ((uint32_t)v << 20); }

static void *generator(void *arg) {
  (void)arg;
  for (int g = 1; g <= GENERATIONS; g++) {
    __atomic_store_n(&code[0], li_a0(g), __ATOMIC_RELAXED);
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    __atomic_store_n(&published, g, __ATOMIC_RELEASE);
    usleep(200);
  }
  __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
  return NULL;
}

static void *caller(void *arg) {
  (void)arg;
  int (*fn)(void) = (int (*)(void))(uintptr_t)code;
  long n = 0, bad = 0;
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
    int p = __atomic_load_n(&published, __ATOMIC_ACQUIRE);
    int r = fn();
    if (r < p)
      bad++;
    n++;
  }
  if (fn() != GENERATIONS)
    bad++;
  __atomic_fetch_add(&stale, bad, __ATOMIC_RELAXED);
  __atomic_fetch_add(&calls, n, __ATOMIC_RELAXED);
  return NULL;
}

static void *fencer(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
    __asm__ volatile("fence.i" ::: "memory");
    usleep(100);
  }
  return NULL;
}

static unsigned long collatz_steps(unsigned long n) {
  unsigned long s = 0;
  while (n != 1) {
    n = n & 1 ? 3 * n + 1 : n / 2;
    s++;
  }
  return s;
}

static void *computer(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
    unsigned long total = 0;
    for (unsigned long i = 1; i <= 3000; i++)
      total += collatz_steps(i);
    if (total != 215063)   /* sum of the Collatz step counts of 1..3000 */
      __atomic_fetch_add(&compute_errors, 1, __ATOMIC_RELAXED);
  }
  return NULL;
}

int main(void) {
  code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
              -1, 0);
  if (code == MAP_FAILED)
    return 1;
  code[0] = li_a0(0);
  code[1] = 0x00008067;   /* ret */
  __builtin___clear_cache((char *)code, (char *)(code + 2));
  pthread_t t[CALLERS + 3];
  int n = 0;
  for (int i = 0; i < CALLERS; i++)
    pthread_create(&t[n++], NULL, caller, NULL);
  pthread_create(&t[n++], NULL, fencer, NULL);
  pthread_create(&t[n++], NULL, computer, NULL);
  pthread_create(&t[n++], NULL, generator, NULL);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  printf("stale results %ld, compute errors %ld, calls made: %s\n", stale, compute_errors,
         calls > 0 ? "yes" : "no");
  return 0;
}
