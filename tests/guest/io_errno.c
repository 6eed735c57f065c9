/* The errno of every bad pointer and bad flag case of the I/O calls, and which error wins when
 * several arguments are wrong. Compared with a native build of the same source (real Linux):
 * qemu-riscv64 differs in many of them. Run in an empty temporary directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../io/io_common.h"

#define BAD ((void *)8)

static char *ro;      /* a read-only page */
static char *edge;    /* 4 writable bytes before an unmapped page */
static char *hole;    /* an unmapped page */

static void fs_calls(int fd, int dfd)
{
  struct stat st;
  struct statfs sf;
  char buf[256];
  struct { uint64_t flags, mode, resolve; } how = {O_RDONLY, 0, 0};
  T(syscall(SYS_openat, AT_FDCWD, BAD, O_RDONLY));
  T(syscall(SYS_openat2, AT_FDCWD, "f", BAD, 24));
  T(syscall(SYS_openat2, AT_FDCWD, "f", &how, 8));
  T(syscall(SYS_openat2, AT_FDCWD, "f", &how, 5000));
  T(syscall(SYS_openat2, AT_FDCWD, BAD, &how, 8));
  T(syscall(SYS_openat2, AT_FDCWD, BAD, &how, 24));
  how.resolve = 0x80;
  T(syscall(SYS_openat2, AT_FDCWD, "f", &how, 24));
  how.resolve = 0;
  how.mode = 0644;
  T(syscall(SYS_openat2, AT_FDCWD, "f", &how, 24));
  how.mode = 0;
  uint64_t big[5] = {O_RDONLY, 0, 0, 0, 1};
  T(syscall(SYS_openat2, AT_FDCWD, "f", big, 40));
  big[4] = 0;
  long r = syscall(SYS_openat2, AT_FDCWD, "f", big, 40);
  SAY("openat2 zero tail ok %d", r >= 0);
  if (r >= 0)
    close((int)r);
  T(syscall(SYS_mkdirat, AT_FDCWD, BAD, 0755));
  T(syscall(SYS_unlinkat, AT_FDCWD, "f", 1));
  T(syscall(SYS_unlinkat, AT_FDCWD, BAD, 1));
  T(syscall(SYS_unlinkat, AT_FDCWD, BAD, 0));
  T(syscall(SYS_symlinkat, BAD, AT_FDCWD, "l"));
  T(syscall(SYS_symlinkat, "t", AT_FDCWD, BAD));
  T(syscall(SYS_symlinkat, "", AT_FDCWD, "l"));
  T(syscall(SYS_linkat, AT_FDCWD, "f", AT_FDCWD, "g", 1));
  T(syscall(SYS_linkat, AT_FDCWD, BAD, AT_FDCWD, "g", 1));
  T(syscall(SYS_linkat, AT_FDCWD, "f", AT_FDCWD, BAD, 0));
  T(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g", 3));
  T(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g", 0x100));
  T(syscall(SYS_renameat2, AT_FDCWD, BAD, AT_FDCWD, "g", 0));
  T(syscall(SYS_fchmodat, AT_FDCWD, BAD, 0644));
  T(syscall(SYS_fchownat, AT_FDCWD, "f", -1, -1, 1));
  T(syscall(SYS_fchownat, AT_FDCWD, BAD, -1, -1, 1));
  T(syscall(SYS_fchownat, AT_FDCWD, BAD, -1, -1, 0));
  T(syscall(SYS_fchmod, -1, 0644));
  T(syscall(SYS_fchown, -1, -1, -1));
  struct timespec bad_ns[2] = {{0, 2000000000}, {0, 0}};
  T(syscall(SYS_utimensat, AT_FDCWD, "f", BAD, 0));
  T(syscall(SYS_utimensat, AT_FDCWD, "nonexistent", BAD, 0));
  T(syscall(SYS_utimensat, AT_FDCWD, "f", NULL, 1));
  T(syscall(SYS_utimensat, AT_FDCWD, "f", bad_ns, 0));
  T(syscall(SYS_utimensat, fd, NULL, NULL, AT_SYMLINK_NOFOLLOW));
  T(syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0));
  T(syscall(SYS_utimensat, AT_FDCWD, BAD, NULL, 0));
  T(syscall(SYS_utimensat, -1, NULL, NULL, 0));
  T(syscall(SYS_statfs, BAD, &sf));
  T(syscall(SYS_statfs, ".", BAD));
  T(syscall(SYS_statfs, "nonexistent", BAD));
  T(syscall(SYS_statfs, ".", ro));
  T(syscall(SYS_fstatfs, fd, BAD));
  T(syscall(SYS_fstatfs, -1, &sf));
  T(syscall(SYS_fstatfs, -1, BAD));
  T(syscall(SYS_getcwd, BAD, 100));
  T(syscall(SYS_getcwd, buf, 1));
  T(syscall(SYS_getcwd, BAD, 1));
  T(syscall(SYS_getcwd, edge, 4096));
  T(syscall(SYS_getcwd, hole - 200, 4096) > 0);
  T(syscall(SYS_readlinkat, AT_FDCWD, "l2", BAD, 10));
  T(syscall(SYS_readlinkat, AT_FDCWD, "l2", buf, 0));
  T(syscall(SYS_readlinkat, AT_FDCWD, BAD, buf, 0));
  T(syscall(SYS_readlinkat, AT_FDCWD, "nonexistent", BAD, 10));
  T(syscall(SYS_readlinkat, AT_FDCWD, "f", BAD, 10));
  T(syscall(SYS_readlinkat, AT_FDCWD, "l2", edge, 10));
  T(syscall(SYS_readlinkat, AT_FDCWD, "l2", edge, 4));
  T(syscall(SYS_newfstatat, AT_FDCWD, "f", BAD, 0));
  T(syscall(SYS_newfstatat, AT_FDCWD, "f", &st, 1));
  T(syscall(SYS_newfstatat, AT_FDCWD, "nonexistent", BAD, 0));
  T(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x80000000u, buf));
  T(syscall(SYS_statx, AT_FDCWD, "f", 0x1, 0x7ff, buf));
  T(syscall(SYS_faccessat2, AT_FDCWD, "f", 0, 0x1));
  T(syscall(SYS_faccessat, AT_FDCWD, BAD, 0));
  T(syscall(SYS_faccessat, AT_FDCWD, "f", 8));
  T(syscall(SYS_mknodat, AT_FDCWD, BAD, S_IFIFO | 0644, 0));
  T(syscall(SYS_mknodat, AT_FDCWD, "dir", S_IFDIR | 0755, 0));
  T(syscall(SYS_getdents64, dfd, BAD, 100));
  T(syscall(SYS_getdents64, dfd, buf, 1));
  T(syscall(SYS_getdents64, -1, BAD, 100));
  T(syscall(SYS_truncate, BAD, 0));
  T(syscall(SYS_truncate, "f", -1L));
  T(syscall(SYS_ftruncate, fd, -1L));
  T(syscall(SYS_ftruncate, dfd, 0));
  T(syscall(SYS_fallocate, fd, 0x100, 0L, 10L));
  T(syscall(SYS_fallocate, fd, 0, -1L, 10L));
  T(syscall(SYS_fallocate, fd, 0, 0L, 0L));
  T(syscall(SYS_flock, fd, 0));
  T(syscall(SYS_flock, -1, LOCK_SH));
  T(syscall(SYS_fadvise64, fd, 0, 0, 99));
  T(syscall(SYS_readahead, -1, 0, 10));
  T(syscall(SYS_close_range, 3, 2, 0));
  T(syscall(SYS_close_range, 100, 200, 8));
  T(syscall(SYS_sync_file_range, fd, 0, 0, 8));
  T(syscall(SYS_fsync, -1));
  T(syscall(SYS_syncfs, -1));
}

