/* Asynchronous guest signals: SIGALRM interrupting a busy loop and a blocking read (EINTR
 * without SA_RESTART, resumed with it), the handler's mask (sa_mask, SA_NODEFER,
 * SA_RESETHAND), nesting, sigsuspend, sigtimedwait, sigqueue values, POSIX timers
 * (SIGEV_SIGNAL, SIGEV_THREAD_ID, SIGEV_NONE), a storm of signals sent to itself, and deaths
 * by signal. One mode per run (argv[1]); the output is the same under qemu-riscv64 and Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, rt_hits, usr_hits, depth, max_depth;
static volatile int last_code, last_value, bad;
static int pipefd[2];

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  if (mask)
    sa.sa_mask = *mask;
  else
    sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, NULL) != 0) {
    perror("sigaction");
    exit(2);
  }
}

static void count(int sig, siginfo_t *si, void *uc)
{
  (void)uc;
  hits++;
  last_code = si->si_code;
  last_value = si->si_value.sival_int;
  if (sig >= SIGRTMIN)
    rt_hits++;
  if (sig == SIGUSR1)
    usr_hits++;
}

static void arm(long usec, long interval)
{
  struct itimerval it = { { 0, interval }, { 0, usec } };
  setitimer(ITIMER_REAL, &it, NULL);
}

static int busy(void)
{
  on(SIGALRM, count, 0, NULL);
  arm(20000, 0);
  unsigned long spins = 0;
  while (!hits)
    spins++;
  printf("busy: hits %d code %s\n", (int)hits, last_code == SI_KERNEL ? "SI_KERNEL" : "?");
  struct itimerval cur;
  getitimer(ITIMER_REAL, &cur);
  printf("itimer disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
  return 0;
}

/* The third SIGALRM writes into the pipe the read waits on. */
static void feed(int sig, siginfo_t *si, void *uc)
{
  count(sig, si, uc);
  if (hits == 3) {
    arm(0, 0);
    if (write(pipefd[1], "x", 1) != 1)
      bad = 1;
  }
}

static int read_alarm(int restart)
{
  if (pipe(pipefd) != 0)
    return 2;
  on(SIGALRM, feed, restart ? SA_RESTART : 0, NULL);
  arm(10000, 10000);
  char c = 0;
  ssize_t r;
  int eintr = 0;
  while ((r = read(pipefd[0], &c, 1)) < 0 && errno == EINTR)
    eintr++;
  arm(0, 0);
  printf("read %s: r %zd c %c eintr %d hits %d\n", restart ? "SA_RESTART" : "no restart", r,
         c, eintr, (int)hits);
  return bad;
}

/* sa_mask and the signal itself are blocked in the handler; SA_NODEFER leaves it open. */
static volatile int mask_usr2, mask_self;
static void show_mask(int sig, siginfo_t *si, void *uc)
{
  count(sig, si, uc);
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  if (hits == 1) {   /* the first run: entered from raise() in main */
    mask_usr2 = sigismember(&cur, SIGUSR2);
    mask_self = sigismember(&cur, sig);
  }
  depth++;
  if (depth > max_depth)
    max_depth = depth;
  if (hits < 3)
    raise(sig);   /* nests only with SA_NODEFER; else runs after this handler */
  depth--;
}

static int masks(void)
{
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR2);
  on(SIGUSR1, show_mask, 0, &m);
  raise(SIGUSR1);
  printf("plain: hits %d usr2 %d self %d depth %d\n", (int)hits, mask_usr2, mask_self,
         (int)max_depth);
  hits = 0, max_depth = 0;
  on(SIGUSR1, show_mask, SA_NODEFER, NULL);
  raise(SIGUSR1);
  printf("nodefer: hits %d usr2 %d self %d depth %d\n", (int)hits, mask_usr2, mask_self,
         (int)max_depth);
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  printf("restored: %d\n", !sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2));
  /* SA_RESETHAND: once, then the default (terminate). */
  hits = 0;
  on(SIGUSR2, count, SA_RESETHAND, NULL);
  raise(SIGUSR2);
  struct sigaction now;
  sigaction(SIGUSR2, NULL, &now);
  printf("resethand: hits %d now default %d\n", (int)hits, now.sa_handler == SIG_DFL);
  raise(SIGUSR2);
  printf("not reached\n");
  return 1;
}

