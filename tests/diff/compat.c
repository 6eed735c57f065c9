/* rvx-only checks of assumptions docs/COMPATIBILITY.md states that have no reference to diff
 * against (qemu-user models the counters differently, and runs threads): run under rvx by
 * tests/suites/50-diff.sh, it prints one "PASS name" or "FAIL name: reason" line per check.
 * Run with fd 5 open for writing (5>FILE): the suite then checks FILE got "fd 5\n". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int failed;
static char why[160];

/* Prints the check's line; `why` holds the reason when it failed. */
static void report(const char *name, int ok) {
  if (ok) {
    printf("PASS %s\n", name);
  } else {
    printf("FAIL %s: %s\n", name, why);
    failed = 1;
  }
}

/* cycle counts instructions: read right after instret (and the other way round) it is one
 * more, in the same block and across a taken branch. */
static void cycle_is_instret(void) {
  uint64_t i0, c0, c1, i1, i2, c2;
  __asm__ volatile("rdinstret %0\n\trdcycle %1" : "=r"(i0), "=r"(c0));
  __asm__ volatile("rdcycle %0\n\trdinstret %1" : "=r"(c1), "=r"(i1));
  __asm__ volatile("rdinstret %0\n\tj 1f\n1:\n\trdcycle %1" : "=r"(i2), "=r"(c2));
  snprintf(why, sizeof why, "cycle - instret = %lld, want 1", (long long)(c0 - i0));
  report("compat-cycle-is-instret", c0 - i0 == 1);
  snprintf(why, sizeof why, "instret - cycle = %lld, want 1", (long long)(i1 - c1));
  report("compat-instret-is-cycle", i1 - c1 == 1);
  snprintf(why, sizeof why, "cycle - instret = %lld, want 2", (long long)(c2 - i2));
  report("compat-cycle-across-blocks", c2 - i2 == 2);
}

static int64_t mono_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Reads time with the CLOCK_MONOTONIC instant it belongs to, retrying until no preemption
 * (a gap over 20 us between the clock reads around it) can have skewed the pair. */
static void sample(uint64_t *t, int64_t *m) {
  for (int i = 0; i < 1000; i++) {
    int64_t a = mono_ns();
    __asm__ volatile("rdtime %0" : "=r"(*t));
    int64_t b = mono_ns();
    *m = a + (b - a) / 2;
    if (b - a < 20000) return;
  }
}

/* time ticks at 10 MHz: over a 100 ms sleep, within 1% of CLOCK_MONOTONIC. */
static void time_is_10mhz(void) {
  uint64_t t0, t1;
  int64_t m0, m1;
  sample(&t0, &m0);
  struct timespec d = { 0, 100000000 };
  nanosleep(&d, NULL);
  sample(&t1, &m1);
  double hz = (double)(t1 - t0) * 1e9 / (double)(m1 - m0);
  snprintf(why, sizeof why, "%.0f Hz over %lld ns", hz, (long long)(m1 - m0));
  report("compat-time-10mhz", hz > 9.9e6 && hz < 10.1e6);
}

static void *thread_tid(void *arg) {
  *(long *)arg = syscall(SYS_gettid);
  return NULL;
}

/* Guest threads are host threads: a new thread has a tid of its own, not the process's. */
static void threads_are_host_threads(void) {
  pthread_t t;
  long tid = 0;
  int pe = pthread_create(&t, NULL, thread_tid, &tid);
  if (pe == 0)
    pthread_join(t, NULL);
  snprintf(why, sizeof why, "pthread_create %d, thread's tid %ld, pid %d", pe, tid, getpid());
  report("compat-threads-host-tids", pe == 0 && tid > 0 && tid != getpid());
}

/* Guest fds are the host's: an fd rvx inherited is the guest's, and open gives the lowest
 * free number as the host would. */
static void fds_are_host_fds(void) {
  ssize_t w = write(5, "fd 5\n", 5);
  int e = errno;
  snprintf(why, sizeof why, "write(5) returned %zd, errno %d", w, e);
  report("compat-inherited-fd", w == 5);
  int lowest = 0;
  while (fcntl(lowest, F_GETFD) != -1) lowest++;
  int fd = open("/dev/null", O_RDONLY);
  snprintf(why, sizeof why, "open returned %d, the lowest free fd was %d", fd, lowest);
  report("compat-open-lowest-fd", fd == lowest);
  if (fd >= 0) close(fd);
}

int main(void) {
  cycle_is_instret();
  time_is_10mhz();
  threads_are_host_threads();
  fds_are_host_fds();
  return failed;
}
