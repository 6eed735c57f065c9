/* Failing syscalls must fail as on Linux: errno names of common errors, EFAULT for bad
 * pointers (never a crash), ENOSYS for an unknown syscall number, and the signal calls'
 * bookkeeping (sigaction and sigprocmask round trips, EINVAL for bad signals). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void report(const char *what, long r)
{
  printf("%-34s = %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
  errno = 0;
}

#define T(call) report(#call, (long)(call))

static void handler(int sig)
{
  (void)sig;
}

int main(void)
{
  /* A read-only page, and an unmapped one: the middle of three mapped pages, unmapped (no
   * later mmap may reuse it, so nothing below maps memory). */
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *hole = three + 4096;
  munmap(hole, 4096);
  char buf[64];
  char *volatile low = (char *)8;   /* volatile: gcc would warn about the constant */
  int p[2];
  pipe(p);
  mkdir("adir", 0755);
  close(open("adir/f", O_CREAT | O_WRONLY, 0644));

  T(open("does-not-exist", O_RDONLY));
  T(open("adir/f/x", O_RDONLY));
  T(open("adir", O_WRONLY));
  T(open("adir/f", O_CREAT | O_EXCL | O_WRONLY, 0644));
  T(read(-1, buf, 1));
  T(read(12345, buf, 1));
  T(write(p[0], "x", 1));
  T(close(99));
  T(lseek(p[0], 0, SEEK_SET));
  T(mkdir("adir", 0755));
  T(rmdir("adir"));
  T(unlink("adir"));
  T(rmdir("adir/f"));
  T(chdir("adir/f"));
  int dfd = open("adir", O_RDONLY | O_DIRECTORY);
  T(read(dfd, buf, 10));
  close(dfd);
  T(rename("nothing", "else"));
  T(readlink("adir/f", buf, sizeof buf));
  T(access("adir/nothing", F_OK));
  T(dup2(p[0], -5));
  T(fcntl(p[0], 12345));
  T(ioctl(p[0], TCGETS, buf));
  T(ioctl(-1, TCGETS, buf));

  /* Bad pointers: EFAULT, and the program goes on. */
  T(write(1, low, 10));
  T(write(1, hole, 10));
  T(read(p[0], hole, 10));
  write(p[1], "abc", 3);
  T(read(p[0], ro, 3));              /* read-only destination */
  T(read(p[0], buf, 3));             /* the data is still there */
  T(open((char *)hole, O_RDONLY));
  T(open((char *)16, O_RDONLY));
  T(stat("adir", (struct stat *)hole));
  T(stat("adir", (struct stat *)ro));
  T(stat((char *)hole, (struct stat *)buf));
  T(fstat(0, (struct stat *)8));
  T(syscall(SYS_getcwd, hole, 100));
  T(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, hole));
  T(syscall(SYS_uname, hole));
  T(syscall(SYS_pipe2, hole, 0));
  T(syscall(SYS_rt_sigaction, SIGUSR1, hole, NULL, 8));
  T(syscall(SYS_writev, 1, hole, 1));
  T(syscall(SYS_getrandom, hole, 16, 0));
  T(syscall(SYS_write, 1, (void *)0x7fffffffffffff00UL, 10));
  T(syscall(SYS_write, 1, buf, (size_t)-1));

  /* Unknown syscall numbers. */
  T(syscall(999));
  T(syscall(SYS_io_setup + 5000));
  T(syscall(244));

  /* Signal bookkeeping. */
  struct sigaction sa = {0}, old;
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  T(sigaction(SIGUSR1, &sa, NULL));
  memset(&old, 0, sizeof old);
  T(sigaction(SIGUSR1, NULL, &old));
  printf("query: handler ok=%d restart=%d usr2 in mask=%d\n", old.sa_handler == handler,
         (old.sa_flags & SA_RESTART) != 0, sigismember(&old.sa_mask, SIGUSR2));
  T(sigaction(SIGKILL, &sa, NULL));
  T(sigaction(SIGSTOP, &sa, NULL));
  T(sigaction(0, &sa, NULL));
  T(sigaction(65, &sa, NULL));
  T(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4));
  T(sigaction(SIGKILL, NULL, &old));
  printf("sigkill default=%d\n", old.sa_handler == SIG_DFL);
  /* An ignored signal is ignored (SIGUSR2: SIGPIPE may come ignored from the parent). */
  signal(SIGUSR2, SIG_DFL);
  signal(SIGUSR2, SIG_IGN);
  T(raise(SIGUSR2));
  signal(SIGPIPE, SIG_IGN);
  T(write(p[1], "", 0));
  close(p[0]);
  T(write(p[1], "x", 1));            /* EPIPE, no death: SIGPIPE is ignored */

  sigset_t set, oset;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGKILL);
  T(sigprocmask(SIG_BLOCK, &set, NULL));
  T(sigprocmask(SIG_SETMASK, NULL, &oset));
  printf("mask: usr1=%d kill=%d usr2=%d\n", sigismember(&oset, SIGUSR1),
         sigismember(&oset, SIGKILL), sigismember(&oset, SIGUSR2));
  T(raise(SIGUSR1));                 /* blocked: stays pending, no death */
  sigset_t pend;
  sigpending(&pend);
  printf("pending usr1=%d\n", sigismember(&pend, SIGUSR1));
  T(syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8));
  T(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 16));
  signal(SIGUSR1, SIG_IGN);          /* discards the pending one */
  T(sigprocmask(SIG_UNBLOCK, &set, NULL));
  T(kill(getpid(), 0));
  T(kill(getpid(), 99));

  fflush(stdout);
  return 0;
}
