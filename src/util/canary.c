/* The canary build's guard words in rvx's own memory (see canary.h). The mmap, pthread_create
 * and _exit wrappers are linked in with -Wl,--wrap=mmap,--wrap=pthread_create,--wrap=_exit. */
#include "util/canary.h"

#ifdef RVX_CANARY
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define WORDS 32                      /* per canary (stack and heap ones) */
#define MAX_CANARIES 4096
#define PAGE 4096u

enum kind { K_DATA, K_BSS, K_HEAP, K_STACK, K_MAP };
static const char *const kind_name[] = {"static data", "bss", "heap", "host stack",
                                        "page next to an rvx mapping"};

struct canary {
  _Atomic(unsigned long *) p;
  size_t words;
  enum kind kind;
};
static struct canary table[MAX_CANARIES];
static atomic_size_t used;

/* The pattern depends on the address, so a copy of a canary elsewhere does not pass. */
static unsigned long pattern(const unsigned long *p)
{
  return ((uintptr_t)p * UINT64_C(0x9e3779b97f4a7c15)) ^ UINT64_C(0xc0ffee5afe11fe5);
}

static void fill(unsigned long *p, size_t words)
{
  for (size_t i = 0; i < words; i++)
    p[i] = pattern(&p[i]);
}

/* Registers a filled canary; returns its slot or -1 when the table is full (unchecked).
 * Slots of ended threads are reused. */
static pthread_mutex_t add_lock = PTHREAD_MUTEX_INITIALIZER;

static long add(unsigned long *p, size_t words, enum kind kind)
{
  fill(p, words);
  pthread_mutex_lock(&add_lock);
  size_t n = atomic_load(&used);
  long slot = -1;
  for (size_t i = 0; i < n && slot < 0; i++)
    if (!atomic_load(&table[i].p))
      slot = (long)i;
  if (slot < 0 && n < MAX_CANARIES)
    slot = (long)n;
  if (slot >= 0) {
    table[slot].words = words;
    table[slot].kind = kind;
    atomic_store(&table[slot].p, p);   /* published complete */
    if ((size_t)slot == n)
      atomic_store(&used, n + 1);
  }
  pthread_mutex_unlock(&add_lock);
  return slot;
}

static void put(const char *s)
{
  (void)!write(2, s, strlen(s));
}

static void put_hex(uintptr_t v)
{
  char b[19] = "0x";
  for (int i = 0; i < 16; i++)
    b[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
  b[18] = 0;
  put(b);
}

/* False (after a report) if slot i's canary changed. */
static bool intact(size_t i)
{
  unsigned long *p = atomic_load(&table[i].p);
  if (!p)
    return true;
  for (size_t w = 0; w < table[i].words; w++)
    if (p[w] != pattern(&p[w])) {
      put("rvx: canary: ");
      put(kind_name[table[i].kind]);
      put(" overwritten at ");
      put_hex((uintptr_t)&p[w]);
      put("\n");
      return false;
    }
  return true;
}

static unsigned long data_canary[WORDS] = {1};   /* in .data (initialized) */
static unsigned long bss_canary[WORDS];          /* in .bss */

/* RVX_CANARY_SELFTEST: which kind to overwrite at exit (-1: none). */
static int selftest = -1;

static void smash(void)
{
  for (size_t i = 0; i < atomic_load(&used); i++) {
    unsigned long *p = atomic_load(&table[i].p);
    if (p && (int)table[i].kind == selftest) {
      p[table[i].words / 2] ^= 1;
      return;
    }
  }
}

void canary_check(void)
{
  static atomic_flag smashed = ATOMIC_FLAG_INIT;
  if (selftest >= 0 && !atomic_flag_test_and_set(&smashed))
    smash();
  bool ok = true;
  for (size_t i = 0; i < atomic_load(&used) && i < MAX_CANARIES; i++)
    ok = intact(i) && ok;
  if (!ok)
    syscall(231 /* exit_group */, RVX_CANARY_STATUS);
}

static void at_exit(void)
{
  canary_check();
}

void canary_setup(unsigned long *main_frame)
{
  const char *t = getenv("RVX_CANARY_SELFTEST");
  static const char *const names[] = {"data", "bss", "heap", "stack", "map"};
  for (int k = 0; t && k < 5; k++)
    if (strcmp(t, names[k]) == 0)
      selftest = k;
  add(data_canary, WORDS, K_DATA);
  add(bss_canary, WORDS, K_BSS);
  unsigned long *heap = malloc(WORDS * sizeof *heap);
  if (heap)
    add(heap, WORDS, K_HEAP);
  add(main_frame, WORDS, K_STACK);
  atexit(at_exit);
}

/* ---- the wrappers ---- */

void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg);
void __real__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status) __attribute__((noreturn));

/* A mapping at a place of the kernel's choosing gets a canary page on each side: the room
 * for all three is reserved first, then the mapping itself goes in the middle. */
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
  if (addr || (flags & MAP_FIXED) || len == 0 || len > SIZE_MAX - 2 * PAGE)
    return __real_mmap(addr, len, prot, flags, fd, off);
  size_t span = (len + PAGE - 1) / PAGE * PAGE;
  uint8_t *r = __real_mmap(NULL, span + 2 * PAGE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED)
    return __real_mmap(addr, len, prot, flags, fd, off);
  void *m = __real_mmap(r + PAGE, len, prot, flags | MAP_FIXED, fd, off);
  if (m == MAP_FAILED) {
    munmap(r, span + 2 * PAGE);
    return m;
  }
  add((unsigned long *)r, PAGE / sizeof(unsigned long), K_MAP);
  add((unsigned long *)(r + PAGE + span), PAGE / sizeof(unsigned long), K_MAP);
  return m;
}

struct start {
  void *(*fn)(void *);
  void *arg;
};

/* Every host thread keeps a canary in its bottom frame while it runs. */
static void *thread_start(void *p)
{
  struct start s = *(struct start *)p;
  free(p);
  volatile unsigned long frame[WORDS];
  long slot = add((unsigned long *)frame, WORDS, K_STACK);
  void *r = s.fn(s.arg);
  if (slot >= 0) {
    if (!intact((size_t)slot))
      syscall(231 /* exit_group */, RVX_CANARY_STATUS);
    atomic_store(&table[slot].p, NULL);
  }
  return r;
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
  struct start *s = malloc(sizeof *s);
  if (!s)
    return __real_pthread_create(t, a, fn, arg);
  s->fn = fn;
  s->arg = arg;
  int e = __real_pthread_create(t, a, thread_start, s);
  if (e)
    free(s);
  return e;
}

void __wrap__exit(int status)
{
  canary_check();
  __real__exit(status);
}

#else
typedef int canary_unused;   /* ISO C wants something in every file */
#endif
