/* Waiting on descriptors and other fd kinds: select/pselect/poll/ppoll on pipes (ready, not
 * ready, timeouts, signal masks), eventfd, memfd, copy_file_range, plus the scheduling and
 * priority queries whose results are stable, and futex on a word nobody else uses. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include <unistd.h>

static void report(const char *what, long r)
{
  printf("%s = %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerrorname_np(errno) : "");
  errno = 0;
}

#define T(call) report(#call, (long)(call))

int main(void)
{
  int p[2];
  pipe(p);
  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(p[0], &rd);
  FD_SET(p[1], &wr);
  struct timeval tv = {0, 10000};
  T(select(p[1] + 1, &rd, &wr, NULL, &tv));
  printf("readable=%d writable=%d\n", FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
  write(p[1], "x", 1);
  FD_SET(p[0], &rd);
  tv.tv_usec = 10000;
  T(select(p[0] + 1, &rd, NULL, NULL, &tv));
  printf("readable=%d\n", FD_ISSET(p[0], &rd));
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  struct timespec ts = {0, 5000000};
  FD_SET(p[0], &rd);
  T(pselect(p[0] + 1, &rd, NULL, NULL, &ts, &mask));
  T(select(-1, NULL, NULL, NULL, &tv));

  struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  T(poll(pf, 2, 100));
  printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
  char c;
  read(p[0], &c, 1);
  pf[1].fd = -1;
  T(poll(pf, 2, 20));
  printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
  T(ppoll(pf, 1, &ts, &mask));
  close(p[1]);
  T(poll(pf, 1, 0));
  printf("hangup revents %#x\n", pf[0].revents);
  close(p[0]);
  T(poll(pf, 1, 0));
  printf("closed revents %#x\n", pf[0].revents);

  int efd = eventfd(5, EFD_CLOEXEC);
  uint64_t v = 7;
  T(write(efd, &v, 8));
  T(read(efd, &v, 8));
  printf("eventfd value %llu\n", (unsigned long long)v);
  close(efd);

  int mfd = memfd_create("rvx-test", MFD_CLOEXEC);
  T(write(mfd, "memfd contents", 14));
  struct stat st;
  T(fstat(mfd, &st));
  printf("memfd size %lld\n", (long long)st.st_size);
  close(mfd);
  int in = open("src.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  T(write(in, "copied file contents", 20));
  int out = open("copy.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  off64_t off_in = 7;
  T(copy_file_range(in, &off_in, out, NULL, 100, 0));
  printf("off_in now %lld\n", (long long)off_in);
  close(in);
  close(out);

  T(sched_getscheduler(0));
  struct sched_param sp;
  T(sched_getparam(0, &sp));
  printf("priority %d\n", sp.sched_priority);
  T(sched_get_priority_max(SCHED_FIFO));
  T(sched_get_priority_min(SCHED_FIFO));
  errno = 0;
  int prio = getpriority(PRIO_PROCESS, 0);
  printf("getpriority errno=%d in range=%d\n", errno, prio >= -20 && prio <= 19);
  unsigned cpu = 9999;
  T(getcpu(&cpu, NULL));
  printf("cpu plausible %d\n", cpu < 4096);
  T(sched_yield());

  /* futex on a private word: wake nobody, wait with a stale value, time out, bad words. */
  static uint32_t word = 5;
  struct timespec ms = {0, 1000000};
  T(syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
  T(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0));
  T(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 5, &ms, NULL, 0));
  T(syscall(SYS_futex, (char *)&word + 1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
  T(syscall(SYS_futex, (uint32_t *)8, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
  return 0;
}
