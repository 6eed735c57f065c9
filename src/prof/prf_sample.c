/* The sampler: one timer per guest thread on the thread's own CPU clock (PRF_HZ), whose
 * signal handler records the guest pc and the frame pointer chain of the thread it lands on.
 *
 * In translated code the translator's side tables give the guest pc of the host pc and the
 * fixed register mapping gives sp and s0 (prf_jit_state), so the sample is taken in the
 * handler. Anywhere else (the interpreter, whose current op lives in a host register; a
 * syscall; a C helper) the handler sets cpu->async_stop and the sample is taken at the next
 * block boundary (prf_async_stop), where the guest state is exact: the interpreter checks at
 * every block, so the sample lands at most one block late.
 *
 * Samples go to one buffer shared by all threads (a bump pointer into a MAP_NORESERVE
 * reservation: no lock, no allocation in the handler), read at exit by prf_report.c. */
#define _GNU_SOURCE
#include "prof/prof.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "mem/mem.h"
#include "mem/mem_internal.h"
#include "mem/vma.h"
#include "os/thread.h"
#include "prof/prf_internal.h"
#include "util/options.h"

/* prf_jit.c: the guest pc, sp, s0 and ra at host pc `rip` in translated code. */
bool prf_jit_state(void *rip, const ucontext_t *uc, rv_cpu *cpu, uint64_t *pc, uint64_t *sp,
                   uint64_t *fp, uint64_t *ra);
/* The end of the safe syscall stub (os/signal_safe.c): a host pc there with -EINTR in rax is
 * a blocking call our signal interrupted. */
extern const char os_safe_syscall_end[];

uint64_t prf_signal_bit;

#define BUF_BYTES (UINT64_C(1) << 30)   /* reserved, committed as used: ~14 words a sample */
#define DONE UINT64_C(0x5a4d504c)       /* a record's first word once it is complete */

static uint64_t *buf;
static size_t buf_words, used;          /* used: words handed out (may pass buf_words) */
static uint64_t dropped;
static volatile int stopped;
static pid_t start_pid;
static int magic;                       /* &magic tells our timer's signals from others */

static __thread int timer_id = -1;
static __thread uint32_t my_tid;
static __thread volatile int pending;   /* a sample is due at the next block boundary */

/* Appends one record: [DONE] [tid | n << 32 | flags << 48] [pc] [ra] [ret...]. The size word
 * is written first and DONE last, so the reader can skip a record a thread left half written. */
static void put(unsigned flags, uint64_t pc, uint64_t ra, const uint64_t *ret, unsigned n)
{
  size_t words = 4 + (size_t)n;
  size_t at = __atomic_fetch_add(&used, words, __ATOMIC_RELAXED);
  if (at > buf_words || words > buf_words - at) {
    __atomic_fetch_add(&dropped, 1, __ATOMIC_RELAXED);
    return;
  }
  uint64_t *p = buf + at;
  __atomic_store_n(&p[1], my_tid | (uint64_t)n << 32 | (uint64_t)flags << 48, __ATOMIC_RELAXED);
  p[2] = pc;
  p[3] = ra;
  for (unsigned i = 0; i < n; i++)
    p[4 + i] = ret[i];
  __atomic_store_n(&p[0], DONE, __ATOMIC_RELEASE);
}

void prf_each_sample(void (*f)(const prf_sample *s, void *arg), void *arg)
{
  size_t end = __atomic_load_n(&used, __ATOMIC_ACQUIRE);
  if (end > buf_words)
    end = buf_words;
  for (size_t at = 0; at + 4 <= end;) {
    uint64_t h = __atomic_load_n(&buf[at + 1], __ATOMIC_RELAXED);
    if (!h)
      break;   /* claimed but not even sized: nothing after it is complete either */
    unsigned n = (unsigned)(h >> 32) & 0xffff;
    if (__atomic_load_n(&buf[at], __ATOMIC_ACQUIRE) == DONE && at + 4 + n <= end) {
      prf_sample s = { (uint32_t)h, (unsigned)(h >> 48), buf[at + 2], buf[at + 3], n,
                       buf + at + 4 };
      f(&s, arg);
    }
    at += 4 + (size_t)n;
  }
}

uint64_t prf_dropped(void) { return __atomic_load_n(&dropped, __ATOMIC_RELAXED); }

/* ---- the call stack, from the guest's frame pointers ---- */

/* Whether guest code may be at a (a return address must be). Caller holds mem_lock. */
static bool is_code(uint64_t a)
{
  long i = vma_find(a);
  return i >= 0 && (vma_tab[i].prot & PROT_EXEC);
}