/* A handler interrupted by another signal (a different one, not masked). */
static void inner(int sig, siginfo_t *si, void *uc)
{
  count(sig, si, uc);
  if (depth != 1)
    bad = 1;
  depth = 2;
}
static void outer(int sig, siginfo_t *si, void *uc)
{
  count(sig, si, uc);
  depth = 1;
  raise(SIGUSR2);
  printf("outer: inner ran first %d\n", depth == 2);
  depth = 0;
}
static int nested(void)
{
  on(SIGUSR1, outer, 0, NULL);
  on(SIGUSR2, inner, 0, NULL);
  raise(SIGUSR1);
  printf("nested: hits %d bad %d\n", (int)hits, bad);
  return 0;
}

static int suspend(void)
{
  on(SIGUSR1, count, 0, NULL);
  sigset_t block, old, empty;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  kill(getpid(), SIGUSR1);
  printf("pending before: %d hits %d\n", ({ sigset_t p; sigpending(&p); sigismember(&p, SIGUSR1); }),
         (int)hits);
  sigemptyset(&empty);
  int r = sigsuspend(&empty);
  int e = errno;
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  printf("sigsuspend: r %d %s hits %d still blocked %d\n", r, e == EINTR ? "EINTR" : "?",
         (int)hits, sigismember(&after, SIGUSR1));
  /* Again with the signal arriving while suspended (from a timer). */
  on(SIGALRM, count, 0, NULL);
  sigaddset(&block, SIGALRM);
  sigprocmask(SIG_BLOCK, &block, NULL);
  arm(20000, 0);
  r = sigsuspend(&empty);
  printf("sigsuspend timer: r %d hits %d\n", r, (int)hits);
  return 0;
}

static int timedwait(void)
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGRTMIN + 2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  union sigval v = { .sival_int = 77 };
  sigqueue(getpid(), SIGRTMIN + 2, v);
  v.sival_int = 78;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR1);   /* merges with the first */
  siginfo_t si;
  struct timespec ts = { 0, 20000000 };
  for (int i = 0; i < 4; i++) {
    int s = sigtimedwait(&set, &si, &ts);
    if (s < 0)
      printf("wait %d: %s\n", i, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    else
      printf("wait %d: %s code %s value %d\n", i, s == SIGUSR1 ? "SIGUSR1" : "SIGRTMIN+2",
             si.si_code == SI_QUEUE ? "SI_QUEUE" : si.si_code == SI_USER ? "SI_USER" : "?",
             s == SIGUSR1 ? 0 : si.si_value.sival_int);
  }
  /* A signal outside the set interrupts the wait (EINTR after its handler). */
  on(SIGALRM, count, 0, NULL);
  arm(20000, 0);
  struct timespec longer = { 5, 0 };
  int s = sigtimedwait(&set, &si, &longer);
  printf("interrupted: %d %s hits %d\n", s, s < 0 && errno == EINTR ? "EINTR" : "?", (int)hits);
  return 0;
}

/* ppoll with a temporary mask: SIGALRM is blocked but for the call; its handler runs, ppoll
 * says EINTR, and the mask is the old one again. */
static int ppoll_mask(void)
{
  if (pipe(pipefd) != 0)
    return 2;
  on(SIGALRM, count, SA_RESTART, NULL);
  sigset_t block, during;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  sigprocmask(SIG_BLOCK, &block, NULL);
  sigemptyset(&during);
  arm(20000, 0);
  struct pollfd pf = { .fd = pipefd[0], .events = POLLIN };
  struct timespec ts = { 5, 0 };
  int r = ppoll(&pf, 1, &ts, &during);
  int e = errno;
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  printf("ppoll: %d %s hits %d blocked again %d\n", r, r < 0 && e == EINTR ? "EINTR" : "?",
         (int)hits, sigismember(&after, SIGALRM));
  return 0;
}