static void fd_calls(int fd)
{
  int p[2], q[2];
  pipe(p);
  pipe(q);
  int out = open("out", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  loff_t off = 0;
  T(syscall(SYS_sendfile, out, fd, BAD, 10));
  T(syscall(SYS_sendfile, -1, fd, BAD, 10));
  T(syscall(SYS_sendfile, out, fd, ro, 10));
  T(syscall(SYS_copy_file_range, fd, BAD, out, NULL, 10, 0));
  T(syscall(SYS_copy_file_range, fd, &off, out, NULL, 10, 1));
  T(syscall(SYS_copy_file_range, -1, BAD, out, NULL, 10, 0));
  T(syscall(SYS_copy_file_range, fd, NULL, out, BAD, 10, 0));
  T(syscall(SYS_splice, p[0], BAD, q[1], NULL, 10, 0));
  T(syscall(SYS_splice, fd, BAD, p[1], NULL, 10, 0));
  T(syscall(SYS_splice, fd, &off, p[1], NULL, 10, 0x100));
  T(syscall(SYS_splice, -1, NULL, p[1], NULL, 10, 0));
  T(syscall(SYS_tee, p[0], q[1], 10, 0x100));
  T(syscall(SYS_tee, fd, q[1], 10, 0));
  struct iovec iv = {BAD, 10};
  T(syscall(SYS_vmsplice, p[1], BAD, 1, 0));
  T(syscall(SYS_vmsplice, p[1], &iv, 1, 0));
  T(syscall(SYS_vmsplice, p[1], &iv, 1, 0x100));
  T(syscall(SYS_vmsplice, -1, &iv, 1, 0));
  T(syscall(SYS_vmsplice, p[1], &iv, -1, 0));
  char name[300];
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = 0;
  T(syscall(SYS_memfd_create, BAD, 0));
  T(syscall(SYS_memfd_create, "m", 0x100));
  T(syscall(SYS_memfd_create, name, 0));
  T(syscall(SYS_pipe2, BAD, 0));
  T(syscall(SYS_pipe2, ro, 0));
  T(syscall(SYS_pipe2, p, 1));
  T(syscall(SYS_pipe2, BAD, 1));
  T(syscall(SYS_readahead, p[0], 0, 10));
  int n;
  T(syscall(SYS_ioctl, p[0], TCGETS, BAD));
  T(syscall(SYS_ioctl, p[0], FIONREAD, BAD));
  T(syscall(SYS_ioctl, p[0], FIONREAD, ro));
  T(syscall(SYS_ioctl, -1, TCGETS, BAD));
  T(syscall(SYS_ioctl, -1, 0x12345678, 0));
  T(syscall(SYS_ioctl, fd, 0x12345678, 0));
  T(syscall(SYS_ioctl, fd, FIONREAD, &n));
  SAY("FIONREAD file %d", n);
  T(syscall(SYS_ioctl, fd, FIONBIO, BAD));
  T(syscall(SYS_ioctl, fd, FIOCLEX, BAD));
  T(syscall(SYS_ioctl, fd, TIOCGWINSZ, BAD));
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m >= 0) {
    T(syscall(SYS_ioctl, m, TCGETS, BAD));
    T(syscall(SYS_ioctl, m, TCGETS, ro));
    T(syscall(SYS_ioctl, m, TCSETS, ro));
    T(syscall(SYS_ioctl, m, TCSETS, BAD));
    T(syscall(SYS_ioctl, m, TIOCGWINSZ, BAD));
    T(syscall(SYS_ioctl, m, TIOCSWINSZ, ro));
    T(syscall(SYS_ioctl, m, TIOCGWINSZ, edge));
    T(syscall(SYS_ioctl, m, TIOCGPTN, BAD));
    T(syscall(SYS_ioctl, m, TIOCSPTLCK, BAD));
    T(syscall(SYS_ioctl, m, 0x5412 /* TIOCSTI */, BAD));
    T(syscall(SYS_ioctl, m, TCFLSH, 99));
    close(m);
  }
  close(out);
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
}

