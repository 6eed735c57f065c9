/* Hostile arguments to the I/O calls (bad, read-only, unmapped, past-the-end and huge pointers
 * and lengths, random flags and requests): whatever the answers, the program must come out
 * alive and print "done 1". Calls that could wait get a zero timeout or non-blocking
 * descriptors; descriptors 0-2 are never touched (they belong to the test run). Run it in an
 * empty directory: it creates junk. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XORSHIFT_SEED 0x9e3779b97f4a7c15ull
#include "xorshift.h"

/* Each call with a bit mask of its descriptor arguments. */
static const struct { long nr; unsigned fds; } calls[] = {
  {SYS_ioctl, 1}, {SYS_epoll_create1, 0}, {SYS_epoll_ctl, 1 | 4}, {SYS_epoll_pwait, 1},
  {SYS_epoll_pwait2, 1}, {SYS_eventfd2, 0}, {SYS_timerfd_create, 0}, {SYS_timerfd_settime, 1},
  {SYS_timerfd_gettime, 1}, {SYS_signalfd4, 1}, {SYS_inotify_init1, 0},
  {SYS_inotify_add_watch, 1}, {SYS_inotify_rm_watch, 1}, {SYS_ppoll, 0}, {SYS_pselect6, 0},
  {SYS_splice, 1 | 4}, {SYS_tee, 1 | 2}, {SYS_vmsplice, 1}, {SYS_sendfile, 1 | 2},
  {SYS_copy_file_range, 1 | 4}, {SYS_readahead, 1}, {SYS_fadvise64, 1}, {SYS_openat2, 1},
  {SYS_mincore, 0}, {SYS_msync, 0}, {SYS_mlock, 0}, {SYS_munlock, 0}, {SYS_munlockall, 0},
  {SYS_utimensat, 1}, {SYS_readlinkat, 1}, {SYS_getcwd, 0}, {SYS_fchownat, 1},
  {SYS_fchmodat, 1}, {SYS_mknodat, 1}, {SYS_statfs, 0}, {SYS_fstatfs, 1}, {SYS_symlinkat, 2},
  {SYS_linkat, 1 | 4}, {SYS_renameat2, 1 | 4}, {SYS_fallocate, 1}, {SYS_ftruncate, 1},
  {SYS_flock, 1}, {SYS_pipe2, 0}, {SYS_memfd_create, 0}, {SYS_fsync, 1}, {SYS_fdatasync, 1},
  {SYS_sync_file_range, 1}, {SYS_close_range, 0}, {SYS_fchmod, 1}, {SYS_fchown, 1},
};

int main(void)
{
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(three + 4096, 4096);
  char *buf = three;
  memset(buf, 0, 4096);
  strcpy(buf + 100, "fuzzfile");
  struct timespec *zero = (struct timespec *)(buf + 200);   /* stays zero: never waits */
  int fd = open("target", O_CREAT | O_RDWR, 0644);
  write(fd, buf, 4096);
  int p[2];
  pipe2(p, O_NONBLOCK);
  int ev = eventfd(0, EFD_NONBLOCK);
  uint64_t ptrs[] = {0, 8, 4095, (uint64_t)ro, (uint64_t)(three + 4096),
                     (uint64_t)(three + 4096 - 3), (uint64_t)buf, (uint64_t)(buf + 100),
                     (uint64_t)(buf + 1), 0x3fffffffff, 0x4000000000, 0xffffffffffffff00ull,
                     (uint64_t)main, (uint64_t)ro + 4090, (uint64_t)(buf + 4096 - 16)};
  uint64_t ints[] = {0, 1, (uint64_t)-1, 8, 100, 4096, 0x7fffffff, 0x80000000, (uint64_t)fd,
                     (uint64_t)p[0], (uint64_t)p[1], (uint64_t)ev, 1000, (uint64_t)-100,
                     0xffffffffffffull, 3, 0x5401, 0x5413, 0x541b, 0x80045430, 0x5421, 2048,
                     0x80000, 0x800};
  int n = 0;
  for (int i = 0; i < 6000; i++) {
    int k = (int)(next() % (sizeof calls / sizeof calls[0]));
    long nr = calls[k].nr;
    uint64_t a[6];
    for (int j = 0; j < 6; j++)
      a[j] = (next() & 1) ? ptrs[next() % (sizeof ptrs / sizeof ptrs[0])]
                          : ints[next() % (sizeof ints / sizeof ints[0])];
    for (int j = 0; j < 6; j++)
      if ((calls[k].fds >> j & 1) && (int)a[j] >= 0 && (int)a[j] <= 2)
        a[j] = (uint64_t)fd;   /* the kernel takes the low 32 bits */
    switch (nr) {
    case SYS_epoll_pwait: a[3] = 0; break;
    case SYS_epoll_pwait2: a[3] = (uint64_t)zero; break;
    case SYS_ppoll: a[2] = (uint64_t)zero; break;
    case SYS_pselect6: a[4] = (uint64_t)zero; break;
    case SYS_splice: a[5] |= 2; break;   /* SPLICE_F_NONBLOCK */
    case SYS_vmsplice: case SYS_tee: a[3] |= 2; break;
    case SYS_sendfile:
      if (a[0] == (uint64_t)p[1])
        a[0] = (uint64_t)fd;
      if (a[3] > 1 << 20)
        a[3] = 4096;
      break;
    case SYS_copy_file_range: if (a[4] > 1 << 20) a[4] = 4096; break;
    case SYS_fallocate: if (a[3] > 1 << 20) a[3] = 4096; if (a[2] > 1 << 20) a[2] = 0; break;
    case SYS_ftruncate: if (a[1] > 1 << 20) a[1] = 4096; break;
    case SYS_mknodat: a[2] = (next() & 1) ? 010644 : 0100644; break;   /* fifo or file */
    case SYS_close_range: if ((unsigned)a[0] < 100) a[0] = 100; break;
    }
    syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    n++;
  }
  printf("done %d\n", n > 1000);
  return 0;
}