/* Walks the s0 chain (riscv64 psABI with a frame pointer: s0 is the frame's CFA, the saved
 * ra at s0 - 8, the caller's s0 at s0 - 16) from fp, inside the stack mapping that holds sp,
 * upward only. A function that saved s0 but not ra (a leaf) has the caller's s0 at s0 - 8:
 * then its return address is the ra register (*ra_used). Reads only memory of a private
 * anonymous readable mapping while holding mem_lock, so nothing can unmap it under us and
 * no read faults. Returns the number of return addresses, or -1 when the lock is busy and
 * `wait` is false (a signal handler that interrupted its holder). */
static int walk(uint64_t sp, uint64_t fp, uint64_t ra, uint64_t *ret, bool *ra_used, bool wait)
{
  *ra_used = false;
  if (pthread_mutex_trylock(&mem_lock) != 0) {
    if (!wait)
      return -1;
    pthread_mutex_lock(&mem_lock);
  }
  int n = 0;
  long i = vma_find(sp);
  if (i >= 0 && (vma_tab[i].flags & VMA_ANON) && !(vma_tab[i].flags & VMA_SHARED) &&
      (mem_host_prot(vma_tab[i].prot) & PROT_READ)) {
    uint64_t lo = sp, hi = vma_tab[i].end;
    for (bool first = true; n < PRF_MAX_FRAMES; first = false) {
      if ((fp & 7) || fp < lo + 16 || fp > hi)
        break;
      uint64_t at8 = *(const uint64_t *)mem_g2h(fp - 8);
      uint64_t at16 = *(const uint64_t *)mem_g2h(fp - 16);
      uint64_t r, next;
      if (first && at8 > fp && at8 <= hi && !(at8 & 7)) {
        r = ra;
        next = at8;
        *ra_used = true;
      } else {
        r = at8;
        next = at16;
      }
      if (!is_code(r))
        break;
      ret[n++] = r;
      if (next <= fp)
        break;
      fp = next;
    }
  }
  pthread_mutex_unlock(&mem_lock);
  return n;
}

/* Takes a sample of a thread at pc with these registers; false when it must wait. */
static bool take(unsigned flags, uint64_t pc, uint64_t sp, uint64_t fp, uint64_t ra, bool wait)
{
  uint64_t ret[PRF_MAX_FRAMES];
  bool ra_used;
  int n = walk(sp, fp, ra, ret, &ra_used, wait);
  if (n < 0)
    return false;
  put(flags | (ra_used ? 0 : PRF_RA_MAYBE), pc, ra, ret, (unsigned)n);
  return true;
}

/* ---- the timers ---- */

static void on_timer(int sig, siginfo_t *si, void *ucv)
{
  int e = errno;
  if (si->si_code != SI_TIMER || si->si_value.sival_ptr != &magic) {
    os_signal_host_async(sig, si, ucv);   /* the guest's own signal of that number */
    errno = e;
    return;
  }
  os_thread *t = os_self;
  if (!t || stopped) {
    errno = e;
    return;
  }
  ucontext_t *uc = ucv;
  rv_cpu *cpu = &t->cpu;
  void *rip = (void *)uc->uc_mcontext.gregs[REG_RIP];
  uint64_t pc, sp, fp, ra;
  if (!prf_jit_state(rip, uc, cpu, &pc, &sp, &fp, &ra) ||
      !take(PRF_IN_JIT, pc, sp, fp, ra, false)) {
    pending = 1;
    cpu->async_stop = 1;
  }
  /* A blocking host call that our signal ended with EINTR (not every call restarts under
   * SA_RESTART) is made a restart, unless a guest signal is due, which may want the EINTR:
   * the guest never sees the profiler's signal. */
  if (rip == (void *)os_safe_syscall_end && uc->uc_mcontext.gregs[REG_RAX] == -EINTR &&
      !(__atomic_load_n(&t->sig.pending, __ATOMIC_SEQ_CST) & ~t->sig.blocked))
    uc->uc_mcontext.gregs[REG_RAX] = -512;   /* OS_ERESTART: the guest's ecall runs again */
  errno = e;
}

/* Set when the process is exiting and writing the reports: every other thread stops at its
 * next block boundary, since under Linux it would be gone already (no more output from it). */
static volatile int exiting;
static pid_t writer;

void prf_async_stop(rv_cpu *cpu)
{
  if (exiting && writer != (pid_t)my_tid && getpid() == start_pid)
    for (;;)
      pause();   /* until the writer's exit ends the process */
  if (!pending)
    return;
  pending = 0;
  if (!stopped)
    take(PRF_AT_BOUNDARY, cpu->pc, cpu->x[REG_SP], cpu->x[8], cpu->x[REG_RA], true);
}