static void event_calls(void)
{
  int p[2];
  pipe(p);
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.u64 = 1}}, evs[4];
  uint64_t mask = 0;
  struct timespec zero = {0, 0}, badts = {0, -1};
  T(syscall(SYS_epoll_create1, 1));
  T(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], BAD));
  T(syscall(SYS_epoll_ctl, ep, 99, p[0], &ev));
  T(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], NULL));
  T(syscall(SYS_epoll_ctl, -1, EPOLL_CTL_ADD, p[0], BAD));
  T(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, ep, &ev));
  T(syscall(SYS_epoll_ctl, p[0], EPOLL_CTL_ADD, p[1], &ev));
  T(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev));
  T(syscall(SYS_epoll_pwait, ep, BAD, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, evs, 0, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, evs, -1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, evs, 0x7fffffff, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, evs, 1, 0, BAD, 8));
  T(syscall(SYS_epoll_pwait, ep, evs, 1, 0, &mask, 4));
  T(syscall(SYS_epoll_pwait, ep, evs, 0, 0, &mask, 4));
  T(syscall(SYS_epoll_pwait, p[0], evs, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, -1, evs, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait2, ep, evs, 1, BAD, NULL, 8));
  T(syscall(SYS_epoll_pwait2, ep, evs, 1, &badts, NULL, 8));
  T(syscall(SYS_epoll_pwait2, ep, evs, 0, BAD, NULL, 8));
  write(p[1], "x", 1);
  T(syscall(SYS_epoll_pwait, ep, BAD, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, ro, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, edge, 1, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait, ep, hole - 16, 4, 0, NULL, 8));
  T(syscall(SYS_epoll_pwait2, ep, evs, 4, &zero, &mask, 8));
  T(syscall(SYS_eventfd2, 0, 1));
  T(syscall(SYS_timerfd_create, 99, 0));
  T(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 1));
  int t = (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
  struct itimerspec its = {{0, 0}, {100, 0}}, badit = {{0, 0}, {0, 1000000000}};
  T(syscall(SYS_timerfd_settime, t, 0, BAD, NULL));
  T(syscall(SYS_timerfd_settime, t, 8, &its, NULL));
  T(syscall(SYS_timerfd_settime, t, 0, &badit, NULL));
  T(syscall(SYS_timerfd_settime, t, 0, &its, BAD));
  struct itimerspec cur;
  T(syscall(SYS_timerfd_gettime, t, &cur));
  SAY("armed despite EFAULT %d", cur.it_value.tv_sec > 90);
  T(syscall(SYS_timerfd_gettime, t, BAD));
  T(syscall(SYS_timerfd_gettime, -1, BAD));
  T(syscall(SYS_timerfd_gettime, p[0], &cur));
  close(t);
  T(syscall(SYS_signalfd4, -1, BAD, 8, 0));
  T(syscall(SYS_signalfd4, -1, &mask, 4, 0));
  T(syscall(SYS_signalfd4, -1, &mask, 8, 1));
  T(syscall(SYS_signalfd4, -1, BAD, 8, 1));
  T(syscall(SYS_signalfd4, p[0], &mask, 8, 0));
  T(syscall(SYS_inotify_init1, 1));
  int in = (int)syscall(SYS_inotify_init1, 0);
  T(syscall(SYS_inotify_add_watch, in, BAD, IN_CREATE));
  T(syscall(SYS_inotify_add_watch, in, ".", 0));
  T(syscall(SYS_inotify_add_watch, in, BAD, 0));
  T(syscall(SYS_inotify_add_watch, -1, BAD, IN_CREATE));
  T(syscall(SYS_inotify_rm_watch, in, 12345));
  close(in);
  struct pollfd pf = {p[0], POLLIN, 0};
  T(syscall(SYS_ppoll, BAD, 1, &zero, NULL, 8));
  T(syscall(SYS_ppoll, &pf, 1, BAD, NULL, 8));
  T(syscall(SYS_ppoll, &pf, 1, &badts, NULL, 8));
  T(syscall(SYS_ppoll, &pf, 1, &zero, &mask, 4));
  T(syscall(SYS_ppoll, &pf, 1, &zero, BAD, 8));
  T(syscall(SYS_ppoll, BAD, 1, &zero, BAD, 8));
  T(syscall(SYS_ppoll, ro, 1, &zero, NULL, 8));
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  T(syscall(SYS_ppoll, BAD, rl.rlim_cur + 1, &zero, NULL, 8));
  T(syscall(SYS_ppoll, NULL, 0, &zero, NULL, 8));
  T(syscall(SYS_ppoll, &pf, 1, ro, NULL, 8));
  fd_set set;
  FD_ZERO(&set);
  FD_SET(p[0], &set);
  uint64_t pack[2] = {(uint64_t)(uintptr_t)&mask, 8};
  T(syscall(SYS_pselect6, -1, NULL, NULL, NULL, &zero, NULL));
  T(syscall(SYS_pselect6, p[0] + 1, BAD, NULL, NULL, &zero, NULL));
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, BAD, NULL));
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &badts, NULL));
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &zero, BAD));
  T(syscall(SYS_pselect6, -1, NULL, NULL, NULL, BAD, NULL));
  pack[1] = 4;
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &zero, pack));
  pack[0] = 8;
  pack[1] = 8;
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &zero, pack));
  pack[0] = 0;
  T(syscall(SYS_pselect6, p[0] + 1, &set, NULL, NULL, &zero, pack));
  close(ep);
  close(p[0]);
  close(p[1]);
}

