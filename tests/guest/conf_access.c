/* Confinement: every kind of guest memory access (loads and stores of each width, FP,
 * compressed and sp-based forms, LR/SC, every AMO, instruction fetch) aimed past the guest
 * space: at 2^38 and beyond, in rvx's guard, at "negative" addresses that wrap below the
 * region, and straddling 2^38. Each must raise SIGSEGV (SEGV_MAPERR at the access address,
 * as sv39 Linux) and change nothing: the destination register keeps its value.
 * Prints one line per case ("name addr: sig code off") and "FAIL ..." lines for cases that
 * break the rule; exits 0 when none does. Argument: rounds (default 2, so that translated
 * code runs the cases too under a low --jit-threshold). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define TOP (UINT64_C(1) << 38)

static volatile int got_sig, got_code;
static volatile uint64_t got_addr;
static int failures, quiet;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
  ucontext_t *uc = ctx;
  unsigned long *pc = &uc->uc_mcontext.__gregs[0];
  got_sig = sig;
  got_code = si->si_code;
  got_addr = (uint64_t)si->si_addr;
  if (*pc == (uint64_t)si->si_addr || *pc >= TOP) {
    /* A fetch fault: the test jumped with ra set to where it goes on. */
    *pc = uc->uc_mcontext.__gregs[1];
    return;
  }
  uint16_t first = *(uint16_t *)*pc;
  *pc += (first & 3) == 3 ? 4 : 2;
}

/* Checks the last case: it must have faulted with SIGSEGV, si_code want_code (SEGV_MAPERR
 * unless said otherwise) and si_addr in [lo, hi]. */
static int want_code = SEGV_MAPERR;

static void expect(const char *name, uint64_t addr, uint64_t lo, uint64_t hi, int changed)
{
  if (!quiet)
    printf("%s 0x%llx: sig %d code %d addr %s%s\n", name, (unsigned long long)addr, got_sig,
           got_code, got_addr >= lo && got_addr <= hi ? "ok" : "other",
           changed ? " REGISTER-CHANGED" : "");
  if (got_sig != SIGSEGV || got_code != want_code || got_addr < lo || got_addr > hi ||
      changed) {
    printf("FAIL %s at 0x%llx: sig %d code %d addr 0x%llx%s\n", name,
           (unsigned long long)addr, got_sig, got_code, (unsigned long long)got_addr,
           changed ? ", destination register changed" : "");
    failures++;
  }
  got_sig = got_code = 0;
  got_addr = 0;
}

#define SENT UINT64_C(0x5a5a5a5a12345678)

/* An integer load: rd must keep SENT. */
#define LOAD(insn, a)                                                                  \
  do {                                                                                 \
    uint64_t v_ = SENT;                                                                \
    __asm__ volatile(insn " %0, 0(%1)" : "+r"(v_) : "r"(a) : "memory");                \
    expect(insn, a, a, a + 7, v_ != SENT);                                             \
  } while (0)
#define STORE(insn, a)                                                                 \
  do {                                                                                 \
    __asm__ volatile(insn " %1, 0(%0)" : : "r"(a), "r"(SENT) : "memory");              \
    expect(insn, a, a, a + 7, 0);                                                      \
  } while (0)
#define FLOAD(insn, a)                                                                 \
  do {                                                                                 \
    double d_ = 1.5;                                                                   \
    __asm__ volatile(insn " %0, 0(%1)" : "+f"(d_) : "r"(a) : "memory");                \
    expect(insn, a, a, a + 7, d_ != 1.5);                                              \
  } while (0)
#define FSTORE(insn, a)                                                                \
  do {                                                                                 \
    double d_ = 2.5;                                                                   \
    __asm__ volatile(insn " %1, 0(%0)" : : "r"(a), "f"(d_) : "memory");                \
    expect(insn, a, a, a + 7, 0);                                                      \
  } while (0)
#define AMO(insn, a)                                                                   \
  do {                                                                                 \
    uint64_t v_ = SENT;                                                                \
    __asm__ volatile(insn " %0, %2, (%1)" : "+&r"(v_) : "r"(a), "r"(SENT) : "memory"); \
    expect(insn, a, a, a + 7, v_ != SENT);                                             \
  } while (0)