void prf_thread_start(void)
{
  if (!prf_signal_bit || stopped || timer_id >= 0 || getpid() != start_pid)
    return;
  my_tid = (uint32_t)syscall(SYS_gettid);
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = PRF_SIGNAL;
  ev.sigev_value.sival_ptr = &magic;
  ev._sigev_un._tid = (pid_t)my_tid;
  int id;
  if (syscall(SYS_timer_create, CLOCK_THREAD_CPUTIME_ID, &ev, &id) != 0)
    return;   /* this thread goes unsampled */
  struct itimerspec its = { { 0, 1000000000L / PRF_HZ }, { 0, 1000000000L / PRF_HZ } };
  if (syscall(SYS_timer_settime, id, 0, &its, NULL) != 0) {
    syscall(SYS_timer_delete, id);
    return;
  }
  timer_id = id;
}

void prf_thread_exit(void)
{
  /* In a forked child the id is the parent's (timers are not inherited): it may name a timer
   * of the guest's own. */
  if (timer_id >= 0 && getpid() == start_pid)
    syscall(SYS_timer_delete, timer_id);
  timer_id = -1;
}

/* ---- start and end ---- */

static char *svg_path, *text_path;

/* FILE made absolute now (the guest may chdir), and checked writable (created if need be). */
static char *out_path(const char *opt, const char *file)
{
  char *p = NULL;
  if (file[0] == '/') {
    p = strdup(file);
  } else {
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) && asprintf(&p, "%s/%s", cwd, file) < 0)
      p = NULL;
  }
  int fd = p ? open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0666) : -1;
  if (fd < 0) {
    fprintf(stderr, "rvx: %s: cannot write '%s': %s\n", opt, file, strerror(p ? errno : ENOMEM));
    exit(2);
  }
  close(fd);
  return p;
}

void prf_init(void)
{
  if (!rvx_opts.profile_svg && !rvx_opts.profile_text)
    return;
  if (rvx_opts.profile_svg)
    svg_path = out_path("--profile", rvx_opts.profile_svg);
  if (rvx_opts.profile_text && rvx_opts.profile_text[0])
    text_path = out_path("--profile-text", rvx_opts.profile_text);
  void *b = mmap(NULL, BUF_BYTES, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (b == MAP_FAILED) {
    fprintf(stderr, "rvx: --profile: cannot reserve the sample buffer: %s\n", strerror(errno));
    exit(2);
  }
  buf = b;
  buf_words = BUF_BYTES / sizeof *buf;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_timer;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(PRF_SIGNAL, &sa, NULL);
  start_pid = getpid();
  prf_signal_bit = UINT64_C(1) << (PRF_SIGNAL - 1);
}

void prf_finish(bool exit)
{
  static int done;
  if (!prf_signal_bit || getpid() != start_pid)
    return;
  if (__atomic_exchange_n(&done, 1, __ATOMIC_SEQ_CST)) {
    /* Another thread exiting at the same time waits for the writer's exit. */
    if (exit && writer && writer != (pid_t)syscall(SYS_gettid))
      for (;;)
        pause();
    return;
  }
  stopped = 1;
  prf_thread_exit();
  if (exit) {
    writer = (pid_t)syscall(SYS_gettid);
    exiting = 1;
    os_thread_lock();
    for (os_thread *t = os_thread_all(); t; t = t->next)
      if (t != os_self)
        t->cpu.async_stop = 1;
    os_thread_unlock();
  }
  prf_profile p;
  if (!prf_build(&p)) {
    fprintf(stderr, "rvx: --profile: out of memory\n");
    return;
  }
  if (svg_path) {
    FILE *f = fopen(svg_path, "we");
    const char *prog = rvx_opts.exe_path ? rvx_opts.exe_path : "guest";
    if (f) {
      prf_write_svg(&p, f, prog);
      if (fclose(f) != 0)
        f = NULL;
    }
    if (!f)
      fprintf(stderr, "rvx: --profile: cannot write '%s': %s\n", svg_path, strerror(errno));
  }
  if (rvx_opts.profile_text) {
    FILE *f = text_path ? fopen(text_path, "we") : stderr;
    if (f) {
      prf_write_text(&p, f);
      if (f != stderr && fclose(f) != 0)
        f = NULL;
      else if (f == stderr)
        fflush(stderr);
    }
    if (!f)
      fprintf(stderr, "rvx: --profile-text: cannot write '%s': %s\n", text_path,
              strerror(errno));
  }
  prf_free(&p);
  if (!exit)
    writer = 0;
}