static void memory_calls(void)
{
  long pg = 4096;
  char *a = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  unsigned char vec[4];
  T(syscall(SYS_msync, a + 1, pg, MS_SYNC));
  T(syscall(SYS_msync, a, pg, 8));
  T(syscall(SYS_msync, a, pg, MS_SYNC | MS_ASYNC));
  T(syscall(SYS_msync, hole, pg, MS_SYNC));
  T(syscall(SYS_msync, hole, pg, MS_ASYNC));
  T(syscall(SYS_msync, a, -1L, MS_SYNC));
  T(syscall(SYS_msync, a, -5000L, MS_SYNC));
  T(syscall(SYS_mlock, hole, pg));
  T(syscall(SYS_mlock, a, -1L));
  T(syscall(SYS_mlock, a, 0));
  T(syscall(SYS_munlock, hole, 1));
  T(syscall(SYS_mlockall, 0));
  T(syscall(SYS_mlockall, 8));
  T(syscall(SYS_mlockall, MCL_ONFAULT));
  T(syscall(SYS_mincore, a + 1, pg, vec));
  T(syscall(SYS_mincore, hole, pg, vec));
  T(syscall(SYS_mincore, a, pg, BAD));
  T(syscall(SYS_mincore, a, pg, ro));
  T(syscall(SYS_mincore, hole, pg, BAD));
  T(syscall(SYS_mincore, a, -4096L, vec));
  T(syscall(SYS_mincore, (void *)0x4000000000000000ull, pg, vec));
  T(syscall(SYS_mincore, a, 0, BAD));
  munmap(a, 2 * pg);
}

int main(int argc, char **argv)
{
  ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *two = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + 4096, 4096);
  hole = two + 4096;
  edge = hole - 4;
  int fd = open("f", O_CREAT | O_RDWR, 0644);
  write(fd, "some file data\n", 15);
  lseek(fd, 0, SEEK_SET);
  symlink("a-link-target", "l2");
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  const char *only = argc > 1 ? argv[1] : "";
  if (!*only || !strcmp(only, "fs"))
    fs_calls(fd, dfd);
  if (!*only || !strcmp(only, "fd"))
    fd_calls(fd);
  if (!*only || !strcmp(only, "events"))
    event_calls();
  if (!*only || !strcmp(only, "memory"))
    memory_calls();
  return 0;
}