#define LR(insn, a)                                                                    \
  do {                                                                                 \
    uint64_t v_ = SENT;                                                                \
    __asm__ volatile(insn " %0, (%1)" : "+r"(v_) : "r"(a) : "memory");                 \
    expect(insn, a, a, a + 7, v_ != SENT);                                             \
  } while (0)
/* Compressed forms need x8..x15 / f8..f15: a4 holds the address, a5 / fa5 the value. */
#define CLOAD(insn, a)                                                                 \
  do {                                                                                 \
    register uint64_t p_ __asm__("a4") = a;                                            \
    register uint64_t v_ __asm__("a5") = SENT;                                         \
    __asm__ volatile(".option push\n.option rvc\n" insn " a5, 0(a4)\n.option pop"      \
                     : "+r"(v_) : "r"(p_) : "memory");                                 \
    expect(insn, a, a, a + 7, v_ != SENT);                                             \
  } while (0)
#define CSTORE(insn, a)                                                                \
  do {                                                                                 \
    register uint64_t p_ __asm__("a4") = a;                                            \
    register uint64_t v_ __asm__("a5") = SENT;                                         \
    __asm__ volatile(".option push\n.option rvc\n" insn " a5, 0(a4)\n.option pop"      \
                     : : "r"(p_), "r"(v_) : "memory");                                 \
    expect(insn, a, a, a + 7, 0);                                                      \
  } while (0)
#define CFLOAD(insn, a)                                                                \
  do {                                                                                 \
    register uint64_t p_ __asm__("a4") = a;                                            \
    register double d_ __asm__("fa5") = 1.5;                                           \
    __asm__ volatile(".option push\n.option rvc\n" insn " fa5, 0(a4)\n.option pop"     \
                     : "+f"(d_) : "r"(p_) : "memory");                                 \
    expect(insn, a, a, a + 7, d_ != 1.5);                                              \
  } while (0)
/* sp-based: sp itself points nowhere while the access runs; the handler runs on the
 * alternate stack. t0 keeps the real sp. */
#define SPLOAD(insn, a)                                                                \
  do {                                                                                 \
    register uint64_t v_ __asm__("a5") = SENT;                                         \
    __asm__ volatile("mv t0, sp\nmv sp, %1\n.option push\n.option rvc\n" insn          \
                     " a5, 0(sp)\n.option pop\nmv sp, t0"                              \
                     : "+r"(v_) : "r"(a) : "t0", "memory");                            \
    expect(insn, a, a, a + 7, v_ != SENT);                                             \
  } while (0)
#define SPSTORE(insn, a)                                                               \
  do {                                                                                 \
    register uint64_t v_ __asm__("a5") = SENT;                                         \
    __asm__ volatile("mv t0, sp\nmv sp, %0\n.option push\n.option rvc\n" insn          \
                     " a5, 0(sp)\n.option pop\nmv sp, t0"                              \
                     : : "r"(a), "r"(v_) : "t0", "memory");                            \
    expect(insn, a, a, a + 7, 0);                                                      \
  } while (0)

/* A load with base + negative offset: the address wraps around 2^64. */
static void wrap_offsets(void)
{
  uint64_t v = SENT, zero = 0;
  __asm__ volatile("ld %0, -8(%1)" : "+r"(v) : "r"(zero) : "memory");
  expect("ld -8(zero)", (uint64_t)-8, (uint64_t)-8, (uint64_t)-1, v != SENT);
  uint64_t near_top = TOP - 8;
  __asm__ volatile("sd %1, 2040(%0)" : : "r"(near_top), "r"(SENT) : "memory");
  expect("sd 2040(2^38-8)", TOP + 2032, TOP + 2032, TOP + 2039, 0);
  v = SENT;
  __asm__ volatile("lw %0, -2048(%1)" : "+r"(v) : "r"(TOP + 2048) : "memory");
  /* That one is inside (2^38 - 0): just past the end by zero bytes, still outside. */
  expect("lw -2048(2^38+2048)", TOP, TOP, TOP + 3, v != SENT);
}

static void fetch(uint64_t a)
{
  __asm__ volatile("la ra, 1f\njr %0\n1:" : : "r"(a) : "ra", "memory");
  expect("fetch", a, a, a + 1, 0);
}

