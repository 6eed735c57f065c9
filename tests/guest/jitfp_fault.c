/* FP registers across faults and signal handlers in hot code: a loop computes doubles and
 * singles into f registers (which the translator keeps in host registers), then loads from
 * an unmapped address in the same block. The SIGSEGV handler prints the f registers and
 * fflags from uc_mcontext, changes one of them and skips the load; the code after it must
 * see the handler's value and its own. Then an FP loop that only a signal ends (SIGALRM
 * from an interval timer), with the flags it raised. Output must match the interpreter and
 * qemu. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

static volatile int faults;
static int verbose;

static void on_segv(int sig, siginfo_t *si, void *uc_) {
  (void)sig;
  ucontext_t *uc = uc_;
  faults++;
  if (verbose) {
    printf("fault at +%lx addr %lx fcsr %x\n", (unsigned long)(uc->uc_mcontext.__gregs[0] & 0xf),
           (unsigned long)si->si_addr, uc->uc_mcontext.__fpregs.__d.__fcsr);
    for (int r = 1; r <= 6; r++)
      printf("  f%d %016llx\n", r, uc->uc_mcontext.__fpregs.__d.__f[r]);
  }
  double v = 42.5;
  memcpy(&uc->uc_mcontext.__fpregs.__d.__f[4], &v, 8);
  uc->uc_mcontext.__gregs[0] += 4;   /* past the faulting ld (4 bytes) */
}

/* f1..f6 computed, the fault, then f7 = f4 + f3 and f8 = f5 * f5 (single) read back. */
static void once(double a, float s, uint64_t out[4]) {
  volatile uint64_t *bad = (uint64_t *)8;
  __asm__ volatile(
      "fmv.d f1, %[a]\n\t"
      "fadd.d f2, f1, f1\n\t"
      "fmul.d f3, f2, f1\n\t"
      "fdiv.d f4, f3, f2\n\t"
      "fmv.s f5, %[s]\n\t"
      "fadd.s f5, f5, f5\n\t"
      "fsqrt.d f6, f3\n\t"
      ".option push\n\t.option norvc\n\t"
      "ld t0, 0(%[bad])\n\t"
      ".option pop\n\t"
      "fadd.d f7, f4, f3\n\t"
      "fmul.s f8, f5, f5\n\t"
      "fsd f7, 0(%[out])\n\t"
      "fsw f8, 8(%[out])\n\t"
      "fsd f6, 16(%[out])\n\t"
      "fsd f2, 24(%[out])\n\t"
      :
      : [a] "f"(a), [s] "f"(s), [bad] "r"(bad), [out] "r"(out)
      : "t0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "memory");
}

static volatile int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  uint64_t out[4];
  uint64_t sum = 0;
  for (int i = 0; i < 300; i++) {   /* hot: translated after the first few */
    verbose = i == 0 || i == 299;
    memset(out, 0, sizeof out);
    once(1.5 + i, 0.25f + (float)i, out);
    sum = sum * 31 + out[0] + out[1] + out[2] + out[3];
    if (verbose)
      printf("after: %016llx %08llx %016llx %016llx\n", (unsigned long long)out[0],
             (unsigned long long)(out[1] & 0xffffffff), (unsigned long long)out[2],
             (unsigned long long)out[3]);
  }
  printf("faults %d sum %016llx\n", faults, (unsigned long long)sum);

  /* An FP loop that runs until a signal arrives (the translator must let it in). */
  signal(SIGALRM, on_alarm);
  struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
  setitimer(ITIMER_REAL, &it, NULL);
  double x = 1.0, y = 0.0;
  long n = 0;
  while (alarms < 3) {
    x = x * 1.0000001 + 1e-300;
    y += x / 3.0;
    n++;
  }
  struct itimerval off = { { 0, 0 }, { 0, 0 } };
  setitimer(ITIMER_REAL, &off, NULL);
  unsigned fl;
  __asm__ volatile("frflags %0" : "=r"(fl));
  /* One more alarm may come between the loop's end and the timer's stop: not printed. */
  printf("alarms %s loop ran %s, flags %x, y finite %d\n", alarms >= 3 ? ">= 3" : "< 3",
         n > 0 ? "yes" : "no", fl,
         y == y && y < 1e308);
  return 0;
}
