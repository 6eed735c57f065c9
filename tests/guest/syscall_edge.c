/* Syscall behaviour checked against Linux itself rather than qemu (where qemu-riscv64 differs
 * from the kernel), and a fixed syscall sequence for the --strace test.
 *   syscall_edge strace   the sequence tests/suites/35-syscalls.sh expects in --strace output
 *   syscall_edge linux    one line per check, compared with the expected text there */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void report(const char *what, long r)
{
  printf("%s = %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerrorname_np(errno) : "");
  errno = 0;
}

#define T(call) report(#call, (long)(call))

static void strace_sequence(void)
{
  char buf[128];
  int fd = open("trace.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, "hello strace\n", 13);
  close(fd);
  open("missing-file", O_RDONLY);
  fd = open("trace.txt", O_RDONLY);
  read(fd, buf, 100);
  lseek(fd, 5, SEEK_SET);
  close(fd);
  memset(buf, 'a', 100);
  write(1, buf, 100);
  write(1, "tab\there\001\"q\\\n", 14);
  syscall(999, 1, 2, 3, 4, 5, 6);
  mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *volatile bad = (char *)8;
  write(1, bad, 5);
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  syscall(SYS_riscv_flush_icache, 0, 0, 0);
  char odd[151];
  memset(odd, 1, 150);
  odd[150] = 0;
  open(odd, O_RDONLY);
  exit(7);
}

static void linux_checks(void)
{
  int p[2];
  pipe(p);
  T(ioctl(p[0], 0x12345678, 0));
  T(ioctl(p[0], FIONREAD, (int *)8));
  T(syscall(SYS_renameat2 - 238, AT_FDCWD, "a", AT_FDCWD, "b")); /* 38: no renameat on riscv64 */
  T(syscall(SYS_riscv_flush_icache, 0, 4096, 0));
  T(syscall(SYS_riscv_flush_icache, 0, 4096, 2));
  T(syscall(SYS_rseq, NULL, 0, 0, 0));
  T(syscall(SYS_set_robust_list, NULL, 12));

  /* Transfers stop at the first unmapped page, as the kernel's copies do. */
  char *two = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + 4096, 4096);
  memset(two, 'z', 4096);
  T(write(p[1], two, 4096 + 100));
  char *sink = malloc(8192);
  T(read(p[0], sink, 8192));
  int fd = open("eight-k", O_CREAT | O_RDWR | O_TRUNC, 0644);
  T(write(fd, sink, 8192));
  T(pread(fd, two + 4096 - 100, 8192, 0));
  struct iovec iov[2] = {{sink, 10}, {two + 4096, 10}};
  T(preadv(fd, iov, 2, 0));
  iov[0].iov_base = two + 4096;
  T(preadv(fd, iov, 2, 0));
  close(fd);
  unlink("eight-k");

  /* The kernel drops sa_flags bits it does not know (Linux >= 5.11). */
  struct sigaction sa = {0}, old;
  sa.sa_handler = SIG_IGN;
  sa.sa_flags = SA_RESTART | 0x200;
  T(sigaction(SIGUSR1, &sa, NULL));
  T(sigaction(SIGUSR1, NULL, &old));
  printf("flags %#x\n", (unsigned)old.sa_flags);
  T(raise(SIGUSR1));   /* ignored: the process survives */

  /* Limits rvx keeps itself (its own address space must not shrink). */
  struct rlimit rl = {64 << 20, 128 << 20}, got;
  T(setrlimit(RLIMIT_AS, &rl));
  T(getrlimit(RLIMIT_AS, &got));
  printf("as %llu %llu\n", (unsigned long long)got.rlim_cur, (unsigned long long)got.rlim_max);
  rl.rlim_cur = rl.rlim_max + 1;
  T(setrlimit(RLIMIT_AS, &rl));
  T(getrlimit(99, &got));

  cpu_set_t cs;
  T(sched_getaffinity(0, sizeof cs, &cs) == 0 && CPU_COUNT(&cs) > 0);
  char name[16] = {0};
  T(prctl(15 /* PR_SET_NAME */, "edge-name-that-is-long"));
  T(prctl(16 /* PR_GET_NAME */, name));
  printf("name [%s]\n", name);
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "strace") == 0)
    strace_sequence();
  if (argc > 1 && strcmp(argv[1], "linux") == 0)
    linux_checks();
  return 0;
}