static void all_widths(uint64_t a)
{
  LOAD("lb", a); LOAD("lbu", a); LOAD("lh", a); LOAD("lhu", a);
  LOAD("lw", a); LOAD("lwu", a); LOAD("ld", a);
  STORE("sb", a); STORE("sh", a); STORE("sw", a); STORE("sd", a);
  FLOAD("flw", a); FLOAD("fld", a); FSTORE("fsw", a); FSTORE("fsd", a);
  CLOAD("c.lw", a); CLOAD("c.ld", a); CSTORE("c.sw", a); CSTORE("c.sd", a);
  CFLOAD("c.fld", a);
  SPLOAD("c.lwsp", a); SPLOAD("c.ldsp", a); SPSTORE("c.swsp", a); SPSTORE("c.sdsp", a);
}

static void atomics(uint64_t a)
{
  LR("lr.w", a); LR("lr.d", a);
  AMO("amoswap.w", a); AMO("amoadd.w", a); AMO("amoxor.w", a); AMO("amoand.w", a);
  AMO("amoor.w", a); AMO("amomin.w", a); AMO("amomax.w", a); AMO("amominu.w", a);
  AMO("amomaxu.w", a);
  AMO("amoswap.d", a); AMO("amoadd.d", a); AMO("amoxor.d", a); AMO("amoand.d", a);
  AMO("amoor.d", a); AMO("amomin.d", a); AMO("amomax.d", a); AMO("amominu.d", a);
  AMO("amomaxu.d", a);
}

int main(int argc, char **argv)
{
  int rounds = argc > 1 ? atoi(argv[1]) : 2;
  static char alt[65536];
  stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt };
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);

  /* The last page below 2^38, mapped, so that straddling accesses start in mapped memory. */
  uint8_t *last = mmap((void *)(TOP - 4096), 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (last != (void *)(TOP - 4096)) {
    printf("FAIL cannot map the last page below 2^38\n");
    return 1;
  }
  memset(last, 0x11, 4096);

  static const uint64_t outside[] = {
    TOP,                              /* the first byte past the space */
    TOP + 8,
    TOP + 0xfff8,                     /* rvx's guard */
    TOP + 0x10000,                    /* just past rvx's guard */
    TOP + 0x100000,
    UINT64_C(1) << 39,
    UINT64_C(1) << 47,                /* the host's user space ends here */
    UINT64_C(0x00007fffffffe000),
    UINT64_C(1) << 63,                /* "negative" */
    UINT64_C(0xffffffc000000000),     /* -2^38: would wrap to base - 2^38 */
    UINT64_C(0xffffffffffff0000),     /* just below the region, wrapped */
    UINT64_C(0xfffffffffffffff8),     /* -8 */
  };
  for (int r = 0; r < rounds; r++) {
    quiet = r > 0;
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
      all_widths(outside[i]);
      atomics(outside[i]);
      fetch(outside[i]);
    }
    want_code = SEGV_ACCERR;
    fetch(TOP - 2);   /* the last halfword is mapped but not executable */
    want_code = SEGV_MAPERR;
    /* Straddling 2^38 from the mapped last page: half of the access is outside. */
    LOAD("lh", TOP - 1); LOAD("lw", TOP - 2); LOAD("ld", TOP - 4); LOAD("lwu", TOP - 1);
    STORE("sh", TOP - 1); STORE("sw", TOP - 2); STORE("sd", TOP - 4);
    FLOAD("fld", TOP - 4); FSTORE("fsd", TOP - 4); FLOAD("flw", TOP - 2);
    CLOAD("c.ld", TOP - 4); CSTORE("c.sd", TOP - 4);
    wrap_offsets();
    /* Nothing of the straddling stores landed below 2^38 either... at least not all of it:
     * Linux may emulate a misaligned store byte by byte; rvx stores nothing. */
    int touched = 0;
    for (int k = 4096 - 8; k < 4096; k++)
      touched += last[k] != 0x11;
    if (!quiet)
      printf("straddling stores changed %d of the last 8 bytes below 2^38\n", touched);
    /* The last 8 bytes inside are fine: a load there works. */
    uint64_t v;
    __asm__ volatile("ld %0, 0(%1)" : "=r"(v) : "r"(TOP - 8) : "memory");
    if (got_sig || (v != UINT64_C(0x1111111111111111) && !touched)) {
      printf("FAIL ld at 2^38-8: sig %d value %llx\n", got_sig, (unsigned long long)v);
      failures++;
    }
  }
  printf("%d failures\n", failures);
  return failures != 0;
}
