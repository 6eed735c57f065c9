/* Syscalls with hostile arguments: bad, misaligned, read-only, unmapped, past-the-end and
 * huge pointers and lengths, to a list of syscalls that cannot hurt the test run (no kill,
 * exit, sleep, memory unmapping or fd 0-2 closing). Whatever the kernel answers, the program
 * must come out alive and print "done" (run it in an empty directory: it creates junk). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XORSHIFT_SEED 88172645463325252ull
#include "xorshift.h"

static const long calls[] = {
  SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64, SYS_pwrite64, SYS_openat,
  SYS_newfstatat, SYS_fstat, SYS_statx, SYS_getdents64, SYS_readlinkat, SYS_faccessat,
  SYS_faccessat2, SYS_getcwd, SYS_uname, SYS_sysinfo, SYS_clock_gettime, SYS_clock_getres,
  SYS_gettimeofday, SYS_times, SYS_getrusage, SYS_getrandom, SYS_rt_sigaction,
  SYS_sched_getaffinity, SYS_getresuid, SYS_getresgid, SYS_getgroups, SYS_fcntl, SYS_ioctl,
  SYS_pipe2, SYS_statfs, SYS_fstatfs, SYS_utimensat, SYS_get_robust_list, SYS_getcpu,
  SYS_sched_getparam, SYS_mkdirat, SYS_unlinkat, SYS_renameat2, SYS_lseek, SYS_rt_sigpending,
  SYS_memfd_create, SYS_copy_file_range, SYS_sendfile, SYS_truncate, SYS_symlinkat,
  SYS_linkat, SYS_fchmodat, SYS_getpriority, SYS_umask, SYS_prlimit64, SYS_dup, SYS_close,
  SYS_sched_setaffinity, 77777,
};

int main(void)
{
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  /* The only writable memory the pointers reach: one page with a hole after it (a huge length
   * must not let the kernel scribble over the program's own data, on Linux either). */
  char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(three + 4096, 4096);
  char *buf = three;
  memset(buf, 'A', 4096);
  strcpy(buf + 100, "fuzzfile");
  int fd = open("target", O_CREAT | O_RDWR, 0644);
  write(fd, buf, 4096);
  int closable = dup(fd);
  uint64_t ptrs[] = {0, 8, 4095, (uint64_t)ro, (uint64_t)(three + 4096),
                     (uint64_t)(three + 4096 - 3), (uint64_t)buf, (uint64_t)(buf + 100),
                     (uint64_t)(buf + 1), 0x3fffffffff, 0x4000000000, 0xffffffffffffff00ull,
                     (uint64_t)main, (uint64_t)ro + 4090};
  uint64_t ints[] = {0, 1, (uint64_t)-1, 8, 100, 4096, 0x7fffffff, 0x80000000, (uint64_t)fd,
                     (uint64_t)closable, 1000, (uint64_t)-100, 0xffffffffffffull, 3};
  int n = 0;
  for (int i = 0; i < 4000; i++) {
    long nr = calls[next() % (sizeof calls / sizeof calls[0])];
    uint64_t a[6];
    for (int k = 0; k < 6; k++)
      a[k] = (next() & 1) ? ptrs[next() % (sizeof ptrs / sizeof ptrs[0])]
                          : ints[next() % (sizeof ints / sizeof ints[0])];
    /* Keep the run's own descriptors and limits. */
    if (nr == SYS_close && a[0] != (uint64_t)closable)
      continue;
    if (nr == SYS_prlimit64)
      a[2] = 0;
    if (nr == SYS_dup && (n & 1))
      continue;
    if (nr == SYS_sched_setaffinity)
      a[2] = (uint64_t)ro;   /* all zero: EINVAL, never a narrower affinity */
    if ((nr == SYS_read || nr == SYS_readv || nr == SYS_pread64) && a[0] <= 2)
      a[0] = fd;             /* never wait for stdin */
    syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    n++;
  }
  printf("done %d\n", n > 1000);
  return 0;
}
