/* Guest handlers for synchronous traps: SIGSEGV left by siglongjmp or fixed with mprotect and
 * returned from, SIGILL and SIGTRAP with si_addr and the ucontext pc, a handler that edits
 * uc_mcontext (pc, integer and FP registers, fcsr) and returns, stack overflow caught on the
 * alternate stack, and a bad stack when a signal comes (death by SIGSEGV). One mode per run
 * (argv[1]); the output is the same under qemu-riscv64 and Linux. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PC(uc) (((ucontext_t *)(uc))->uc_mcontext.__gregs[0])
#define GREG(uc, i) (((ucontext_t *)(uc))->uc_mcontext.__gregs[i])

static sigjmp_buf jb;
static volatile int hits;
static volatile uintptr_t got_addr, got_pc, want_pc;
static volatile int got_code, got_sig;

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, NULL) != 0) {
    perror("sigaction");
    exit(2);
  }
}

static void record(int sig, siginfo_t *si, void *uc)
{
  hits++;
  got_sig = sig;
  got_code = si->si_code;
  got_addr = (uintptr_t)si->si_addr;
  got_pc = PC(uc);
}

static void jump_out(int sig, siginfo_t *si, void *uc)
{
  record(sig, si, uc);
  siglongjmp(jb, 1);
}

/* SIGSEGV on unmapped memory, left by siglongjmp, many times (nothing may pile up). */
static int segv_longjmp(void)
{
  on(SIGSEGV, jump_out, 0);
  volatile char *bad = (char *)0x10;
  int n = 0;
  for (int i = 0; i < 2000; i++) {
    if (sigsetjmp(jb, 1) == 0)
      (void)*bad;
    else
      n++;
  }
  printf("segv_longjmp: %d caught, code %s, addr %#lx\n", n,
         got_code == SEGV_MAPERR ? "MAPERR" : "?", (unsigned long)got_addr);
  /* The mask was restored by siglongjmp: a SIGSEGV again works. */
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  printf("segv blocked after: %d\n", sigismember(&cur, SIGSEGV));
  return n == 2000 ? 0 : 1;
}

static char *page;
static void fix_prot(int sig, siginfo_t *si, void *uc)
{
  record(sig, si, uc);
  mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

/* Writing a read-only page: the handler makes it writable and returns; the store is redone. */
static int segv_mprotect(void)
{
  page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  on(SIGSEGV, fix_prot, 0);
  ((volatile char *)page)[100] = 42;
  printf("segv_mprotect: hits %d code %s addr ok %d value %d\n", hits,
         got_code == SEGV_ACCERR ? "ACCERR" : "?", got_addr == (uintptr_t)page + 100,
         page[100]);
  return 0;
}

/* The handler skips the trapping instruction (4 bytes) and edits registers. */
static void skip(int sig, siginfo_t *si, void *uc)
{
  record(sig, si, uc);
  PC(uc) += 4;
  GREG(uc, 10) = 1234;   /* a0 */
  ucontext_t *u = uc;
  u->uc_mcontext.__fpregs.__d.__f[10] = 0x4045000000000000ull;   /* fa0 = 42.0 */
  u->uc_mcontext.__fpregs.__d.__fcsr = 0x1f;                     /* all flags, rm RNE */
}

static int ill_or_trap(int sig)
{
  on(sig, skip, 0);
  long a0;
  double fa0;
  uintptr_t at;
  unsigned fl;
  if (sig == SIGILL)
    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 7\n fmv.d.x fa0, zero\n fsflags zero\n"
                     "lla %2, 1f\n1: .word 0\n"
                     "mv %0, a0\n fmv.d %1, fa0\n frflags %3\n.option pop"
                     : "=r"(a0), "=f"(fa0), "=&r"(at), "=r"(fl) : : "a0", "fa0", "memory");
  else
    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 7\n fmv.d.x fa0, zero\n fsflags zero\n"
                     "lla %2, 1f\n1: ebreak\n"
                     "mv %0, a0\n fmv.d %1, fa0\n frflags %3\n.option pop"
                     : "=r"(a0), "=f"(fa0), "=&r"(at), "=r"(fl) : : "a0", "fa0", "memory");
  printf("%s: hits %d code %d si_addr==pc %d uc pc==pc %d a0 %ld fa0 %g fflags %#x\n",
         sig == SIGILL ? "sigill" : "sigtrap", hits, got_code, got_addr == at, got_pc == at,
         a0, fa0, fl);
  return 0;
}

