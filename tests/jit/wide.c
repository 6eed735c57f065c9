/* Translator test: accesses at a non-negative offset from a base register are checked on the
 * base alone (translate_mem.c): bases at and above the guest space's end, bases that wrap
 * around 2^64, and offsets that run from a valid base into the guard behind the region must
 * fault exactly as the interpreter says (pc, address, code), also for a second access off an
 * already checked base. Each case runs in a hot loop (translated), the fault caught and
 * reported by a SIGSEGV handler. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  fault_addr = (uintptr_t)si->si_addr;
  fault_code = si->si_code;
  siglongjmp(env, 1);
}

/* ld from 16(base), then 8(base): the second is covered by the first's check. */
__attribute__((noinline)) static uint64_t two_loads(uint64_t base) {
  uint64_t a, b;
  __asm__ volatile("ld %0, 16(%2)\n\tld %1, 8(%2)" : "=&r"(a), "=&r"(b) : "r"(base) : "memory");
  return a + b;
}

__attribute__((noinline)) static void store_at(uint64_t base, uint64_t v) {
  __asm__ volatile("sd %0, 2040(%1)" : : "r"(v), "r"(base) : "memory");
}

static void run(const char *name, int store, uint64_t base) {
  uint64_t sum = 0;
  static uint64_t ok[64];
  for (int i = 0; i < 300; i++) {   /* hot: translated well before the faulting round */
    if (sigsetjmp(env, 1)) {
      printf("%s: fault at round %d addr %#lx code %d sum %lu\n", name, i,
             (unsigned long)fault_addr, fault_code, (unsigned long)sum);
      return;
    }
    uint64_t b = i == 299 ? base : (uint64_t)(uintptr_t)ok;
    if (store)
      store_at(i == 299 ? base : (uint64_t)(uintptr_t)ok - 2040 + 8, (uint64_t)i);
    else
      sum += two_loads(b);
  }
  printf("%s: no fault, sum %lu\n", name, (unsigned long)sum);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  run("wrap", 0, (uint64_t)-8);                     /* 16(-8) = 8: unmapped, low */
  run("end", 0, UINT64_C(1) << 38);                 /* at the end of the guest space */
  run("far", 0, UINT64_C(1) << 60);
  run("guard", 0, (UINT64_C(1) << 38) - 12);        /* base valid, base + 16 in the guard */
  run("store-guard", 1, (UINT64_C(1) << 38) - 2000); /* base valid, +2040 past the end */
  run("store-high", 1, UINT64_MAX - 100);           /* wraps to 1939 */
  return 0;
}