static int timers(void)
{
  on(SIGRTMIN + 1, count, 0, NULL);
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMIN + 1;
  ev.sigev_value.sival_int = 4242;
  timer_t t;
  if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) {
    perror("timer_create");
    return 1;
  }
  struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
  timer_settime(t, 0, &its, NULL);
  while (rt_hits < 5)
    pause();
  struct itimerspec cur;
  timer_gettime(t, &cur);
  printf("timer: rt_hits>=5 %d code %s value %d armed %d overrun>=0 %d\n", rt_hits >= 5,
         last_code == SI_TIMER ? "SI_TIMER" : "?", last_value,
         cur.it_interval.tv_nsec == 2000000, timer_getoverrun(t) >= 0);
  timer_delete(t);
  printf("deleted: settime %d %s\n", timer_settime(t, 0, &its, NULL),
         errno == EINVAL ? "EINVAL" : "?");

  /* SIGEV_THREAD_ID: to this thread. */
  hits = 0;
  on(SIGUSR1, count, 0, NULL);
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGUSR1;
  ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
  ev.sigev_value.sival_int = 9;
  if (timer_create(CLOCK_REALTIME, &ev, &t) != 0) {
    perror("timer_create thread_id");
    return 1;
  }
  struct itimerspec once = { { 0, 0 }, { 0, 5000000 } };
  timer_settime(t, 0, &once, NULL);
  while (!usr_hits)
    pause();
  printf("thread_id: hits %d value %d\n", (int)hits, last_value);
  timer_delete(t);

  /* SIGEV_NONE: no signal, the time runs down. */
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_NONE;
  timer_create(CLOCK_MONOTONIC, &ev, &t);
  struct itimerspec sec = { { 0, 0 }, { 10, 0 } };
  timer_settime(t, 0, &sec, NULL);
  timer_gettime(t, &cur);
  printf("none: running %d\n", cur.it_value.tv_sec >= 8 && cur.it_value.tv_sec <= 10);
  timer_delete(t);
  /* Bad arguments. */
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = 99;
  printf("bad signo: %d %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t),
         errno == EINVAL ? "EINVAL" : "?");
  return 0;
}

/* 100000 signals sent to itself: real-time ones queue (each counted), standard ones merge
 * while blocked. */
static int storm(void)
{
  on(SIGRTMIN + 3, count, 0, NULL);
  on(SIGUSR1, count, 0, NULL);
  union sigval v = { .sival_int = 1 };
  for (int i = 0; i < 60000; i++)
    sigqueue(getpid(), SIGRTMIN + 3, v);
  printf("unblocked rt: %d\n", (int)rt_hits);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGRTMIN + 3);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  rt_hits = 0;
  for (int i = 0; i < 20000; i++)
    sigqueue(getpid(), SIGRTMIN + 3, v);
  for (int i = 0; i < 20000; i++)
    kill(getpid(), SIGUSR1);
  printf("blocked: rt %d usr %d\n", (int)rt_hits, (int)usr_hits);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  printf("after unblock: rt %d usr %d\n", (int)rt_hits, (int)usr_hits);
  return 0;
}

/* Deaths by signal: the exit status is 128 + N for the shell. */
static int die(const char *how)
{
  if (!strcmp(how, "abort"))
    abort();
  if (!strcmp(how, "term"))
    kill(getpid(), SIGTERM);
  if (!strcmp(how, "segv"))
    *(volatile int *)8 = 1;
  if (!strcmp(how, "rt"))
    raise(SIGRTMIN + 5);
  if (!strcmp(how, "ignored")) {
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    signal(SIGCHLD, SIG_DFL);
    raise(SIGCHLD);   /* default: ignored */
    printf("alive\n");
    return 0;
  }
  if (!strcmp(how, "alarm")) {
    alarm(1);
    for (;;)
      pause();
  }
  sleep(1);
  return 3;
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *m = argc > 1 ? argv[1] : "";
  if (!strcmp(m, "busy")) return busy();
  if (!strcmp(m, "read_eintr")) return read_alarm(0);
  if (!strcmp(m, "read_restart")) return read_alarm(1);
  if (!strcmp(m, "masks")) return masks();
  if (!strcmp(m, "nested")) return nested();
  if (!strcmp(m, "suspend")) return suspend();
  if (!strcmp(m, "timedwait")) return timedwait();
  if (!strcmp(m, "timers")) return timers();
  if (!strcmp(m, "ppoll")) return ppoll_mask();
  if (!strcmp(m, "storm")) return storm();
  if (!strcmp(m, "die") && argc > 2) return die(argv[2]);
  fprintf(stderr, "unknown mode\n");
  return 2;
}