/* Deep recursion overflows the stack; the handler runs on the alternate stack. */
static char *alt;
static volatile uintptr_t handler_sp;
static volatile int onstack_flag;
static void overflow_handler(int sig, siginfo_t *si, void *uc)
{
  record(sig, si, uc);
  char here;
  handler_sp = (uintptr_t)&here;
  stack_t cur;
  sigaltstack(NULL, &cur);
  onstack_flag = cur.ss_flags;
  siglongjmp(jb, 1);
}

static int depth;
static int recurse(volatile char *p)
{
  volatile char buf[512];
  buf[0] = *p;
  depth++;
  return recurse(buf) + buf[0];
}

static int altstack(void)
{
  size_t sz = 64 * 1024;
  alt = malloc(sz);
  stack_t ss = { .ss_sp = alt, .ss_size = sz, .ss_flags = 0 };
  if (sigaltstack(&ss, NULL) != 0) {
    perror("sigaltstack");
    return 1;
  }
  stack_t small = { .ss_sp = alt, .ss_size = 100, .ss_flags = 0 };
  int e = sigaltstack(&small, NULL);
  printf("small altstack: %d\n", e);
  on(SIGSEGV, overflow_handler, SA_ONSTACK);
  char c = 0;
  if (sigsetjmp(jb, 1) == 0)
    recurse(&c);
  printf("altstack: hits %d code %s on alt %d ss_flags %d deep %d\n", hits,
         got_code == SEGV_MAPERR || got_code == SEGV_ACCERR ? "ok" : "?",
         handler_sp > (uintptr_t)alt && handler_sp < (uintptr_t)alt + sz, onstack_flag,
         depth > 1000);
  stack_t now;
  sigaltstack(NULL, &now);
  printf("after: flags %d same %d\n", now.ss_flags, now.ss_sp == alt && now.ss_size == sz);
  return 0;
}

/* No alternate stack: the overflow cannot get a frame, the process dies of SIGSEGV. */
static int overflow_noalt(void)
{
  on(SIGSEGV, jump_out, 0);
  char c = 0;
  recurse(&c);
  return 0;
}

/* The stack pointer is garbage when an asynchronous signal comes: death by SIGSEGV. */
static void never(int sig) { (void)sig; _exit(5); }
static int bad_sp(void)
{
  signal(SIGUSR1, never);
  __asm__ volatile("mv s1, sp\n li sp, 16\n"
                   "li a7, 172\n ecall\n"                  /* getpid() */
                   "li a1, %0\n li a7, 129\n ecall\n"     /* kill(pid, SIGUSR1) */
                   "mv sp, s1" : : "i"(SIGUSR1) : "s1", "a0", "a1", "a7", "memory");
  return 0;
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *m = argc > 1 ? argv[1] : "";
  if (!strcmp(m, "segv_longjmp")) return segv_longjmp();
  if (!strcmp(m, "segv_mprotect")) return segv_mprotect();
  if (!strcmp(m, "sigill")) return ill_or_trap(SIGILL);
  if (!strcmp(m, "sigtrap")) return ill_or_trap(SIGTRAP);
  if (!strcmp(m, "altstack")) return altstack();
  if (!strcmp(m, "overflow_noalt")) return overflow_noalt();
  if (!strcmp(m, "bad_sp")) return bad_sp();
  fprintf(stderr, "unknown mode\n");
  return 2;
}
