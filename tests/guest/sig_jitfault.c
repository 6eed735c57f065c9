/* Precise faults in hot code: a function called many times (so the translator has translated
 * it well before) loads through a pointer that becomes bad on one call. The SIGSEGV handler
 * checks what the frame says against what the guest state must be at that instruction: pc,
 * the address, and registers set just before (live in host registers if the translator keeps
 * them there); then it skips the load (pc += 4) and returns, and the loop goes on, the next
 * faults likewise. Prints what it saw, identical under every engine and under qemu. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char fault_insn[];   /* the load that faults (defined in the asm below) */

/* s2 = i, s3 = i * 3 + 7, s4 = ~i, a5 = a running sum, t1 = 0xfeedface, then the load
 * through p into t1. */
static __attribute__((noinline)) long step(long i, long sum, const long *p)
{
  long out;
  __asm__ volatile(
      "mv s2, %[i]\n\t"
      "slli s3, %[i], 1\n\t"
      "add s3, s3, %[i]\n\t"
      "addi s3, s3, 7\n\t"
      "not s4, %[i]\n\t"
      "add a5, %[sum], %[i]\n\t"
      "li t1, 0xfeedface\n\t"
      ".globl fault_insn\n"
      "fault_insn:\n\t"
      "ld t1, 0(%[p])\n\t"
      "add %[out], a5, t1\n\t"
      : [out] "=r"(out)
      : [i] "r"(i), [sum] "r"(sum), [p] "r"(p)
      : "s2", "s3", "s4", "a5", "t1", "memory");
  return out;
}

static volatile int faults, bad;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
  ucontext_t *uc = ctx;
  unsigned long *g = uc->uc_mcontext.__gregs;   /* [0] = pc, [n] = x[n] */
  long i = (long)g[18];                          /* s2 */
  if (sig != SIGSEGV || g[0] != (unsigned long)fault_insn || si->si_code != SEGV_MAPERR ||
      (uintptr_t)si->si_addr != 0x10 + (uintptr_t)i * 8 ||
      g[19] != (unsigned long)(i * 3 + 7) || g[20] != (unsigned long)~i ||
      g[6] != 0xfeedface)                        /* t1: untouched by the faulting load */
    bad++;
  faults++;
  g[0] += 4;                                      /* skip the load: t1 keeps 0xfeedface */
}

int main(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  static const long one = 1;
  long sum = 0;
  for (long i = 0; i < 5000; i++) {
    /* Every 1000th call loads from a small bad address (0x10 + 8 i). */
    const long *p = i % 1000 == 999 ? (const long *)(uintptr_t)(0x10 + i * 8) : &one;
    sum = step(i, sum, p) & 0xffffffff;
  }
  printf("faults %d, bad frames %d, sum %ld\n", faults, bad, sum);
  return bad != 0;
}
